/**
 * `parseJson`: botocore's JSONParser (awsJson 1.0/1.1). The body is the output shape; the
 * request id comes from `x-amzn-requestid`; errors from `__type` (see errors.ts). A success
 * body that is not JSON is a ResponseParserError (bodies.ts), where botocore returns `{}`. An output
 * with an event stream member reads the stream's `initial-response` event as the other members
 * when the body is buffered; with a live stream that event is skipped (it cannot be awaited
 * here) and the member is an EventStream.
 */
import { ResponseParserError } from '../../errors';
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ResponseHeaders, ParserHooks, isDict, runParser } from './common';
import { parseEventJson, parseJsonBody, parseJsonSuccessBody } from './bodies';
import { parseJsonError } from './errors';
import { EventPayloadParser, EventStream } from './event-stream';
import { decodeEventMessages } from './event-stream-decoder';
import { parseJsonShape } from './json-shapes';

function requestIdMetadata(parsed: Dict, headers: ResponseHeaders): Dict {
  const id = headers.get('x-amzn-requestid');
  if (id !== undefined) parsed.ResponseMetadata = { RequestId: id };
  return parsed;
}

function walk(shape: Shape, body: unknown): Dict {
  const value = parseJsonShape(shape, body, false);
  return isDict(value) ? value : {};
}

const eventPayload: EventPayloadParser = (shape, payload, operationName) => parseJsonShape(shape, parseEventJson(payload, operationName), false);

function eventStreamMember(shape: Shape): string | undefined {
  return shape.memberNames.find((m) => shape.members[m].serialization.eventstream === true);
}

function parseWithEventStream(response: RawResponse, shape: Shape, member: string, operationName: string): Dict {
  const streamShape = shape.members[member];
  if (response.stream) return { [member]: new EventStream(response.stream, streamShape, eventPayload, operationName) };
  const messages = decodeEventMessages(response.body);
  const first = messages[0];
  if (!first || first.headers[':event-type'] !== 'initial-response') {
    throw new ResponseParserError('First event was not of type initial-response');
  }
  const parsed = walk(shape, parseEventJson(first.payload, operationName));
  parsed[member] = new EventStream(messages.slice(1), streamShape, eventPayload, operationName);
  return parsed;
}

const jsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName) {
    if (!shape) return requestIdMetadata({}, headers);
    const member = eventStreamMember(shape);
    const parsed = member ? parseWithEventStream(response, shape, member, operationName) : walk(shape, parseJsonSuccessBody(response, operationName));
    return requestIdMetadata(parsed, headers);
  },
  parseError: parseJsonError,
  parseModeledError(response, shape) {
    return walk(shape, parseJsonBody(response));
  },
};

export function parseJson(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(jsonHooks, op, response, ctx);
}
