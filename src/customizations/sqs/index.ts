/**
 * SQS's error customization, botocore's `_handle_sqs_compatible_error` (`after-call.sqs.*`).
 * SQS moved from the query protocol to JSON and answers with `x-amzn-query-error`, so an
 * error's Code is the old query code (`AWS.SimpleQueueService.NonExistentQueue`) while its
 * exception shapes carry no such code. The class is chosen by QueryErrorCode (the shape name,
 * `QueueDoesNotExist`) instead; Error.Code stays the query code, as in boto3.
 */
import { overrideErrorCode } from '../../client/exceptions';
import type { HierarchicalEmitter } from '../../events/emitter';

/** Registers the SQS exception-class choice on a session's events. */
export function installSqs(events: HierarchicalEmitter): void {
  events.register('after-call.sqs', (p) => {
    const parsed = p.parsed as { Error?: unknown };
    const error = parsed.Error;
    if (typeof error !== 'object' || error === null) return;
    const queryCode = (error as { QueryErrorCode?: unknown }).QueryErrorCode;
    if (typeof queryCode === 'string' && queryCode) overrideErrorCode(parsed, queryCode);
  });
}
