/**
 * The pipeline's part of event streams, generic over services (the model says which operations
 * have one):
 *
 * - Output: the response of an operation with an event stream output member is streamed, not
 *   buffered (`streamsResponse`). Once parsed, the EventStream learns the client's exception
 *   classes, so an exception event is thrown as `client.exceptions.X`; for json protocols the
 *   `initial-response` event is read before the call returns and its members merged into the
 *   result, in botocore's order (its members, the stream, ResponseMetadata).
 * - Input: an event stream input member needs an HTTP/2 bidirectional stream (every such
 *   operation in the models also streams events back while it reads them). botojs's transport is
 *   HTTP/1.1, so such a call is refused, naming the operation, before anything is resolved or
 *   sent (`refuseEventStreamInput`); botocore removes the methods it knows of (the customization
 *   in src/customizations/bidirectional-streaming.ts does the same for those).
 */
import { ClientError, UnsupportedOperationError } from '../errors';
import type { OperationModel } from '../models/service-model';
import { EventStream } from '../protocols/parse/event-stream';
import type { ParsedResponse } from '../protocols/types';
import type { ClientContext } from './context';

export const EVENT_STREAM_INPUT_REASON =
  'its input is an event stream, which needs an HTTP/2 bidirectional connection; botojs sends requests over HTTP/1.1 (boto3 cannot call it either)';

/** Whether the transport should hand the body over as a stream (blob payloads and event streams). */
export function streamsResponse(op: OperationModel): boolean {
  return op.outputStreamingMember !== undefined || op.eventStreamOutputMember !== undefined;
}

/** Throws UnsupportedOperationError for an operation whose input is an event stream. */
export function refuseEventStreamInput(ctx: ClientContext, op: OperationModel): void {
  if (op.eventStreamInputMember !== undefined) throw new UnsupportedOperationError(ctx.serviceName, op.name, EVENT_STREAM_INPUT_REASON);
}

/**
 * Completes a successful result's event stream: exception classes, and (json protocols, live
 * stream) the initial-response members. An error while reading that first event is thrown and
 * the stream released.
 */
export async function settleEventStreamOutput(ctx: ClientContext, op: OperationModel, parsed: ParsedResponse): Promise<void> {
  const member = op.eventStreamOutputMember;
  if (member === undefined) return;
  const stream = parsed[member];
  if (!(stream instanceof EventStream)) return;
  stream.useErrors((response, shapeName) => {
    const err = ctx.errorFor(response, op.name, shapeName);
    // A plain ClientError means the client has no class for it: the stream throws EventStreamError.
    return Object.getPrototypeOf(err) === ClientError.prototype ? undefined : err;
  }, parsed.ResponseMetadata?.RequestId ?? undefined);
  if (!stream.needsInitialResponse) return;
  const initial = await stream.readInitialResponse();
  const rest: Record<string, unknown> = { ...parsed };
  for (const key of Object.keys(parsed)) delete parsed[key];
  Object.assign(parsed, initial, rest);
}
