/**
 * SigV4 header signing as botocore's SigV4Auth / S3SigV4Auth do it, and SigV4a (`asymmetric`,
 * sigv4a.ts) on the same canonical request.
 *
 * `signRequest` mutates `req.headers`: it removes a stale Authorization, sets X-Amz-Date (or
 * rewrites Date when one is present, as botocore does), X-Amz-Security-Token for session
 * credentials, X-Amz-Content-SHA256 where botocore sends it, then Authorization. It never
 * reads a stream body and never changes the URL or the body.
 *
 * Payload hash, in order: for a non-S3 operation with payload signing disabled
 * (`opts.unsignedPayload`, botocore's payload_signing_enabled=False), UNSIGNED-PAYLOAD, sent as
 * X-Amz-Content-SHA256 over http as well as https (botocore's SigV4Auth sets that header whatever
 * the scheme, and its canonical request reads the header before hashing the body);
 * `opts.payloadHash`; a non-S3 request's own X-Amz-Content-SHA256
 * header; STREAMING-UNSIGNED-PAYLOAD-TRAILER when the body is aws-chunked with a trailer;
 * for S3, UNSIGNED-PAYLOAD when `opts.unsignedPayload`, the URL is https and a checksum header
 * (Content-MD5 or x-amz-checksum-*) is present (S3's signer hashes the body otherwise); UNSIGNED-PAYLOAD for a stream body (S3 as botocore; for other
 * services botocore would need a seekable body to hash, and we refuse to buffer, so we send
 * UNSIGNED-PAYLOAD with an X-Amz-Content-SHA256 header, as botocore does for operations with
 * payload signing disabled); else the SHA-256 of the body.
 */
import { createSigner, SigningCredentials } from './aws4-signer';
import { REGION_SET_HEADER } from './sigv4a';
import { amzDate, rfc2822Date, sha256Hex, splitUrl, STREAMING_UNSIGNED_PAYLOAD_TRAILER, UNSIGNED_PAYLOAD } from './request-parts';
import { deleteHeader, findHeader, getHeader, setHeader } from '../util/headers';
import { isReadable } from '../util/is-readable';
import type { HttpRequest } from '../types/http';

export type { SigningCredentials } from './aws4-signer';

/** A request ready to sign: the pipeline's one request type (URL path and query percent-encoded). */
export type SignableRequest = HttpRequest;

export interface SigningOptions {
  /** The credential scope's service (`s3`, `execute-api`, the model's signingName). */
  signingName: string;
  region: string;
  /** Signing time; now when omitted. */
  date?: Date;
  /** A precomputed payload hash or `UNSIGNED-PAYLOAD` / `STREAMING-UNSIGNED-PAYLOAD-TRAILER`. */
  payloadHash?: string;
  /** S3 rules: X-Amz-Content-SHA256 always sent, single URI encoding, no path normalization. */
  s3?: boolean;
  /** Generic signing without the second URI encoding of the path (endpoint authSchemes trait). */
  disableDoubleEncoding?: boolean;
  /** The operation disables payload signing (botocore's payload_signing_enabled=False). */
  unsignedPayload?: boolean;
  /**
   * Sign SigV4a (AWS4-ECDSA-P256-SHA256, sigv4a.ts): `region` is then the region set, the
   * comma-joined regions (`*` for any) sent as X-Amz-Region-Set.
   */
  asymmetric?: boolean;
  /**
   * Where a session token goes instead of X-Amz-Security-Token: a header name when signing
   * headers, a query parameter name when presigning (S3 Express sessions:
   * `x-amz-s3session-token` / `X-Amz-S3session-Token`). X-Amz-Security-Token is then not sent.
   */
  sessionTokenName?: string;
}

interface Prepared {
  headers: Record<string, string>;
  datetime: string;
  payloadHash: string;
  payloadHashIsHeader: boolean;
}

/**
 * Applies botocore's pre-signing header changes to `headers` (in place) and settles the payload
 * hash. Shared by signRequest (on the real headers) and the inspection helpers (on a copy).
 */
