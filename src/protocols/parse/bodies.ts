/**
 * A response body parsed as JSON, XML or CBOR, once per response. An error response is read by
 * up to three steps (the error code, the request id, the modeled error's members); they share
 * one parse instead of each running JSON.parse or the XML parser again. A success body is read
 * once too: the S3 check for a 200 that is not XML (lacksXmlDocument) and the parser share it.
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
import { CborValue, decodeCbor } from '../cbor-reader';
import { parseXml, XmlDocument } from '../xml-parser';
import { scanXml } from '../xml-scanner';
import { bodyText } from './common';
import { NEEDS_TREE, ReadResult, ShapeReader } from './xml-reader';
import type { XmlTarget } from './xml-targets';

/** How much of an unparsable body an error message quotes. */
const EXCERPT_BYTES = 256;

type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: unknown };

/**
 * What was parsed from one response's body, kept on the response itself (a hidden property)
 * rather than in module-level WeakMaps keyed by the response. A WeakMap entry's value outlived
 * its call: with the tables long-lived, V8's young-generation collections kept every parsed
 * body they found (a Query's 100 items) and promoted it to the old generation, where only a
 * full collection frees it. Query at concurrency 1 spent 6-9 ms per scavenge that way
 * (docs/PERFORMANCE.md, "Parsed bodies and the young generation"). The entry remembers the
 * body it was read from: a handler that gives the response another body gets a fresh parse.
 */
interface BodyCache {
  body: RawResponse['body'] | undefined;
  json?: Parsed<unknown>;
  xml?: Parsed<XmlDocument | undefined>;
  cbor?: Parsed<CborValue>;
  read?: ReadEntry;
}

const kBodyCache = Symbol('botojs.bodyCache');
type CachingResponse = RawResponse & { [kBodyCache]?: BodyCache };

// For a response that takes no new property (a frozen stub a before-send handler returned).
const sealedResponses = new WeakMap<RawResponse, BodyCache>();

function isEmpty(response: RawResponse): boolean {
  const body = response.body;
  return body === undefined || body === null || body.length === 0;
}

/** The response's cache, if it has one for its current body. */
function cachedOf(response: RawResponse): BodyCache | undefined {
  const cache = Object.isExtensible(response) ? (response as CachingResponse)[kBodyCache] : sealedResponses.get(response);
  return cache !== undefined && cache.body === response.body ? cache : undefined;
}

function cacheOf(response: RawResponse): BodyCache {
  let cache = cachedOf(response);
  if (cache === undefined) {
    cache = { body: response.body };
    // Not enumerable: a handler that logs or copies the response does not see it.
    if (Object.isExtensible(response)) Object.defineProperty(response, kBodyCache, { value: cache, writable: true, configurable: true, enumerable: false });
    else sealedResponses.set(response, cache);
  }
  return cache;
}

function attempt<T>(parse: () => T): Parsed<T> {
  try {
    return { value: parse() };
  } catch (error) {
    return { error };
  }
}

/** The first line of a parser's complaint. */
function detailOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * `Body (N bytes[, first 256 shown]): "<excerpt>"`, the excerpt JSON-quoted to stay one line;
 * a binary format's (CBOR's) as hex, the first 64 bytes.
 */
function excerpt(label: string, body: Buffer | string, binary = false): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const limit = binary ? EXCERPT_BYTES / 4 : EXCERPT_BYTES;
  const cut = bytes.length > limit;
  const head = bytes.subarray(0, limit);
  const shown = binary ? `hex ${head.toString('hex')}` : JSON.stringify(head.toString('utf8'));
  return `${label} (${bytes.length} bytes${cut ? `, first ${limit} shown` : ''}): ${shown}`;
}

/** The ResponseParserError for a success body that is not the document its protocol promises. */
function unparsableBody(response: RawResponse, operationName: string, problem: string, cause: unknown, binary = false): ResponseParserError {
  const of = operationName ? ` of ${operationName}` : '';
  return new ResponseParserError(
    `Unable to parse response${of} (HTTP ${response.statusCode}): ${problem}. ${excerpt('Body', response.body ?? Buffer.alloc(0), binary)}`,
    { operationName: operationName || undefined, statusCode: response.statusCode, cause },
  );
}

