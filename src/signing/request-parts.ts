/**
 * Small, allocation-light helpers the signers share: splitting a URL without normalizing it,
 * the Host value botocore signs, case-insensitive header edits, SigV4 timestamps, and the
 * RFC 3986 encoding AWS uses for query values.
 *
 * URLs are split by hand on purpose: `new URL()` resolves `.`/`..` segments and re-encodes
 * the path, and the canonical request must see the path exactly as the serializer wrote it.
 */
import * as crypto from 'crypto';

export const EMPTY_SHA256_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export interface UrlParts {
  /** `https://host:port` (everything before the path). */
  origin: string;
  scheme: string;
  /** The Host header value botocore derives: lower-case, no userinfo, no default port. */
  host: string;
  /** The raw path (`/` when empty), not decoded or normalized. */
  path: string;
  /** The raw query without `?`, or '' when absent. */
  query: string;
}

/** Splits an absolute URL into its raw parts. The fragment is dropped. */
export function splitUrl(url: string): UrlParts {
  const schemeEnd = url.indexOf('://');
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd).toLowerCase() : 'https';
  const authStart = schemeEnd > 0 ? schemeEnd + 3 : 0;
  let pathStart = url.length;
  for (let i = authStart; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) {
      pathStart = i;
      break;
    }
  }
  const authority = url.slice(authStart, pathStart);
  let hashAt = url.indexOf('#', pathStart);
  if (hashAt < 0) hashAt = url.length;
  let queryAt = url.indexOf('?', pathStart);
  if (queryAt < 0 || queryAt > hashAt) queryAt = hashAt;
  const path = queryAt > pathStart ? url.slice(pathStart, queryAt) : '/';
  const query = queryAt < hashAt ? url.slice(queryAt + 1, hashAt) : '';
  return { origin: url.slice(0, pathStart), scheme, host: hostFromAuthority(scheme, authority), path, query };
}

/** botocore's _host_from_url: lower-case host, userinfo removed, default port dropped. */
export function hostFromAuthority(scheme: string, authority: string): string {
  const at = authority.lastIndexOf('@');
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  hostPort = hostPort.toLowerCase();
  // The port is after the last ':' that follows an IPv6 literal's closing bracket, if any.
  const close = hostPort.lastIndexOf(']');
  const colon = hostPort.lastIndexOf(':');
  if (colon > close) {
    const port = hostPort.slice(colon + 1);
    if (port === '' || (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) {
      return hostPort.slice(0, colon);
    }
  }
  return hostPort;
}

/** The actual key of a header, matched case-insensitively (`lowerName` must be lower-case). */
export function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const key in headers) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) return key;
  }
  return undefined;
}

export function getHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  const key = findHeader(headers, lowerName);
  return key === undefined ? undefined : headers[key];
}

/** Removes every spelling of a header; returns whether one was there. */
export function deleteHeader(headers: Record<string, string>, lowerName: string): boolean {
  let found = false;
  for (const key in headers) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) {
      delete headers[key];
      found = true;
    }
  }
  return found;
}

/** Replaces every spelling of a header with one entry under `name`. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  deleteHeader(headers, name.toLowerCase());
  headers[name] = value;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** SigV4 timestamp, `20150830T123600Z`. */
export function amzDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}${pad2(date.getUTCMonth() + 1)}${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}${pad2(date.getUTCMinutes())}${pad2(date.getUTCSeconds())}Z`
  );
}

/** botocore's ISO8601 (`%Y-%m-%dT%H:%M:%SZ`, no fraction), used by presigned POST policies. */
export function iso8601Seconds(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}Z`
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** email.utils.formatdate(ts) as botocore writes a Date header: `Sun, 30 Aug 2015 12:36:00 -0000`. */
export function rfc2822Date(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} -0000`
  );
}

/** Hex SHA-256 of a string or byte body; the well-known constant for an empty one. */
export function sha256Hex(body: string | Uint8Array | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_SHA256_HASH;
  return crypto.createHash('sha256').update(body).digest('hex');
}
