/**
 * anySignal: one AbortSignal that fires when any of the given ones does (its reason is that
 * signal's reason). Used where two cancellations meet: a call's own abortSignal and the signal
 * of the scope it runs in, a waiter's options and its WaiterConfig.signal, a collection's bound
 * options and those given to one iteration. Undefined entries are skipped; with at most one
 * signal left it is returned as it is, so the common case allocates nothing.
 */
export function anySignal(signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal | undefined {
  const present = [...new Set(signals.filter((s): s is AbortSignal => s !== undefined))];
  if (present.length <= 1) return present[0];
  const fired = present.find((s) => s.aborted);
  if (fired) return fired;
  // AbortSignal.any (Node >= 20.3) holds its sources weakly, so a long-lived signal (a SIGINT
  // controller shared by many calls) does not collect one listener per call.
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(present);
  const controller = new AbortController();
  for (const s of present) s.addEventListener('abort', () => controller.abort(s.reason), { once: true, signal: controller.signal });
  return controller.signal;
}
