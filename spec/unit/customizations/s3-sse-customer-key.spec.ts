/**
 * SSE-C keys are base64-encoded, with their MD5 added, for the operations botocore registers
 * sse_md5 / copy_source_sse_md5 for, and only those: GetObjectAttributes and ListParts send the
 * key as given, as boto3 does. Expected headers are boto3 1.43.11's for the same calls, captured
 * by a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const KEY = '0123456789abcdef0123456789abcdef';
const SSE = { SSECustomerAlgorithm: 'AES256', SSECustomerKey: KEY };

describe('S3 SSE-C keys', () => {
  const server = new CannedServer();
  let s3: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/xml' }, body: '<R/>' };
    s3 = session.client('s3', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  function sse(): Record<string, string | undefined> {
    const h = server.requests[0].headers;
    const pick = (name: string): string | undefined => h[name] as string | undefined;
    return {
      key: pick('x-amz-server-side-encryption-customer-key'),
      md5: pick('x-amz-server-side-encryption-customer-key-md5'),
      copyKey: pick('x-amz-copy-source-server-side-encryption-customer-key'),
      copyMd5: pick('x-amz-copy-source-server-side-encryption-customer-key-md5'),
    };
  }

  it.each([
    ['getObjectAttributes', { Bucket: 'b', Key: 'k', ObjectAttributes: ['ETag'], ...SSE }],
    ['listParts', { Bucket: 'b', Key: 'k', UploadId: 'u', ...SSE }],
  ])('%s sends the key as given, with no MD5', async (op, params) => {
    await s3[op](params);
    expect(sse()).toEqual({ key: KEY, md5: undefined, copyKey: undefined, copyMd5: undefined });
  });

  it('HeadObject encodes the key and adds its MD5', async () => {
    await s3.headObject({ Bucket: 'b', Key: 'k', ...SSE });
    expect(sse()).toEqual({ key: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', md5: 'hRasmdxgYDKV3nvbahU1MA==', copyKey: undefined, copyMd5: undefined });
  });

  it('UploadPartCopy encodes both keys (a Buffer key as its bytes)', async () => {
    await s3.uploadPartCopy({
      Bucket: 'b', Key: 'k', UploadId: 'u', PartNumber: 1, CopySource: 'src/key',
      CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: KEY,
      SSECustomerAlgorithm: 'AES256', SSECustomerKey: Buffer.from('fedcba9876543210fedcba9876543210'),
    });
    expect(sse()).toEqual({
      key: 'ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=',
      md5: 'dT1y7SEiqn6YCJ3QeqwoIw==',
      copyKey: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
      copyMd5: 'hRasmdxgYDKV3nvbahU1MA==',
    });
  });

  it('leaves the key alone when the caller gives the MD5', async () => {
    await s3.getObject({ Bucket: 'b', Key: 'k', SSECustomerAlgorithm: 'AES256', SSECustomerKey: 'k1', SSECustomerKeyMD5: 'given' });
    expect(sse()).toEqual({ key: 'k1', md5: 'given', copyKey: undefined, copyMd5: undefined });
  });
});
