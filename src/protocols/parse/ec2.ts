/**
 * `parseEc2`: botocore's EC2QueryParser. Like query, but the request id is the root's
 * <requestId> child and errors live under <Response><Errors><Error> with a <RequestID>.
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { xmlChild, xmlTextOrNull } from '../xml-parser';
import { Dict, ParserHooks, runParser } from './common';
import { ec2ErrorRoot, parseEc2Error } from './errors';
import { parseXmlBody, tryParseXml } from './bodies';
import { parseQueryBody } from './query';
import { parseXmlShape } from './xml-shapes';

const ec2Hooks: ParserHooks = {
  parseSuccess(response, shape, _headers, operationName) {
    const doc = parseXmlBody(response, operationName);
    const parsed = parseQueryBody(doc, shape);
    const requestId = doc ? xmlChild(doc.root, 'requestId')[0] : undefined;
    // An empty <requestId/> is null, as botocore's element .text (None).
    if (requestId !== undefined) parsed.ResponseMetadata = { RequestId: xmlTextOrNull(requestId) };
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
