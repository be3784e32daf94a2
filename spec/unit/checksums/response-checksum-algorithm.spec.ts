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

  describe('a streamed body that does not match its checksum never reads as success, however it is read', () => {
    const damaged = { status: 200, headers: { 'x-amz-checksum-crc32': CRC32_OF_HELLO, 'content-length': '5' }, body: 'jello' };
    type Body = { read(n?: number): Promise<Buffer>; text(): Promise<string>; stream: NodeJS.ReadableStream } & AsyncIterable<Buffer>;
    const body = async (): Promise<Body> => (await s3().getObject({ Bucket: 'b', Key: 'k' })).Body as Body;

    it('read() and text() reject with ChecksumError', async () => {
      server.reply(damaged);
      await expect((await body()).read()).rejects.toThrow(ChecksumError);
      server.reply(damaged);
      await expect((await body()).text()).rejects.toThrow(ChecksumError);
    });

    it('iteration throws ChecksumError at the end', async () => {
      server.reply(damaged);
      const b = await body();
      const chunks: Buffer[] = [];
      await expect((async () => {
        for await (const chunk of b) chunks.push(chunk);
      })()).rejects.toThrow(ChecksumError);
    });

    it('the Node stream (body.stream) errors with ChecksumError, even after read() was not used', async () => {
      server.reply(damaged);
      const stream = (await body()).stream;
      await expect(new Promise((resolve, reject) => {
        stream.on('data', () => undefined);
        stream.on('end', resolve);
        stream.on('error', reject);
      })).rejects.toThrow(ChecksumError);
    });

    it('a matching body reads whole by every way', async () => {
      const ok = { ...damaged, body: 'hello' };
      server.reply(ok);
      expect((await (await body()).read()).toString()).toBe('hello');
      server.reply(ok);
      let text = '';
      for await (const chunk of await body()) text += chunk.toString();
      expect(text).toBe('hello');
      // A part read is not checked (the checksum covers the whole body), as botocore's is not.
      server.reply(damaged);
      expect((await (await body()).read(2)).toString()).toBe('je');
    });
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
