/**
 * The one place that imports aws4. `createSigner` builds an aws4 RequestSigner that computes
 * botocore's canonical request, string to sign and signature for a request whose headers,
 * timestamp and payload hash the caller has already settled.
 *
 * How aws4 is steered (it was written for a slightly different model of SigV4):
 * - `doNotModifyHeaders` stops it adding Content-Type/Content-Length/X-Amz-Date itself; we set
 *   `datetime` and `parsedPath` directly, so its own URL parsing (which re-encodes paths that
 *   contain spaces or non-ASCII) never runs, and the body is never handed to it (streams are
 *   never read, buffers never hashed twice).
 * - The payload hash travels in its private header copy as `x-amz-content-sha256`, which aws4
 *   prefers over hashing the body; when botocore would not send that header it is put on the
 *   ignore list so it is not signed.
 * - aws4 switches to S3 rules (no path normalization, single URI encoding) when its service is
 *   exactly `s3`; the canonical string is computed under a mode name so that `s3-outposts`
 *   can use S3 rules and a non-S3 signer named `s3` can use generic ones.
 * - Header filtering follows botocore's SIGNED_HEADERS_BLACKLIST rather than aws4's list
 *   (aws4 skips `range` and `presigned-expires`, which botocore signs).
 */
import * as aws4 from 'aws4';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The parts of aws4's RequestSigner this module relies on (its typings omit several). */
interface Aws4Signer {
  service: string;
  region: string;
  datetime?: string;
  parsedPath?: { path: string; query: Record<string, string | string[]> | null };
  request: { headers: Record<string, string> };
  canonicalString(): string;
  stringToSign(): string;
  signature(): string;
  signedHeaders(): string;
  authHeader(): string;
  credentialString(): string;
  modeService?: string;
}

export interface SignerInput {
  method: string;
  /** The Host header value to sign when the request has none. */
  host: string;
  headers: Record<string, string>;
  /** Raw path as on the wire. */
  path: string;
  /** Raw query without `?` ('' for none). */
  query: string;
  service: string;
  region: string;
  datetime: string;
  payloadHash: string;
  /** Sign `x-amz-content-sha256` (S3, unsigned payloads) or keep the hash out of the headers. */
  payloadHashIsHeader: boolean;
  s3: boolean;
  disableDoubleEncoding: boolean;
}

// botocore signs these although aws4 skips them by default.
const INCLUDE: Record<string, boolean> = { range: true, 'presigned-expires': true };
// botocore's SIGNED_HEADERS_BLACKLIST entries aws4 does not already skip.
const IGNORE: Record<string, boolean> = {
  'keep-alive': true,
  'proxy-authenticate': true,
  'proxy-authorization': true,
  te: true,
  trailer: true,
  'transfer-encoding': true,
  upgrade: true,
};
const IGNORE_WITH_PAYLOAD_HASH: Record<string, boolean> = { ...IGNORE, 'x-amz-content-sha256': true };
// A service name aws4 treats with generic (non-S3) rules.
const GENERIC_MODE = 'generic';

const RequestSignerCtor = aws4.RequestSigner as unknown as new (request: object, creds: object) => Aws4Signer;
const baseCanonicalString = (aws4.RequestSigner.prototype as unknown as Aws4Signer).canonicalString;

function canonicalStringInMode(this: Aws4Signer): string {
  const real = this.service;
  this.service = this.modeService as string;
  try {
    return baseCanonicalString.call(this);
  } finally {
    this.service = real;
  }
}

/** Parses a raw query into aws4's form (decoded keys/values; aws4 re-encodes them per RFC 3986). */
export function parseQuery(query: string): Record<string, string | string[]> | null {
  if (!query) return null;
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const eq = query.indexOf('=', start);
      const hasValue = eq >= 0 && eq < end;
      const key = decode(query.slice(start, hasValue ? eq : end));
      const value = hasValue ? decode(query.slice(eq + 1, end)) : '';
      const prev = out[key];
      if (prev === undefined) out[key] = value;
      else if (typeof prev === 'string') out[key] = [prev, value];
      else prev.push(value);
    }
    start = end + 1;
  }
  return out;
}

function decode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // malformed escapes are signed as written
  }
}

/** Builds a ready-to-use aws4 signer; nothing is computed until one of its methods is called. */
export function createSigner(input: SignerInput, creds: SigningCredentials): Aws4Signer {
  const signer = new RequestSignerCtor(
    {
      method: input.method,
      host: input.host,
      headers: input.headers,
      service: input.service,
      region: input.region,
      doNotModifyHeaders: true,
      doNotEncodePath: input.disableDoubleEncoding && !input.s3,
      extraHeadersToInclude: INCLUDE,
      extraHeadersToIgnore: input.payloadHashIsHeader ? IGNORE : IGNORE_WITH_PAYLOAD_HASH,
    },
    creds,
  );
  // aws4 copied the headers; fix the payload hash in its copy under the one spelling it reads.
  const headers = signer.request.headers;
  for (const key in headers) {
    if (key.length === 20 && key.toLowerCase() === 'x-amz-content-sha256') delete headers[key];
  }
  headers['x-amz-content-sha256'] = input.payloadHash;
  signer.datetime = input.datetime;
  signer.parsedPath = { path: input.path, query: parseQuery(input.query) };
  const mode = input.s3 ? 's3' : input.service === 's3' ? GENERIC_MODE : input.service;
  if (mode !== input.service) {
    signer.modeService = mode;
    signer.canonicalString = canonicalStringInMode;
  }
  return signer;
}

/** Replaces the query the signer canonicalizes (presigning adds its auth parameters late). */
export function setSignerQuery(signer: Aws4Signer, query: string): void {
  if (signer.parsedPath) signer.parsedPath.query = parseQuery(query);
}

/** HMAC-SHA256 of `stringToSign` with the SigV4 signing key (aws4 caches derived keys). */
export function signString(
  stringToSign: string,
  creds: SigningCredentials,
  scope: { datetime: string; region: string; service: string },
): string {
  const signer = new RequestSignerCtor(
    { host: 'unused', headers: {}, service: scope.service, region: scope.region, doNotModifyHeaders: true },
    creds,
  );
  signer.datetime = scope.datetime;
  signer.stringToSign = () => stringToSign;
  return signer.signature();
}
