/**
 * `parseRestJson`: botocore's RestJSONParser. Headers/status code/payload via rest.ts, the
 * body walked as JSON with string coercion; errors from `x-amzn-errortype`, body `code`/`Code`
 * or `__type`; request id from `x-amzn-requestid` (or `x-amz-request-id` + `x-amz-id-2`).
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ParserHooks, runParser } from './common';
import { parseJsonBody, parseRestJsonError, restMetadata } from './errors';
import { parseJsonShape } from './json-shapes';
import { RestBodyCodec, parseRestMembers } from './rest';

const codec: RestBodyCodec = {
  scalar: (shape, text) => parseJsonShape(shape, text, true),
  body: (shape, response) => parseJsonShape(shape, parseJsonBody(response), true),
};

const restJsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers) {
    const out: Dict = { ResponseMetadata: restMetadata(headers) };
    return shape ? parseRestMembers(codec, shape, response, headers, out) : out;
  },
  parseError: parseRestJsonError,
  parseModeledError(response, shape, headers) {
    return parseRestMembers(codec, shape, response, headers, {}, true);
  },
};

export function parseRestJson(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(restJsonHooks, op, response, ctx);
}
