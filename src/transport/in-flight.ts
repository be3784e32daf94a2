/**
 * InFlight: one request on the wire, from the slot it holds to its settled response, and the
 * mapping of Node's socket failures to botocore's transport errors (httpsession.URLLib3Session):
 *
 *   DNS / refused / unreachable / reset while connecting -> EndpointConnectionError
 *   TLS handshake or certificate failure                -> EndpointConnectionError ("SSL validation failed")
 *   no connection within connectTimeout                 -> ConnectTimeoutError
 *   no byte within readTimeout                          -> ReadTimeoutError
 *   connection lost after connecting, before the end    -> ConnectionClosedError
 *   ... of a streamed body the caller reads later       -> ResponseStreamingError (botocore's StreamingBody)
 *   a streamed body left unread for readTimeout         -> ResponseStreamingError (its connection is released)
 *   the caller's AbortSignal                            -> AbortError
 *   the transport closed meanwhile                      -> ClientClosedError
 *
 * The first failure wins; later ones (Node reports a destroyed socket several ways) are ignored.
 * A failure before the response settles rejects the call; after a streamed response was handed
 * over, it ends that stream with the error, so the reader sees it.
 */
import type * as http from 'http';
import type * as net from 'net';
import type { Readable } from 'stream';
import {
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  HTTPClientError,
  ReadTimeoutError,
  ResponseStreamingError,
} from '../errors';
import type { RawResponse } from '../types/http';
import { abortError, onAbort } from '../util/abort';
import type { ChurnMember } from '../util/churn-set';
import { setOwn } from '../util/objects';
import { maskProxyUrl } from './proxies';

/** Keys this module stores on Node's sockets and requests (own symbols, no private API). */
export const kFlight = Symbol('botojs.inFlight');
export const kConnected = Symbol('botojs.connected');

export interface TrackedSocket extends net.Socket {
  [kFlight]?: InFlight;
  [kConnected]?: boolean;
}

type Tracked<T> = T & { [kFlight]?: InFlight };

const EMPTY = Buffer.alloc(0);

export interface FlightSettings {
  readonly readTimeoutMs: number;
}

export class InFlight implements ChurnMember {
  /** Its place in the transport's set of requests in flight (churn-set.ts). */
  churnSlot = -1;
  error: Error | undefined;
  req: http.ClientRequest | undefined;
  res: http.IncomingMessage | undefined;
  socket: TrackedSocket | undefined;
  /** Set when the proxy for this request is known, for error messages. */
  proxyUrl: string | undefined;
  /** True once the call's promise settled (a streamed body may still be in flight). */
  settled = false;
  /** The server answered before the request body was sent (Expect: 100-continue): none of it went out. */
  bodyWithheld = false;
  /**
   * A stream body: 'untouched' until its first byte is read (stream-body.ts). A transport
   * failure while it is untouched says so (`requestBodyUnsent`): the stream can be sent again.
   */
  streamBody: 'untouched' | 'read' | undefined;
  /** Lets go of the caller's stream body (stream-body.ts): on failure (before the call rejects) or when the request closes. */
  stopBody: (() => void) | undefined;
  /**
   * Called once the exchange is over for the transport (body read, failed, or a handed-over
   * stream closed); may be called more than once.
   */
  onFinished: ((flight: InFlight) => void) | undefined;
  private resolveCall!: (r: RawResponse) => void;
  private rejectCall!: (e: Error) => void;
  readonly promise: Promise<RawResponse>;
  private chunks: Buffer[] = [];
  private size = 0;
  private unsubscribeAbort: (() => void) | undefined;

  constructor(
    readonly url: string,
    readonly streaming: boolean,
    readonly signal: AbortSignal | undefined,
    readonly settings: FlightSettings,
    /** Gives the pool slot back; called exactly once, when the exchange no longer needs it. */
    private releaseSlot: (() => void) | undefined,
  ) {
    this.promise = new Promise<RawResponse>((resolve, reject) => {
      this.resolveCall = resolve;
      this.rejectCall = reject;
    });
    if (signal) this.unsubscribeAbort = onAbort(signal, () => this.fail(abortError(signal)));
  }

  /** Starts tracking `req` (created by the transport for this flight). */
  track(req: http.ClientRequest): void {
    this.req = req;
    (req as Tracked<http.ClientRequest>)[kFlight] = this;
    req.on('socket', onRequestSocket);
    req.on('response', onRequestResponse);
    req.on('error', onRequestError);
  }

