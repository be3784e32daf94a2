/**
 * A response body parsed as JSON or XML, once per response. An error response is read by
 * up to three steps (the error code, the request id, the modeled error's members); they share
 * one parse instead of each running JSON.parse or xml2js again.
 */
import { ResponseParserError } from '../../errors';
import type { RawResponse } from '../types';
import { parseXml, XmlDocument } from '../xml-parser';
import { bodyText } from './common';

const jsonBodies = new WeakMap<RawResponse, unknown>();
const xmlBodies = new WeakMap<RawResponse, { doc?: XmlDocument; error?: unknown }>();

/** JSON text: {} when empty, `{ message: text }` when not JSON (as botocore). */
export function parseJsonText(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** The body as JSON (see parseJsonText), parsed once per response. */
export function parseJsonBody(response: RawResponse): unknown {
  if (!jsonBodies.has(response)) jsonBodies.set(response, parseJsonText(bodyText(response)));
  return jsonBodies.get(response);
}

function xmlOf(response: RawResponse): { doc?: XmlDocument; error?: unknown } {
  let entry = xmlBodies.get(response);
  if (!entry) {
    try {
      entry = { doc: parseXml(response.body ?? '') };
    } catch (error) {
      entry = { error };
    }
    xmlBodies.set(response, entry);
  }
  return entry;
}

/** The XML body; undefined when empty. Malformed XML is a ResponseParserError. */
export function parseXmlBody(response: RawResponse): XmlDocument | undefined {
  const { doc, error } = xmlOf(response);
  if (error === undefined) return doc;
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  throw new ResponseParserError(`Unable to parse response (${detail}), invalid XML received. Further retries may succeed:\n${response.body}`);
}

/** The XML body, or undefined when it is empty or not XML (error bodies fall back to the status). */
export function tryParseXml(response: RawResponse): XmlDocument | undefined {
  return xmlOf(response).doc;
}
