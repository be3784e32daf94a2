/**
 * `parseJson`: botocore's JSONParser (awsJson 1.0/1.1). The body is the output shape; the
 * request id comes from `x-amzn-requestid`; errors from `__type` (see errors.ts). A success
 * body that is not JSON is a ResponseParserError (bodies.ts), where botocore returns `{}`. An output
 * with an event stream member reads the stream's `initial-response` event as the other members
 * when the body is buffered; with a live stream that event is skipped (it cannot be awaited
 * here) and the member is an EventStream.
 */
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ResponseHeaders, ParserHooks, isDict, runParser } from './common';
import { parseEventJson, parseJsonBody, parseJsonSuccessBody } from './bodies';
import { parseJsonError } from './errors';
import { EventPayloadParser, eventStreamMember, eventStreamOutput } from './event-stream';
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

const jsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName) {
    if (!shape) return requestIdMetadata({}, headers);
    const member = eventStreamMember(shape);
    const parsed = member ? eventStreamOutput(response, shape, member, eventPayload, operationName) : walk(shape, parseJsonSuccessBody(response, operationName));
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
