/**
 * The retry quota (botocore/retries/quota.py): a client-wide budget that retries draw from and
 * successes refill, so a failing service is not hammered by every caller at once.
 *
 * Single-threaded JavaScript needs no lock; one instance lives in each retry strategy (client).
 */
export class RetryQuota {
  static readonly INITIAL_CAPACITY = 500;
  private available: number;

  constructor(readonly maxCapacity = RetryQuota.INITIAL_CAPACITY) {
    this.available = maxCapacity;
  }

  get availableCapacity(): number {
    return this.available;
  }

  /** Takes `amount` if that much is left; false (and nothing taken) otherwise. */
  acquire(amount: number): boolean {
    if (amount > this.available) return false;
    this.available -= amount;
    return true;
  }

  /** Gives back up to `amount`, never above the initial capacity. */
  release(amount: number): void {
    if (this.available === this.maxCapacity) return;
    this.available += Math.min(this.maxCapacity - this.available, amount);
  }
}
