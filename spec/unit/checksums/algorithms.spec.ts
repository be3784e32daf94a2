/** Checksum algorithms against known digests (zlib/hashlib, and bit-by-bit CRC references). */
import { computeChecksum, contentMd5, createChecksum, crc32, crc32c } from '../../../src/checksums';
import { crc32Portable } from '../../../src/util/crc';
import { ChecksumError } from '../../../src/errors';

const BIG = Buffer.alloc(10240);
for (let i = 0; i < BIG.length; i++) BIG[i] = i % 256;

describe('checksum algorithms', () => {
  it.each([
    ['crc32', 'hello world', 'DUoRhQ=='],
    ['crc32', '123456789', 'y/Q5Jg=='],
    ['crc32c', 'hello world', 'yZRlqg=='],
    ['crc32c', '123456789', '4waSgw=='],
    ['crc64nvme', 'hello world', 'jSnVw/bqjr4='],
    ['crc64nvme', '123456789', 'rosUhgp5mIg='],
    ['sha1', 'hello world', 'Kq5sNclPz7QV2+lfQIuc6R7oRu0='],
    ['sha256', 'hello world', 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    [
      'sha512',
      'hello world',
      'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==',
    ],
  ])('%s(%s) = %s', (alg, input, expected) => {
    expect(computeChecksum(alg, input)).toBe(expected);
  });

  it('empty bodies', () => {
    expect(computeChecksum('crc32', undefined)).toBe('AAAAAA==');
    expect(computeChecksum('crc32c', Buffer.alloc(0))).toBe('AAAAAA==');
    expect(computeChecksum('crc64nvme', '')).toBe('AAAAAAAAAAA=');
  });

  it.each([
    ['crc32', 'u847nQ=='],
    ['crc32c', 'vYRs1w=='],
    ['crc64nvme', '4XY+hejrRZk='],
    ['sha1', 'NoEumfLVkcURSnsJUZ6p19q6I4A='],
  ])('%s is the same fed in uneven pieces (slicing-by-8 tail handling)', (alg, expected) => {
    expect(computeChecksum(alg, BIG)).toBe(expected);
    const c = createChecksum(alg);
    for (const [a, b] of [[0, 3], [3, 20], [20, 4099], [4099, 10240]]) c.update(BIG.subarray(a, b));
    expect(c.digest().toString('base64')).toBe(expected);
  });

  it('the portable CRC32 matches zlib', () => {
    expect(crc32Portable(BIG)).toBe(0xbbce3b9d);
    expect(crc32Portable(BIG.subarray(5), crc32Portable(BIG.subarray(0, 5)))).toBe(crc32(BIG));
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('Content-MD5', () => {
    expect(contentMd5('hello world')).toBe('XrY7u+Ae7tCTyyK7j1rNww==');
  });

  it('rejects unknown algorithms like botocore', () => {
    expect(() => createChecksum('xxhash64')).toThrow(new ChecksumError('Unsupported checksum algorithm: xxhash64'));
  });
});
