/**
 * botocore's percent_encode: Python's `quote(value, safe='-._~')`. Every byte except ASCII
 * letters, digits and `-._~` is escaped (so `!'()*` are too, unlike encodeURIComponent).
 * One implementation for URIs, query strings, form bodies and presigned URLs.
 */

const EXTRA_RESERVED = /[!'()*]/g;

function escapeExtra(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Percent-encodes a value (anything not a string is stringified first, as botocore does). */
export function percentEncode(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  return encodeURIComponent(s).replace(EXTRA_RESERVED, escapeExtra);
}

/** `k=v&k2=v2` with botocore's percent_encode_sequence rules; repeated keys stay repeated. */
export function encodeQuery(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}
