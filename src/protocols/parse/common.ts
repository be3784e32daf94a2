/**
 * Pieces every response parser shares: the botocore `parse()` skeleton (success vs error by
 * status, the generic 5xx error, ResponseMetadata decoration, modeled error members merged in),
 * header lookup, and scalar conversions (numbers with NaN/Infinity, base64 blobs, booleans).
 */
import http = require('http');
import { ResponseParserError } from '../../errors';
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import type { ParseContext, ParsedResponse, RawResponse, ResponseMetadata, SerializeContext, ShapeReaders } from '../types';
import { copyRecord, setOwn } from '../../util/objects';

export type Dict = Record<string, unknown>;

/** What a protocol supplies to the shared skeleton (botocore's `_do_*` hooks). */
export interface ParserHooks {
  /**
   * A success response for the output shape (undefined: the operation has no output); a
   * protocol whose `readsShapes` is true hands the named shapes' values to `readers`.
   */
  parseSuccess(response: RawResponse, shape: Shape | undefined, headers: ResponseHeaders, operationName: string, readers?: ShapeReaders): Dict;
  /** An error response: `Error` plus whatever metadata the body carries. */
  parseError(response: RawResponse, headers: ResponseHeaders): Dict;
  /** The members of a modeled exception shape, merged into the error result. */
  parseModeledError(response: RawResponse, shape: Shape, headers: ResponseHeaders): Dict;
}

/** Case-insensitive view of response headers (RawResponse promises lower case; be tolerant). */
export class ResponseHeaders {
  readonly lower: Record<string, string>;
  /** Lower-case name -> the server's spelling (its first one); built on first use (header maps only). */
  private spellings: Map<string, string> | undefined;

  constructor(readonly raw: Record<string, string>, private readonly rawHeaders?: readonly string[]) {
    this.lower = lowerCased(raw);
  }

  /**
   * How the server spelled a header (`key` in lower case): its first spelling when the raw
   * header list is known, else `fallback` (the name as RawResponse has it). Values stay
   * RawResponse's: a header a handler removed stays removed.
   */
  spelling(key: string, fallback: string): string {
    return this.spellingMap()?.get(key) ?? fallback;
  }

  private spellingMap(): Map<string, string> | undefined {
    if (this.spellings || !this.rawHeaders) return this.spellings;
    // urllib3's HTTPHeaderDict keeps the first spelling of a repeated name; so do we.
    const spellings = new Map<string, string>();
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const name = this.rawHeaders[i];
      const key = name.toLowerCase();
      if (!spellings.has(key)) spellings.set(key, name);
    }
    return (this.spellings = spellings);
  }

  get(name: string): string | undefined {
    const key = name.toLowerCase();
    // Own keys only: an absent `constructor` header is not Object.prototype.constructor.
    return Object.prototype.hasOwnProperty.call(this.lower, key) ? this.lower[key] : undefined;
  }

  has(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.lower, name.toLowerCase());
  }
}

/**
 * `raw` with lower-case names: `raw` itself when its names already are (the transport's always
 * are), else a copy. Only read: the result's HTTPHeaders is a copy of its own (runParser).
 */
function lowerCased(raw: Record<string, string>): Record<string, string> {
  let copy = false;
  // for...in with an own-key check rather than Object.entries: no [key, value] array per header.
  for (const k in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, k) || k.toLowerCase() !== k) {
      copy = true;
      break;
    }
  }
  if (!copy) return raw;
  const lower: Record<string, string> = {};
  for (const k in raw) if (Object.prototype.hasOwnProperty.call(raw, k)) setOwn(lower, k.toLowerCase(), raw[k]);
  return lower;
}

/** botocore's ResponseParser.parse followed by endpoint._add_modeled_error_fields. */
export function runParser(
  hooks: ParserHooks,
  op: OperationModel,
  response: RawResponse,
  ctx: ParseContext,
): ParsedResponse {
  const headers = new ResponseHeaders(response.headers ?? {}, response.rawHeaders);
  let parsed: Dict;
  if (response.statusCode >= 301) {
    parsed = isGenericError(response) ? genericError(response.statusCode) : hooks.parseError(response, headers);
    const error = normalizeError(parsed);
    const shape = errorShapeFor(ctx, error.Code);
    if (shape) Object.assign(parsed, hooks.parseModeledError(response, shape, headers));
  } else {
    parsed = hooks.parseSuccess(response, op.output, headers, op.name, ctx.readers);
  }
  const existing = parsed.ResponseMetadata;
  // What the parser found (RequestId, HostId; query's element names, which are data), then the
  // status and headers. copyRecord rather than a spread: V8's slow generic copy on this line.
  const metadata = (existing && typeof existing === 'object' ? copyRecord(existing as Dict) : {}) as ResponseMetadata;
  metadata.HTTPStatusCode = response.statusCode;
  // The caller's own object, as botocore's dict(response['headers']): never the RawResponse's,
  // which the parse reads in place when its names are already lower case.
  metadata.HTTPHeaders = headers.lower === headers.raw ? copyRecord(headers.raw) : headers.lower;
  parsed.ResponseMetadata = metadata;
  return parsed as ParsedResponse;
}

