/**
 * Two client switches seen on the wire: `Config({ s3: { addressingStyle } })` (auto, virtual,
 * path; a bucket with dots falls back to path style under TLS, as botocore's rules do) and
 * `Config({ parameterValidation: false })`, which lets a call the model would refuse go out.
 */
import { Config, ParamValidationError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

async function urlFor(style: 'auto' | 'virtual' | 'path', bucket: string): Promise<string> {
  const s3 = session.client('s3', { config: new Config({ s3: { addressingStyle: style } }) });
  const url = await s3.generatePresignedUrl('getObject', { Params: { Bucket: bucket, Key: 'k/x.txt' } });
  return String(url).split('?')[0];
}

describe('S3 addressing style', () => {
  it.each([
    ['auto', 'my-bucket', 'https://my-bucket.s3.us-west-2.amazonaws.com/k/x.txt'],
    ['virtual', 'my-bucket', 'https://my-bucket.s3.us-west-2.amazonaws.com/k/x.txt'],
    ['path', 'my-bucket', 'https://s3.us-west-2.amazonaws.com/my-bucket/k/x.txt'],
    ['auto', 'my.bucket', 'https://s3.us-west-2.amazonaws.com/my.bucket/k/x.txt'],
    ['virtual', 'my.bucket', 'https://s3.us-west-2.amazonaws.com/my.bucket/k/x.txt'],
    ['path', 'my.bucket', 'https://s3.us-west-2.amazonaws.com/my.bucket/k/x.txt'],
  ] as const)('%s with %s -> %s', async (style, bucket, expected) => {
    expect(await urlFor(style, bucket)).toBe(expected);
  });

  it('an unknown style is refused when the client is built', () => {
    expect(() => session.client('s3', { config: new Config({ s3: { addressingStyle: 'sideways' as never } }) })).toThrow(/addressingStyle|addressing_style/);
  });
});

describe('Config({ parameterValidation: false })', () => {
  const server = new CannedServer();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());

  it('sends a call the model would refuse, exactly as given', async () => {
    const strict = session.client('sqs', { endpointUrl: endpoint });
    await expect(strict.sendMessage({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: 'soon' })).rejects.toBeInstanceOf(ParamValidationError);
    expect(server.requests).toHaveLength(0);

    server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"MessageId":"m-1","MD5OfMessageBody":"9dd4e461268c8034f5c8564e155c67a6"}' });
    const lax = session.client('sqs', { endpointUrl: endpoint, config: new Config({ parameterValidation: false }) });
    const out = await lax.sendMessage({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: 'soon' });
    expect(out.MessageId).toBe('m-1');
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0].body.toString())).toEqual({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: 'soon' });
  });
});
