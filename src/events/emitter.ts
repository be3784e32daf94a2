/**
 * A hierarchical event emitter with botocore's names and prefix matching.
 *
 * A handler registered for `before-call.s3` runs for `before-call.s3.PutObject`; one registered
 * for `before-call` runs for every service. More specific handlers run first, as in botocore.
 * Handlers may be sync or async; emit() awaits each returned promise in turn. Lookups are cached
 * per full event name so an event nobody listens to costs one Map lookup on the hot path (the
 * pipeline checks hasHandlers before building a payload: src/pipeline/make-api-call.ts).
 */

export type EventHandler = (payload: Record<string, unknown>) => unknown;

/**
 * The payload of each event, by base name (`before-call`, ...). The modules that emit an event
 * declare its payload here by declaration merging (src/pipeline/call-events.ts,
 * src/client/client-events.ts, src/resources), so a handler registered for
 * `before-call.s3.PutObject` is typed by its base name. docs/events.md lists them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface EventPayloads {}

/**
 * What every declared payload extends: handlers may read keys a payload does not declare (they
 * are `unknown`), and a payload stays a plain record for emit().
 */
export interface EventPayload {
  [key: string]: unknown;
}

/** `before-call.s3.PutObject` -> `before-call`. */
type BaseName<N extends string> = N extends `${infer B}.${string}` ? B : N;

/** The payload a handler of `N` receives: the declared one, or a loose record for other names. */
export type EventPayloadOf<N extends string> = BaseName<N> extends keyof EventPayloads ? EventPayloads[BaseName<N>] & { eventName: string } : Record<string, unknown>;

/** A handler of event `N`. */
export type EventHandlerOf<N extends string> = (payload: EventPayloadOf<N>) => unknown;

interface Registration {
  handler: EventHandler;
  uniqueId?: string;
}

export class HierarchicalEmitter {
  private readonly handlers = new Map<string, Registration[]>();
  private readonly resolved = new Map<string, EventHandler[]>();

  /** Registers `handler` for `eventName` and every event below it (`before-call.s3` ...). */
  register<N extends string>(eventName: N, handler: EventHandlerOf<N>, opts: { uniqueId?: string; first?: boolean } = {}): void {
    const list = this.handlers.get(eventName) ?? [];
    if (opts.uniqueId && list.some((r) => r.uniqueId === opts.uniqueId)) return;
    // Stored untyped: the name decides the payload, and emit() is handed the matching one.
    const reg = { handler: handler as EventHandler, uniqueId: opts.uniqueId };
    if (opts.first) list.unshift(reg);
    else list.push(reg);
    this.handlers.set(eventName, list);
    this.resolved.clear();
  }

  unregister(eventName: string, handlerOrId: ((payload: never) => unknown) | string): void {
    const list = this.handlers.get(eventName);
    if (!list) return;
    const kept = list.filter((r) => (typeof handlerOrId === 'string' ? r.uniqueId !== handlerOrId : r.handler !== handlerOrId));
    this.handlers.set(eventName, kept);
    this.resolved.clear();
  }

  /** Handlers for a full event name, most specific prefix first. */
  handlersFor(eventName: string): EventHandler[] {
    let out = this.resolved.get(eventName);
    if (out) return out;
    out = [];
    const parts = eventName.split('.');
    for (let n = parts.length; n >= 1; n--) {
      const regs = this.handlers.get(parts.slice(0, n).join('.'));
      if (regs) for (const r of regs) out.push(r.handler);
    }
    this.resolved.set(eventName, out);
    return out;
  }

  hasHandlers(eventName: string): boolean {
    return this.handlersFor(eventName).length > 0;
  }

  /** Calls every handler; returns their results in order. */
  async emit(eventName: string, payload: Record<string, unknown> = {}): Promise<unknown[]> {
    const hs = this.handlersFor(eventName);
    if (hs.length === 0) return [];
    const results: unknown[] = [];
    for (const h of hs) {
      // Most handlers are synchronous: only a returned promise is awaited (no microtask hop per handler).
      const r = h(handlerPayload(payload, eventName));
      results.push(isThenable(r) ? await r : r);
    }
    return results;
  }

