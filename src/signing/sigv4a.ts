/**
 * SigV4a (AWS4-ECDSA-P256-SHA256), the asymmetric SigV4 that multi-region endpoints ask for
 * (S3 Multi-Region Access Points, EventBridge global endpoints, SES v2 and CloudFront
 * KeyValueStore), signed with node:crypto alone. botocore signs it only through awscrt
 * (botocore[crt]); without it, it raises MissingDependencyException.
 *
 * What differs from SigV4 (the canonical request is the same, built by aws4-signer.ts):
 * - the request carries `X-Amz-Region-Set` (the comma-joined regions it is valid in, `*` for
 *   any), a signed header, or a query parameter of a presigned URL;
 * - the credential scope has no region: `<date>/<service>/aws4_request`;
 * - the string to sign starts with `AWS4-ECDSA-P256-SHA256`;
 * - the signature is the hex of a DER-encoded ECDSA P-256 signature over the SHA-256 of the
 *   string to sign, with a private key derived from the credentials (below). ECDSA signatures
 *   are randomized: the same request signs differently each time, and a server checks the
 *   signature against the public key of the same derived key.
 *
 * Key derivation (the SigV4a specification, as aws-c-auth implements it): HMAC-SHA256 keyed
 * with `AWS4A` + secret access key, in counter mode over `0x00000001 || "AWS4-ECDSA-P256-SHA256"
 * || 0x00 || access key id || counter (one byte, from 1) || 0x00000100`. The first candidate
 * that is at most n - 2 (n: the curve's order), plus one, is the private key.
 */
import crypto = require('crypto');
import { RecencyMap } from '../util/recency-map';
import { sha256Hex } from './request-parts';

export const SIGV4A_ALGORITHM = 'AWS4-ECDSA-P256-SHA256';
/** The header (and presigned-URL query parameter) naming the regions a SigV4a signature is valid in. */
export const REGION_SET_HEADER = 'X-Amz-Region-Set';

// The order of P-256 less two: candidates above it are discarded.
const N_MINUS_2 = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC63254F');
const MAX_COUNTER = 254;
// DER prefix of a PKCS#8 P-256 private key without its public part (RFC 5915 inside RFC 5208):
// the 32-byte scalar follows. Node builds the public key from it when it imports the key.
const PKCS8_P256_PREFIX = Buffer.from('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420', 'hex');

interface CachedKey {
  secret: string;
  key: crypto.KeyObject;
}

// Derivation costs up to a few HMACs and a point multiplication: keep the last few keys.
const KEY_CACHE_SIZE = 10;
const keyCache = new RecencyMap<string, CachedKey>();

/** The private scalar (32 bytes, big-endian) SigV4a derives from a key pair. */
export function deriveSigV4aScalar(accessKeyId: string, secretAccessKey: string): Buffer {
  const hmacKey = Buffer.from(`AWS4A${secretAccessKey}`, 'utf8');
  const head = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from(SIGV4A_ALGORITHM, 'ascii'), Buffer.from([0]), Buffer.from(accessKeyId, 'utf8')]);
  const tail = Buffer.from([0, 0, 1, 0]);
  for (let counter = 1; counter <= MAX_COUNTER; counter++) {
    const candidate = crypto.createHmac('sha256', hmacKey).update(head).update(Buffer.from([counter])).update(tail).digest();
    const value = BigInt(`0x${candidate.toString('hex')}`);
    if (value <= N_MINUS_2) return Buffer.from((value + 1n).toString(16).padStart(64, '0'), 'hex');
  }
  // Unreachable in practice (each candidate fails with probability about 2^-32).
  throw new Error('SigV4a key derivation found no valid key for these credentials');
}

/** The ECDSA P-256 private key SigV4a signs with for these credentials (cached). */
export function sigV4aPrivateKey(accessKeyId: string, secretAccessKey: string): crypto.KeyObject {
  const hit = keyCache.get(accessKeyId);
  if (hit && hit.secret === secretAccessKey) return hit.key;
  const scalar = deriveSigV4aScalar(accessKeyId, secretAccessKey);
  const key = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_P256_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
  keyCache.set(accessKeyId, { secret: secretAccessKey, key });
  keyCache.trim(KEY_CACHE_SIZE);
  return key;
}

/** The SigV4a credential scope: `20150830/service/aws4_request` (no region). */
export function sigV4aScope(datetime: string, service: string): string {
  return `${datetime.slice(0, 8)}/${service}/aws4_request`;
}

export function sigV4aStringToSign(datetime: string, service: string, canonicalRequest: string): string {
  return `${SIGV4A_ALGORITHM}\n${datetime}\n${sigV4aScope(datetime, service)}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex DER ECDSA-P256 signature over SHA-256 of `stringToSign`. */
export function sigV4aSignature(stringToSign: string, creds: { accessKeyId: string; secretAccessKey: string }): string {
  return crypto.sign('sha256', Buffer.from(stringToSign, 'utf8'), sigV4aPrivateKey(creds.accessKeyId, creds.secretAccessKey)).toString('hex');
}
