/**
 * Small, allocation-light helpers the signers share: the raw URL split (src/util/url-parts.ts,
 * shared with the transport), SigV4 timestamps and payload hashes. Case-insensitive header
 * edits are src/util/headers.ts.
 */
import crypto = require('crypto');

export const EMPTY_SHA256_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_UNSIGNED_PAYLOAD_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export { splitUrl, hostFromAuthority } from '../util/url-parts';
export type { UrlParts } from '../util/url-parts';

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

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** email.utils.formatdate(ts) as botocore writes a Date header: `Sun, 30 Aug 2015 12:36:00 -0000`. */
export function rfc2822Date(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${pad2(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())} -0000`
  );
}

type OneShotHash = (algorithm: string, data: string | Uint8Array, outputEncoding: 'hex') => string;

/**
 * Node's one-shot digest (`crypto.hash`, Node 20.12 and 21.7 on), where it has one. For the
 * short inputs of a call (a JSON payload, a canonical request) it takes 0.3-0.4 us where
 * `createHash().update().digest()` takes 0.75-0.95 us, most of which is the Hash object and its
 * native handle; every signed request hashes twice. Strings are UTF-8 in both.
 */
const oneShotHash = (crypto as unknown as { hash?: OneShotHash }).hash;

/** Hex SHA-256 of a string (as UTF-8) or of bytes; the well-known constant for an empty one. */
export function sha256Hex(body: string | Uint8Array | undefined): string {
  if (body === undefined || body.length === 0) return EMPTY_SHA256_HASH;
  if (oneShotHash !== undefined) return oneShotHash('sha256', body, 'hex');
  return crypto.createHash('sha256').update(body).digest('hex');
}
