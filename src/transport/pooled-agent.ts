/**
 * Keep-alive http/https agents with botocore's timeout semantics and proxy support. One pair
 * per HttpTransport (the https one in pooled-https-agent.ts, loaded with the first https request). How many requests run at once is PoolSlots' business (pool-slots.ts); the
 * agents only keep up to `maxFreeSockets` idle connections per host, as urllib3's pool of
 * `max_pool_connections` does, and close the rest.
 *
 * Timeouts are socket idle timers (like a Python socket timeout): `connectTimeout` until the
 * TCP (and TLS) handshake completes, `readTimeout` while a request uses the socket, and
 * IDLE_SOCKET_MS while it waits in the pool, so the sockets of a client nobody closes go away
 * on their own (idle sockets are also unref'd: they never keep the process alive).
 *
 * The request's proxy travels in its options under `kProxy`: Node's ClientRequest and agent
 * copy options with spreads, which keep symbol keys, so addRequest and createConnection see it.
 */
import http = require('http');
import type * as net from 'net';
import type { Duplex } from 'stream';
import type * as tls from 'tls';
import { kConnected, kFlight, onConnectTimeout, onSocketClose, onSocketTimeout } from './in-flight';
import type { TrackedSocket } from './in-flight';
import type { ResolvedProxy } from './proxies';

/** How long a pooled connection may sit unused before it is closed. */
export const IDLE_SOCKET_MS = 5000;

export const kProxy = Symbol('botojs.proxy');

/** The delay before TCP keep-alive probes on a pooled connection (Node's default). */
const TCP_KEEP_ALIVE_DELAY_MS = 1000;

export interface AgentSettings {
  /** Idle connections kept per host. */
  maxFreeSockets: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** TLS options for https (ca, rejectUnauthorized, cert, key). */
  tls?: tls.ConnectionOptions;
}

export type AgentRequestOptions = http.ClientRequestArgs & tls.ConnectionOptions & { [kProxy]?: ResolvedProxy };

export type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type AddRequest = (req: http.ClientRequest, options: http.ClientRequestArgs) => void;
const httpAddRequest = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;

export function agentOptions(settings: AgentSettings): http.AgentOptions {
  // No cap on sockets here: PoolSlots bounds the requests on the wire, and a socket that a
  // streamed body still holds must not make the next request wait.
  return { keepAlive: true, keepAliveMsecs: TCP_KEEP_ALIVE_DELAY_MS, maxSockets: Infinity, maxFreeSockets: settings.maxFreeSockets, scheduling: 'lifo' };
}

/** Starts the connect timer, and switches to the read timer once the handshake is done. */
export function armNewSocket(socket: Duplex | null | undefined, settings: AgentSettings, secure: boolean): void {
  if (!socket) return;
  const s = socket as TrackedSocket;
  // A plain timer, not the socket's idle timer: Node suppresses an idle timeout while a write
  // (the TLS ClientHello) is queued, which would stretch a hung handshake to twice the limit.
  const timer = settings.connectTimeoutMs > 0 ? setTimeout(onConnectTimeout, settings.connectTimeoutMs, s) : undefined;
  s.on('timeout', onSocketTimeout);
  s.prependListener('close', onSocketClose);
  s.once(secure ? 'secureConnect' : 'connect', () => {
    clearTimeout(timer);
    s[kConnected] = true;
    s.setTimeout(settings.readTimeoutMs);
  });
  s.once('close', () => clearTimeout(timer));
}

/** Calls `fn` once `req`'s connection is established (TCP, and TLS for https): at once if it already is. */
export function onceConnected(req: http.ClientRequest, fn: () => void): void {
  const wait = (socket: net.Socket): void => {
    if ((socket as TrackedSocket)[kConnected]) fn();
    // `encrypted` rather than instanceof: node:tls stays unloaded until a first https request.
    else socket.once((socket as tls.TLSSocket).encrypted === true ? 'secureConnect' : 'connect', fn);
  };
  if (req.socket) wait(req.socket);
  else req.once('socket', wait);
}

/**
 * A socket went back to the pool (Node's own 'free' handler ran first: keepSocketAlive below
 * unref'd it and set its idle timer).
 */
export function onFree(socket: TrackedSocket): void {
  socket[kFlight] = undefined;
}

