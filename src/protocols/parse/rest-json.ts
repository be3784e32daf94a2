/**
 * `parseRestJson`: botocore's RestJSONParser. Headers/status code/payload via rest.ts, the
 * body walked as JSON with string coercion; errors from `x-amzn-errortype`, body `code`/`Code`
 * or `__type`; request id from `x-amzn-requestid` (or `x-amz-request-id` + `x-amz-id-2`).
 */
import { parseJsonBody, parseJsonText } from './bodies';
import { parseRestJsonError } from './errors';
import { parseJsonShape } from './json-shapes';
import { RestBodyCodec, restParser } from './rest';

const codec: RestBodyCodec = {
  scalar: (shape, text) => parseJsonShape(shape, text, true),
  body: (shape, response) => parseJsonShape(shape, parseJsonBody(response), true),
  eventPayload: (shape, payload) => parseJsonShape(shape, parseJsonText(payload.toString('utf8')), false),
};

export const parseRestJson = restParser(codec, parseRestJsonError);