  /**
   * Calls every handler, as emit does, for the call pipeline's per-call events: returns
   * undefined when every handler finished synchronously (nearly always), and otherwise a promise
   * that settles once the rest have run. A call whose handlers are all synchronous then makes no
   * promise and takes no await per event (S3 GetObject has eight events with handlers).
   * A handler that throws throws from here.
   */
  notify(eventName: string, payload: Record<string, unknown>): Promise<void> | undefined {
    const hs = this.handlersFor(eventName);
    for (let i = 0; i < hs.length; i++) {
      const r = hs[i](handlerPayload(payload, eventName));
      if (isThenable(r)) return this.notifyRest(hs, i + 1, r, eventName, payload);
    }
    return undefined;
  }

  private async notifyRest(hs: EventHandler[], from: number, pending: PromiseLike<unknown>, eventName: string, payload: Record<string, unknown>): Promise<void> {
    await pending;
    for (let i = from; i < hs.length; i++) {
      const r = hs[i](handlerPayload(payload, eventName));
      if (isThenable(r)) await r;
    }
  }

  /**
   * emitUntilResponse for the call pipeline: the first response that is not undefined/null, as a
   * plain value when every handler asked ran synchronously, else as a promise (see notify).
   */
  firstResponse(eventName: string, payload: Record<string, unknown>): unknown {
    const hs = this.handlersFor(eventName);
    for (let i = 0; i < hs.length; i++) {
      const r = hs[i](handlerPayload(payload, eventName));
      if (isThenable(r)) return this.firstResponseRest(hs, i + 1, r, eventName, payload);
      if (r !== undefined && r !== null) return r;
    }
    return undefined;
  }

  private async firstResponseRest(hs: EventHandler[], from: number, pending: PromiseLike<unknown>, eventName: string, payload: Record<string, unknown>): Promise<unknown> {
    const first = await pending;
    if (first !== undefined && first !== null) return first;
    for (let i = from; i < hs.length; i++) {
      let r = hs[i](handlerPayload(payload, eventName));
      if (isThenable(r)) r = await r;
      if (r !== undefined && r !== null) return r;
    }
    return undefined;
  }

  /**
   * Calls every handler synchronously, for events whose payload must be final when emit
   * returns (`creating-client-class`, `creating-resource-class`: the class is built next).
   * A handler that returns a Promise is not awaited; its rejection is dropped.
   */
  emitSync(eventName: string, payload: Record<string, unknown> = {}): void {
    for (const h of this.handlersFor(eventName)) {
      const r = h(handlerPayload(payload, eventName));
      if (r instanceof Promise) r.catch(() => undefined);
    }
  }

  /** Calls handlers until one returns something other than undefined/null; returns it. */
  async emitUntilResponse(eventName: string, payload: Record<string, unknown> = {}): Promise<unknown> {
    return this.firstResponse(eventName, payload);
  }

  /** A copy with the same registrations (the session's emitter is copied into each client). */
  copy(): HierarchicalEmitter {
    const c = new HierarchicalEmitter();
    for (const [k, v] of this.handlers) c.handlers.set(k, [...v]);
    return c;
  }
}

/**
 * The payload in an object of the handler's own, with `eventName`, as botocore's handlers each
 * get their own kwargs. Object.assign rather than a spread: the same keys in the same order,
 * and V8 copies this way about 2.5 times as fast when, as here, one line copies payloads of
 * many shapes (the spread was the costliest line of an S3 call's events). Payload keys are
 * botojs's own names, never `__proto__`, for which the two would differ.
 */
function handlerPayload(payload: Record<string, unknown>, eventName: string): Record<string, unknown> {
  const own: Record<string, unknown> = Object.assign({}, payload);
  own.eventName = eventName;
  return own;
}

/** A promise or any thenable (await would wait for it); plain values are used as they are. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}
