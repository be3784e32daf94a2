/**
 * The request and the response as they move through the pipeline: plain data, no code. Every
 * layer names them from here (the bottom of the import order), so serialize, checksum, sign,
 * transport and parse agree on one shape each instead of converting between look-alikes.
 *
 *   protocol.serialize -> HttpRequestSpec (src/protocols/types.ts: this minus the URL, plus path
 *   and query) -> requestUrl -> HttpRequest -> checksum, before-sign, sign, transport.send
 *   -> RawResponse -> protocol.parse -> ParsedResponse
 */
import type { Readable } from 'stream';

/** A request body: bytes (a Buffer is a Uint8Array), text, or a stream sent as is. */
export type RequestBody = string | Buffer | Uint8Array | Readable | undefined;

/** A request with its URL, path and query already percent-encoded as sent. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
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
  /**
   * True when the server gave its final answer before any byte of the request body was sent
   * (a request with `Expect: 100-continue` refused at its headers): a stream body is untouched
   * and may be sent again.
   */
  requestBodyUnsent?: boolean;
}

/**
 * A parsed response. Errors carry `Error: { Code, Message, ... }` as botocore's do (Message is
 * null where botocore's is None: an empty `<Message/>`). Whether a response is an error is
 * decided by its status (src/protocols/error-response.ts): a result may model a member named
 * `Error` too.
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
