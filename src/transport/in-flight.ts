/**
 * InFlight: the transport's record of one request on the wire, and the mapping of Node's
 * socket failures to botocore's transport errors (httpsession.URLLib3Session.send):
 *
 *   DNS / refused / unreachable / reset while connecting -> EndpointConnectionError
 *   TLS handshake or certificate failure                -> EndpointConnectionError ("SSL validation failed")
 *   no connection within connectTimeout                 -> ConnectTimeoutError
 *   no byte within readTimeout                          -> ReadTimeoutError
 *   connection lost after connecting, before the end    -> ConnectionClosedError
 *   ... of a streamed body the caller reads later       -> ResponseStreamingError (botocore's StreamingBody)
 *
 * The first failure wins; later ones (Node reports a destroyed socket several ways) are ignored.
 */
import type * as http from 'http';
import type * as net from 'net';
import type { Readable } from 'stream';
import {
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  ReadTimeoutError,
  ResponseStreamingError,
} from '../errors';
import { maskProxyUrl } from './proxies';

/** Keys this module stores on Node's sockets, requests and responses (own symbols, no private API). */
export const kFlight = Symbol('botojs.inFlight');
export const kConnected = Symbol('botojs.connected');

export interface TrackedSocket extends net.Socket {
  [kFlight]?: InFlight;
  [kConnected]?: boolean;
}

type Tracked<T> = T & { [kFlight]?: InFlight };

export class InFlight {
  error: Error | undefined;
  /** node-fetch's response body, once the response promise settled. */
  body: Readable | undefined;
  req: http.ClientRequest | undefined;
  socket: TrackedSocket | undefined;
  responded = false;
  /** Set when the proxy for this request is known, for error messages. */
  proxyUrl: string | undefined;

  constructor(
    readonly url: string,
    readonly streaming: boolean,
    readonly signal: AbortSignal | undefined,
  ) {}

  /** Records the first failure and ends the body stream with it. */
  fail(err: Error): void {
    if (this.error) return;
    this.error = err;
    if (this.body && !this.body.destroyed) this.body.destroy(err);
  }

  /** Maps a Node socket/request error to a botojs transport error (see the module header). */
  classify(err: NodeJS.ErrnoException): Error {
    if (err instanceof EndpointConnectionError || err instanceof ReadTimeoutError) return err; // ours, from a timer
    const url = this.url;
    const opts = { cause: err };
    const toProxy = this.proxyUrl !== undefined && !this.socket?.[kConnected];
    if (err.code === 'BOTOJS_PROXY_ERROR' || (toProxy && CONNECT_CODES.has(err.code ?? ''))) {
      return new EndpointConnectionError(`Failed to connect to proxy URL: "${maskProxyUrl(this.proxyUrl ?? '')}"`, url, opts);
    }
    if (this.responded) return this.closedMidResponse(err);
    if (isTlsError(err)) return new EndpointConnectionError(`SSL validation failed for ${url} ${err.message}`, url, opts);
    if (!this.socket?.[kConnected] || CONNECT_CODES.has(err.code ?? '')) {
      return new EndpointConnectionError(`Could not connect to the endpoint URL: "${url}"`, url, opts);
    }
    return new ConnectionClosedError(`Connection was closed before we received a valid response from endpoint URL: "${url}".`, url, opts);
  }

  closedMidResponse(cause: Error): Error {
    if (this.streaming) return new ResponseStreamingError(`An error occurred while reading from response stream: ${cause.message}`, { cause });
    return new ConnectionClosedError(
      `Connection was closed before we received a valid response from endpoint URL: "${this.url}".`,
      this.url,
      { cause },
    );
  }

  connectTimeout(): ConnectTimeoutError {
    return new ConnectTimeoutError(`Connect timeout on endpoint URL: "${this.url}"`, this.url);
  }

  readTimeout(): ReadTimeoutError {
    return new ReadTimeoutError(`Read timeout on endpoint URL: "${this.url}"`, this.url);
  }
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

/** Attaches tracking to a ClientRequest the agent is about to schedule. */
export function trackRequest(req: http.ClientRequest, flight: InFlight): void {
  flight.req = req;
  (req as Tracked<http.ClientRequest>)[kFlight] = flight;
  req.on('socket', onRequestSocket);
  req.on('response', onRequestResponse);
  // Registered before node-fetch's own listener, so the mapped error reaches the body first.
  req.on('error', onRequestError);
}

function onRequestSocket(this: Tracked<http.ClientRequest>, socket: net.Socket): void {
  const flight = this[kFlight];
  if (!flight) return;
  flight.socket = socket as TrackedSocket;
  flight.socket[kFlight] = flight;
}

function onRequestResponse(this: Tracked<http.ClientRequest>, res: http.IncomingMessage): void {
  const flight = this[kFlight];
  if (!flight) return;
  flight.responded = true;
  (res as Tracked<http.IncomingMessage>)[kFlight] = flight;
  // node-fetch never errors its body when the connection drops before Content-Length bytes.
  res.on('close', onResponseClose);
}

function onRequestError(this: Tracked<http.ClientRequest>, err: NodeJS.ErrnoException): void {
  const flight = this[kFlight];
  if (!flight || flight.signal?.aborted) return;
  flight.fail(flight.classify(err));
}

function onResponseClose(this: Tracked<http.IncomingMessage>): void {
  const flight = this[kFlight];
  if (!flight || this.complete || flight.signal?.aborted) return;
  flight.fail(flight.closedMidResponse(new Error('Connection closed before the response body was complete')));
}

/** The handshake did not complete within connectTimeout. */
export function onConnectTimeout(socket: TrackedSocket): void {
  const flight = socket[kFlight];
  if (socket.destroyed || socket[kConnected]) return;
  const err = flight ? flight.connectTimeout() : new ConnectTimeoutError('Connect timeout');
  flight?.fail(err);
  socket.destroy(err);
}

/**
 * The socket's idle timer (readTimeout, armed once connected) fired. Ignored when the socket is
 * paused because the caller is not reading a streamed body (not the server's fault; the timer
 * re-arms once data flows again). Idle pooled sockets carry no flight and are left to Node's
 * agent, which closes them.
 */
export function onSocketTimeout(this: TrackedSocket): void {
  const flight = this[kFlight];
  if (!flight || flight.error || this.isPaused()) return;
  const err = flight.readTimeout();
  flight.fail(err);
  this.destroy(err);
}
