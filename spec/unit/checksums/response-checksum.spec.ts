/** Response checksum validation: the ChecksumMode handshake, whole bodies and streams. */
import { Readable } from 'stream';
import {
  createChecksumValidatingStream,
  resolveResponseAlgorithms,
  setRequestValidationMode,
  validateResponseChecksum,
} from '../../../src/checksums';
import { ServiceModel, RawServiceModel } from '../../../src/models/service-model';
import { ChecksumError } from '../../../src/errors';

const MODEL: RawServiceModel = {
  metadata: { apiVersion: '2006-03-01', endpointPrefix: 's3', protocol: 'rest-xml', serviceId: 'S3' },
  operations: {
    GetObject: {
      name: 'GetObject',
      http: { method: 'GET', requestUri: '/{Bucket}/{Key+}' },
      httpChecksum: {
        requestValidationModeMember: 'ChecksumMode',
        responseAlgorithms: ['CRC64NVME', 'CRC32', 'CRC32C', 'SHA256', 'SHA1', 'SHA512', 'MD5', 'XXHASH64'],
      },
    },
    HeadBucket: { name: 'HeadBucket', http: { method: 'HEAD', requestUri: '/{Bucket}' } },
  },
  shapes: {},
};
const s3 = new ServiceModel(MODEL, 's3');
const HELLO = Buffer.from('hello world');

async function drain(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString();
}

describe('response checksum validation', () => {
  it('sets ChecksumMode=ENABLED for when_supported unless the caller chose', () => {
    const params: Record<string, unknown> = { Bucket: 'b' };
    setRequestValidationMode(s3.operation('GetObject'), params);
    expect(params.ChecksumMode).toBe('ENABLED');
    const off: Record<string, unknown> = {};
    setRequestValidationMode(s3.operation('GetObject'), off, 'when_required');
    expect(off).toEqual({});
    const other: Record<string, unknown> = {};
    setRequestValidationMode(s3.operation('HeadBucket'), other);
    expect(other).toEqual({});
  });

  it('resolves the supported response algorithms in priority order, only when requested', () => {
    expect(resolveResponseAlgorithms(s3.operation('GetObject'), { ChecksumMode: 'ENABLED' })).toEqual([
      'crc64nvme',
      'crc32c',
      'crc32',
      'sha1',
      'sha256',
      'sha512',
    ]);
    expect(resolveResponseAlgorithms(s3.operation('GetObject'), {})).toBeUndefined();
    expect(resolveResponseAlgorithms(s3.operation('HeadBucket'), { ChecksumMode: 'ENABLED' })).toBeUndefined();
  });

  it('validates a whole body', () => {
    expect(validateResponseChecksum({ 'x-amz-checksum-crc32': 'DUoRhQ==' }, HELLO)).toBe('crc32');
    expect(validateResponseChecksum({ 'x-amz-checksum-crc32c': 'yZRlqg==' }, HELLO)).toBe('crc32c');
    expect(() => validateResponseChecksum({ 'x-amz-checksum-crc32': 'AAAAAA==' }, HELLO)).toThrow(
      new ChecksumError('Expected checksum AAAAAA== did not match calculated checksum: DUoRhQ=='),
    );
  });

  it('skips absent, unlisted and composite (multipart) checksums', () => {
    expect(validateResponseChecksum({}, HELLO)).toBeUndefined();
    expect(validateResponseChecksum({ 'x-amz-checksum-crc32': 'AAAAAA==' }, HELLO, ['sha256'])).toBeUndefined();
    expect(validateResponseChecksum({ 'x-amz-checksum-crc32': 'abcd-3' }, HELLO)).toBeUndefined();
  });

  it('validates a stream when it ends', async () => {
    const ok = createChecksumValidatingStream(Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
      'x-amz-checksum-sha256': 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
    });
    expect(await drain(ok)).toBe('hello world');
    const bad = createChecksumValidatingStream(Readable.from([HELLO]), { 'x-amz-checksum-crc32': 'AAAAAA==' });
    await expect(drain(bad)).rejects.toThrow(ChecksumError);
  });

  it('returns the stream itself when there is nothing to validate, and forwards source errors', async () => {
    const plain = Readable.from([HELLO]);
    expect(createChecksumValidatingStream(plain, {})).toBe(plain);
    const failing = new Readable({ read() { this.destroy(new Error('reset')); } });
    const wrapped = createChecksumValidatingStream(failing, { 'x-amz-checksum-crc32': 'DUoRhQ==' });
    await expect(drain(wrapped)).rejects.toThrow('reset');
  });

  it('a reader that stops early releases the stream under it (its connection), one that reads to the end does not need to', async () => {
    // body.close() destroys the wrapper; a `break` out of `for await` does too.
    for (const stop of ['destroy', 'break'] as const) {
      const source = new Readable({ read() {} });
      source.push(Buffer.from('first part'));
      const wrapped = createChecksumValidatingStream(source, { 'x-amz-checksum-crc32': 'AAAAAA==' });
      if (stop === 'destroy') wrapped.destroy();
      else for await (const _chunk of wrapped) break;
      await new Promise((resolve) => setImmediate(resolve));
      expect(source.destroyed).toBe(true);
    }
    const whole = Readable.from([HELLO]);
    const checked = createChecksumValidatingStream(whole, { 'x-amz-checksum-crc32': 'DUoRhQ==' });
    expect(await drain(checked)).toBe('hello world');
    expect(whole.readableEnded).toBe(true);
  });
});
