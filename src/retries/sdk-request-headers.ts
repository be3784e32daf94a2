/**
 * The `amz-sdk-invocation-id` and `amz-sdk-request` headers, as botocore's add_retry_headers
 * writes them from the retries context its Endpoint keeps for one call:
 *
 * - `amz-sdk-invocation-id`: one random UUID for the whole call, the same on every attempt;
 * - `amz-sdk-request`: `[ttl=<time>; ]attempt=<n>[; max=<m>]`, keys in that order. `attempt`
 *   counts from 1. `max` (the retry mode's total attempts) is only known once the retry handler
 *   has judged a response, so the first attempt says `attempt=1` alone. `ttl` is recorded
 *   before a retry when the previous attempt got a response with a `Date` header
 *   (`%a, %d %b %Y %H:%M:%S %Z`): the local time plus the read timeout plus the skew the Date
 *   shows, written `%Y%m%dT%H%M%SZ`; an attempt that got no response (or a Date that does not
 *   parse) keeps the ttl recorded before. botocore means to skip the ttl for streaming input but
 *   looks for that flag in the wrong dict, so it never does; neither do we.
 *
 * Both go on after signing (botocore's signer runs first on request-created), so they are never
 * signed. One instance serves one call.
 */
import { randomUUID } from 'crypto';

const WEEKDAYS = 'mon|tue|wed|thu|fri|sat|sun';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// Python's strptime patterns for "%a, %d %b %Y %H:%M:%S %Z" (names case-insensitive, %Z is UTC or GMT here).
const HTTP_DATE = new RegExp(
  `^(?:${WEEKDAYS}),\\s+(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])\\s+(${MONTHS.join('|')})\\s+(\\d{4})\\s+` +
    '(2[0-3]|[01]\\d|\\d):([0-5]\\d|\\d):(6[01]|[0-5]\\d|\\d)\\s+(?:utc|gmt)$',
  'i',
);

/** The Date header as botocore's strptime reads it, in ms since the epoch; undefined if it fails. */
export function parseResponseDate(value: string | undefined): number | undefined {
  const m = value === undefined ? null : HTTP_DATE.exec(value);
  if (!m) return undefined;
  const [day, month, year, hour, minute, second] = [Number(m[1]), MONTHS.indexOf(m[2].toLowerCase()), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  const ms = Date.UTC(year, month, day, hour, minute, second);
  const d = new Date(ms);
  // datetime() refuses day 31 of a 30-day month and second 60/61: those are parse failures too.
  if (d.getUTCDate() !== day || d.getUTCSeconds() !== second || year < 1) return undefined;
  return ms;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function compactTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

export class SdkRequestHeaders {
  readonly invocationId: string = randomUUID();
  private ttl: string | undefined;
  private max: number | undefined;

  /** @param readTimeout the client's read timeout in seconds (botocore adds it to the ttl) */
  constructor(private readonly readTimeout: number) {}

  /**
   * Records what an attempt taught, as botocore does between attempts: the retry mode's
   * `maxAttempts` (its retry handler has now run) and, when the attempt got a response, the
   * ttl from that response's Date header.
   */
  afterAttempt(maxAttempts: number, responseHeaders: Record<string, string> | undefined): void {
    this.max = Math.max(this.max ?? 0, maxAttempts);
    if (!responseHeaders) return;
    const date = parseResponseDate(responseHeaders.date);
    if (date === undefined) return;
    // botocore: local now + read timeout + (server date - local time at receipt). Its two clock
    // reads are microseconds apart, so this is the Date plus the read timeout, whole seconds.
    this.ttl = compactTime(Math.floor((date + this.readTimeout * 1000) / 1000) * 1000);
  }

  /** Sets both headers for attempt `attempt` (1-based) on a signed request's headers. */
  apply(headers: Record<string, string>, attempt: number): void {
    headers['amz-sdk-invocation-id'] = this.invocationId;
    // The first attempt of nearly every call: nothing learned yet, one part.
    if (this.ttl === undefined && this.max === undefined) {
      headers['amz-sdk-request'] = attempt === 1 ? 'attempt=1' : `attempt=${attempt}`;
      return;
    }
    const parts: string[] = [];
    if (this.ttl !== undefined) parts.push(`ttl=${this.ttl}`);
    parts.push(`attempt=${attempt}`);
    if (this.max !== undefined) parts.push(`max=${this.max}`);
    headers['amz-sdk-request'] = parts.join('; ');
  }
}