function prepare(
  req: SignableRequest,
  headers: Record<string, string>,
  creds: SigningCredentials | undefined,
  opts: SigningOptions,
): Prepared {
  deleteHeader(headers, 'authorization');
  const date = opts.date ?? new Date();
  const datetime = amzDate(date);
  if (findHeader(headers, 'date') !== undefined) {
    // botocore keeps a caller's Date header (rewritten to the signing time) instead of X-Amz-Date.
    setHeader(headers, 'Date', rfc2822Date(date));
    deleteHeader(headers, 'x-amz-date');
  } else {
    setHeader(headers, 'X-Amz-Date', datetime);
  }
  if (opts.sessionTokenName !== undefined) deleteHeader(headers, 'x-amz-security-token');
  if (creds?.sessionToken) setHeader(headers, opts.sessionTokenName ?? 'X-Amz-Security-Token', creds.sessionToken);
  if (opts.asymmetric) setHeader(headers, REGION_SET_HEADER, opts.region);

  const s3 = opts.s3 === true;
  const existing = s3 ? undefined : getHeader(headers, 'x-amz-content-sha256');
  const unsigned = !s3 && opts.unsignedPayload === true ? UNSIGNED_PAYLOAD : undefined;
  const payloadHash = unsigned ?? opts.payloadHash ?? existing ?? defaultPayloadHash(req, headers, opts);
  const payloadHashIsHeader = s3 || existing !== undefined || payloadHash === UNSIGNED_PAYLOAD;
  // A request's own header (Glacier's x-amz-content-sha256) is signed as it is, name and place kept.
  const keepOwn = existing !== undefined && payloadHash === existing;
  if (payloadHashIsHeader && !keepOwn) setHeader(headers, 'X-Amz-Content-SHA256', payloadHash);
  return { headers, datetime, payloadHash, payloadHashIsHeader };
}

function defaultPayloadHash(req: SignableRequest, headers: Record<string, string>, opts: SigningOptions): string {
  if (findHeader(headers, 'x-amz-trailer') !== undefined) {
    const encoding = getHeader(headers, 'content-encoding');
    if (encoding !== undefined && encoding.includes('aws-chunked')) return STREAMING_UNSIGNED_PAYLOAD_TRAILER;
  }
  // Only S3 gets here with unsignedPayload: its signer skips the hash only over https and when a
  // checksum header vouches for the body (S3SigV4Auth._should_sha256_sign_payload).
  if (opts.unsignedPayload && req.url.startsWith('https') && hasChecksumHeader(headers)) return UNSIGNED_PAYLOAD;
  const body = req.body;
  if (isReadable(body)) return UNSIGNED_PAYLOAD;
  return sha256Hex(body as string | Uint8Array | undefined);
}

function hasChecksumHeader(headers: Record<string, string>): boolean {
  for (const key in headers) {
    const k = key.toLowerCase();
    if (k === 'content-md5' || (k.startsWith('x-amz-checksum-') && k !== 'x-amz-checksum-algorithm' && k !== 'x-amz-checksum-type')) return true;
  }
  return false;
}

function signerFor(req: SignableRequest, p: Prepared, creds: SigningCredentials, opts: SigningOptions) {
  const url = splitUrl(req.url);
  return createSigner(
    {
      method: req.method.toUpperCase(),
      host: url.host,
      headers: p.headers,
      path: url.path,
      query: url.query,
      service: opts.signingName,
      region: opts.region,
      datetime: p.datetime,
      payloadHash: p.payloadHash,
      payloadHashIsHeader: p.payloadHashIsHeader,
      s3: opts.s3 === true,
      disableDoubleEncoding: opts.disableDoubleEncoding === true,
      asymmetric: opts.asymmetric === true,
    },
    creds,
  );
}

/**
 * Signs `req` in place with SigV4 and returns its headers.
 *
 * @example
 * signRequest({ method: 'GET', url: 'https://s3.amazonaws.com/b/k', headers: {} },
 *   { accessKeyId, secretAccessKey }, { signingName: 's3', region: 'us-east-1', s3: true });
 */
export function signRequest(
  req: SignableRequest,
  creds: SigningCredentials,
  opts: SigningOptions,
): Record<string, string> {
  const prepared = prepare(req, req.headers, creds, opts);
  req.headers.Authorization = signerFor(req, prepared, creds, opts).authHeader();
  return req.headers;
}

const NO_CREDS: SigningCredentials = { accessKeyId: '', secretAccessKey: '' };

/**
 * botocore's canonical request for `req` (not mutated). Pass `creds` when a session token
 * should appear among the signed headers.
 */
export function canonicalRequest(req: SignableRequest, opts: SigningOptions, creds?: SigningCredentials): string {
  const prepared = prepare(req, { ...req.headers }, creds, opts);
  return signerFor(req, prepared, creds ?? NO_CREDS, opts).canonicalString();
}

/** botocore's string to sign for `req` (not mutated). */
export function stringToSign(req: SignableRequest, creds: SigningCredentials, opts: SigningOptions): string {
  const prepared = prepare(req, { ...req.headers }, creds, opts);
  return signerFor(req, prepared, creds, opts).stringToSign();
}
