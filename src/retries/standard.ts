/**
 * botocore's standard retry mode (botocore/retries/standard.py, as shipped: the
 * AWS_NEW_RETRIES_2026 variant is off by default and not implemented here).
 *
 *   retry  = attempt < maxAttempts and (transient or throttling or modeled retryable
 *            or one of the service's own codes or a CRC32 mismatch)
 *            and the client's retry quota can pay for it (5, or 10 for a timeout)
 *   delay  = random() * min(2 ** (attempt - 1), 20) seconds (full jitter)
 *   refund = on a 2xx call: what the call's last retry took, or 1 if it never retried
 *
 * The service's own codes and CRC32 header are ServiceRetryChecks, which its customization
 * sets (STS's IDPCommunicationError, DynamoDB's x-amz-crc32); this module names no service.
 *
 * One departure from botocore: a response whose CRC32 does not match is damaged, so when it is
 * not retried (attempts or quota used up) it is raised as ChecksumError. botocore returns it as
 * the result (a corrupted DynamoDB item), where its legacy mode raises.
 */
import { RetryQuota } from './retry-quota';
import {
  crc32Mismatch,
  crc32MismatchError,
  isServiceRetryableCode,
  isThrottlingCode,
  isTimeoutError,
  isTransient,
  modeledRetryable,
} from './retry-conditions';
import { markResponse } from './retry-context';
import type { RetryCallState, RetryContext, RetryMode, RetryStrategy, ServiceRetryChecks } from './retry-context';

export const STANDARD_DEFAULT_MAX_ATTEMPTS = 3;
const MAX_BACKOFF_SECONDS = 20;
const RETRY_COST = 5;
const TIMEOUT_RETRY_COST = 10;
const NO_RETRY_INCREMENT = 1;

export interface StandardOptions {
  maxAttempts?: number;
  /** The service's own retry conditions (from its customization); none by default. */
  checks?: ServiceRetryChecks;
  random?: () => number;
  quota?: RetryQuota;
}

function isRetryableBesidesChecksum(checks: ServiceRetryChecks, ctx: RetryContext): boolean {
  return isTransient(ctx) || isThrottlingCode(ctx) || modeledRetryable(ctx) !== null || isServiceRetryableCode(checks.retryableErrorCodes, ctx);
}

/** A mismatch of the service's CRC32 header (special.RetryDDBChecksumError), or null. */
function damagedBody(checks: ServiceRetryChecks, ctx: RetryContext): ReturnType<typeof crc32Mismatch> {
  return checks.crc32Header === undefined ? null : crc32Mismatch(ctx, checks.crc32Header);
}

export class StandardRetryStrategy implements RetryStrategy {
  readonly mode: RetryMode = 'standard';
  readonly maxAttempts: number;
  readonly quota: RetryQuota;
  private readonly checks: ServiceRetryChecks;
  private readonly random: () => number;

  constructor(opts: StandardOptions = {}) {
    this.maxAttempts = opts.maxAttempts ?? STANDARD_DEFAULT_MAX_ATTEMPTS;
    this.checks = opts.checks ?? {};
    this.random = opts.random ?? Math.random;
    this.quota = opts.quota ?? new RetryQuota();
  }

  /** @throws ChecksumError when a CRC32 mismatch is not retried */
  decide(ctx: RetryContext): number | null {
    // Computed once: the CRC32 runs over the whole body.
    const damaged = damagedBody(this.checks, ctx);
    const delay = this.retryDelay(ctx, damaged !== null);
    if (delay === null && damaged) throw crc32MismatchError(damaged);
    return delay;
  }

  private retryDelay(ctx: RetryContext, damaged: boolean): number | null {
    // Checked first, as botocore's `max_attempts and (...)` does: even a success on the last
    // allowed attempt is marked MaxAttemptsReached.
    if (ctx.attempt >= this.maxAttempts) {
      markResponse(ctx, 'MaxAttemptsReached');
      return null;
    }
    if (!damaged && !isRetryableBesidesChecksum(this.checks, ctx)) return null;
    const cost = isTimeoutError(ctx.error) ? TIMEOUT_RETRY_COST : RETRY_COST;
    if (!this.quota.acquire(cost)) {
      markResponse(ctx, 'RetryQuotaReached');
      return null;
    }
    if (ctx.callState) ctx.callState.retryQuotaCapacity = cost;
    return this.backoff(ctx.attempt);
  }

  /** Full-jitter exponential backoff: random() * min(2 ** (attempt - 1), 20) seconds. */
  backoff(attempt: number): number {
    return this.random() * Math.min(2 ** (attempt - 1), MAX_BACKOFF_SECONDS);
  }

  onSuccess(callState?: RetryCallState): void {
    this.quota.release(callState?.retryQuotaCapacity ?? NO_RETRY_INCREMENT);
  }

  acquireSendToken(): Promise<void> | undefined {
    return undefined;
  }
}
