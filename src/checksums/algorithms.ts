/**
 * Flexible-checksum algorithms by botocore's lower-case name, as incremental objects
 * (`update` per chunk, `digest` once) so request trailers and response streams never need the
 * whole body. CRC32C and CRC64NVME, which botocore only offers with awscrt installed, are
 * implemented here natively; the xxhash family (awscrt >= 0.31.2 only) is not supported.
 */
import crypto = require('crypto');
import { ChecksumError } from '../errors';
import { crc32, crc32c, crc64NvmeDigest, crc64NvmeInit, crc64NvmeUpdate } from '../util/crc';

export type ChecksumAlgorithm = 'crc32' | 'crc32c' | 'crc64nvme' | 'sha1' | 'sha256' | 'sha512';

export interface Checksum {
  update(chunk: Uint8Array): void;
  /** The raw digest bytes; call once, after the last update. */
  digest(): Buffer;
}

export const SUPPORTED_ALGORITHMS: readonly ChecksumAlgorithm[] = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256', 'sha512'];

/** botocore's _ALGORITHMS_PRIORITY_LIST restricted to what we support (fastest/strongest CRCs first). */
export const RESPONSE_PRIORITY: readonly ChecksumAlgorithm[] = ['crc64nvme', 'crc32c', 'crc32', 'sha1', 'sha256', 'sha512'];

export function isSupportedAlgorithm(name: string): name is ChecksumAlgorithm {
  return (SUPPORTED_ALGORITHMS as readonly string[]).includes(name);
}

function u32(value: number): Buffer {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out;
}

class Crc32Checksum implements Checksum {
  private value = 0;
  constructor(private readonly fn: (data: Uint8Array, previous: number) => number) {}
  update(chunk: Uint8Array): void {
    this.value = this.fn(chunk, this.value);
  }
  digest(): Buffer {
    return u32(this.value);
  }
}

class Crc64NvmeChecksum implements Checksum {
  private readonly state = crc64NvmeInit();
  update(chunk: Uint8Array): void {
    crc64NvmeUpdate(this.state, chunk);
  }
  digest(): Buffer {
    return crc64NvmeDigest(this.state);
  }
}

class HashChecksum implements Checksum {
  private readonly hash: crypto.Hash;
  constructor(name: string) {
    this.hash = crypto.createHash(name);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

/** A fresh checksum for `algorithm` (lower-case). Throws ChecksumError for unknown names. */
export function createChecksum(algorithm: string): Checksum {
  switch (algorithm) {
    case 'crc32':
      return new Crc32Checksum(crc32);
    case 'crc32c':
      return new Crc32Checksum(crc32c);
    case 'crc64nvme':
      return new Crc64NvmeChecksum();
    case 'sha1':
    case 'sha256':
    case 'sha512':
      return new HashChecksum(algorithm);
    default:
      throw new ChecksumError(`Unsupported checksum algorithm: ${algorithm}`);
  }
}

/** Base64 digest of a whole body, as sent in `x-amz-checksum-<algorithm>`. */
export function computeChecksum(algorithm: string, body: string | Uint8Array | undefined): string {
  const checksum = createChecksum(algorithm);
  if (body !== undefined && body.length > 0) checksum.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return checksum.digest().toString('base64');
}

/** Base64 MD5 (the Content-MD5 header value). */
export function contentMd5(body: string | Uint8Array | undefined): string {
  return crypto.createHash('md5').update(body ?? '').digest('base64');
}
