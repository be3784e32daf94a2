/**
 * `parseRestXml`: botocore's RestXMLParser. Headers/status code/payload via rest.ts, the body
 * (or a structure payload, whatever its element name) walked as XML by shape. Errors: S3's bare
 * <Error>, <ErrorResponse><Error>, or the status line for an empty/malformed body (errors.ts).
 */
import { parseRestXmlError, queryErrorRoot } from './errors';
import { parseEventXml, parseXmlBody, tryParseXml } from './bodies';
import { restParser } from './rest';
import type { RestBodyReader } from '../rest-body-codec';
import { parseXmlShape, xmlScalar } from './xml-shapes';

const codec: RestBodyReader = {
  scalar: xmlScalar,
  readBody(shape, response, modeledError, operationName) {
    // A modeled error's body already parsed (its code came from it); a success body must.
    const doc = modeledError ? tryParseXml(response) : parseXmlBody(response, operationName);
    // An empty body parses as an empty element: every member absent.
    if (!doc) return {};
    return parseXmlShape(shape, [modeledError ? queryErrorRoot(doc) : doc.root]);
  },
  eventPayload(shape, payload, operationName) {
    const doc = parseEventXml(payload, operationName);
    return doc ? parseXmlShape(shape, [doc.root]) : {};
  },
};

export const parseRestXml = restParser(codec, parseRestXmlError);
