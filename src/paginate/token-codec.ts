/**
 * Resume tokens, byte-compatible with botocore's TokenEncoder/TokenDecoder: base64 of the JSON
 * of `{ <input token>: value, ..., boto_truncate_amount?: n }`, written as Python's json.dumps
 * writes it (`", "` and `": "` separators, non-ASCII as \uXXXX) so a token from boto3 resumes
 * here and ours resume there. Binary values (DynamoDB `B` keys) are base64'd and their paths
 * listed under `boto_encoded_keys`, which no service uses as a token name.
 */
import { jsonText } from '../util/json-text';
import { isPlainObject, setOwn } from '../util/objects';

export type TokenPath = Array<string | number>;

function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** Replaces bytes with base64 strings, collecting the path of each. */
function encodeBytes(value: unknown, path: TokenPath, found: TokenPath[]): unknown {
  if (isBytes(value)) {
    found.push(path);
    return Buffer.from(value).toString('base64');
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeBytes(v, [...path, i], found));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    // Keys are data (a DynamoDB key attribute may be named `__proto__`): kept as own keys.
    for (const [k, v] of Object.entries(value)) setOwn(out, k, encodeBytes(v, [...path, k], found));
    return out;
  }
  return value;
}

/** The opaque string for a token dictionary. */
export function encodeToken(token: Record<string, unknown>): string {
  const encodedKeys: TokenPath[] = [];
  const plain = encodeBytes(token, [], encodedKeys) as Record<string, unknown>;
  if (encodedKeys.length > 0) plain.boto_encoded_keys = encodedKeys;
  return Buffer.from(jsonText(plain), 'utf8').toString('base64');
}

/**
 * The token dictionary inside an opaque string.
 * @throws Error when the string is not a botocore-style token (callers fall back to the old
 *   `a___b___3` format, as botocore does)
 */
export function decodeToken(token: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(token)) throw new Error('not base64');
  const decoded: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  if (!isPlainObject(decoded)) throw new Error('not a token object');
  const encodedKeys = decoded.boto_encoded_keys;
  delete decoded.boto_encoded_keys;
  if (Array.isArray(encodedKeys)) {
    for (const path of encodedKeys) {
      if (!Array.isArray(path) || path.length === 0) continue;
      let node: unknown = decoded;
      for (const step of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[step as string | number];
      const last = path[path.length - 1] as string | number;
      const container = node as Record<string | number, unknown>;
      const bytes = Buffer.from(String(container[last]), 'base64');
      if (typeof last === 'string') setOwn(container, last, bytes);
      else container[last] = bytes;
    }
  }
  return decoded;
}
