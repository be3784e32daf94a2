/**
 * Response timestamp parsing, as botocore's `parse_timestamp`: a number is epoch seconds
 * (fractions allowed); a string that reads as a number is epoch seconds too; anything else is a
 * date string (ISO 8601 as src/util/iso8601.ts reads it, a zone-less one taken as UTC; RFC 822 /
 * RFC 1123, or whatever `Date.parse` accepts). Returns a `Date` (millisecond precision, cut, not
 * rounded); throws on unparseable input.
 */
import { dateOf, parseIso8601 } from '../../util/iso8601';

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
export function parseTimestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return fromEpochSeconds(value);
  if (typeof value !== 'string') throw new TypeError(`Invalid timestamp "${String(value)}"`);
  if (NUMERIC.test(value)) return fromEpochSeconds(Number(value));
  const iso = parseIso8601(value);
  if (iso) return dateOf(iso);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`Invalid timestamp "${value}"`);
  return new Date(ms);
}

function fromEpochSeconds(seconds: number): Date {
  // Round, not truncate: 1398796238.123 * 1000 is 1398796238122.9998 in binary floating point.
  const d = new Date(Math.round(seconds * 1000));
  if (Number.isNaN(d.getTime())) throw new TypeError(`Invalid timestamp "${seconds}"`);
  return d;
}