/** The ResponseParserError for an event-stream payload that does not parse. */
function unparsableEvent(operationName: string, format: 'JSON' | 'XML' | 'CBOR', payload: Buffer, cause: unknown): ResponseParserError {
  const of = operationName ? ` of ${operationName}` : '';
  return new ResponseParserError(`Unable to parse an event${of}: invalid ${format} (${detailOf(cause)}). ${excerpt('Payload', payload, format === 'CBOR')}`, {
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

/** An event's CBOR payload, strictly: {} when empty, a ResponseParserError when not one CBOR item. */
export function parseEventCbor(payload: Buffer, operationName: string): CborValue {
  if (payload.length === 0) return {};
  try {
    return decodeCbor(payload);
  } catch (error) {
    throw unparsableEvent(operationName, 'CBOR', payload, error);
  }
}

function jsonOf(response: RawResponse): Parsed<unknown> {
  // An empty body needs no cache (most S3 uploads, every streamed output): nothing to parse.
  if (isEmpty(response)) return { value: {} };
  const cache = cacheOf(response);
  if (!cache.json) {
    const text = bodyText(response);
    cache.json = text ? attempt(() => JSON.parse(text) as unknown) : { value: {} };
  }
  return cache.json;
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

function cborOf(response: RawResponse): Parsed<CborValue> {
  if (isEmpty(response)) return { value: {} };
  const cache = cacheOf(response);
  if (!cache.cbor) {
    const bytes = response.body;
    cache.cbor = !bytes || bytes.length === 0 ? { value: {} } : attempt(() => decodeCbor(bytes));
  }
  return cache.cbor;
}

/** A success body as CBOR; {} when empty. Anything but exactly one well-formed item is a ResponseParserError. */
export function parseCborSuccessBody(response: RawResponse, operationName: string): CborValue {
  const { value, error } = cborOf(response);
  if (error === undefined) return value as CborValue;
  throw unparsableBody(response, operationName, `invalid CBOR (${detailOf(error)})`, error, true);
}

/**
 * An error body as CBOR, parsed once per response; {} when empty or not CBOR (botocore raises
 * there; the status already says the call failed, so the error is read from the status line).
 */
export function parseCborErrorBody(response: RawResponse): CborValue {
  const { value, error } = cborOf(response);
  return error === undefined ? (value as CborValue) : {};
}

function xmlOf(response: RawResponse): Parsed<XmlDocument | undefined> {
  const cache = cacheOf(response);
  if (!cache.xml) cache.xml = attempt(() => parseXml(response.body ?? ''));
  return cache.xml;
}

/** A success body read for a target: nothing (blank), a result, XML that is not well-formed, or a conversion that failed. */
interface ReadEntry {
  target: XmlTarget;
  blank?: boolean;
  result?: ReadResult;
  malformed?: unknown;
  failed?: unknown;
}

function read(response: RawResponse, target: XmlTarget): ReadEntry {
  if (isEmpty(response)) return { target, blank: true };
  const cache = cacheOf(response);
  const cached = cache.read;
  if (cached && cached.target === target) return cached;
  const entry = readOnce(response, target);
  cache.read = entry;
  return entry;
}

function readOnce(response: RawResponse, target: XmlTarget): ReadEntry {
  const text = bodyText(response);
  if (text.trim() === '') return { target, blank: true };
  const reader = new ShapeReader(target.spec);
  try {
    scanXml(text, reader);
  } catch (error) {
    if (error !== NEEDS_TREE) return { target, malformed: error };
    // A layout only the tree walk follows: build the tree and walk it.
    const tree = xmlOf(response);
    if (tree.error !== undefined) return { target, malformed: tree.error };
    return attemptRead(target, () => target.walk(tree.value as XmlDocument));
  }
  return attemptRead(target, () => reader.result());
}

function attemptRead(target: XmlTarget, get: () => ReadResult): ReadEntry {
  try {
    return { target, result: get() };
  } catch (failed) {
    return { target, failed };
  }
}

/**
 * A success body read as `target` says; undefined when empty or blank (an empty result: the
 * Smithy protocol tests say so for every XML protocol; botocore raises for query and ec2).
 * XML that is not well-formed is a ResponseParserError; a value that does not convert (a bad
 * number, timestamp or union) throws its own ResponseParserError.
 */
export function readXmlBody(response: RawResponse, target: XmlTarget, operationName: string): ReadResult | undefined {
  const entry = read(response, target);
  if (entry.malformed !== undefined) {
    throw unparsableBody(response, operationName, `invalid XML (${detailOf(entry.malformed)})`, entry.malformed);
  }
  if (entry.failed !== undefined) throw entry.failed;
  // The result is the caller's to keep and extend: a second read parses afresh.
  const cache = cachedOf(response);
  if (cache) cache.read = undefined;
  return entry.result;
}

/**
 * True when the body is not empty yet holds no XML document: not well-formed, cut short, or
 * blank. (S3 retries such a 200 as a 500: a copy's keep-alive whitespace with the connection
 * lost.) The body is read as `target`, the reading the parser then reuses.
 */
export function lacksXmlDocument(response: RawResponse, target: XmlTarget): boolean {
  if (!response.body || response.body.length === 0) return false;
  const entry = read(response, target);
  return entry.blank === true || entry.malformed !== undefined;
}

/** The XML body, or undefined when it is empty or not XML (error bodies fall back to the status). */
export function tryParseXml(response: RawResponse): XmlDocument | undefined {
  return xmlOf(response).value;
}
