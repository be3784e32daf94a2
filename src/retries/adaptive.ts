/**
 * botocore's adaptive retry mode: standard mode plus a client-side rate limiter
 * (botocore/retries/adaptive.py, throttling.py). The limiter stays off until the first
 * throttling response; from then on every attempt takes a token from a bucket whose rate
 * follows CUBIC: cut to 70% of the measured send rate on a throttle, regrown along a cubic
 * curve on success, never above twice the measured rate.
 */
import { isThrottling } from './retry-conditions';
import { StandardRetryStrategy } from './standard';
import type { StandardOptions } from './standard';
import type { RetryContext, RetryMode } from './retry-context';
import { systemClock, TokenBucket } from './token-bucket';
import type { RetryClock } from './token-bucket';

const SCALE_CONSTANT = 0.4;
const BETA = 0.7;

/** throttling.CubicCalculator. */
export class CubicCalculator {
  private wMax: number;
  private k: number;
  private lastFail: number;

  constructor(startingMaxRate: number, startTime: number) {
    this.wMax = startingMaxRate;
    this.k = this.zeroPoint();
    this.lastFail = startTime;
  }

  private zeroPoint(): number {
    return Math.cbrt((this.wMax * (1 - BETA)) / SCALE_CONSTANT);
  }

  successReceived(timestamp: number): number {
    const dt = timestamp - this.lastFail;
    return SCALE_CONSTANT * (dt - this.k) ** 3 + this.wMax;
  }

  errorReceived(currentRate: number, timestamp: number): number {
    this.wMax = currentRate;
    this.k = this.zeroPoint();
    this.lastFail = timestamp;
    return currentRate * BETA;
  }
}

/** adaptive.RateClocker: a smoothed requests-per-second measure in half-second buckets. */
export class RateClocker {
  private measured = 0;
  private count = 0;
  private lastBucket: number;
  private static readonly SMOOTHING = 0.8;
  private static readonly BUCKET_SCALE = 2; // 1 / 0.5 s

  constructor(private readonly clock: RetryClock) {
    this.lastBucket = Math.floor(clock.now());
  }

  record(amount = 1): number {
    const t = this.clock.now();
    const bucket = Math.floor(t * RateClocker.BUCKET_SCALE) / RateClocker.BUCKET_SCALE;
    this.count += amount;
    if (bucket > this.lastBucket) {
      const current = this.count / (bucket - this.lastBucket);
      this.measured = current * RateClocker.SMOOTHING + this.measured * (1 - RateClocker.SMOOTHING);
      this.count = 0;
      this.lastBucket = bucket;
    }
    return this.measured;
  }

  get measuredRate(): number {
    return this.measured;
  }
}

/** adaptive.ClientRateLimiter. */
export class ClientRateLimiter {
  private enabled = false;
  readonly bucket: TokenBucket;
  private readonly cubic: CubicCalculator;
  private readonly clocker: RateClocker;
  private static readonly MAX_RATE_ADJUST_SCALE = 2;

  constructor(private readonly clock: RetryClock = systemClock) {
    this.cubic = new CubicCalculator(0, clock.now());
    this.bucket = new TokenBucket(1, clock);
    this.clocker = new RateClocker(clock);
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** before-send: wait for a token once throttling has been seen. */
  onSendingRequest(): Promise<void> | undefined {
    return this.enabled ? this.bucket.acquire() : undefined;
  }

  /** needs-retry: every response (or failure) adjusts the allowed rate. */
  onReceivingResponse(throttled: boolean): void {
    const measured = this.clocker.record();
    const now = this.clock.now();
    let newRate: number;
    if (!throttled) {
      newRate = this.cubic.successReceived(now);
    } else {
      const rateToUse = this.enabled ? Math.min(measured, this.bucket.maxRate) : measured;
      newRate = this.cubic.errorReceived(rateToUse, now);
      this.enabled = true;
    }
    this.bucket.maxRate = Math.min(newRate, ClientRateLimiter.MAX_RATE_ADJUST_SCALE * measured);
  }
}

export class AdaptiveRetryStrategy extends StandardRetryStrategy {
  override readonly mode: RetryMode = 'adaptive';
  readonly limiter: ClientRateLimiter;

  constructor(opts: StandardOptions & { clock?: RetryClock }) {
    super(opts);
    this.limiter = new ClientRateLimiter(opts.clock ?? systemClock);
  }

  override decide(ctx: RetryContext): number | null {
    try {
      return super.decide(ctx);
    } finally {
      // Every response adjusts the rate, one that ends the call with ChecksumError too.
      this.limiter.onReceivingResponse(isThrottling(ctx));
    }
  }

  override acquireSendToken(): Promise<void> | undefined {
    return this.limiter.onSendingRequest();
  }
}
