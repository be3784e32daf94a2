/**
 * Waiter: polls one operation until an acceptor reaches a terminal state, as botocore's
 * Waiter.wait does. Each attempt calls the operation; a ClientError becomes its error response
 * so `status`/`error` acceptors can match it, any other error (network, validation) ends the wait
 * as it is. The first matching acceptor sets the state: `success` resolves, `failure` rejects
 * with WaiterError, `retry` (or no match) sleeps `Delay` seconds and tries again, up to
 * `MaxAttempts` attempts. An error response no acceptor matches ends the wait with that error
 * itself (the ClientError, catchable as `client.exceptions.X`), as issue #4 specifies; botocore
 * wraps it in a WaiterError instead.
 *
 * `wait(params, { abortSignal })` cancels: each poll carries the signal, the delay between
 * polls ends as soon as it fires, and the wait rejects with AbortError. `WaiterConfig.signal`
 * (the older spelling) does the same.
 */
import { inspect } from 'util';
import { ClientError } from '../errors';
import type { CallOperation } from '../paginate/page-iterator';
import { resolveCallOptions, signalOptions } from '../pipeline/abort-scope';
import type { CallOptions } from '../pipeline/call-options';
import { abortable, sleep, throwIfAborted } from '../util/abort';
import { anySignal } from '../util/any-signal';
import { Acceptor, AcceptorSpec, isErrorResponse } from './acceptor';
import { WaiterConfigError, WaiterError } from './errors';
import { withForgivingMembers } from '../util/spelling';

/** One waiter as waiters-2.json writes it. */
export interface WaiterSpec {
  operation: string;
  /** Seconds between attempts. */
  delay: number;
  maxAttempts: number;
  acceptors: AcceptorSpec[];
  description?: string;
}

/** The `WaiterConfig` param every wait() call accepts. */
export interface WaiterConfig {
  /** Seconds between attempts (the model's `delay` by default). */
  Delay?: number;
  /** Attempts before giving up (the model's `maxAttempts` by default). */
  MaxAttempts?: number;
  /** Cancels the wait, as `wait(params, { abortSignal })` does (which is the spelling to prefer). */
  signal?: AbortSignal;
}

export type WaitParams = Record<string, unknown> & { WaiterConfig?: WaiterConfig };

function positive(value: unknown, name: string, integer: boolean): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && (!Number.isInteger(n) || n < 1))) {
    throw new WaiterConfigError(`WaiterConfig.${name} must be a ${integer ? 'positive integer' : 'non-negative number'}, got: ${String(value)}`);
  }
  return n;
}

export class Waiter {
  readonly acceptors: Acceptor[];

  /**
   * @param name the model's waiter name (`ObjectExists`)
   * @param spec its waiters-2.json entry; acceptors are compiled here
   * @param call calls `spec.operation`
   */
  constructor(
    readonly name: string,
    readonly spec: WaiterSpec,
    private readonly call: CallOperation,
  ) {
    this.acceptors = spec.acceptors.map((a) => new Acceptor(a));
    // Any spelling of a member resolves (src/util/spelling.ts); a misspelling names the closest.
    return withForgivingMembers(this, { strict: true, label: () => `'${name}' waiter` });
  }

  /** What the REPL echoes: the waiter, what it polls and how often, not the acceptors. */
  [inspect.custom](): string {
    return `Waiter(name='${this.name}', operation='${this.spec.operation}', delay=${this.spec.delay}, maxAttempts=${this.spec.maxAttempts})`;
  }

  /** The operation this waiter polls (API name). */
  get operationName(): string {
    return this.spec.operation;
  }

  /**
   * Polls until success.
   * @param options `{ abortSignal }`: each poll carries it, and the delay between polls ends as
   *   soon as it fires
   * @returns the response that matched the success acceptor
   * @throws WaiterError on a failure state or too many attempts; the ClientError itself for an
   *   error response no acceptor expects; AbortError once the signal fires
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the response is model-shaped plain data, as operation results are
  async wait(params: WaitParams = {}, options?: CallOptions): Promise<Record<string, any>> {
    const { abortSignal } = resolveCallOptions(options);
    const { WaiterConfig: config = {}, ...opParams } = params;
    const delayMs = positive(config.Delay ?? this.spec.delay, 'Delay', false) * 1000;
    const maxAttempts = positive(config.MaxAttempts ?? this.spec.maxAttempts, 'MaxAttempts', true);
    const signal = anySignal([abortSignal, config.signal]);
    throwIfAborted(signal);

    let lastMatched: Acceptor | undefined;
    for (let attempt = 1; ; attempt++) {
      // abortable: a hand-written CallOperation may ignore the signal it is given.
      const { response, error } = await abortable(this.attempt(opParams, signal), signal);
      const matched = this.acceptors.find((a) => a.matches(response));
      if (matched) {
        lastMatched = matched;
        if (matched.state === 'success') return response;
        if (matched.state === 'failure') {
          throw new WaiterError(this.name, `Waiter encountered a terminal failure state: ${matched.explanation}`, response, { cause: error });
        }
      } else if (isErrorResponse(response)) {
        if (error) throw error;
        const e = response.Error as { Code?: unknown; Message?: unknown };
        throw new WaiterError(this.name, `An error occurred (${String(e.Code ?? 'Unknown')}): ${String(e.Message ?? 'Unknown')}`, response, { cause: error });
      }
      if (attempt >= maxAttempts) {
        const reason = lastMatched ? `Max attempts exceeded. Previously accepted state: ${lastMatched.explanation}` : 'Max attempts exceeded';
        throw new WaiterError(this.name, reason, response, { cause: error });
      }
      await sleep(delayMs, signal);
    }
  }

  /** One call; a ClientError is turned into its error response. */
  private async attempt(params: Record<string, unknown>, signal: AbortSignal | undefined): Promise<{ response: Record<string, unknown>; error?: ClientError }> {
    const options = signalOptions(signal);
    try {
      return { response: await (options ? this.call({ ...params }, options) : this.call({ ...params })) };
    } catch (err) {
      if (err instanceof ClientError) return { response: err.response as Record<string, unknown>, error: err };
      throw err;
    }
  }
}
