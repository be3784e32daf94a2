/**
 * Timestamp inputs and wire formats for request serialization, as botocore's serializers do.
 *
 * Inputs: `Date`, a number (epoch seconds, fractions allowed) or a string (ISO 8601 as
 * src/util/iso8601.ts reads it, epoch seconds as text, or anything `Date.parse` reads).
 * Formats: `iso8601` (`2014-04-29T18:30:38Z`, or with six fraction digits when the instant has
 * sub-second precision), `unixTimestamp` (integer seconds, truncated) and `rfc822`
 * (`Tue, 29 Apr 2014 18:30:38 GMT`).
 *
 * Precision `millisecond` (botocore's TIMESTAMP_PRECISION_MILLISECOND, which a
 * `creating-serializer` handler chooses per service) changes two formats: iso8601 always has
 * three fraction digits (`2014-04-29T18:30:38.000Z`, truncated), and unixTimestamp is Python's
 * float of seconds plus truncated milliseconds, written as Python writes it (`1398796238.5`,
 * `1398796238.0`): a JsonNumber, so JSON bodies carry that number and String() that text.
 * rfc822 has whole seconds either way.
 */

import { excerpt } from '../../util/excerpt';
import { formatIso8601, instantOf, parseIso8601 } from '../../util/iso8601';
import type { Instant } from '../../util/iso8601';
import { JsonNumber } from '../../util/json-text';

/** botocore's serializer timestamp precision. */
export type TimestampPrecision = 'default' | 'millisecond';

export type { Instant };

export type TimestampInput = Date | number | string;

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

export function toInstant(value: unknown): Instant {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Invalid timestamp: Invalid Date');
    return instantOf(value);
  }
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value === 'string') {
    if (NUMERIC.test(value)) return fromEpoch(Number(value));
    const iso = parseIso8601(value);
    if (iso) return iso;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return toInstant(new Date(ms));
  }
  throw new TypeError(`Invalid timestamp: ${excerpt(value)}`);
}

function fromEpoch(n: number): Instant {
  if (!Number.isFinite(n)) throw new TypeError(`Invalid timestamp: ${n}`);
  const seconds = Math.floor(n);
  let micros = Math.round((n - seconds) * 1e6);
  if (micros >= 1e6) return { seconds: seconds + 1, micros: 0 };
  if (micros < 0) micros = 0;
  return { seconds, micros };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Seconds plus truncated milliseconds as a Python float: its repr, `.0` when whole. */
function unixMilliseconds(t: Instant): JsonNumber {
  const n = t.seconds + Math.floor(t.micros / 1000) / 1000;
  // JavaScript and Python both print the shortest text that reads back as the same double;
  // only Python adds `.0` to a whole float (no timestamp reaches Python's exponent forms).
  return new JsonNumber(Number.isInteger(n) ? `${n}.0` : String(n));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatRfc822(t: Instant): string {
  const d = new Date(t.seconds * 1000);
  return (
    `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCFullYear(), 4)} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} GMT`
  );
}

/**
 * Serializes a timestamp in the named format (case-insensitive, as botocore lower-cases it).
 * Returns a number for `unixTimestamp` (a JsonNumber at millisecond precision) so JSON bodies
 * carry a number, as botocore's do; String() of the result is the text form.
 */
export function formatTimestamp(value: unknown, format: string, precision: TimestampPrecision = 'default'): string | number | JsonNumber {
  const t = toInstant(value);
  switch (format.toLowerCase()) {
    case 'iso8601':
      return formatIso8601(t, precision === 'millisecond' ? 'millis' : 'micros');
    case 'unixtimestamp':
      return precision === 'millisecond' ? unixMilliseconds(t) : t.seconds;
    case 'rfc822':
      return formatRfc822(t);
    default:
      throw new Error(`Unknown timestamp format '${format}'`);
  }
}
