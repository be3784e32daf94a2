/**
 * The retry conditions botocore 1.43's standard mode checks (botocore/retries/standard.py and
 * special.py), as pure functions over a RetryContext. Shared by the standard and adaptive modes.
 *
 * Every predicate reads only the context, so a test can state each rule in one line.
 */
import { crc32 } from '../util/crc';
import { ChecksumError, ConnectTimeoutError, HTTPClientError, ReadTimeoutError } from '../errors';
import type { RetryContext } from './retry-context';

/** Error codes retried as transient (TransientRetryableChecker). */
export const TRANSIENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'RequestTimeout',
  'RequestTimeoutException',
  'PriorRequestNotComplete',
]);

/** HTTP statuses retried as transient, whatever the body says. */
export const TRANSIENT_STATUS_CODES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** The union of throttling codes botocore knows (ThrottledRetryableChecker). */
export const THROTTLING_ERROR_CODES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);

/** `Error.Code` of a parsed response, or undefined (botocore's get_error_code). */
export function errorCodeOf(ctx: RetryContext): string | undefined {
  const err = ctx.response?.Error;
  if (err === null || typeof err !== 'object') return undefined;
  return typeof err.Code === 'string' ? err.Code : undefined;
}

/** The HTTP status of the attempt, when a response arrived. */
export function statusCodeOf(ctx: RetryContext): number | undefined {
  return ctx.response?.ResponseMetadata?.HTTPStatusCode ?? ctx.httpResponse?.statusCode;
}

export function isTransient(ctx: RetryContext): boolean {
  const code = errorCodeOf(ctx);
  if (code !== undefined && TRANSIENT_ERROR_CODES.has(code)) return true;
  const status = statusCodeOf(ctx);
  if (status !== undefined && TRANSIENT_STATUS_CODES.has(status)) return true;
  // Every transport failure (connection, timeout, closed) extends HTTPClientError, as botocore's
  // ConnectionError/HTTPClientError pair covers all of urllib3's.
  return ctx.error instanceof HTTPClientError;
}

export function isThrottlingCode(ctx: RetryContext): boolean {
  const code = errorCodeOf(ctx);
  return code !== undefined && THROTTLING_ERROR_CODES.has(code);
}

/**
 * The `retryable` trait of the operation's error shape matching the code, if any: `{ throttling }`
 * when modeled retryable, null when not. An explicit `errorShapeRetryable` in the context wins.
 */
export function modeledRetryable(ctx: RetryContext): { throttling?: boolean } | null {
  if (ctx.errorShapeRetryable !== undefined) return ctx.errorShapeRetryable;
  const code = errorCodeOf(ctx);
  const errors = ctx.operation?.errors;
  if (code === undefined || !errors || errors.length === 0) return null;
  for (const shape of errors) {
    const trait = shape.raw.retryable;
    if (trait === undefined || trait === null) continue;
    // Matched by the modeled error code when there is one, else by shape name (botocore).
    const matchCode = shape.errorInfo?.code || shape.name;
    if (matchCode !== code) continue;
    const throttling = typeof trait === 'object' && (trait as { throttling?: unknown }).throttling === true;
    return { throttling };
  }
  return null;
}

/** ThrottlingErrorDetector: a known throttling code, or a modeled `retryable: {throttling: true}`. */
export function isThrottling(ctx: RetryContext): boolean {
  if (isThrottlingCode(ctx)) return true;
  return modeledRetryable(ctx)?.throttling === true;
}

export function isTimeoutError(err: Error | undefined): boolean {
  return err instanceof ConnectTimeoutError || err instanceof ReadTimeoutError;
}

/** One of the service's own retryable codes (ServiceRetryChecks; special.RetryIDPCommunicationError for STS). */
export function isServiceRetryableCode(codes: readonly string[] | undefined, ctx: RetryContext): boolean {
  if (!codes || codes.length === 0) return false;
  const code = errorCodeOf(ctx);
  return code !== undefined && codes.includes(code);
}

/**
 * The CRC32 of the body does not match the header (`x-amz-crc32`, DynamoDB's). Needs the raw
 * response; without it (or the header) the check cannot fail.
 */
export function crc32Mismatch(ctx: RetryContext, header = 'x-amz-crc32'): { expected: number; actual: number } | null {
  const raw = ctx.httpResponse;
  if (!raw || raw.stream) return null;
  const value = raw.headers[header];
  if (value === undefined) return null;
  const expected = Number(value);
  const actual = crc32(raw.body) >>> 0;
  return actual === expected ? null : { expected, actual };
}

/** The error a CRC32 mismatch is raised as once it is not retried (botocore's ChecksumError text). */
export function crc32MismatchError(mismatch: { expected: number; actual: number }): ChecksumError {
  return new ChecksumError(`Checksum crc32 failed, expected checksum ${mismatch.expected} did not match calculated checksum ${mismatch.actual}.`);
}
