/**
 * botocore's percent_encode: Python's `quote(value, safe='-._~')`. Every byte except ASCII
 * letters, digits and `-._~` is escaped (so `!'()*` are too, unlike encodeURIComponent).
 * One implementation for URIs, query strings, form bodies and presigned URLs.
 */

const EXTRA_RESERVED = /[!'()*]/g;

function escapeExtra(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * True when every character of `s` is an ASCII letter or digit or one of `-._~`, or also `/`
 * when `slash` is set: nothing to escape. A loop, as most bucket names, keys and query values
 * are like that and a regular expression's replace costs more than the check.
 */
export function isUnreserved(s: string, slash = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 95 || c === 126) continue;
    if (slash && c === 47) continue;
    return false;
  }
  return true;
}

/** Percent-encodes a value (anything not a string is stringified first, as botocore does). */
export function percentEncode(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  if (isUnreserved(s)) return s;
  return encodeURIComponent(s).replace(EXTRA_RESERVED, escapeExtra);
}

/** `k=v&k2=v2` with botocore's percent_encode_sequence rules; repeated keys stay repeated. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}