/**
 * Node's Agent#keepSocketAlive (the same in Node 20, 22 and 24), with two differences:
 *
 * - The server's `Keep-Alive: timeout=N` hint is read from the response's raw headers, which
 *   the transport reads anyway. Node reads `res.headers`, which builds the response's whole
 *   header object a second time, on every call whose connection goes back to the pool.
 * - The hint shortens the idle timer, as urllib3 never does but Node means to. Node applies a
 *   hint only when it is shorter than the agent's own `timeout` option, which these agents do
 *   not set, so a server that closes idle connections after 2 s would have had them kept for
 *   IDLE_SOCKET_MS and reused after it had closed them.
 *
 * As in Node, a hint of one second or less means the connection is not kept: it is closed.
 */
export function keepPooledSocketAlive(socket: TrackedSocket): boolean {
  const hintMs = serverIdleHintMs(socket[kFlight]?.res?.rawHeaders);
  if (hintMs === 0) return false;
  socket.setKeepAlive(true, TCP_KEEP_ALIVE_DELAY_MS);
  socket.unref();
  const idleMs = hintMs !== undefined && hintMs < IDLE_SOCKET_MS ? hintMs : IDLE_SOCKET_MS;
  if ((socket as net.Socket & { timeout?: number }).timeout !== idleMs) socket.setTimeout(idleMs);
  return true;
}

/** Node's margin under the server's announced idle timeout (HTTP_AGENT_KEEP_ALIVE_TIMEOUT_BUFFER). */
const KEEP_ALIVE_MARGIN_MS = 1000;

/**
 * How long the server's `Keep-Alive: timeout=N` lets a connection idle, less Node's one second
 * of margin (0: too short to reuse it), or undefined when the response gave no such hint.
 */
export function serverIdleHintMs(rawHeaders: readonly string[] | undefined): number | undefined {
  if (!rawHeaders) return undefined;
  let value: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length !== 10 || name.toLowerCase() !== 'keep-alive') continue;
    // Repeated, the values are joined as Node's res.headers joins them.
    value = value === undefined ? rawHeaders[i + 1] : `${value}, ${rawHeaders[i + 1]}`;
  }
  const seconds = value === undefined ? undefined : /^timeout=(\d+)/.exec(value)?.[1];
  if (seconds === undefined) return undefined;
  return Math.max(Number.parseInt(seconds, 10) * 1000 - KEEP_ALIVE_MARGIN_MS, 0);
}

export class PooledHttpAgent extends http.Agent {
  constructor(private readonly settings: AgentSettings) {
    super(agentOptions(settings));
    this.on('free', onFree);
  }

  addRequest(req: http.ClientRequest, options: AgentRequestOptions): void {
    const proxy = options[kProxy];
    // Forward through the proxy: the connection goes to the proxy (the transport already made
    // the request line absolute-form and added Proxy-Authorization: forwardThroughProxy).
    if (proxy) options = { ...options, host: proxy.host, hostname: proxy.host, port: proxy.port };
    httpAddRequest.call(this, req, options);
  }

  override createConnection(options: http.ClientRequestArgs, cb?: ConnectCallback): Duplex | null | undefined {
    const socket = super.createConnection(options, cb);
    armNewSocket(socket, this.settings, false);
    return socket;
  }

  override keepSocketAlive(socket: Duplex): boolean {
    return keepPooledSocketAlive(socket as TrackedSocket);
  }

  override reuseSocket(socket: Duplex, req: http.ClientRequest): void {
    super.reuseSocket(socket, req);
    (socket as net.Socket).setTimeout(this.settings.readTimeoutMs);
  }
}

/**
 * A plain-http request sent through a forward proxy: the absolute-form request line
 * (`GET http://host:port/path`, Host as Node writes it: no default port, IPv6 in brackets) and
 * the proxy's credentials. Set in the request's options, before Node builds the request: a
 * request with `Expect: 100-continue` has its head written by the ClientRequest constructor,
 * before the agent sees it.
 */
export function forwardThroughProxy(options: AgentRequestOptions, proxy: ResolvedProxy): void {
  const host = String(options.host);
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const port = Number(options.port ?? 80);
  options.path = `http://${bracketed}${port === 80 ? '' : `:${port}`}${options.path ?? '/'}`;
  if (proxy.authorization) options.headers = { ...(options.headers as Record<string, string>), 'Proxy-Authorization': proxy.authorization };
  options[kProxy] = proxy;
}

