/**
 * An unsigned S3 request with an aws-chunked checksum trailer says
 * `X-Amz-Content-SHA256: STREAMING-UNSIGNED-PAYLOAD-TRAILER` (botocore's
 * _set_extra_headers_for_unsigned_request). boto3 1.43.11, anonymous client
 * (signature_version=UNSIGNED), put_object(Bucket='bkt', Key='k', Body=b'hello') at the https
 * endpoint sends Content-Encoding: aws-chunked, X-Amz-Trailer: x-amz-checksum-crc32,
 * X-Amz-Decoded-Content-Length: 5 and that header (captured at before-send); over http it sends
 * x-amz-checksum-crc32: NhCmhg== and no X-Amz-Content-SHA256.
 */
import { Session, UNSIGNED } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, regionName: 'us-east-1' });

/** Headers of the request put_object sends, taken at before-send (nothing goes out). */
async function putObjectHeaders(opts: { endpointUrl?: string; signed?: boolean } = {}): Promise<Record<string, string>> {
  const s = opts.signed ? new Session({ env, regionName: 'us-east-1', awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET' }) : session;
  const config = opts.signed ? { retries: { maxAttempts: 1 } } : { signatureVersion: UNSIGNED, retries: { maxAttempts: 1 } };
  const s3 = s.client('s3', { endpointUrl: opts.endpointUrl, config });
  let headers: Record<string, string> = {};
  s3.meta.events.register('before-send.s3', (p) => {
    headers = (p.request as { headers: Record<string, string> }).headers;
    return { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
  });
  await s3.putObject({ Bucket: 'bkt', Key: 'k', Body: 'hello' });
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) lower[k.toLowerCase()] = v;
  return lower;
}

describe('S3 unsigned requests with a checksum trailer', () => {
  it('carry STREAMING-UNSIGNED-PAYLOAD-TRAILER over https', async () => {
    const h = await putObjectHeaders();
    expect(h['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(h['content-encoding']).toBe('aws-chunked');
    expect(h['x-amz-decoded-content-length']).toBe('5');
    expect(h['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(h.authorization).toBeUndefined();
  });

  it('do not over http, where the checksum is a header', async () => {
    const h = await putObjectHeaders({ endpointUrl: 'http://127.0.0.1:9' });
    expect(h['x-amz-checksum-crc32']).toBe('NhCmhg==');
    expect(h['x-amz-content-sha256']).toBeUndefined();
  });

  it('leave signed requests to the signer', async () => {
    const h = await putObjectHeaders({ signed: true });
    expect(h['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(h.authorization).toContain('x-amz-content-sha256');
  });
});
