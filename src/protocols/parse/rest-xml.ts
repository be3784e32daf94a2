/**
 * `parseRestXml`: botocore's RestXMLParser. Headers/status code/payload via rest.ts, the body
 * (or a structure payload, whatever its element name) walked as XML by shape. Errors: S3's bare
 * <Error>, <ErrorResponse><Error>, or the status line for an empty/malformed body (errors.ts).
 */
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { Dict, ParserHooks, runParser } from './common';
import { parseRestXmlError, queryErrorRoot, restMetadata } from './errors';
import { parseXmlBody } from './bodies';
import { parseXml } from '../xml-parser';
import { RestBodyCodec, parseRestMembers } from './rest';
import { parseXmlShape, xmlScalar } from './xml-shapes';

const codec: RestBodyCodec = {
  scalar: xmlScalar,
  body(shape, response, modeledError) {
    const doc = parseXmlBody(response);
    // An empty body parses as an empty element: every member absent.
    if (!doc) return {};
    return parseXmlShape(shape, [modeledError ? queryErrorRoot(doc) : doc.root]);
  },
  eventPayload(shape, payload) {
    const doc = parseXml(payload);
    return doc ? parseXmlShape(shape, [doc.root]) : {};
  },
};

const restXmlHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName) {
    const out: Dict = { ResponseMetadata: restMetadata(headers) };
    return shape ? parseRestMembers(codec, shape, response, headers, out, false, operationName) : out;
  },
  parseError: parseRestXmlError,
  parseModeledError(response, shape, headers) {
    return parseRestMembers(codec, shape, response, headers, {}, true);
  },
};

export function parseRestXml(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse {
  return runParser(restXmlHooks, op, response, ctx);
}
