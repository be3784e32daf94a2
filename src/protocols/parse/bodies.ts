/**
 * A response body parsed as JSON or XML, once per response. An error response is read by
 * up to three steps (the error code, the request id, the modeled error's members); they share
 * one parse instead of each running JSON.parse or xml2js again.
 *
 * A body is read one of two ways:
 * - leniently, for error responses (botocore's rules): JSON that does not parse is
 *   `{ message: text }`, XML that does not parse is undefined (the caller falls back to the
 *   status line). The status already says the call failed; the body only adds detail.
 * - strictly, for success responses and events: a body that is not the document the protocol
 *   promises is a ResponseParserError naming the operation, the status and a bounded excerpt
 *   of the body. botocore returns `{}` for a 200 whose JSON does not parse (a DynamoDB GetItem
 *   then silently finds no Item); botojs never turns a damaged body into a result. An empty
 *   (or blank) body is an empty result: it carries nothing that could have been damaged.
 */
import { ResponseParserError } from '../../errors';
import type { RawResponse } from '../types';
import { parseXml, XmlDocument } from '../xml-parser';
import { bodyText } from './common';

/** How much of an unparsable body an error message quotes. */
const EXCERPT_BYTES = 256;

type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: unknown };

const jsonBodies = new WeakMap<RawResponse, Parsed<unknown>>();
const xmlBodies = new WeakMap<RawResponse, Parsed<XmlDocument | undefined>>();

function attempt<T>(parse: () => T): Parsed<T> {
  try {
    return { value: parse() };
  } catch (error) {
    return { error };
  }
}

/** The first line of a parser's complaint (xml2js adds Line/Column/Char lines). */
function detailOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** `Body (N bytes[, first 256 shown]): "<excerpt>"`, the excerpt JSON-quoted to stay one line. */
function excerpt(label: string, body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const cut = bytes.length > EXCERPT_BYTES;
  const shown = bytes.subarray(0, EXCERPT_BYTES).toString('utf8');
  return `${label} (${bytes.length} bytes${cut ? `, first ${EXCERPT_BYTES} shown` : ''}): ${JSON.stringify(shown)}`;
}

/** The ResponseParserError for a success body that is not the document its protocol promises. */
function unparsableBody(response: RawResponse, operationName: string, problem: string, cause: unknown): ResponseParserError {
  const of = operationName ? ` of ${operationName}` : '';
  return new ResponseParserError(
    `Unable to parse response${of} (HTTP ${response.statusCode}): ${problem}. ${excerpt('Body', response.body ?? Buffer.alloc(0))}`,
    { operationName: operationName || undefined, statusCode: response.statusCode, cause },
  );
}

/** The ResponseParserError for an event-stream payload that does not parse. */
function unparsableEvent(operationName: string, format: 'JSON' | 'XML', payload: Buffer, cause: unknown): ResponseParserError {
  const of = operationName ? ` of ${operationName}` : '';
  return new ResponseParserError(`Unable to parse an event${of}: invalid ${format} (${detailOf(cause)}). ${excerpt('Payload', payload)}`, {
    operationName: operationName || undefined,
    cause,
  });
}

/** An event's JSON payload, strictly: {} when empty, a ResponseParserError when not JSON. */
export function parseEventJson(payload: Buffer, operationName: string): unknown {
  const text = payload.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw unparsableEvent(operationName, 'JSON', payload, error);
  }
}

/** An event's XML payload, strictly: undefined when empty, a ResponseParserError when not XML. */
export function parseEventXml(payload: Buffer, operationName: string): XmlDocument | undefined {
  try {
    return parseXml(payload);
  } catch (error) {
    throw unparsableEvent(operationName, 'XML', payload, error);
  }
}

function jsonOf(response: RawResponse): Parsed<unknown> {
  let entry = jsonBodies.get(response);
  if (!entry) {
    const text = bodyText(response);
    entry = text ? attempt(() => JSON.parse(text) as unknown) : { value: {} };
    jsonBodies.set(response, entry);
  }
  return entry;
}

/** An error body as JSON, parsed once per response; `{ message: text }` when it is not JSON (as botocore). */
export function parseJsonBody(response: RawResponse): unknown {
  const { value, error } = jsonOf(response);
  return error === undefined ? value : { message: bodyText(response) };
}

/** A success body as JSON; {} when empty or blank. Anything else unparsable is a ResponseParserError. */
export function parseJsonSuccessBody(response: RawResponse, operationName: string): unknown {
  const { value, error } = jsonOf(response);
  if (error === undefined) return value;
  if (bodyText(response).trim() === '') return {};
  throw unparsableBody(response, operationName, `invalid JSON (${detailOf(error)})`, error);
}

function xmlOf(response: RawResponse): Parsed<XmlDocument | undefined> {
  let entry = xmlBodies.get(response);
  if (!entry) {
    entry = attempt(() => parseXml(response.body ?? ''));
    xmlBodies.set(response, entry);
  }
  return entry;
}

/**
 * A success body as XML; undefined when empty or blank (an empty result: the Smithy protocol
 * tests say so for every XML protocol; botocore raises for query and ec2). Malformed XML is a
 * ResponseParserError.
 */
export function parseXmlBody(response: RawResponse, operationName: string): XmlDocument | undefined {
  const { value, error } = xmlOf(response);
  if (error !== undefined) throw unparsableBody(response, operationName, `invalid XML (${detailOf(error)})`, error);
  return value;
}

/**
 * True when the body is not empty yet holds no XML document: malformed, cut short, or blank.
 * (S3 retries such a 200 as a 500: a copy's keep-alive whitespace with the connection lost.)
 */
export function lacksXmlDocument(response: RawResponse): boolean {
  if (!response.body || response.body.length === 0) return false;
  const { value, error } = xmlOf(response);
  return error !== undefined || value === undefined;
}

/** The XML body, or undefined when it is empty or not XML (error bodies fall back to the status). */
export function tryParseXml(response: RawResponse): XmlDocument | undefined {
  return xmlOf(response).value;
}
