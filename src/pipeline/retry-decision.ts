/**
 * The retry decision after each attempt: the needs-retry handlers (S3's region redirect among
 * them), then the clock-skew check, then the retry mode (src/retries). Synchronous unless a
 * handler answers with a promise, so that an attempt that succeeds awaits nothing here.
 */
import type { RetryContext } from '../retries';
import { isThenable } from '../events/emitter';
import type { CallContext } from './call-context';
import type * as Events from './call-events';
import { resolveCallEndpoint } from './call-endpoint';
import { reroute, type CallRoute, type NeedsRetryExtras } from './call-route';
import type { ClientContext } from './context';
import { eventsOf } from './operation-events';

/**
 * Whether and when to retry: null to stop, else seconds to wait. A promise only when a
 * needs-retry handler answered with one; otherwise decided on the spot (no await per attempt).
 */
export function decideRetry(ctx: ClientContext, call: CallContext, rc: RetryContext, replayable: boolean, signal: AbortSignal | undefined, route: CallRoute): number | null | Promise<number | null> {
  const hookName = eventsOf(ctx.eventServiceId, call.operation).needsRetry;
  // The handlers' extras (and their closure) are built only when someone listens.
  if (!ctx.events.hasHandlers(hookName)) return retryDecision(ctx, rc, replayable, undefined);
  // Written out rather than spread from rc: a spread of these objects is V8's slow generic
  // copy, about 2% of an S3 call's CPU at concurrency 16. The keys are rc's (as sendWithRetries
  // builds it), then the extras, in the order the spread gave.
  const payload: Events.NeedsRetryEvent = {
    attempt: rc.attempt,
    operationName: rc.operationName,
    response: rc.response,
    httpResponse: rc.httpResponse,
    error: rc.error,
    operation: call.operation,
    callState: rc.callState,
    params: call.params,
    abortSignal: signal,
    resolveEndpointAgain: () => reroute(route, async () => (call.endpoint = await resolveCallEndpoint(ctx, call))),
    context: call,
  } satisfies Omit<Events.NeedsRetryEvent, 'errorShapeRetryable'> & NeedsRetryExtras;
  const hook = ctx.events.firstResponse(hookName, payload);
  if (isThenable(hook)) return Promise.resolve(hook).then((answer) => retryDecision(ctx, rc, replayable, answer));
  return retryDecision(ctx, rc, replayable, hook);
}

/** decideRetry once the needs-retry handlers answered (`hook`: the first answer, if any). */
function retryDecision(ctx: ClientContext, rc: RetryContext, replayable: boolean, hook: unknown): number | null {
  // A stream we already sent cannot be replayed, whoever asks: its bytes are gone.
  if (!replayable) return null;
  if (typeof hook === 'number') return hook;
  if (rc.response?.Error && ctx.clockSkew.shouldRetry(rc.response, rc.attempt)) return 0;
  // Called after successes too: adaptive mode measures the send rate from them.
  return ctx.retry.decide(rc);
}
