/**
 * PoolSlots: at most `size` requests per host are on the wire at once (botocore's
 * max_pool_connections); the rest wait in arrival order.
 *
 * A slot is held only while a request is sent and its response read by the transport: from
 * the first byte out to the last byte in of a buffered response, or to the response headers of
 * a streamed one. A streaming body the caller holds does not hold a slot, so bodies that are
 * never read cannot starve later calls; each slot holder ends within connectTimeout plus
 * readTimeout of its last progress, so every waiter gets its turn. Waiting ends early, and
 * the waiter is removed, when its AbortSignal fires or the transport closes.
 */

export interface SlotWaiter {
  resolve(): void;
  reject(err: Error): void;
}

export class PoolSlots {
  private active = 0;
  private readonly queue: SlotWaiter[] = [];
  /** Index of the first live entry of `queue` (dequeuing by index avoids O(n) shifts). */
  private head = 0;

  constructor(readonly size: number) {}

  /** True when nothing holds or waits for a slot (the owner may drop this object). */
  get idle(): boolean {
    return this.active === 0 && this.head === this.queue.length;
  }

  /** Takes a slot now if one is free; otherwise returns false and the caller must `wait`. */
  tryAcquire(): boolean {
    if (this.active < this.size && this.head === this.queue.length) {
      this.active++;
      return true;
    }
    return false;
  }

  /** Queues `waiter`; it is resolved holding a slot, or rejected through `cancel`. */
  wait(waiter: SlotWaiter): void {
    this.queue.push(waiter);
  }

  /** Removes a waiter that no longer wants a slot (aborted). Returns whether it was queued. */
  cancel(waiter: SlotWaiter, err: Error): boolean {
    const i = this.queue.indexOf(waiter, this.head);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    waiter.reject(err);
    return true;
  }

  /** Gives a slot back, handing it straight to the longest waiter if there is one. */
  release(): void {
    if (this.head < this.queue.length) {
      const next = this.queue[this.head];
      this.queue[this.head++] = undefined as unknown as SlotWaiter;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      next.resolve();
      return;
    }
    this.active--;
  }

  /** Rejects every waiter (the transport is closing). */
  rejectAll(err: Error): void {
    const waiting = this.queue.splice(this.head);
    this.queue.length = 0;
    this.head = 0;
    for (const w of waiting) w.reject(err);
  }
}
