/**
 * EC2 GetConsoleOutput: Output comes back base64-decoded as text (botocore's
 * decode_console_output), bytes that are not UTF-8 replaced by U+FFFD; a value Python cannot
 * decode stays as it came. Expected values are boto3 1.43.11's results for the same responses,
 * recorded against a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });

describe('EC2 GetConsoleOutput Output', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const ec2 = () => session.client('ec2', { endpointUrl: url });

  it('is decoded, invalid UTF-8 replaced', async () => {
    const encoded = Buffer.concat([Buffer.from('boot ok \u00e9\n', 'utf8'), Buffer.from([0xff])]).toString('base64');
    server.reply(xml(`<GetConsoleOutputResponse><requestId>r</requestId><instanceId>i-1</instanceId><output>${encoded}</output></GetConsoleOutputResponse>`));
    const r = await ec2().getConsoleOutput({ InstanceId: 'i-1' });
    // boto3: 'boot ok é\n\ufffd'
    expect(r.Output).toBe('boot ok \u00e9\n\ufffd');
    expect(r.InstanceId).toBe('i-1');
  });

  it('stays as it came when Python cannot decode it (incorrect padding)', async () => {
    server.reply(xml('<GetConsoleOutputResponse><requestId>r</requestId><output>abc</output></GetConsoleOutputResponse>'));
    const r = await ec2().getConsoleOutput({ InstanceId: 'i-1' });
    // boto3: 'abc' (Node's base64 decoder would have given 'i·' instead)
    expect(r.Output).toBe('abc');
  });
});
