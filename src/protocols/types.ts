/**
 * The protocol contract: every wire protocol is `{ serialize, parse }` over plain data.
 *
 * serialize turns validated params into an HttpRequestSpec (no host, no signing); parse turns a
 * RawResponse into the result object (or the error description) exactly as botocore's parsers
 * shape them. Neither touches the network, so both are tested from conformance vectors alone.
 */
import type { OperationModel, ServiceModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import type { HttpRequest, ParsedResponse, RawResponse, RequestBody } from '../types/http';
import type { TimestampPrecision } from './serialize/timestamp';

export type { HttpRequest, ParsedResponse, RawResponse, RequestBody, ResponseMetadata } from '../types/http';

/** A serialized request, relative to an endpoint that is not chosen yet: an HttpRequest before requestUrl gives it a URL. */
export interface HttpRequestSpec extends Omit<HttpRequest, 'url' | 'body'> {
  /** The request path from the operation's requestUri with labels expanded and percent-encoded. */
  path: string;
  /** Query parameters in order; a repeated key appears once per value. */
  query: Array<[string, string]>;
  body: RequestBody;
  /** Expanded host prefix (`123456789012.`), prepended to the endpoint host. */
  hostPrefix?: string;
}

export interface SerializeContext {
  service: ServiceModel;
  /** botocore's serializer timestamp_precision; 'default' when absent. */
  timestampPrecision?: TimestampPrecision;
}

/**
 * Reads the wire value of one named shape in place of the protocol's walk, in one pass (the
 * DynamoDB resource reads AttributeValues straight to native values). `walk` is the protocol's
 * own reading of a value of a shape (without readers), for whatever the reader leaves to it.
 */
export type ShapeReader = (wire: unknown, shape: Shape, walk: (shape: Shape, wire: unknown) => unknown) => unknown;
/** Readers by shape name. */
export type ShapeReaders = ReadonlyMap<string, ShapeReader>;

export interface ParseContext extends SerializeContext {
  /** Readers for a success body's values, honoured by protocols whose `readsShapes` is true. */
  readers?: ShapeReaders;
}

export interface Protocol {
  /** botocore's protocol name: query | ec2 | json | rest-json | rest-xml */
  readonly name: string;
  /** Whether parse honours ParseContext.readers (else it ignores them). */
  readonly readsShapes?: boolean;
  serialize(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec;
  /** Parses success and error responses; an error response yields `Error` plus modeled members. */
  parse(op: OperationModel, response: RawResponse, ctx: ParseContext): ParsedResponse;
}
