/**
 * `parseQuery`: botocore's QueryParser. The result sits under the operation's resultWrapper
 * element; ResponseMetadata (RequestId) comes from the body's <ResponseMetadata>.
 */
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { XmlDocument, XmlNode, xmlChild } from '../xml-parser';
import { Dict, ParserHooks, runParser } from './common';
import { parseXmlBody, tryParseXml } from './bodies';
import { parseQueryError, queryErrorRoot } from './errors';
import { parseXmlShape, xmlToPlain } from './xml-shapes';

/** The output shape's members, starting at the resultWrapper element when there is one. */
export function parseQueryBody(doc: XmlDocument | undefined, shape: Shape | undefined): Dict {
  if (!shape || !doc) return {};
  let start: XmlNode | undefined = doc.root;
  const wrapper = shape.serialization.resultWrapper;
  if (wrapper) start = xmlChild(doc.root, wrapper)[0];
  if (start === undefined) return {};
  return parseXmlShape(shape, [start]) as Dict;
}

const queryHooks: ParserHooks = {
  parseSuccess(response, shape, _headers, operationName) {
    const doc = parseXmlBody(response, operationName);
    const parsed = parseQueryBody(doc, shape);
    const meta = doc ? xmlChild(doc.root, 'ResponseMetadata')[0] : undefined;
    if (meta !== undefined) parsed.ResponseMetadata = xmlToPlain(meta);
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
