/**
 * botocore's add_recursion_detection_header (`before-call`, every service): inside AWS Lambda
 * (AWS_LAMBDA_FUNCTION_NAME set and _X_AMZN_TRACE_ID non-empty) every request carries
 * `X-Amzn-Trace-Id` with the trace id, so AWS can stop a function that triggers itself in a
 * loop. A header the request already has (any case) is kept. The value is percent-encoded as
 * Python's `quote(trace_id, safe='-=;:+&[]{}"\',')` does (UTF-8, upper-case hex; letters,
 * digits, `_.-~` and the safe set stay). Like botocore it reads the process environment at each
 * call, not the session's. Set on request-created, so every attempt has it before signing (the
 * signer leaves it unsigned, as botocore's SIGNED_HEADERS_BLACKLIST does).
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { PreparedRequest } from '../pipeline/make-api-call';
import { findHeader } from '../util/headers';

const HEADER = 'X-Amzn-Trace-Id';
const KEPT = /[A-Za-z0-9_.\-~=;:+&[\]{}"',]/;

/** Python's urllib.parse.quote with the safe set botocore gives. */
export function quoteTraceId(traceId: string): string {
  let out = '';
  for (const ch of traceId) {
    if (KEPT.test(ch)) out += ch;
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function addRecursionDetectionHeader(payload: Record<string, unknown>): void {
  // Read at each call, as botocore does (Lambda sets the trace id per invocation); outside
  // Lambda the first read ends it (each process.env read is a call into the C++ side).
  if (process.env.AWS_LAMBDA_FUNCTION_NAME === undefined) return;
  const traceId = process.env._X_AMZN_TRACE_ID;
  if (!traceId) return;
  const headers = (payload.request as PreparedRequest).headers;
  if (findHeader(headers, 'x-amzn-trace-id') !== undefined) return;
  headers[HEADER] = quoteTraceId(traceId);
}

export function installRecursionDetection(events: HierarchicalEmitter): void {
  events.register('request-created', addRecursionDetectionHeader);
}