  /** Records the first failure: rejects the call, or ends a handed-over stream, and frees the socket. */
  fail(err: Error): void {
    if (this.error) return;
    if (this.streamBody === 'untouched' && err instanceof HTTPClientError) err.requestBodyUnsent = true;
    this.error = err;
    this.stopBody?.();
    this.release();
    this.detachAbort();
    const res = this.res;
    if (res && !res.destroyed) res.destroy(err);
    if (this.req && !this.req.destroyed) this.req.destroy(err);
    if (!this.settled) {
      this.settled = true;
      this.rejectCall(err);
    }
    this.onFinished?.(this);
  }

  private release(): void {
    const release = this.releaseSlot;
    this.releaseSlot = undefined;
    release?.();
  }

  private detachAbort(): void {
    const unsubscribe = this.unsubscribeAbort;
    this.unsubscribeAbort = undefined;
    unsubscribe?.();
  }

  /** The response headers arrived: hand over the stream, or read the body whole. */
  respond(res: http.IncomingMessage): void {
    this.res = res;
    (res as Tracked<http.IncomingMessage>)[kFlight] = this;
    if (this.error) {
      res.destroy(this.error);
      return;
    }
    const status = res.statusCode ?? 0;
    // An error response of a streaming operation is an error document: read it whole, as
    // botocore's convert_to_response_dict does, so the parser sees it like any other.
    if (this.streaming && status < 300) {
      this.settled = true;
      this.release();
      // Failures after the hand-over end the stream with an error; the reader sees it when it
      // reads (for await, pipeline). Without a listener, an unread body released for idling
      // would crash the process with an unhandled 'error' event.
      res.on('error', ignore);
      res.on('end', onStreamEnd);
      res.on('close', onStreamClose);
      const response: RawResponse = { statusCode: status, headers: headerRecord(res), rawHeaders: res.rawHeaders, body: EMPTY, stream: res as Readable };
      if (this.bodyWithheld) response.requestBodyUnsent = true;
      this.resolveCall(response);
      return;
    }
    // `on`, not `once`: a stream emits each of these at most once, and `once` wraps every listener.
    res.on('data', onResponseData);
    res.on('end', onResponseEnd);
    res.on('error', onResponseError);
  }

  /** A handed-over stream was read to its end. */
  streamEnded(): void {
    this.detachAbort();
  }

  /** A handed-over stream closed: the exchange is over for the transport. */
  streamClosed(res: http.IncomingMessage): void {
    this.detachAbort();
    this.onFinished?.(this);
    // A caller that drops the stream early leaves the connection mid-body: never reuse it.
    if (!res.complete) this.req?.destroy();
  }

  /** Buffered body: one more chunk. */
  onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** Buffered body: the last byte arrived. */
  complete(): void {
    if (this.error || this.settled || !this.res) return;
    this.settled = true;
    this.release();
    this.detachAbort();
    const body = this.chunks.length === 1 ? this.chunks[0] : this.chunks.length === 0 ? EMPTY : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    const response: RawResponse = { statusCode: this.res.statusCode ?? 0, headers: headerRecord(this.res), rawHeaders: this.res.rawHeaders, body };
    if (this.bodyWithheld) response.requestBodyUnsent = true;
    this.resolveCall(response);
    this.onFinished?.(this);
  }

  /** Maps a Node socket/request error to a botojs transport error (see the module header). */
  classify(err: NodeJS.ErrnoException): Error {
    const url = this.url;
    const opts = { cause: err };
    const toProxy = this.proxyUrl !== undefined && !this.socket?.[kConnected];
    if (err.code === 'BOTOJS_PROXY_ERROR' || (toProxy && CONNECT_CODES.has(err.code ?? ''))) {
      return new EndpointConnectionError(`Failed to connect to proxy URL: "${maskProxyUrl(this.proxyUrl ?? '')}"`, url, opts);
    }
    if (this.res) return this.closedMidResponse(err);
    if (isTlsError(err)) return new EndpointConnectionError(`SSL validation failed for ${url} ${err.message}`, url, opts);
    if (!this.socket?.[kConnected] || CONNECT_CODES.has(err.code ?? '')) {
      return new EndpointConnectionError(`Could not connect to the endpoint URL: "${url}"`, url, opts);
    }
    return new ConnectionClosedError(`Connection was closed before we received a valid response from endpoint URL: "${url}".`, url, opts);
  }

  closedMidResponse(cause: Error): Error {
    if (this.streaming && this.settled) return new ResponseStreamingError(`An error occurred while reading from response stream: ${cause.message}`, { cause });
    return new ConnectionClosedError(
      `Connection was closed before we received a valid response from endpoint URL: "${this.url}".`,
      this.url,
      { cause },
    );
  }

