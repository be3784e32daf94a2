/**
 * Clock-skew correction for signing. botocore has none (a skewed host just fails); the AWS JS
 * SDKs do, and botojs follows them: when a service rejects a request with a clock-skew error
 * code and its `Date` header is at least 5 minutes away from our (corrected) clock, remember the
 * offset, sign with `now()` from then on, and retry once at once.
 *
 * The retry is "once" by construction: after the correction the clocks agree, so a second skew
 * error on the same call finds no skew to fix and is not retried.
 */
import type { ParsedResponse } from '../types/http';

/** Error codes services answer with when the request's signing time is off. */
export const CLOCK_SKEW_ERROR_CODES: ReadonlySet<string> = new Set([
  'RequestTimeTooSkewed',
  'RequestExpired',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'RequestInTheFuture',
]);

export function isClockSkewError(code: string | undefined): boolean {
  return code !== undefined && CLOCK_SKEW_ERROR_CODES.has(code);
}

const SKEW_THRESHOLD_MS = 5 * 60 * 1000;

export class ClockSkew {
  private offset = 0;
  private lastDate: string | undefined;
  private readonly localNow: () => number;

  constructor(opts: { now?: () => number } = {}) {
    this.localNow = opts.now ?? Date.now;
  }

  /** Milliseconds to add to the local clock (server time - local time). */
  get offsetMs(): number {
    return this.offset;
  }

  /** The corrected current time; sign requests with it. */
  now(): Date {
    return new Date(this.localNow() + this.offset);
  }

  /**
   * Remembers the `date` header of a response. Cheap (no parsing) so it can run on every
   * response; the value is a fallback for `shouldRetry` when the parsed response lacks headers.
   */
  observe(dateHeader: string | undefined): void {
    if (dateHeader !== undefined) this.lastDate = dateHeader;
  }

  /**
   * Applies the server's time from `dateHeader` if it is 5 minutes or more away from `now()`.
   * Returns true when the offset changed (the clock was corrected).
   */
  correct(dateHeader: string | undefined): boolean {
    if (!dateHeader) return false;
    const serverMs = Date.parse(dateHeader);
    if (Number.isNaN(serverMs)) return false;
    const local = this.localNow();
    if (Math.abs(serverMs - (local + this.offset)) < SKEW_THRESHOLD_MS) return false;
    this.offset = serverMs - local;
    return true;
  }

  /**
   * For an error response: true when its code is a clock-skew error and the clock was just
   * corrected from its `date` header, so the caller should re-sign and retry immediately.
   * `attempt` is accepted for the pipeline's convenience; the once-only rule needs no count.
   */
  shouldRetry(response: ParsedResponse, _attempt?: number): boolean {
    if (!isClockSkewError(response.Error?.Code)) return false;
    const date = response.ResponseMetadata?.HTTPHeaders?.date ?? this.lastDate;
    return this.correct(date);
  }
}
