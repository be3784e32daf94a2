/**
 * ISO 8601 timestamps, read and written in one place: request serializers (iso8601 members and
 * query values), response parsers, POST policies, SigV2's Timestamp, credential expirations
 * and the SSO token cache all use these.
 *
 * Reading takes what AWS and users write: a date, or a date and time with optional seconds and
 * fraction (any number of digits; microseconds are kept, the rest cut), `T`, `t` or a space
 * between, and a zone of `Z`, `UTC`, `GMT`, `±HH`, `±HHMM` or `±HH:MM`; none means UTC (AWS
 * never means local time, where `new Date('2014-04-29T18:30:38')` would). Years 0-99 are
 * literal (Date.UTC would make them 1900-1999).
 */

/** An instant as whole epoch seconds plus microseconds (a Date alone would lose microseconds). */
export interface Instant {
  seconds: number;
  micros: number;
}

const ISO =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

/** The instant an ISO 8601 string names, or undefined when `text` is not one. */
export function parseIso8601(text: string): Instant | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number(y) < 100) {
    const literal = new Date(ms);
    literal.setUTCFullYear(Number(y));
    ms = literal.getTime();
  }
  ms -= zoneOffsetMinutes(zone) * 60000;
  if (Number.isNaN(ms)) return undefined;
  return { seconds: Math.floor(ms / 1000), micros: frac ? Number(frac.slice(0, 6).padEnd(6, '0')) : 0 };
}

function zoneOffsetMinutes(zone: string): number {
  if (/^(z|utc|gmt)$/i.test(zone)) return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0));
}

/** A Date as an Instant (its milliseconds as microseconds). */
export function instantOf(date: Date): Instant {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, micros: (ms - seconds * 1000) * 1000 };
}

/** A Date at the instant, cut to milliseconds (never rounded up past it). */
export function dateOf(t: Instant): Date {
  return new Date(t.seconds * 1000 + Math.floor(t.micros / 1000));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * `2014-04-29T18:30:38Z`. `fraction`: `none` (Python's `%Y-%m-%dT%H:%M:%SZ`), `micros` (six
 * digits when the instant has any, as botocore's serializers write a datetime), `millis`
 * (always three, botocore's millisecond precision).
 */
export function formatIso8601(value: Instant | Date, fraction: 'none' | 'micros' | 'millis' = 'none'): string {
  const t = value instanceof Date ? instantOf(value) : value;
  const d = new Date(t.seconds * 1000);
  const base =
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (fraction === 'millis') return `${base}.${pad(Math.floor(t.micros / 1000), 3)}Z`;
  if (fraction === 'micros' && t.micros > 0) return `${base}.${pad(t.micros, 6)}Z`;
  return `${base}Z`;
}
