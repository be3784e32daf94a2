/**
 * application/x-www-form-urlencoded bodies as botocore handles them: Python's urlencode
 * (quote_plus: RFC 3986 unreserved characters kept, a space as `+`, everything else %XX of its
 * UTF-8 bytes) and parse_qsl (a `+` is a space; blank values kept). Parsing then encoding a body
 * botojs serialized gives back the same bytes.
 */
import { percentEncode } from './percent-encode';

/** Decodes a form string into ordered [name, value] pairs. */
export function parseForm(form: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of form.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
  }
  return pairs;
}

function formDecode(s: string): string {
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced; // malformed escapes stay as written
  }
}

const FORM_SPACE = /%20/g;

/** application/x-www-form-urlencoded as Python's urlencode (quote_plus) writes it. */
export function formEncode(pairs: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  // A space becomes `+` (quote_plus); everything else is percentEncode's.
  for (const [k, v] of pairs) parts.push(`${percentEncode(k).replace(FORM_SPACE, '+')}=${percentEncode(v).replace(FORM_SPACE, '+')}`);
  return parts.join('&');
}

/** Sets `key` as a Python dict would: an existing entry keeps its place, a new one goes last. */
export function setPair(pairs: Array<[string, string]>, key: string, value: string): void {
  const at = pairs.findIndex(([k]) => k === key);
  if (at >= 0) pairs[at][1] = value;
  else pairs.push([key, value]);
}

/** The value of `key`, if present. */
export function getPair(pairs: ReadonlyArray<readonly [string, string]>, key: string): string | undefined {
  return pairs.find(([k]) => k === key)?.[1];
}

/** Removes `key`; returns whether it was there. */
export function deletePair(pairs: Array<[string, string]>, key: string): boolean {
  const at = pairs.findIndex(([k]) => k === key);
  if (at < 0) return false;
  pairs.splice(at, 1);
  return true;
}
