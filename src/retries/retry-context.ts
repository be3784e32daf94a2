/**
 * The retry contract between the pipeline and a retry mode: after each attempt the pipeline
 * calls `decide(ctx)` and gets the delay in seconds before the next attempt, or null to stop.
 *
 * Mirrors botocore's needs-retry handler: `attempt` is 1-based and counts attempts already made,
 * so `ResponseMetadata.RetryAttempts = attempt - 1` once decide returns null.
 */
import type { OperationModel } from '../models/service-model';
import type { ParsedResponse, RawResponse } from '../types/http';

export type RetryMode = 'standard' | 'legacy' | 'adaptive';

/**
 * What a service adds to the standard and adaptive modes' conditions, set by its customization
 * at client creation (botocore's standard.py adds the same two special checks by service id).
 * Legacy mode reads the service's own policies from _retry.json instead.
 */
export interface ServiceRetryChecks {
  /** Error codes retried besides the standard ones (STS: IDPCommunicationError). */
  retryableErrorCodes?: readonly string[];
  /**
   * A header carrying the CRC32 of the body (DynamoDB: x-amz-crc32): a mismatch is retried,
   * and raised as ChecksumError once it is not.
   */
  crc32Header?: string;
}

/**
 * Per-call scratch state (botocore keeps it in the request context). Pass the same object to
 * every `decide` of one API call and to `onSuccess`, so the retry quota refunds what the call took.
 */
export interface RetryCallState {
  /** Quota capacity the last retry of this call acquired (standard and adaptive modes). */
  retryQuotaCapacity?: number;
}

export interface RetryContext {
  /** 1-based number of attempts already made. */
  attempt: number;
  operationName: string;
  /** The parsed response of this attempt (success or `Error`), when one arrived. */
  response?: ParsedResponse;
  /** The raw response, needed only for a CRC32 body check (DynamoDB's). */
  httpResponse?: RawResponse;
  /**
   * What failed in this attempt: the transport (no response arrived), or the parse of a
   * response that did arrive (a ResponseParserError, with `httpResponse` set, so that a body
   * damaged in transit can be told from a malformed one by its CRC32).
   */
  error?: Error;
  /**
   * The modeled `retryable` trait of the error's shape; `null` = not modeled retryable. When
   * undefined, it is looked up in `operation.errors` (if given).
   */
  errorShapeRetryable?: { throttling?: boolean } | null;
  /** The operation, for modeled retryable errors (botocore reads `operation_model.error_shapes`). */
  operation?: OperationModel;
  callState?: RetryCallState;
}

export interface RetryStrategy {
  readonly mode: RetryMode;
  /** Total attempts allowed, the first included. */
  readonly maxAttempts: number;
  /**
   * Delay in seconds before the next attempt, or null to stop (then the caller returns the
   * response or throws the error). Call it after every attempt, successes included: botocore
   * does, adaptive mode measures the send rate from it, and a CRC32 body check (DynamoDB's)
   * applies to 200 responses. Like botocore it may add `MaxAttemptsReached` / `RetryQuotaReached`
   * to `response.ResponseMetadata`. Every mode throws ChecksumError when a CRC32 mismatch is not
   * retried, so a damaged body never becomes a result (botocore raises it from its legacy retry
   * handler only; its standard mode returns the damaged response).
   */
  decide(ctx: RetryContext): number | null;
  /** A call ended with a 2xx response: refund retry quota (standard/adaptive; no-op in legacy). */
  onSuccess(callState?: RetryCallState): void;
  /**
   * Waits for a send token before each attempt (adaptive mode's client-side rate limiter, once
   * a throttle was seen): a promise to wait for, or undefined when the attempt may go at once
   * (the other modes, and adaptive mode before any throttle), so that no call awaits for nothing.
   */
  acquireSendToken(): Promise<void> | undefined;
}

/** Adds botocore's retry metadata keys (MaxAttemptsReached, ...) to the response, if any. */
export function markResponse(ctx: RetryContext, key: 'MaxAttemptsReached' | 'RetryQuotaReached'): void {
  const meta = ctx.response?.ResponseMetadata;
  if (meta) meta[key] = true;
}