// Error.Code is always a string in our contract (err.code is typed string; botocore may omit
// it or give None for `<Code/>`). Error.Message is a string, or null where botocore gives None
// (an empty `<Message/>`, a JSON `"message": null`); a missing one is ''.
function normalizeError(parsed: Dict): { Code: string; Message: string | null } {
  let error = parsed.Error as Dict | undefined;
  if (!error || typeof error !== 'object') {
    error = {};
    parsed.Error = error;
  }
  if (typeof error.Code !== 'string') error.Code = error.Code == null ? '' : String(error.Code);
  if (error.Message === undefined) error.Message = '';
  else if (typeof error.Message !== 'string' && error.Message !== null) error.Message = String(error.Message);
  return error as { Code: string; Message: string | null };
}

/** The exception shape whose error code (its `error.code`, else its name) equals `code`. */
export function errorShapeFor(ctx: SerializeContext, code: string): Shape | undefined {
  if (!code) return undefined;
  const shape = ctx.service.errorShapes.get(code);
  if (!shape) return undefined;
  return (shape.errorInfo?.code ?? shape.name) === code ? shape : undefined;
}

/** A 5xx with an empty or HTML body carries no protocol error (a proxy or load balancer page). */
function isGenericError(response: RawResponse): boolean {
  if (response.statusCode < 500) return false;
  const body = response.body;
  if (!body || body.length === 0) return true;
  const trimmed = body.toString('utf8').trim();
  return trimmed === '' || trimmed.startsWith('<html>');
}

/** The error botocore builds from the status line alone. */
export function genericError(status: number): Dict {
  return { Error: { Code: String(status), Message: reasonPhrase(status) }, ResponseMetadata: {} };
}

// Python's http.client.responses, where it differs from Node's http.STATUS_CODES.
const PYTHON_REASONS: Record<number, string> = {
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  416: 'Requested Range Not Satisfiable',
  418: "I'm a Teapot",
  422: 'Unprocessable Entity',
  425: 'Too Early',
};
const NOT_IN_PYTHON = new Set([509]);

/** The HTTP reason phrase botocore uses for status-only errors ('' if unknown). */
export function reasonPhrase(status: number): string {
  if (PYTHON_REASONS[status] !== undefined) return PYTHON_REASONS[status];
  if (NOT_IN_PYTHON.has(status)) return '';
  return http.STATUS_CODES[status] ?? '';
}

export function bodyText(response: RawResponse): string {
  const b = response.body;
  if (!b) return '';
  return typeof b === 'string' ? b : b.toString('utf8');
}

/** float()/double(): numbers pass through; 'NaN', 'Infinity', '-Infinity' (any case) too. */
export function toFloat(value: unknown): number {
  if (typeof value === 'number') return value;
  const s = String(value).trim();
  const lower = s.toLowerCase();
  if (lower === 'nan' || lower === '+nan' || lower === '-nan') return NaN;
  if (lower === 'inf' || lower === 'infinity' || lower === '+inf' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  const n = Number(s);
  if (s === '' || Number.isNaN(n)) throw new ResponseParserError(`Invalid float value: "${s}"`);
  return n;
}

/** int(): integral numbers; strings read in base 10. */
export function toInteger(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  const s = String(value).trim();
  const n = Number(s);
  if (s === '' || !Number.isFinite(n)) throw new ResponseParserError(`Invalid integer value: "${s}"`);
  return Math.trunc(n);
}

export function fromBase64(value: unknown): Buffer {
  return Buffer.from(typeof value === 'string' ? value : String(value), 'base64');
}

/** A plain JSON object (not an array, not null). */
export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** A decoded map of JSON or CBOR (not an array, a byte string, or a CBOR tag-1 Date). */
export function isDecodedMap(value: unknown): value is Dict {
  return isDict(value) && !(value instanceof Date);
}

/**
 * Tagged unions: exactly one member set; an unknown tag yields `{ SDK_UNKNOWN_MEMBER: { name } }`.
 * Returns the replacement value for an unknown tag, else undefined.
 */
export function unknownUnionMember(shape: Shape, presentKeys: string[]): Dict | undefined {
  if (!shape.isUnion) return undefined;
  const keys = presentKeys.filter((k) => k !== '__type');
  if (keys.length !== 1) {
    throw new ResponseParserError(`Invalid service response: ${shape.name} must have one and only one member set.`);
  }
  const tag = keys[0];
  const known = shape.memberNames.some((m) => (shape.members[m].serialization.name ?? m) === tag);
  return known ? undefined : { SDK_UNKNOWN_MEMBER: { name: tag } };
}

/** The json-family protocols' request id (`x-amzn-requestid`), put in ResponseMetadata. */
export function requestIdMetadata(parsed: Dict, headers: ResponseHeaders): Dict {
  const id = headers.get('x-amzn-requestid');
  if (id !== undefined) parsed.ResponseMetadata = { RequestId: id };
  return parsed;
}
