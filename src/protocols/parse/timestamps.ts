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
  const fast = canonicalIso(value) ?? imfFixdate(value);
  if (fast !== undefined) return new Date(fast);
  if (NUMERIC.test(value)) return fromEpochSeconds(Number(value));
  const iso = parseIso8601(value);
  if (iso) return dateOf(iso);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`Invalid timestamp "${value}"`);
  return new Date(ms);
}

/** Digit at `i` of `s` (0-9), or -1. */
function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The form AWS sends in XML bodies, `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.mmmZ`, read
 * without regular expressions (a list of 1,000 objects has 1,000 of them); the epoch ms the
 * general path below would give, or undefined for any other form.
 */
function canonicalIso(s: string): number | undefined {
  const n = s.length;
  if (n !== 20 && n !== 24) return undefined;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[n - 1] !== 'Z') return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  let ms = 0;
  if (n === 24) {
    if (s[19] !== '.') return undefined;
    ms = digits(s, 20, 3);
  }
  // Years below 100 need the general path's fix-up; a non-digit anywhere gives -1.
  if (y < 100 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0 || ms < 0) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  return Number.isNaN(t) ? undefined : t;
}

function isLetter(s: string, i: number): boolean {
  const c = s.charCodeAt(i) | 0x20;
  return c >= 97 && c <= 122;
}

const MONTHS: Record<string, number> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/**
 * The form of HTTP date headers (Last-Modified, Expires: `Mon, 07 Dec 2026 11:32:10 GMT`,
 * RFC 7231's IMF-fixdate) read directly: the epoch ms `Date.parse` gives for it, or undefined
 * for anything else (another form, a month name in other case, a year below 100, a field out
 * of range), which the general path below reads as before. Within those ranges `Date.UTC`
 * agrees with `Date.parse`, a day past the month's end rolling over alike.
 */
function imfFixdate(s: string): number | undefined {
  if (s.length !== 29 || !isLetter(s, 0) || !isLetter(s, 1) || !isLetter(s, 2) || s[3] !== ',' || s[4] !== ' ' || s[7] !== ' ' || s[11] !== ' ' || s[16] !== ' ' || s[19] !== ':' || s[22] !== ':' || !s.endsWith(' GMT')) return undefined;
  const month = MONTHS[s.slice(8, 11)];
  const d = digits(s, 5, 2);
  const y = digits(s, 12, 4);
  const h = digits(s, 17, 2);
  const mi = digits(s, 20, 2);
  const sec = digits(s, 23, 2);
  if (month === undefined || d < 1 || d > 31 || y < 100 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return undefined;
  return Date.UTC(y, month, d, h, mi, sec);
}

function fromEpochSeconds(seconds: number): Date {
  // Round, not truncate: 1398796238.123 * 1000 is 1398796238122.9998 in binary floating point.
  const d = new Date(Math.round(seconds * 1000));
  if (Number.isNaN(d.getTime())) throw new TypeError(`Invalid timestamp "${seconds}"`);
  return d;
}
