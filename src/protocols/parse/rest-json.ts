/**
 * `parseRestJson`: botocore's RestJSONParser. Headers/status code/payload via rest.ts, the
 * body walked as JSON with string coercion; errors from `x-amzn-errortype`, body `code`/`Code`
 * or `__type`; request id from `x-amzn-requestid` (or `x-amz-request-id` + `x-amz-id-2`).
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ParserHooks, runParser } from './common';
import { parseJsonBody, parseJsonText } from './bodies';
import { parseRestJsonError, restMetadata } from './errors';
import { parseJsonShape } from './json-shapes';
import { RestBodyCodec, parseRestMembers } from './rest';

const codec: RestBodyCodec = {
  scalar: (shape, text) => parseJsonShape(shape, text, true),
  body: (shape, response) => parseJsonShape(shape, parseJsonBody(response), true),
  eventPayload: (shape, payload) => parseJsonShape(shape, parseJsonText(payload.toString('utf8')), false),
};

const restJsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName) {
    const out: Dict = { ResponseMetadata: restMetadata(headers) };
    return shape ? parseRestMembers(codec, shape, response, headers, out, false, operationName) : out;
  },
  parseError: parseRestJsonError,
  parseModeledError(response, shape, headers) {
    return parseRestMembers(codec, shape, response, headers, {}, true);
  },
};

export function parseRestJson(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(restJsonHooks, op, response, ctx);
}
