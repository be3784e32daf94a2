/**
 * LazyPromise: a real Promise whose work starts only when someone consumes it (`await`,
 * `then`, `catch`, `finally`, `Promise.all`...), never when it is merely created or copied.
 *
 * Why: reading an unloaded attribute by name (`await obj.contentLength`) must load, but a
 * property read is all JavaScript gives us, and spreading (`{...obj}`), `Object.entries`,
 * `Object.assign` and test frameworks' deep equality read every enumerable member the same way.
 * With a LazyPromise those reads copy an unstarted promise: nothing is sent, and nothing can
 * reject unobserved. The first consumer starts the work; a failure rejects this promise, which
 * by then has the consumer's handler attached, so it reaches that consumer and no one else.
 */
export class LazyPromise<T> extends Promise<T> {
  // Promises derived by then() are ordinary ones; the constructor below is not an executor.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #start: (() => Promise<T>) | null;
  readonly #resolve: (value: T | PromiseLike<T>) => void;
  readonly #reject: (reason: unknown) => void;

  constructor(start: () => Promise<T>) {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason: unknown) => void;
    super((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.#start = start;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    const start = this.#start;
    if (start) {
      this.#start = null;
      try {
        start().then(this.#resolve, this.#reject);
      } catch (e) {
        this.#reject(e);
      }
    }
    return super.then(onFulfilled, onRejected);
  }
}
