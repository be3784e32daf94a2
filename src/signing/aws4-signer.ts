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
 * - The canonical request itself is botocore's, not aws4's (canonical-request.ts): botocore
 *   takes the path and query as they are on the wire (S3 signers: the path untouched; others: dot
 *   segments removed, then encoded again) and the query's raw pairs, sorted, every repeated key
 *   kept. aws4 decodes and re-encodes both, turns an S3 path's %2F back into `/` and keeps only
 *   the first value of a repeated S3 query key, which signs another request than the one sent.
 *   aws4 still canonicalizes the headers, derives (and caches) the signing key and signs.
 * - Header filtering follows botocore's SIGNED_HEADERS_BLACKLIST rather than aws4's list
 *   (aws4 skips `range` and `presigned-expires`, which botocore signs).
 * - SigV4a (`asymmetric`) keeps aws4's canonical request and replaces the rest on the same
 *   signer: the scope, string to sign and ECDSA signature come from sigv4a.ts, so the header
 *   signer, the presigner and the inspection helpers read one signer and never ask which.
 *   The Authorization header is assembled here for both (`authHeader`), from the algorithm name.
 */
import aws4 = require('aws4');
import { canonicalPath, canonicalQuery, PathMode } from './canonical-request';
import { sha256Hex } from './request-parts';
import { canonicalHeaderLists, UNSIGNED_HEADERS, type CanonicalHeaderLists } from './canonical-headers';
import { findHeader } from '../util/headers';
import { SIGV4A_ALGORITHM, sigV4aScope, sigV4aSignature, sigV4aStringToSign } from './sigv4a';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The parts of aws4's RequestSigner this module relies on (its typings omit several). */
export interface Aws4Signer {
  /** `AWS4-HMAC-SHA256`, or SigV4a's `AWS4-ECDSA-P256-SHA256` (X-Amz-Algorithm, the Authorization header). */
  algorithm: string;
  service: string;
  region: string;
  datetime?: string;
  parsedPath?: { path: string; query: Record<string, string | string[]> | null };
  request: { headers: Record<string, string> };
  canonicalString(): string;
  canonicalHeaders(): string;
  stringToSign(): string;
  signature(): string;
  signedHeaders(): string;
  authHeader(): string;
  credentialString(): string;
  /** The raw query botocore's canonical query is made from (presigning replaces it). */
  rawQuery?: string;
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
  /** Sign SigV4a (sigv4a.ts): `region` is then the region set, which the scope leaves out. */
  asymmetric?: boolean;
}

const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

// botocore signs these although aws4 skips them by default.
const INCLUDE: Record<string, boolean> = { range: true, 'presigned-expires': true };
// The headers botocore does not sign (canonical-headers.ts keeps the list), for aws4 when
// canonical-headers.ts leaves a request to it; aws4 already skips some of them itself.
const IGNORE: Record<string, boolean> = Object.fromEntries([...UNSIGNED_HEADERS].map((name) => [name, true]));
const IGNORE_WITH_PAYLOAD_HASH: Record<string, boolean> = { ...IGNORE, 'x-amz-content-sha256': true };
/**
 * aws4's RequestSigner, with a service and a region on the prototype. Its constructor guesses
 * both from the host (a regular expression for `*.amazonaws.com`) whenever `this.service` or
 * `this.region` is unset, which at that point they always are; every signer here is given both,
 * which the constructor then sets on the instance, so the guess was never used.
 */
class GivenScopeRequestSigner extends aws4.RequestSigner {}
Object.assign(GivenScopeRequestSigner.prototype, { service: 'given', region: 'given' });
const RequestSignerCtor = GivenScopeRequestSigner as unknown as new (request: object, creds: object) => Aws4Signer;

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
      extraHeadersToInclude: INCLUDE,
      extraHeadersToIgnore: input.payloadHashIsHeader ? IGNORE : IGNORE_WITH_PAYLOAD_HASH,
    },
    creds,
  );
  // aws4 copied the headers: its copy's payload hash header says `input.payloadHash`, whatever
  // the caller's copy says. Set in place, not deleted and added: a delete turns the object into
  // a slow dictionary for the rest of the signing.
  // (sigv4.ts leaves at most one spelling of it.)
  const headers = signer.request.headers;
  headers[findHeader(headers, 'x-amz-content-sha256') ?? 'x-amz-content-sha256'] = input.payloadHash;
  signer.datetime = input.datetime;
  // Set so that aws4 never parses the URL itself (its prepareRequest), though it reads neither.
  signer.parsedPath = { path: input.path, query: null };
  signer.rawQuery = input.query;
  const pathMode: PathMode = input.s3 ? 'as-sent' : input.disableDoubleEncoding ? 'normalized' : 'encoded-again';
  // Both header lists in one pass (canonical-headers.ts), made once: the canonical request and
  // the Authorization header both ask for the signed names. aws4's own methods remain for the
  // case that module leaves to them.
  const aws4SignedHeaders = signer.signedHeaders;
  const aws4CanonicalHeaders = signer.canonicalHeaders;
  let lists: CanonicalHeaderLists | null | undefined;
  let aws4Signed: string | undefined;
  const listsFor = (s: Aws4Signer): CanonicalHeaderLists | null => (lists ??= canonicalHeaderLists(s.request.headers, input.payloadHashIsHeader) ?? null);
  signer.signedHeaders = function (this: Aws4Signer): string {
    return listsFor(this)?.signed ?? (aws4Signed ??= aws4SignedHeaders.call(this));
  };
  signer.canonicalHeaders = function (this: Aws4Signer): string {
    return listsFor(this)?.canonical ?? aws4CanonicalHeaders.call(this);
  };
  signer.canonicalString = function (this: Aws4Signer): string {
    return [
      input.method,
      canonicalPath(input.path, pathMode),
      canonicalQuery(this.rawQuery ?? ''),
      `${this.canonicalHeaders()}\n`,
      this.signedHeaders(),
      input.payloadHash,
    ].join('\n');
  };
  signer.algorithm = SIGV4_ALGORITHM;
  // aws4's own, with the canonical request hashed in one shot (request-parts.ts).
  signer.stringToSign = function (this: Aws4Signer): string {
    return `${SIGV4_ALGORITHM}\n${input.datetime}\n${this.credentialString()}\n${sha256Hex(this.canonicalString())}`;
  };
  if (input.asymmetric) useSigV4a(signer, input, creds);
  // aws4's own names AWS4-HMAC-SHA256 whatever signs: one header for both algorithms.
  signer.authHeader = function (this: Aws4Signer): string {
    return `${this.algorithm} Credential=${creds.accessKeyId}/${this.credentialString()}, SignedHeaders=${this.signedHeaders()}, Signature=${this.signature()}`;
  };
  return signer;
}

/** Turns `signer` into a SigV4a signer of the same canonical request (sigv4a.ts). */
function useSigV4a(signer: Aws4Signer, input: SignerInput, creds: SigningCredentials): void {
  signer.algorithm = SIGV4A_ALGORITHM;
  signer.credentialString = () => sigV4aScope(input.datetime, input.service);
  signer.stringToSign = function (this: Aws4Signer): string {
    return sigV4aStringToSign(input.datetime, input.service, this.canonicalString());
  };
  signer.signature = function (this: Aws4Signer): string {
    return sigV4aSignature(this.stringToSign(), creds);
  };
}

/** Replaces the query the signer canonicalizes (presigning adds its auth parameters late). */
export function setSignerQuery(signer: Aws4Signer, query: string): void {
  signer.rawQuery = query;
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
