/**
 * `parseJson`: botocore's JSONParser (awsJson 1.0/1.1). The body is the output shape; the
 * request id comes from `x-amzn-requestid`; errors from `__type` (see errors.ts). A success
 * body that is not JSON is a ResponseParserError (bodies.ts), where botocore returns `{}`. An output
 * with an event stream member reads the stream's `initial-response` event as the other members
 * (botocore's `_handle_event_stream`): from a buffered body here, from a live stream in the
 * pipeline, which awaits it before the call returns (src/pipeline/event-stream-output.ts).
 */
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import type { ParseContext, ParsedResponse, RawResponse, ShapeReaders } from '../types';
import { Dict, ParserHooks, isDict, requestIdMetadata, runParser } from './common';
import { parseEventJson, parseJsonBody, parseJsonSuccessBody } from './bodies';
import { parseJsonError } from './errors';
import { EventPayloadParser, rpcEventStreamOutput } from './event-stream';
import { eventStreamMember } from '../../models/service-model';
import { parseJsonShape } from './json-shapes';

function walk(shape: Shape, body: unknown, readers?: ShapeReaders): Dict {
  const value = parseJsonShape(shape, body, false, readers);
  return isDict(value) ? value : {};
}

const eventPayload: EventPayloadParser = (shape, payload, operationName) => parseJsonShape(shape, parseEventJson(payload, operationName), false);

function parseWithEventStream(response: RawResponse, shape: Shape, member: string, operationName: string): Dict {
  return rpcEventStreamOutput(response, shape, member, operationName, eventPayload, (payload) => walk(shape, parseEventJson(payload, operationName)));
}

const jsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName, readers) {
    if (!shape) return requestIdMetadata({}, headers);
    const member = eventStreamMember(shape);
    const parsed = member ? parseWithEventStream(response, shape, member, operationName) : walk(shape, parseJsonSuccessBody(response, operationName), readers);
    return requestIdMetadata(parsed, headers);
  },
  parseError: parseJsonError,
  parseModeledError(response, shape) {
    return walk(shape, parseJsonBody(response));
  },
};

export function parseJson(op: OperationModel, response: RawResponse, ctx: ParseContext): ParsedResponse {
  return runParser(jsonHooks, op, response, ctx);
}
