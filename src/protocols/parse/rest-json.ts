/**
 * `parseRestJson`: botocore's RestJSONParser. Headers/status code/payload via rest.ts, the
 * body walked as JSON with string coercion; errors from `x-amzn-errortype`, body `code`/`Code`
 * or `__type`; request id from `x-amzn-requestid` (or `x-amz-request-id` + `x-amz-id-2`).
 * A success body that is not JSON is a ResponseParserError (bodies.ts), where botocore returns `{}`.
 */
import { parseEventJson, parseJsonBody, parseJsonSuccessBody } from './bodies';
import { parseRestJsonError } from './errors';
import { parseJsonShape } from './json-shapes';
import { restParser } from './rest';
import type { RestBodyReader } from '../rest-body-codec';

const codec: RestBodyReader = {
  scalar: (shape, text) => parseJsonShape(shape, text, true),
  // A modeled error's body is read leniently, a success body strictly (bodies.ts).
  readBody: (shape, response, modeledError, operationName) =>
    parseJsonShape(shape, modeledError ? parseJsonBody(response) : parseJsonSuccessBody(response, operationName), true),
  eventPayload: (shape, payload, operationName) => parseJsonShape(shape, parseEventJson(payload, operationName), false),
};

export const parseRestJson = restParser(codec, parseRestJsonError);
