/**
 * `parseJson`: botocore's JSONParser (awsJson 1.0/1.1). The body is the output shape; the
 * request id comes from `x-amzn-requestid`; errors from `__type` (see errors.ts).
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, Headers, ParserHooks, isDict, runParser } from './common';
import { parseJsonBody, parseJsonError } from './errors';
import { parseJsonShape } from './json-shapes';

function requestIdMetadata(parsed: Dict, headers: Headers): Dict {
  const id = headers.get('x-amzn-requestid');
  if (id !== undefined) parsed.ResponseMetadata = { RequestId: id };
  return parsed;
}

function walk(response: RawResponse, shape: Parameters<typeof parseJsonShape>[0]): Dict {
  const value = parseJsonShape(shape, parseJsonBody(response), false);
  return isDict(value) ? value : {};
}

const jsonHooks: ParserHooks = {
  parseSuccess(response, shape, headers) {
    return requestIdMetadata(shape ? walk(response, shape) : {}, headers);
  },
  parseError: parseJsonError,
  parseModeledError(response, shape) {
    return walk(response, shape);
  },
};

export function parseJson(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(jsonHooks, op, response, ctx);
}
