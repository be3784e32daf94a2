/**
 * The client-side token bucket of adaptive mode (botocore/retries/bucket.py): refills at
 * `maxRate` tokens per second up to max(maxRate, 1) tokens; `acquire` waits for a token.
 *
 * Time comes from an injectable clock (seconds) so tests are deterministic; waiting uses an
 * injectable sleep for the same reason.
 */
export interface RetryClock {
  /** Seconds since an arbitrary origin. */
  now(): number;
  sleep(seconds: number): Promise<void>;
}

export const systemClock: RetryClock = {
  now: () => performance.now() / 1000,
  sleep: (seconds) => new Promise((resolve) => setTimeout(resolve, seconds * 1000)),
};

const MIN_RATE = 0.5;

export class TokenBucket {
  private fillRate = MIN_RATE;
  private maxCapacity = 1;
  private capacity = 0;
  private lastTimestamp: number | undefined;

  constructor(maxRate: number, private readonly clock: RetryClock = systemClock, private readonly minRate = MIN_RATE) {
    this.maxRate = maxRate;
  }

  get maxRate(): number {
    return this.fillRate;
  }

  set maxRate(value: number) {
    // Tokens earned at the old rate are banked before the rate changes.
    this.refill();
    this.fillRate = Math.max(value, this.minRate);
    this.maxCapacity = value >= 1 ? value : 1;
    this.capacity = Math.min(this.capacity, this.maxCapacity);
  }

  get availableCapacity(): number {
    return this.capacity;
  }

  get maxCapacityValue(): number {
    return this.maxCapacity;
  }

  /** Takes `amount` tokens without waiting; false if there are not enough. */
  tryAcquire(amount = 1): boolean {
    this.refill();
    if (amount > this.capacity) return false;
    this.capacity -= amount;
    return true;
  }

  /** Takes `amount` tokens, waiting for the bucket to refill when it is short. */
  async acquire(amount = 1): Promise<void> {
    while (!this.tryAcquire(amount)) {
      await this.clock.sleep((amount - this.capacity) / this.fillRate);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    if (this.lastTimestamp === undefined) {
      this.lastTimestamp = now;
      return;
    }
    this.capacity = Math.min(this.maxCapacity, this.capacity + (now - this.lastTimestamp) * this.fillRate);
    this.lastTimestamp = now;
  }
}
