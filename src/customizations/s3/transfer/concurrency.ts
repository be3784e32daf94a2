/**
 * TaskGroup: runs a transfer's requests with at most `limit` in flight (s3transfer's bounded
 * executor). The producer awaits `ready()` before it prepares the next task (so at most `limit`
 * part buffers exist), then `start()`s it. The first failure stops the group: `ready()` throws
 * it at once, no new task starts, and `wait()` lets the in-flight ones settle before throwing
 * it, so cleanup (AbortMultipartUpload, deleting a temp file) never races a running request.
 */
export class TaskGroup {
  private readonly inFlight = new Set<Promise<void>>();
  private waiters: Array<() => void> = [];
  private error: { value: unknown } | undefined;

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`TaskGroup limit must be >= 1, got ${limit}`);
  }

  /** Resolves when a task may start; throws the group's first error once it has failed. */
  async ready(): Promise<void> {
    while (!this.error && this.inFlight.size >= this.limit) await new Promise<void>((r) => this.waiters.push(r));
    if (this.error) throw this.error.value;
  }

  /** Starts a task now (call after `ready()`). */
  start(task: () => Promise<void>): void {
    const settle = () => {
      this.inFlight.delete(p);
      const wake = this.waiters;
      this.waiters = [];
      for (const w of wake) w();
    };
    const p: Promise<void> = Promise.resolve()
      .then(task)
      .catch((e: unknown) => {
        this.error ??= { value: e };
      })
      .finally(settle);
    this.inFlight.add(p);
  }

  /** Records a failure of the producer itself: no new task starts, and wait() throws it. */
  fail(e: unknown): void {
    this.error ??= { value: e };
  }

  /** Waits for every started task; throws the first error any of them (or the producer) hit. */
  async wait(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    if (this.error) throw this.error.value;
  }
}
