/**
 * Acceptor: one entry of a waiter's `acceptors` list, compiled into a predicate over a response.
 * Error responses (the parsed body of a ClientError: `Error` + `ResponseMetadata`) are matched
 * only by `status` and `error` matchers; `path*` matchers never match them, as in botocore.
 */
import { deepEqual, parseExpression, searchExpression } from '../paginate/expression';
import { isPlainObject } from '../util/objects';
import { WaiterConfigError } from './errors';

export type AcceptorState = 'success' | 'failure' | 'retry';
export type AcceptorMatcher = 'path' | 'pathAll' | 'pathAny' | 'status' | 'error';

/** One acceptor as waiters-2.json writes it. */
export interface AcceptorSpec {
  state: AcceptorState;
  matcher: AcceptorMatcher;
  expected: unknown;
  argument?: string;
}

const STATES: readonly string[] = ['success', 'failure', 'retry'];
const MATCHERS: readonly string[] = ['path', 'pathAll', 'pathAny', 'status', 'error'];

/** Whether a response is a service error (what a ClientError carries). */
export function isErrorResponse(response: Record<string, unknown>): boolean {
  const error = response.Error;
  return isPlainObject(error) && 'Code' in error;
}

export class Acceptor {
  readonly state: AcceptorState;
  readonly matcher: AcceptorMatcher;
  readonly expected: unknown;
  readonly argument?: string;

  /** @throws WaiterConfigError for an unknown matcher or state; jmespath errors for a bad path */
  constructor(spec: AcceptorSpec) {
    if (!MATCHERS.includes(spec.matcher)) throw new WaiterConfigError(`Unknown acceptor: ${String(spec.matcher)}`);
    if (!STATES.includes(spec.state)) throw new WaiterConfigError(`Unknown acceptor state: ${String(spec.state)}`);
    this.state = spec.state;
    this.matcher = spec.matcher;
    this.expected = spec.expected;
    this.argument = spec.argument;
    if (this.matcher.startsWith('path')) {
      if (typeof this.argument !== 'string') throw new WaiterConfigError(`Acceptor '${this.matcher}' needs an argument`);
      parseExpression(this.argument);
    }
  }

  /** botocore's wording, used in WaiterError reasons. */
  get explanation(): string {
    const expected = JSON.stringify(this.expected);
    switch (this.matcher) {
      case 'path':
        return `For expression "${this.argument}" we matched expected path: ${expected}`;
      case 'pathAll':
        return `For expression "${this.argument}" all members matched expected path: ${expected}`;
      case 'pathAny':
        return `For expression "${this.argument}" we matched expected path: ${expected} at least once`;
      case 'status':
        return `Matched expected HTTP status code: ${expected}`;
      case 'error':
        return `Matched expected service error code: ${expected}`;
    }
  }

  matches(response: Record<string, unknown>): boolean {
    try {
      return this.test(response);
    } catch {
      // A JMESPath type error (`length(null)` on a response without that member) is no match,
      // rather than an error that would end the wait.
      return false;
    }
  }

  private test(response: Record<string, unknown>): boolean {
    switch (this.matcher) {
      case 'path':
        return !isErrorResponse(response) && deepEqual(searchExpression(response, this.argument as string), this.expected);
      case 'pathAll': {
        if (isErrorResponse(response)) return false;
        const result = searchExpression(response, this.argument as string);
        // An empty list matches neither pathAll nor pathAny.
        return Array.isArray(result) && result.length > 0 && result.every((v) => deepEqual(v, this.expected));
      }
      case 'pathAny': {
        if (isErrorResponse(response)) return false;
        const result = searchExpression(response, this.argument as string);
        return Array.isArray(result) && result.some((v) => deepEqual(v, this.expected));
      }
      case 'status': {
        const meta = response.ResponseMetadata;
        return isPlainObject(meta) && meta.HTTPStatusCode === this.expected;
      }
      case 'error': {
        // `true`: any error; `false`: no error; otherwise one error code.
        if (this.expected === true) return isErrorResponse(response);
        if (this.expected === false) return !('Error' in response);
        const error = response.Error;
        return isPlainObject(error) && error.Code === this.expected;
      }
    }
  }
}
