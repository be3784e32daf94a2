/**
 * `parseEc2`: botocore's EC2QueryParser. Like query, but the request id is the root's
 * <requestId> child and errors live under <Response><Errors><Error> with a <RequestID>.
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ParserHooks, isDict, runParser } from './common';
import { ec2ErrorRoot, parseEc2Error } from './errors';
import { readXmlBody, tryParseXml } from './bodies';
import { parseXmlShape } from './xml-shapes';
import { EC2_META, queryXmlTarget } from './xml-targets';

const ec2Hooks: ParserHooks = {
  parseSuccess(response, shape, _headers, operationName) {
    const read = readXmlBody(response, queryXmlTarget(shape, EC2_META), operationName);
    const parsed: Dict = read && isDict(read.value) ? read.value : {};
    // An empty <requestId/> is null, as botocore's element .text (None).
    if (read && 'meta' in read) parsed.ResponseMetadata = { RequestId: read.meta };
    return parsed;
  },
  parseError: parseEc2Error,
  parseModeledError(response, shape) {
    const doc = tryParseXml(response);
    return doc ? (parseXmlShape(shape, [ec2ErrorRoot(doc)]) as Dict) : {};
  },
};

export function parseEc2(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(ec2Hooks, op, response, ctx);
}
