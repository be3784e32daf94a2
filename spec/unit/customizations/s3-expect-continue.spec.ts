/**
 * Which S3 requests carry `Expect: 100-continue` (botocore's add_expect_header, after
 * convert_body_to_file_like_object). Expected values: boto3 1.43.11 against a loopback server
 * with the same calls (PutObject with bytes, empty or no Body; UploadPart; PutBucketPolicy;
 * WriteGetObjectResponse with bytes and a file; BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE=true).
 */
import { Readable } from 'stream';
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

describe('S3 Expect: 100-continue', () => {
  const server = new CannedServer();
  let url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let s3: any;
  beforeAll(async () => {
    url = await server.start();
    // The server is the client's http proxy, so WriteGetObjectResponse's host prefix has an AWS host to go on.
    s3 = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' }).client('s3', { useSsl: false, config: { proxies: { http: url } } });
  });
  afterAll(async () => {
    s3.close();
    await server.stop();
  });
  beforeEach(() => void (server.requests.length = 0));
  afterEach(() => void delete process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE);

  const expectHeader = (): string | undefined => server.requests[0].headers.expect as string | undefined;

  it.each([
    ['PutObject with a bytes Body', () => s3.putObject({ Bucket: 'b', Key: 'k', Body: Buffer.from('abc') }), '100-continue'],
    ['PutObject with a string Body', () => s3.putObject({ Bucket: 'b', Key: 'k', Body: 'abc' }), '100-continue'],
    ['PutObject with an empty Body', () => s3.putObject({ Bucket: 'b', Key: 'k', Body: '' }), '100-continue'],
    ['PutObject with a stream Body', () => s3.putObject({ Bucket: 'b', Key: 'k', Body: Readable.from([Buffer.from('abc')]), ContentLength: 3 }), '100-continue'],
    ['PutObject without a Body', () => s3.putObject({ Bucket: 'b', Key: 'k' }), undefined],
    ['UploadPart with a bytes Body', () => s3.uploadPart({ Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, Body: 'x' }), '100-continue'],
    ['PutBucketPolicy (an XML/JSON body of bytes)', () => s3.putBucketPolicy({ Bucket: 'b', Policy: '{}' }), undefined],
    ['GetObject', () => s3.getObject({ Bucket: 'b', Key: 'k' }), undefined],
    ['WriteGetObjectResponse with bytes', () => s3.writeGetObjectResponse({ RequestRoute: 'r', RequestToken: 't', Body: 'x' }), undefined],
    ['WriteGetObjectResponse with a stream', () => s3.writeGetObjectResponse({ RequestRoute: 'r', RequestToken: 't', Body: Readable.from([Buffer.from('x')]), ContentLength: 1 }), '100-continue'],
  ])('%s', async (_name, call, expected) => {
    await call();
    expect(expectHeader()).toBe(expected);
  });

  it('BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE=true leaves it off an empty body only', async () => {
    process.env.BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE = 'True';
    await s3.putObject({ Bucket: 'b', Key: 'k', Body: '' });
    expect(expectHeader()).toBeUndefined();
    server.requests.length = 0;
    await s3.putObject({ Bucket: 'b', Key: 'k', Body: '1' });
    expect(expectHeader()).toBe('100-continue');
  });

  it('is not signed, and presigned URLs know nothing of it', async () => {
    await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'abc' });
    expect(server.requests[0].headers.authorization).not.toMatch(/expect/i);
    expect(server.requests[0].body.toString()).toBe('abc');
    const presigned = (await s3.generatePresignedUrl('put_object', { Params: { Bucket: 'b', Key: 'k' } })) as string;
    expect(presigned).not.toMatch(/expect/i);
  });
});
