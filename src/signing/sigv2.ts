/**
 * Signature Version 2 for query-protocol services whose model says `signatureVersion: v2`
 * (SimpleDB), as botocore's SigV2Auth.
 *
 * The form body's parameters gain, in this order,
 * AWSAccessKeyId, SignatureVersion=2, SignatureMethod=HmacSHA256, Timestamp (ISO 8601 to the
 * second), SecurityToken for session credentials, then Signature: base64 HMAC-SHA256, keyed
 * with the secret key, of `METHOD\nnetloc\npath\n` followed by every parameter but Signature,
 * sorted by name, as `quote(name)=quote(value)` joined with `&` (RFC 3986 unreserved characters
 * kept). A parameter already present keeps its place and takes the new value, as botocore's
 * dict does. The body is written back form-encoded (urlencode: space as `+`); no header changes.
 * A request without a body signs only the new parameters and carries them in the URL, appended
 * to its query (botocore's request.params). `req` is mutated (body or url) and returned.
 */
import { createHmac } from 'crypto';
import type { SigningCredentials } from './aws4-signer';
import { splitUrl } from './request-parts';
import { formatIso8601 } from '../util/iso8601';
import type { SignableRequest } from './sigv4';
import { percentEncode } from '../util/percent-encode';
import { formEncode, parseForm, setPair } from '../util/form-urlencoded';

/** Python's sort of str keys: by code point (JavaScript's default compares UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (d !== 0) return d;
  }
}

/** Signs `req` with SigV2 at `date`. */
export function signV2(req: SignableRequest, creds: SigningCredentials, date: Date): SignableRequest {
  const url = splitUrl(req.url);
  // urlsplit's netloc, as given (botocore signs it without lower-casing or dropping the port).
  const netloc = url.origin.slice(url.origin.indexOf('://') + 3);
  const path = url.path;
  const hasQuery = req.url.indexOf('?', url.origin.length) >= 0;

  const body = typeof req.body === 'string' ? req.body : Buffer.isBuffer(req.body) || req.body instanceof Uint8Array ? Buffer.from(req.body).toString('utf8') : '';
  // botocore signs request.data when there is any, else request.params (empty for these protocols).
  const inBody = body.length > 0;
  const params = inBody ? parseForm(body) : [];
  setPair(params, 'AWSAccessKeyId', creds.accessKeyId);
  setPair(params, 'SignatureVersion', '2');
  setPair(params, 'SignatureMethod', 'HmacSHA256');
  setPair(params, 'Timestamp', formatIso8601(date));
  if (creds.sessionToken) setPair(params, 'SecurityToken', creds.sessionToken);

  const canonical = params
    .filter(([k]) => k !== 'Signature')
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
  const stringToSign = `${req.method}\n${netloc}\n${path}\n${canonical}`;
  setPair(params, 'Signature', createHmac('sha256', creds.secretAccessKey).update(stringToSign, 'utf8').digest('base64'));

  if (inBody) {
    req.body = formEncode(params);
  } else {
    req.url = `${req.url}${hasQuery ? '&' : '?'}${formEncode(params)}`;
  }
  return req;
}
