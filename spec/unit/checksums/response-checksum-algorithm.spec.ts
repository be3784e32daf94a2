/**
 * After a validated response checksum, ResponseMetadata.ChecksumAlgorithm names the algorithm,
 * lower-case, as botocore's parser reports it (httpchecksum.handle_checksum_body records it;
 * ResponseParser._add_checksum_response_metadata adds it). Expected values are boto3 1.43.11's
 * results for the same responses, recorded against a loopback server.
 */
import { ChecksumError, Session } from '../../../src';
import { validateResponseChecksum } from '../../../src/checksums';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const CRC32_OF_HELLO = 'NhCmhg==';

describe('ResponseMetadata.ChecksumAlgorithm', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const s3 = () => session.client('s3', { endpointUrl: url, config: { s3: { addressingStyle: 'path' } } });

  it("GetObject with x-amz-checksum-crc32: 'crc32', set before the body is read", async () => {
    server.reply({ status: 200, headers: { 'x-amz-checksum-crc32': CRC32_OF_HELLO, 'content-length': '5' }, body: 'hello' });
    const r = await s3().getObject({ Bucket: 'b', Key: 'k' });
    // boto3: ResponseMetadata {'HTTPStatusCode': 200, 'HTTPHeaders': {...}, 'ChecksumAlgorithm': 'crc32', 'RetryAttempts': 0}
    expect(r.ResponseMetadata.ChecksumAlgorithm).toBe('crc32');
    expect(await (r.Body as { text(): Promise<string> }).text()).toBe('hello');
  });

  it('absent when the response has no checksum header', async () => {
    server.reply({ status: 200, headers: { 'content-length': '5' }, body: 'hello' });
    const r = await s3().getObject({ Bucket: 'b', Key: 'k' });
    await (r.Body as { text(): Promise<string> }).text();
    expect(r.ResponseMetadata).not.toHaveProperty('ChecksumAlgorithm');
  });

  it('validateResponseChecksum records the algorithm in the metadata it is given, only when it validates', () => {
    const meta: { ChecksumAlgorithm?: string } = {};
    validateResponseChecksum({ 'x-amz-checksum-crc32': CRC32_OF_HELLO }, Buffer.from('hello'), ['crc32'], meta);
    expect(meta.ChecksumAlgorithm).toBe('crc32');
    const untouched: { ChecksumAlgorithm?: string } = {};
    expect(() => validateResponseChecksum({ 'x-amz-checksum-crc32': 'AAAAAA==' }, Buffer.from('hello'), ['crc32'], untouched)).toThrow(ChecksumError);
    expect(untouched).toEqual({});
  });
});
