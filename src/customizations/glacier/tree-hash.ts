/**
 * Glacier's SHA-256 tree hash (botocore utils.calculate_tree_hash): SHA-256 digests of each
 * 1 MiB chunk, then pairs concatenated and hashed level by level (an odd digest out is carried
 * up as is) until one is left, in hex. An empty body hashes as SHA-256 of nothing.
 */
import { createHash } from 'crypto';

const CHUNK = 1024 * 1024;

const sha256 = (data: Uint8Array): Buffer => createHash('sha256').update(data).digest();

export function sha256TreeHash(body: Uint8Array): string {
  if (body.length === 0) return sha256(body).toString('hex');
  let level: Buffer[] = [];
  for (let at = 0; at < body.length; at += CHUNK) level.push(sha256(body.subarray(at, at + CHUNK)));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(Buffer.concat([level[i], level[i + 1]])) : level[i]);
    level = next;
  }
  return level[0].toString('hex');
}
