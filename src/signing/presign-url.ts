/**
 * Query-string SigV4 (presigned URLs), as botocore's SigV4QueryAuth / S3SigV4QueryAuth.
 *
 * The result is `<url>?<operation params>&X-Amz-Algorithm=..&X-Amz-Credential=..&X-Amz-Date=..
 * &X-Amz-Expires=..&X-Amz-SignedHeaders=..[&X-Amz-Security-Token=..]&X-Amz-Signature=..`,
 * the order botocore writes. S3 signs UNSIGNED-PAYLOAD; other services hash the body (after a
 * form-encoded body has been moved into the query, as botocore does for query protocols: its
 * parameters re-encoded as percent_encode_sequence writes them, a space as %20, not the form's +).
 * `req` is not mutated; the headers it carries are the ones the URL's user must send.
 * SigV4a (`asymmetric`) adds X-Amz-Region-Set after X-Amz-SignedHeaders; its algorithm name,
 * region-less scope and ECDSA signature come from the signer (aws4-signer.ts). An S3 Express
 * session puts its token in X-Amz-S3session-Token (`sessionTokenName`), not X-Amz-Security-Token.
 */
import { createSigner, setSignerQuery, SigningCredentials } from './aws4-signer';
import { amzDate, sha256Hex, splitUrl, UNSIGNED_PAYLOAD } from './request-parts';
import { deleteHeader, getHeader } from '../util/headers';
import type { SignableRequest, SigningOptions } from './sigv4';
import { REGION_SET_HEADER } from './sigv4a';
import { isReadable } from '../util/is-readable';
import { encodeQuery, percentEncode } from '../util/percent-encode';
import { parseForm } from '../util/form-urlencoded';

// botocore drops this auto-set content type: it makes no sense on a URL someone else will GET.
const AUTO_FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export interface PresignOptions extends SigningOptions {
  /** Seconds the URL stays valid (X-Amz-Expires). */
  expiresIn: number;
}

/** Returns the presigned URL for `req`. */
export function presignUrl(req: SignableRequest, creds: SigningCredentials, opts: PresignOptions): string {
  const url = splitUrl(req.url);
  const headers: Record<string, string> = { ...req.headers };
  deleteHeader(headers, 'authorization');
  deleteHeader(headers, 'x-amz-date');
  deleteHeader(headers, 'x-amz-security-token');
  deleteHeader(headers, 'x-amz-region-set');
  if (opts.sessionTokenName !== undefined) deleteHeader(headers, opts.sessionTokenName.toLowerCase());
  const contentType = getHeader(headers, 'content-type');
  let query = url.query;
  let body = req.body;
  if (contentType !== undefined && contentType.startsWith('application/x-www-form-urlencoded')) {
    if (body !== undefined && !isReadable(body) && body.length > 0) {
      const form = encodeQuery(parseForm(typeof body === 'string' ? body : Buffer.from(body).toString('utf8')));
      query = query ? `${query}&${form}` : form;
      body = undefined;
    }
    if (contentType === AUTO_FORM_CONTENT_TYPE) deleteHeader(headers, 'content-type');
  }

  const s3 = opts.s3 === true;
  // S3 reads x-amz-* request headers from the query of a presigned URL too: hoisting them there
  // (as the AWS JS SDK's presigner does) means a plain PUT of the URL stores the object with its
  // metadata, ACL, tagging and so on. Server-side-encryption headers stay headers the URL's user
  // must send (an SSE-C key does not belong in a URL); other headers stay signed headers.
  if (s3) query = hoistAmzHeaders(headers, query);
  let payloadHash = opts.payloadHash;
  if (payloadHash === undefined) {
    if (s3 || isReadable(body)) payloadHash = UNSIGNED_PAYLOAD;
    else payloadHash = getHeader(headers, 'x-amz-content-sha256') ?? sha256Hex(body as string | Uint8Array | undefined);
  }
  const datetime = amzDate(opts.date ?? new Date());
  const signer = createSigner(
    {
      method: req.method.toUpperCase(),
      host: url.host,
      headers,
      path: url.path,
      query: '',
      service: opts.signingName,
      region: opts.region,
      datetime,
      payloadHash,
      // The hash is never a header of a presigned request unless the caller put one there.
      payloadHashIsHeader: !s3 && getHeader(headers, 'x-amz-content-sha256') !== undefined,
      s3,
      disableDoubleEncoding: opts.disableDoubleEncoding === true,
      asymmetric: opts.asymmetric === true,
    },
    creds,
  );
  let auth =
    `X-Amz-Algorithm=${signer.algorithm}` +
    `&X-Amz-Credential=${percentEncode(`${creds.accessKeyId}/${signer.credentialString()}`)}` +
    `&X-Amz-Date=${datetime}` +
    `&X-Amz-Expires=${Math.trunc(opts.expiresIn)}` +
    `&X-Amz-SignedHeaders=${percentEncode(signer.signedHeaders())}`;
  if (opts.asymmetric) auth += `&${REGION_SET_HEADER}=${percentEncode(opts.region)}`;
  if (creds.sessionToken) auth += `&${opts.sessionTokenName ?? 'X-Amz-Security-Token'}=${percentEncode(creds.sessionToken)}`;
  const fullQuery = query ? `${query}&${auth}` : auth;
  setSignerQuery(signer, fullQuery);
  return `${url.origin}${url.path}?${fullQuery}&X-Amz-Signature=${signer.signature()}`;
}

/** Moves the hoistable `x-amz-*` headers of an S3 presign into the query; returns the new query. */
function hoistAmzHeaders(headers: Record<string, string>, query: string): string {
  const pairs: string[] = [];
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (!lower.startsWith('x-amz-') || lower.startsWith('x-amz-server-side-encryption') || lower === 'x-amz-content-sha256') continue;
    pairs.push(`${percentEncode(lower)}=${percentEncode(headers[name])}`);
    delete headers[name];
  }
  if (!pairs.length) return query;
  const hoisted = pairs.join('&');
  return query ? `${query}&${hoisted}` : hoisted;
}
