/**
 * S3 user metadata must be ASCII, as botocore's validate_ascii_metadata requires on PutObject,
 * CopyObject and CreateMultipartUpload: a non-ASCII key or value is a ParamValidationError with
 * botocore's wording (bounded), and nothing is sent. Latin-1 values used to go out as is.
 */
import { Config, ParamValidationError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

describe('S3 metadata must be ASCII', () => {
  const server = new CannedServer();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());

  const s3 = () => session.client('s3', { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });

  it.each([
    ['putObject', { Body: 'x' }],
    ['createMultipartUpload', {}],
    ['copyObject', { CopySource: 'src/key' }],
  ])('%s refuses a non-ASCII value before sending', async (method, extra) => {
    const call = s3()[method]({ Bucket: 'b', Key: 'k', Metadata: { author: 'Zoë' }, ...extra });
    await expect(call).rejects.toBeInstanceOf(ParamValidationError);
    await expect(call).rejects.toThrow('Non ascii characters found in S3 metadata for key "author", value: "Zoë". S3 metadata can only contain ASCII characters.');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a non-ASCII key, and quotes a long value bounded', async () => {
    await expect(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', Metadata: { 'clé': 'v' } })).rejects.toThrow(/for key "clé", value: "v"/);
    const long = `${'é'.repeat(1 << 20)}`;
    const err = await s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', Metadata: { k: long } }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ParamValidationError);
    expect((err as Error).message.length).toBeLessThan(500);
    expect((err as Error).message).toContain(`(${1 << 20} characters)`);
    expect(server.requests).toHaveLength(0);
  });
});