  connectTimeout(): ConnectTimeoutError {
    return new ConnectTimeoutError(`Connect timeout on endpoint URL: "${this.url}"`, this.url);
  }

  /** No byte for readTimeout: the server stalled, or (streamed) the caller left the body unread. */
  readTimeout(): Error {
    const res = this.res;
    if (res && this.settled && (res.readableLength > 0 || res.complete)) {
      return new ResponseStreamingError(
        `The response body from ${this.url} was not read for ${this.settings.readTimeoutMs / 1000} s (readTimeout), so its connection ` +
          'was closed and the body discarded. Read streaming bodies (or call body.close()) as soon as the call returns.',
      );
    }
    // botocore's StreamingBody raises ReadTimeoutError too when the server stalls mid-body.
    return new ReadTimeoutError(`Read timeout on endpoint URL: "${this.url}"`, this.url);
  }
}

function ignore(): void {}

/**
 * Lower-cased names, repeated values joined with ', ' (urllib3's HTTPHeaderDict), read from the
 * raw pairs in one pass (Node's headersDistinct would build an array per name first).
 */
function headerRecord(res: http.IncomingMessage): Record<string, string> {
  const raw = res.rawHeaders;
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    const value = raw[i + 1];
    // A header is data: `__proto__` or `constructor` is a name like any other.
    if (Object.prototype.hasOwnProperty.call(out, name)) out[name] += `, ${value}`;
    else setOwn(out, name, value);
  }
  return out;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EHOSTUNREACH', 'ENETUNREACH',
  'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL', 'EADDRINUSE',
]);

function isTlsError(err: NodeJS.ErrnoException): boolean {
  const code = err.code ?? '';
  return /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|EPROTO$)/.test(code);
}

// Listeners are module-level functions reading the flight from `this`, so tracking a request
// allocates no closures.

function onRequestSocket(this: Tracked<http.ClientRequest>, socket: net.Socket): void {
  const flight = this[kFlight];
  if (!flight) return;
  flight.socket = socket as TrackedSocket;
  flight.socket[kFlight] = flight;
}

function onRequestResponse(this: Tracked<http.ClientRequest>, res: http.IncomingMessage): void {
  this[kFlight]?.respond(res);
}

function onRequestError(this: Tracked<http.ClientRequest>, err: NodeJS.ErrnoException): void {
  const flight = this[kFlight];
  if (flight && !flight.error) flight.fail(flight.classify(err));
}

function onStreamEnd(this: Tracked<http.IncomingMessage>): void {
  this[kFlight]?.streamEnded();
}

function onStreamClose(this: Tracked<http.IncomingMessage>): void {
  this[kFlight]?.streamClosed(this);
}

function onResponseData(this: Tracked<http.IncomingMessage>, chunk: Buffer): void {
  this[kFlight]?.onData(chunk);
}

function onResponseEnd(this: Tracked<http.IncomingMessage>): void {
  this[kFlight]?.complete();
}

function onResponseError(this: Tracked<http.IncomingMessage>, err: Error): void {
  const flight = this[kFlight];
  if (flight && !flight.error) flight.fail(flight.closedMidResponse(err));
}

/**
 * Runs before Node's own close handling (prepended), so a connection lost mid-response ends the
 * call or the stream with our error rather than Node's generic 'aborted'.
 */
export function onSocketClose(this: TrackedSocket): void {
  const flight = this[kFlight];
  if (!flight || flight.error) return;
  const res = flight.res;
  if (res?.complete) return;
  const cause = new Error('Connection closed before the response was complete');
  flight.fail(res ? flight.closedMidResponse(cause) : flight.classify(cause));
}

/** The handshake did not complete within connectTimeout. */
export function onConnectTimeout(socket: TrackedSocket): void {
  if (socket.destroyed || socket[kConnected]) return;
  const flight = socket[kFlight];
  const err = flight ? flight.connectTimeout() : new ConnectTimeoutError('Connect timeout');
  flight?.fail(err);
  socket.destroy(err);
}

/**
 * The socket's idle timer (readTimeout while a request uses it) fired. Idle pooled sockets
 * carry no flight and are left to Node's agent, which closes free sockets on timeout.
 */
export function onSocketTimeout(this: TrackedSocket): void {
  const flight = this[kFlight];
  if (!flight || flight.error) return;
  flight.fail(flight.readTimeout());
  this.destroy();
}
