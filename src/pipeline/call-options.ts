/**
 * Per-call options: the second argument of every operation method, and of the paginator,
 * waiter, collection and transfer methods built on them. Checked before anything is sent.
 */
import { ParamValidationError } from '../errors';
import { closeMatches } from '../models/naming';
import { isPlainObject } from '../util/objects';

/**
 * Internal call option: called with the request-body bytes as the socket takes them, and with
 * the negative of an attempt's bytes when that attempt is retried (its body is sent again), as
 * botocore's reset_stream rewinds s3transfer's progress. Counted in payload bytes: the framing
 * of an aws-chunked body is left out. A symbol, so checkCallOptions (which reads string keys)
 * lets it through without making it public API; managed transfers use it.
 */
export const kBodyProgress: unique symbol = Symbol('botojs.bodyProgress');

/**
 * Internal call option: entries to start the call's `context.state` with. A customization that
 * makes a call on another call's behalf marks it this way (S3's region redirector tells its own
 * HeadBucket from a user's), without an async-context store.
 */
export const kCallState: unique symbol = Symbol('botojs.callState');

export interface CallOptions {
  /** Ends the call with AbortError when it fires (waiting for a connection, on the wire, in a retry back-off, or while a streamed body is read). */
  abortSignal?: AbortSignal;
  /** @internal see kBodyProgress */
  [kBodyProgress]?: (bytes: number) => void;
  /** @internal see kCallState */
  [kCallState]?: Readonly<Record<string, unknown>>;
}

const NAMES = ['abortSignal'];

function isAbortSignal(value: unknown): value is AbortSignal {
  // Duck-typed, so signals from other realms or polyfills work too.
  const s = value as AbortSignal | null;
  return typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function' && typeof s.removeEventListener === 'function';
}

/** Returns the options as given (or `{}`), or throws ParamValidationError naming each problem. */
export function checkCallOptions(options: unknown): CallOptions {
  if (options === undefined || options === null) return {};
  if (!isPlainObject(options)) {
    throw new ParamValidationError([`Invalid call options: expected an object like { abortSignal }, got ${describe(options)}`]);
  }
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    if (NAMES.includes(key)) continue;
    const close = closeMatches(key.slice(0, 100), NAMES, 1);
    problems.push(`Unknown call option '${key.slice(0, 100)}'${close.length ? ` (did you mean: ${close[0]}?)` : ''}; valid options: ${NAMES.join(', ')}`);
  }
  const signal = options.abortSignal;
  if (signal !== undefined && !isAbortSignal(signal)) problems.push(`Invalid call option abortSignal: expected an AbortSignal (new AbortController().signal), got ${describe(signal)}`);
  if (problems.length) throw new ParamValidationError(problems);
  return options as CallOptions;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an instance of ${(value as object).constructor?.name ?? 'Object'}`;
  return `type ${typeof value}`;
}
