/**
 * The protocol contract: every wire protocol is `{ serialize, parse }` over plain data.
 *
 * serialize turns validated params into an HttpRequestSpec (no host, no signing); parse turns a
 * RawResponse into the result object (or the error description) exactly as botocore's parsers
 * shape them. Neither touches the network, so both are tested from conformance vectors alone.
 */
import type { Readable } from 'stream';
import type { OperationModel, ServiceModel } from '../models/service-model';
import type { TimestampPrecision } from './serialize/timestamp';

export type RequestBody = string | Buffer | Readable | undefined;

/** A serialized request, relative to an endpoint that is not chosen yet. */
export interface HttpRequestSpec {
  method: string;
  /** The request path from the operation's requestUri with labels expanded and percent-encoded. */
  path: string;
  /** Query parameters in order; a repeated key appears once per value. */
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: RequestBody;
  /** Expanded host prefix (`123456789012.`), prepended to the endpoint host. */
  hostPrefix?: string;
}

/** What the transport hands back. Header names are lower-case. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  /**
   * The headers as received, names spelled as the server sent them (`name, value, name, ...`,
   * Node's IncomingMessage.rawHeaders). Optional: only header-prefix maps (S3's Metadata from
   * `X-Amz-Meta-*`) read it, to key their entries in the server's case as boto3 does.
   */
  rawHeaders?: readonly string[];
  /** The whole body, unless the operation streams its output. */
  body: Buffer;
  /** The body as a stream, for operations whose output payload is a streaming blob. */
  stream?: Readable;
}

/**
 * A parsed response. Errors carry `Error: { Code, Message, ... }` as botocore's do (Message is
 * null where botocore's is None: an empty `<Message/>`). Whether a response is an error is
 * decided by its status (error-response.ts): a result may model a member named `Error` too.
 */
export interface ParsedResponse {
  [member: string]: unknown;
  Error?: { Code: string; Message: string | null; [key: string]: unknown };
  ResponseMetadata: ResponseMetadata;
}

export interface ResponseMetadata {
  /** null when the body's request id element is empty (botocore's None). */
  RequestId?: string | null;
  HostId?: string;
  HTTPStatusCode: number;
  HTTPHeaders: Record<string, string>;
  RetryAttempts?: number;
  /** The algorithm a response checksum was validated with (`crc32`), as botocore reports it. */
  ChecksumAlgorithm?: string;
  [key: string]: unknown;
}

export interface SerializeContext {
  service: ServiceModel;
  /** botocore's serializer timestamp_precision; 'default' when absent. */
  timestampPrecision?: TimestampPrecision;
}

export interface Protocol {
  /** botocore's protocol name: query | ec2 | json | rest-json | rest-xml */
  readonly name: string;
  serialize(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec;
  /** Parses success and error responses; an error response yields `Error` plus modeled members. */
  parse(op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse;
}
