/**
 * Which parsed responses are errors, by botocore's rule (client._make_api_call): the HTTP status
 * is 300 or more. Not the mere presence of `Error`: some outputs model a member named `Error`
 * (amplifybackend's `error` string, IAM's ErrorDetails, Migration Hub Refactor Spaces'
 * ErrorResponse, ...), and a 200 that carries one is a result, as in boto3. A 200 that S3 sends
 * with an error document is still an error: its customization turns the status into 500
 * before the response is parsed, as botocore's _handle_200_error does.
 */
import type { ParsedResponse } from './types';

/** A parsed response that is an error: what ClientError is built from. */
export type ErrorResponse = ParsedResponse & { Error: { Code: string; Message: string | null; [key: string]: unknown } };

/**
 * True when `parsed` is an error response: status >= 300 with its `Error` description. A
 * response without ResponseMetadata (a `before-call` stub that gives none) is judged by its
 * `Error` alone, as it always was.
 */
export function isErrorResponse(parsed: ParsedResponse): parsed is ErrorResponse {
  const error = parsed.Error as unknown;
  const described = typeof error === 'object' && error !== null && !Array.isArray(error);
  const status = parsed.ResponseMetadata?.HTTPStatusCode;
  if (typeof status !== 'number') return described;
  return status >= 300 && described;
}
