/**
 * What differs between rest-json and rest-xml, both ways: how a request body is written and how
 * a response body (and a header scalar, and an event payload) is read. Everything else about a
 * rest protocol (URI labels, query strings, headers, status codes, payload members) is shared:
 * serialize/rest.ts writes it with a RestBodyWriter, parse/rest.ts reads it with a RestBodyReader.
 * Each rest protocol supplies the two halves of its codec, next to the rest of its serializer
 * and parser.
 */
import type { Shape } from '../models/shape';
import type { HttpRequestSpec, RawResponse, RequestBody } from './types';
import type { TimestampPrecision } from './serialize/timestamp';
import type { EventPayloadParser } from './parse/event-stream';

export interface RestBodyCodec {
  /** Serializes a structure (the input's body members, or a structure payload member). */
  writeBody(params: unknown, shape: Shape, precision: TimestampPrecision): string;
  /** The body sent for an unset structure payload or a required empty body. */
  readonly emptyBody: RequestBody;
  /** Whether a request with no body members still sends `emptyBody`. */
  requiresEmptyBody(input: Shape): boolean;
  /** Sets protocol Content-Type defaults once the body is known. */
  contentType(spec: HttpRequestSpec, input: Shape): void;

  /** Converts one header value (a string) to a scalar of `shape`. */
  scalar(shape: Shape, text: string): unknown;
  /**
   * Parses the body as `shape`; `modeledError` selects the error root and lenient reading. A
   * success body that does not parse is a ResponseParserError naming `operationName`.
   */
  readBody(shape: Shape, response: RawResponse, modeledError: boolean, operationName: string): unknown;
  /** Parses one event's payload (JSON or XML) as a shape. */
  eventPayload: EventPayloadParser;
}

/** The request half, which serialize/rest.ts uses. */
export type RestBodyWriter = Pick<RestBodyCodec, 'writeBody' | 'emptyBody' | 'requiresEmptyBody' | 'contentType'>;

/** The response half, which parse/rest.ts uses. */
export type RestBodyReader = Pick<RestBodyCodec, 'scalar' | 'readBody' | 'eventPayload'>;
