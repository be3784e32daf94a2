/**
 * Keep-alive http/https agents with botocore's timeout semantics, per-request failure tracking
 * and proxy support. One pair per HttpTransport; `maxSockets` caps connections per host as
 * urllib3's pool size does.
 *
 * Timeouts are socket idle timers (like a Python socket timeout): `connectTimeout` until the
 * TCP (and TLS) handshake completes, `readTimeout` afterwards, re-armed when a pooled socket is
 * reused. Node's agent resets idle pooled sockets to its own keep-alive timer.
 *
 * node-fetch hides the ClientRequest, so the transport hands the agent the request's InFlight
 * through `Handoff` right before calling fetch(): fetch() creates the ClientRequest, and the
 * ClientRequest calls `addRequest`, synchronously, so the hand-off cannot be mixed up.
 */
import * as http from 'http';
import * as https from 'https';
import type * as net from 'net';
import type { Duplex } from 'stream';
import * as tls from 'tls';
import { InFlight, kConnected, kFlight, onConnectTimeout, onSocketTimeout, trackRequest } from './in-flight';
import type { TrackedSocket } from './in-flight';
import { connectTunnel } from './proxies';
import type { ResolvedProxy } from './proxies';

export class Handoff {
  pending: InFlight | undefined;
  /** The proxy chosen for the pending request, if any. */
  proxy: ResolvedProxy | undefined;

  take(): InFlight | undefined {
    const flight = this.pending;
    this.pending = undefined;
    return flight;
  }
}

export interface AgentSettings {
  maxSockets: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** TLS options for https (ca, rejectUnauthorized, cert, key). */
  tls?: tls.ConnectionOptions;
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type AddRequest = (req: http.ClientRequest, options: http.ClientRequestArgs) => void;
const httpAddRequest = (http.Agent.prototype as unknown as { addRequest: AddRequest }).addRequest;

/** Starts the connect timer, and switches to the read timer once the handshake is done. */
function armNewSocket(socket: Duplex | null | undefined, settings: AgentSettings, secure: boolean): void {
  if (!socket) return;
  const s = socket as TrackedSocket;
  // A plain timer, not the socket's idle timer: Node suppresses an idle timeout while a write
  // (the TLS ClientHello) is queued, which would stretch a hung handshake to twice the limit.
  const timer = settings.connectTimeoutMs > 0 ? setTimeout(onConnectTimeout, settings.connectTimeoutMs, s) : undefined;
  s.on('timeout', onSocketTimeout);
  s.once(secure ? 'secureConnect' : 'connect', () => {
    clearTimeout(timer);
    s[kConnected] = true;
    s.setTimeout(settings.readTimeoutMs);
  });
  s.once('close', () => clearTimeout(timer));
}

function onFree(socket: TrackedSocket): void {
  socket[kFlight] = undefined;
}

/** Takes the pending InFlight (and proxy) for `req`; returns the proxy to use, if any. */
function claim(handoff: Handoff, req: http.ClientRequest): ResolvedProxy | undefined {
  const flight = handoff.take();
  const proxy = handoff.proxy;
  handoff.proxy = undefined;
  if (flight) {
    trackRequest(req, flight);
    if (proxy) flight.proxyUrl = proxy.url;
  }
  return proxy;
}

export class PooledHttpAgent extends http.Agent {
  constructor(private readonly settings: AgentSettings, private readonly handoff: Handoff) {
    super({ keepAlive: true, maxSockets: settings.maxSockets });
    this.on('free', onFree);
  }

  addRequest(req: http.ClientRequest, options: http.ClientRequestArgs): void {
    const proxy = claim(this.handoff, req);
    if (proxy) {
      // Forward through the proxy: absolute-form request line, connection to the proxy.
      req.path = `http://${req.getHeader('host') as string}${req.path}`;
      if (proxy.authorization) req.setHeader('Proxy-Authorization', proxy.authorization);
      options = { ...options, host: proxy.host, hostname: proxy.host, port: proxy.port };
    }
    httpAddRequest.call(this, req, options);
  }

  override createConnection(options: http.ClientRequestArgs, cb?: ConnectCallback): Duplex | null | undefined {
    const socket = super.createConnection(options, cb);
    armNewSocket(socket, this.settings, false);
    return socket;
  }

  override reuseSocket(socket: Duplex, req: http.ClientRequest): void {
    super.reuseSocket(socket, req);
    (socket as net.Socket).setTimeout(this.settings.readTimeoutMs);
  }
}

type HttpsConnectionOptions = https.RequestOptions & tls.ConnectionOptions & { [kProxy]?: ResolvedProxy };
const kProxy = Symbol('botojs.proxy');

export class PooledHttpsAgent extends https.Agent {
  constructor(private readonly settings: AgentSettings, private readonly handoff: Handoff) {
    super({ keepAlive: true, maxSockets: settings.maxSockets, ...settings.tls });
    this.on('free', onFree);
  }

  addRequest(req: http.ClientRequest, options: HttpsConnectionOptions): void {
    const proxy = claim(this.handoff, req);
    // Node's agent copies options with spreads, which keep symbol keys: createConnection sees it.
    if (proxy) options = { ...options, [kProxy]: proxy };
    httpAddRequest.call(this, req, options);
  }

  override getName(options?: HttpsConnectionOptions): string {
    const name = super.getName(options);
    // Tunnelled sockets are pooled apart from direct ones.
    const proxy = options?.[kProxy];
    return proxy ? `${name}:proxy=${proxy.host}:${proxy.port}` : name;
  }

  override createConnection(options: HttpsConnectionOptions, cb?: ConnectCallback): Duplex | null | undefined {
    const proxy = options[kProxy];
    if (!proxy) {
      const socket = super.createConnection(options, cb);
      armNewSocket(socket, this.settings, true);
      return socket;
    }
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? 443);
    connectTunnel(proxy, host, port, this.settings.connectTimeoutMs, (err, raw) => {
      if (err || !raw) return cb?.(err ?? new Error('proxy tunnel failed'), undefined as unknown as Duplex);
      const servername = options.servername || (isIpLiteral(host) ? undefined : host);
      const socket = tls.connect({ ...options, socket: raw, servername });
      armNewSocket(socket, this.settings, true);
      cb?.(null, socket);
    });
    return undefined;
  }

  override reuseSocket(socket: Duplex, req: http.ClientRequest): void {
    super.reuseSocket(socket, req);
    (socket as net.Socket).setTimeout(this.settings.readTimeoutMs);
  }
}

/** True for IP literals (no SNI for those). */
function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
