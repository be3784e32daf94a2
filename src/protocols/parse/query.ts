/**
 * `parseQuery`: botocore's QueryParser. The result sits under the operation's resultWrapper
 * element; ResponseMetadata (RequestId) comes from the body's <ResponseMetadata>.
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ParserHooks, isDict, runParser } from './common';
import { readXmlBody, tryParseXml } from './bodies';
import { parseQueryError, queryErrorRoot } from './errors';
import { parseXmlShape } from './xml-shapes';
import { QUERY_META, queryXmlTarget } from './xml-targets';

const queryHooks: ParserHooks = {
  parseSuccess(response, shape, _headers, operationName) {
    const read = readXmlBody(response, queryXmlTarget(shape, QUERY_META), operationName);
    // No output shape, an empty body or no result wrapper: no members.
    const parsed: Dict = read && isDict(read.value) ? read.value : {};
    if (read && 'meta' in read) parsed.ResponseMetadata = read.meta;
    return parsed;
  },
  parseError: parseQueryError,
  parseModeledError(response, shape) {
    const doc = tryParseXml(response);
    return doc ? (parseXmlShape(shape, [queryErrorRoot(doc)]) as Dict) : {};
  },
};

export function parseQuery(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(queryHooks, op, response, ctx);
}
