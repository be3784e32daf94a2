/**
 * The path and query lines of botocore's SigV4 canonical request (SigV4Auth.canonical_request),
 * made from the URL exactly as it goes on the wire.
 *
 * botocore never decodes what its serializer encoded: its S3 signers (S3SigV4Auth, used for S3
 * and S3 Control alike) sign the raw path untouched, the others remove dot segments and encode
 * the raw path a second time (`%` becomes `%25`). The query is the raw URL query split on `&`,
 * each pair split at its first `=`, the pairs sorted and joined back; a repeated key keeps every
 * value. Nothing is re-encoded, so the signature covers the bytes the server receives.
 */
import { removeDotSegments } from '../util/url-parts';
import { percentEncode } from '../util/percent-encode';

/**
 * `as-sent`: S3 rules, the raw path as it is. `encoded-again`: botocore's generic rules.
 * `normalized`: dot segments removed and each segment encoded once (an endpoint's
 * disableDoubleEncoding for a non-S3 signer; botocore's pure-Python signer never meets one,
 * since only S3's and S3 Control's rule sets carry that flag).
 */
export type PathMode = 'as-sent' | 'encoded-again' | 'normalized';

/** The canonical URI for a raw path. */
export function canonicalPath(rawPath: string, mode: PathMode): string {
  if (mode === 'as-sent') return rawPath;
  const normalized = removeDotSegments(rawPath);
  const encodeSegment = mode === 'encoded-again' ? percentEncode : (segment: string) => percentEncode(decodeOrKeep(segment));
  // botocore's quote(path, safe='/~'): every segment escaped, the slashes between them kept.
  return normalized.split('/').map(encodeSegment).join('/');
}

/** The canonical query for a raw query (no `?`): its pairs as written, sorted by key then value. */
export function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery.split('&').map((pair): [string, string] => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [escapeUnsendable(pair), ''] : [escapeUnsendable(pair.slice(0, eq)), escapeUnsendable(pair.slice(eq + 1))];
  });
  // Python sorts the (key, value) tuples; escaped, the pairs are ASCII, where code-unit order is
  // Python's code-point order.
  pairs.sort((a, b) => compare(a[0], b[0]) || compare(a[1], b[1]));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

// Characters no request line can carry raw: controls, space, DEL and anything past ASCII.
const HAS_UNSENDABLE = /[^\x21-\x7e]/;
const UNSENDABLE = /[^\x21-\x7e]/gu;

/**
 * A query written by hand with characters a request line cannot carry raw (the SigV4 suite's
 * `?ሴ=bar`) is signed with them UTF-8 percent-encoded, as a server decoding the sent query
 * sees it. botocore's serializers never write one; Node refuses to send it as it is.
 */
function escapeUnsendable(s: string): string {
  return HAS_UNSENDABLE.test(s) ? s.replace(UNSENDABLE, escapeChar) : s;
}

function escapeChar(c: string): string {
  try {
    return encodeURIComponent(c);
  } catch {
    return c; // a lone surrogate has no UTF-8 form: signed as it is
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decodeOrKeep(segment: string): string {
  if (segment.indexOf('%') < 0) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is signed as written
  }
}
