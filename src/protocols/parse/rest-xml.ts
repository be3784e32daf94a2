/**
 * `parseRestXml`: botocore's RestXMLParser. Headers/status code/payload via rest.ts, the body
 * (or a structure payload, whatever its element name) walked as XML by shape. Errors: S3's bare
 * <Error>, <ErrorResponse><Error>, or the status line for an empty/malformed body (errors.ts).
 */
import { parseRestXmlError, queryErrorRoot } from './errors';
import { parseEventXml, readXmlBody, tryParseXml } from './bodies';
import { restParser } from './rest';
import type { RestBodyReader } from '../rest-body-codec';
import { parseXmlShape, xmlScalar } from './xml-shapes';
import { restXmlTarget } from './xml-targets';

const codec: RestBodyReader = {
  scalar: xmlScalar,
  readBody(shape, response, modeledError, operationName) {
    if (modeledError) {
      // A modeled error's body already parsed as a tree (its code came from it).
      const doc = tryParseXml(response);
      return doc ? parseXmlShape(shape, [queryErrorRoot(doc)]) : {};
    }
    // A success body must parse; an empty one is an empty element: every member absent.
    const read = readXmlBody(response, restXmlTarget(shape), operationName);
    return read ? read.value : {};
  },
  eventPayload(shape, payload, operationName) {
    const doc = parseEventXml(payload, operationName);
    return doc ? parseXmlShape(shape, [doc.root]) : {};
  },
};

export const parseRestXml = restParser(codec, parseRestXmlError);
