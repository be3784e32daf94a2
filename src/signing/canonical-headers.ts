/**
 * The canonical headers and the signed-header list of a SigV4 canonical request, made in one
 * pass. They are the same strings aws4's filterHeaders, canonicalHeaders and signedHeaders make
 * (with the header lists aws4-signer.ts gives it): names lower-cased and sorted, values trimmed
 * with runs of whitespace made one space. aws4 builds a tuple per header, filters, sorts with a
 * comparator and runs two regular expressions over every value; for the six or so headers of a
 * call that was about 1.5 us of the signature's 6. Most values (a date, a content type, a hash)
 * are already canonical and are taken as they are.
 *
 * A name that appears twice in different cases is left to aws4 (`undefined` here), whose
 * comparator orders such a pair its own way.
 */

/**
 * Headers that are not signed: botocore's SIGNED_HEADERS_BLACKLIST (auth.py), and
 * Authorization, which botocore removes before it signs. Range and Presigned-Expires are signed,
 * as botocore signs them. aws4-signer.ts configures aws4 with this list for the case left to it.
 */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
]);

export interface CanonicalHeaderLists {
  /** `name:value` lines joined with `\n` (no trailing newline). */
  canonical: string;
  /** The names joined with `;`. */
  signed: string;
}

/**
 * The lists for `headers`, leaving out the unsigned ones and, unless it is signed,
 * `x-amz-content-sha256`; undefined when two names differ only in case.
 */
export function canonicalHeaderLists(headers: Record<string, unknown>, signPayloadHash: boolean): CanonicalHeaderLists | undefined {
  const names: string[] = [];
  const keys: string[] = [];
  for (const key of Object.keys(headers)) {
    const name = key.toLowerCase();
    if (UNSIGNED_HEADERS.has(name) || (!signPayloadHash && name === 'x-amz-content-sha256')) continue;
    // Insertion sort, names and keys moved together: a handful of headers.
    let at = names.length;
    while (at > 0 && names[at - 1] > name) {
      names[at] = names[at - 1];
      keys[at] = keys[at - 1];
      at--;
    }
    if (at > 0 && names[at - 1] === name) return undefined;
    names[at] = name;
    keys[at] = key;
  }
  let canonical = '';
  let signed = '';
  for (let i = 0; i < names.length; i++) {
    if (i > 0) {
      canonical += '\n';
      signed += ';';
    }
    canonical += `${names[i]}:${canonicalValue(String(headers[keys[i]]))}`;
    signed += names[i];
  }
  return { canonical, signed };
}

/**
 * A header value as SigV4 signs it. Printable ASCII whose spaces are single and inside is
 * already canonical; anything else goes through aws4's own expression, so whitespace outside
 * ASCII (a no-break space, a tab) is treated exactly as before.
 */
function canonicalValue(value: string): string {
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = value.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20 && i > 0 && i < last && value.charCodeAt(i + 1) !== 0x20) continue;
    return value.trim().replace(/\s+/g, ' ');
  }
  return value;
}
