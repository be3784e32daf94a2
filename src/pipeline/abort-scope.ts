/**
 * Abort scopes: `runWithAbortSignal(signal, fn)` makes `signal` cancel every botojs call that
 * `fn` starts, synchronously or in any async continuation of it, as if each had been given
 * `{ abortSignal: signal }`. A call's own abortSignal keeps working: either one aborts it. The
 * REPL runs each evaluation in a scope, so Ctrl-C cancels what that evaluation started, however
 * deep (a page of a paginator, a poll of a waiter, a part of a transfer).
 *
 * `resolveCallOptions(options)` is what every entry point (operation methods, `paginate`,
 * `wait`, collections, transfers) reads its options with: `checkCallOptions` plus the scope.
 * Cleanup that must still go out after an abort (AbortMultipartUpload) runs in
 * `outsideAbortScope`. AsyncLocalStorage costs nothing until a scope is first entered.
 */
import { AsyncLocalStorage } from 'async_hooks';
import { anySignal } from '../util/any-signal';
import { checkCallOptions, type CallOptions } from './call-options';

const scope = new AsyncLocalStorage<AbortSignal | undefined>();

/** Runs `fn` with `signal` cancelling every call started inside it; returns what `fn` returns. */
export function runWithAbortSignal<T>(signal: AbortSignal, fn: () => T): T {
  return scope.run(signal, fn);
}

/**
 * Runs `fn` (and what it starts) outside any abort scope. Outside one already, `fn` just runs:
 * entering the AsyncLocalStorage would switch on its bookkeeping for every later promise of the
 * process (every multipart upload creates its upload through here).
 */
export function outsideAbortScope<T>(fn: () => T): T {
  return scope.getStore() === undefined ? fn() : scope.run(undefined, fn);
}

/** The signal of the scope the caller runs in, if any. */
export function scopedAbortSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/**
 * Checked call options (see checkCallOptions), with the scope's signal joined to the call's own.
 * @throws ParamValidationError for bad options
 */
export function resolveCallOptions(options: unknown): CallOptions {
  const checked = checkCallOptions(options);
  const scoped = scope.getStore();
  if (!scoped) return checked;
  return { ...checked, abortSignal: anySignal([checked.abortSignal, scoped]) };
}

/** `{ abortSignal }` for a call that should carry `signal`, or undefined (no options at all). */
export function signalOptions(signal: AbortSignal | undefined): CallOptions | undefined {
  return signal ? { abortSignal: signal } : undefined;
}
