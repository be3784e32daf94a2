/**
 * AbortSignal helpers every stage shares: the botojs AbortError for a fired signal, a check
 * between stages, and waits (retry back-off, waiter delays) that end when the signal fires.
 */
import { AbortError } from '../errors';
import { ChurnSet } from './churn-set';
import type { ChurnMember } from './churn-set';

/** The AbortError for a fired signal; its `cause` is the signal's reason. */
export function abortError(signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  // Duck-typed: DOMException (AbortSignal.timeout's reason) and errors of other realms count.
  const r = typeof reason === 'object' && reason !== null ? (reason as { name?: unknown; message?: unknown }) : {};
  const detail = typeof r.message === 'string' && r.message && r.name !== 'AbortError' && r.name !== 'TimeoutError' ? `: ${r.message.slice(0, 500)}` : '';
  const timedOut = r.name === 'TimeoutError' ? ' (the signal timed out)' : '';
  return new AbortError(`The operation was aborted${timedOut}${detail}`, { cause: reason });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/**
 * Subscribers per signal, behind one listener of ours on each signal: a signal shared by many
 * concurrent calls (one per request batch, say) then carries one listener, not one per call,
 * so Node never warns about a listener leak and the caller's signal is left as it was. Such a
 * signal's subscribers come and go with every call: a ChurnSet, not a Set (churn-set.ts).
 */
interface Subscription extends ChurnMember {
  fn: () => void;
}
const subscribers = new WeakMap<AbortSignal, ChurnSet<Subscription>>();

function dispatch(this: AbortSignal): void {
  const subs = subscribers.get(this);
  subscribers.delete(this);
  if (!subs) return;
  for (const sub of subs.snapshot()) {
    // Called as a plain function, as before: a subscriber never sees the entry as `this`.
    const fn = sub.fn;
    fn();
  }
}

/** Calls `fn` once when `signal` fires (subscribers run in no set order); returns the function that cancels the subscription. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let subs = subscribers.get(signal);
  if (!subs) {
    subs = new ChurnSet();
    subscribers.set(signal, subs);
    signal.addEventListener('abort', dispatch, { once: true });
  }
  // An entry per subscription, so the same function subscribed twice is two subscriptions.
  const entry: Subscription = { fn, churnSlot: -1 };
  subs.add(entry);
  return () => {
    const current = subscribers.get(signal);
    if (!current) return;
    current.delete(entry);
    if (current.size === 0) {
      subscribers.delete(signal);
      signal.removeEventListener('abort', dispatch);
    }
  };
}

/** Resolves after `ms`, or rejects with AbortError as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve();
    }, ms);
    const unsubscribe = onAbort(signal, () => {
      clearTimeout(timer);
      reject(abortError(signal));
    });
  });
}

/** `promise`, unless `signal` fires first (the promise's own work is not cancelled). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = onAbort(signal, () => reject(abortError(signal)));
    promise.then(
      (v) => {
        unsubscribe();
        resolve(v);
      },
      (e: unknown) => {
        unsubscribe();
        reject(e);
      },
    );
  });
}
