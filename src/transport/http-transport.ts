/**
 * HttpTransport: sends one signed request over a keep-alive connection pool with node:http /
 * node:https and returns a RawResponse (botocore's URLLib3Session). The only module family
 * that imports node:http for AWS calls.
 *
 * What goes on the wire is what the caller built: the request line carries the URL's path and
 * query byte for byte (no `.`/`..` resolution, no re-encoding), and the transport adds only
 * Host, Content-Length or Transfer-Encoding (as botocore's AWSRequestPreparer: Content-Length
 * for every method but GET/HEAD/OPTIONS, chunked for a stream of unknown length) and the
 * pool's `Connection: keep-alive`. As botocore: no redirects followed, no content decoding,
 * header names lower-cased with repeated values joined by ', ', and a request with
 * `Expect: 100-continue` sends its body only once the server agrees (expect-continue.ts). A
 * stream body is read only once the connection is up, so a failure before that leaves it
 * untouched for a retry (stream-body.ts).
 *
 * Every send settles: at most `maxPoolConnections` requests per host are on the wire and the
 * rest wait their turn (pool-slots.ts); each request ends within connectTimeout + readTimeout
 * of its last progress; the caller's AbortSignal and close() end it at once. Failures become
 * the errors of src/errors (mapping in in-flight.ts), each keeping the Node error as `cause`.
 */
import fs = require('fs');
import http = require('http');
import type * as https from 'https';
import type * as tls from 'tls';
import { ClientClosedError, HTTPClientError } from '../errors';
import type { HttpRequest, RawResponse, RequestBody } from '../types/http';
import { isReadable } from '../util/is-readable';
import { hasHeader } from '../util/headers';
import { copyRecord } from '../util/objects';
import { splitUrl } from '../util/url-parts';
import { dnsNameProblem } from '../util/hostnames';
import { ChurnSet } from '../util/churn-set';
import { InFlight } from './in-flight';
import { wireHeaders } from './wire-headers';
import { expectsContinue, sendAfterContinue } from './expect-continue';
import { sendStreamBody } from './stream-body';
import { abortError, onAbort } from '../util/abort';
import { forwardThroughProxy, kProxy, PooledHttpAgent } from './pooled-agent';
import type { AgentRequestOptions, AgentSettings } from './pooled-agent';
import type { PooledHttpsAgent } from './pooled-https-agent';
import { PoolSlots } from './pool-slots';
import type { SlotWaiter } from './pool-slots';
import { bypassesProxy, parseProxyUrl, proxiesFromEnvironment } from './proxies';
import type { ProxyMap, ResolvedProxy } from './proxies';

export interface HttpTransportOptions {
  /** Requests on the wire at once, and idle connections kept, per host (botocore's max_pool_connections). Default 10. */
  maxPoolConnections?: number;
  /** Seconds to establish a connection (TCP and TLS). Default 60. */
  connectTimeout?: number;
  /** Seconds without a byte from the server (or, for a streamed body, without the caller reading) before giving up. Default 60. */
  readTimeout?: number;
  /**
   * `{ http, https }` proxy URLs keyed by the request URL's scheme. When omitted, the
   * `http_proxy` / `https_proxy` / `no_proxy` environment variables apply (as in botocore).
   */
  proxies?: Record<string, string>;
  /** TLS verification: true (default), false (off), or the path of a CA bundle. */
  verify?: boolean | string;
  /** A PEM file with the client certificate and key, or `[certFile, keyFile]`. */
  clientCert?: string | [string, string];
}

/** What the transport sends: the pipeline's one request type. */
export type TransportRequest = HttpRequest;

export interface SendOptions {
  /** Hand back the body as a stream (`RawResponse.stream`) instead of reading it. */
  stream?: boolean;
  /** Ends the request (and a handed-over stream) with AbortError when it fires. */
  signal?: AbortSignal;
  /**
   * Called with the size of each piece of the request body as the socket takes it (a byte body
   * is written in BODY_PROGRESS_SLICE pieces; a stream's chunks as they are read).
   */
  onBodyProgress?: (bytes: number) => void;
}

const DEFAULT_TIMEOUT_SECONDS = 60;
/** Piece size of a byte body written with progress: small enough for steady reports, large enough to cost nothing. */
export const BODY_PROGRESS_SLICE = 64 * 1024;
const DEFAULT_POOL = 10;
/** Origins whose (idle) slots a transport keeps before it drops the idle ones. */
const KEPT_ORIGINS = 64;
// botocore's AWSRequestPreparer sends no Content-Length for these when there is no body.
const NO_LENGTH_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function seconds(value: number | undefined): number {
  const s = value ?? DEFAULT_TIMEOUT_SECONDS;
  if (!(s >= 0)) throw new RangeError(`timeouts must be >= 0 seconds, got ${value}`);
  return Math.round(s * 1000);
}

function tlsOptions(verify: boolean | string | undefined, clientCert: HttpTransportOptions['clientCert']): tls.ConnectionOptions {
  const out: tls.ConnectionOptions = {};
  if (verify === false) out.rejectUnauthorized = false;
  else if (typeof verify === 'string') out.ca = fs.readFileSync(verify);
  if (typeof clientCert === 'string') {
    const pem = fs.readFileSync(clientCert);
    out.cert = pem;
    out.key = pem;
  } else if (clientCert) {
    out.cert = fs.readFileSync(clientCert[0]);
    out.key = fs.readFileSync(clientCert[1]);
  }
  return out;
}

// node:https (and node:tls under it) load with the first https request, then stay at hand.
let https_: typeof https | undefined;
const httpsModule = (): typeof https => (https_ ??= require('https') as typeof https);

/**
 * The framing header botocore would add to the caller's headers, if any: Content-Length for a
 * known length (none for an empty GET/HEAD/OPTIONS), chunked Transfer-Encoding for a stream.
 */
function framingHeader(method: string, headers: Record<string, string>, body: RequestBody): [string, string] | undefined {
  if (hasHeader(headers, 'content-length') || hasHeader(headers, 'transfer-encoding')) return undefined;
  if (isReadable(body)) return ['Transfer-Encoding', 'chunked'];
  const length = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  if (length === 0 && NO_LENGTH_METHODS.has(method.toUpperCase())) return undefined;
  return ['Content-Length', String(length)];
}

/** The caller's headers plus `framing`, as an object (the caller's object stays as given). */
function withFraming(headers: Record<string, string>, framing: [string, string] | undefined): Record<string, string> {
  if (!framing) return headers;
  const out = copyRecord(headers);
  out[framing[0]] = framing[1];
  return out;
}

/** Host name (IPv6 without brackets) and port of an `scheme://authority` origin. */
function hostAndPort(origin: string, secure: boolean): { hostname: string; port: number } {
  let authority = origin.slice(origin.indexOf('://') + 3);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const close = authority.lastIndexOf(']');
  const colon = authority.lastIndexOf(':');
  let hostname = authority;
  let port = secure ? 443 : 80;
  if (colon > close) {
    hostname = authority.slice(0, colon);
    if (colon + 1 < authority.length) port = Number(authority.slice(colon + 1));
  }
  if (hostname.startsWith('[')) hostname = hostname.slice(1, close >= 0 ? hostname.lastIndexOf(']') : undefined);
  return { hostname, port };
}

export class HttpTransport {
  private readonly httpAgent: PooledHttpAgent;
  /** Made with the first https request (with it node:https, node:tls and the CA bundle's read). */
  private httpsAgent: PooledHttpsAgent | undefined;
  private readonly tlsSource: Pick<HttpTransportOptions, 'verify' | 'clientCert'>;
  private readonly proxies: Map<string, ResolvedProxy>;
  private readonly noProxy: string | undefined;
  private readonly poolSize: number;
  private readonly readTimeoutMs: number;
  /** Both agents read their timeouts from this one object, so a change reaches every new connection. */
  private readonly agentSettings: AgentSettings;
  /** Slots per origin; those nothing holds or waits for are dropped once KEPT_ORIGINS are known. */
  private readonly slots = new Map<string, PoolSlots>();
  /** Requests not yet finished with their connection, so close() can end them (not a Set: churn-set.ts). */
  private readonly flights = new ChurnSet<InFlight>();
  private closed = false;
  private readonly forgetFlight = (flight: InFlight): void => void this.flights.delete(flight);

  constructor(opts: HttpTransportOptions = {}) {
    const size = opts.maxPoolConnections ?? DEFAULT_POOL;
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`maxPoolConnections must be an integer >= 1, got ${size}`);
    this.poolSize = size;
    this.readTimeoutMs = seconds(opts.readTimeout);
    this.agentSettings = { maxFreeSockets: size, connectTimeoutMs: seconds(opts.connectTimeout), readTimeoutMs: this.readTimeoutMs };
    this.tlsSource = { verify: opts.verify, clientCert: opts.clientCert };
    this.httpAgent = new PooledHttpAgent(this.agentSettings);
    let proxyMap: ProxyMap = opts.proxies ?? {};
    if (opts.proxies === undefined) {
      const env = proxiesFromEnvironment();
      proxyMap = env.proxies;
      this.noProxy = env.noProxy;
    }
    this.proxies = new Map();
    for (const scheme of ['http', 'https']) {
      const raw = proxyMap[scheme];
      if (raw) this.proxies.set(scheme, parseProxyUrl(raw));
    }
  }

  /**
   * Changes the connect timeout for connections opened from now on (defaults_mode `auto`
   * settles it once the instance's region is known, before the client's first request).
   */
  setConnectTimeout(timeoutSeconds: number): void {
    this.agentSettings.connectTimeoutMs = seconds(timeoutSeconds);
  }

  /** Sends `req`; resolves once the headers (and, unless a successful `stream`, the whole body) arrived. */
  async send(req: TransportRequest, opts: SendOptions = {}): Promise<RawResponse> {
    if (this.closed) throw new ClientClosedError();
    const signal = opts.signal;
    if (signal?.aborted) throw abortError(signal);
    const parts = splitUrl(req.url);
    const secure = parts.scheme === 'https';
    if (!secure && parts.scheme !== 'http') throw new HTTPClientError(`Unsupported URL scheme '${parts.scheme}' in ${req.url}: use http or https`, req.url);
    const { hostname, port } = hostAndPort(parts.origin, secure);
    // A name no resolver takes (a handler such as Predict's PredictEndpoint set it after the
    // pipeline's own check) is refused here, as urllib3 refuses it, rather than failing its DNS
    // lookup as a connection error. The same check as the pipeline's, remembered there.
    const badHost = dnsNameProblem(hostname);
    if (badHost) throw new HTTPClientError(`Cannot send the request to ${req.url}: ${badHost.problem}`, req.url);
    const proxy = this.proxies.size === 0 ? undefined : this.proxyFor(secure, hostname, port);
    // Before a slot is taken: reading the CA bundle or client certificate may throw.
    const agent = secure ? this.secureAgent() : this.httpAgent;

    const key = proxy ? `${parts.origin} via ${proxy.url}` : parts.origin;
    const slots = this.slotsFor(key);
    if (!slots.tryAcquire()) await this.waitForSlot(slots, signal);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      slots.release();
    };
    if (this.closed) {
      release();
      throw new ClientClosedError();
    }
    // The signal may have fired between the slot being handed over and this continuation:
    // a request started now would not hear it (its listener comes too late).
    if (signal?.aborted) {
      release();
      throw abortError(signal);
    }

    const flight = new InFlight(req.url, opts.stream === true, signal, { readTimeoutMs: this.readTimeoutMs }, release);
    if (isReadable(req.body)) flight.streamBody = 'untouched';
    if (proxy) flight.proxyUrl = proxy.url;
    const framing = framingHeader(req.method, req.headers, req.body);
    const options: AgentRequestOptions = {
      agent,
      method: req.method,
      host: hostname,
      port,
      path: parts.query ? `${parts.path}?${parts.query}` : parts.path,
      // An object through a proxy (forwardThroughProxy adds to it) or with the caller's own Host.
      headers: (proxy ? undefined : wireHeaders(req.headers, framing, hostname, port, secure ? 443 : 80)) ?? withFraming(req.headers, framing),
    };
    if (proxy && !secure) forwardThroughProxy(options, proxy);
    else if (proxy) options[kProxy] = proxy;
    let clientRequest: http.ClientRequest;
    try {
      clientRequest = (secure ? httpsModule() : http).request(options);
    } catch (e) {
      // Node refuses bad header names/values or paths before anything is sent.
      flight.fail(new HTTPClientError(`Cannot send the request to ${req.url}: ${(e as Error).message}`, req.url, { cause: e }));
      return flight.promise;
    }
    flight.track(clientRequest);
    this.flights.add(flight);
    flight.onFinished = this.forgetFlight;
    const request = clientRequest;
    if (expectsContinue(req.headers)) sendAfterContinue(request, flight, () => writeBody(request, req.body, flight, opts.onBodyProgress));
    else writeBody(request, req.body, flight, opts.onBodyProgress);
    return flight.promise;
  }

  /** Closes every connection of the pool, in use or idle; calls in flight and later sends fail with ClientClosedError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const err = new ClientClosedError('The client was closed while this call was in flight');
    for (const slots of this.slots.values()) slots.rejectAll(err);
    for (const flight of this.flights.snapshot()) flight.fail(err);
    this.httpAgent.destroy();
    this.httpsAgent?.destroy();
  }

  private secureAgent(): PooledHttpsAgent {
    if (!this.httpsAgent) {
      const { PooledHttpsAgent: Agent } = require('./pooled-https-agent') as typeof import('./pooled-https-agent');
      // The same settings object as the http agent's: a later setConnectTimeout reaches both.
      this.agentSettings.tls = tlsOptions(this.tlsSource.verify, this.tlsSource.clientCert);
      this.httpsAgent = new Agent(this.agentSettings);
    }
    return this.httpsAgent;
  }

  private slotsFor(key: string): PoolSlots {
    let slots = this.slots.get(key);
    if (!slots) {
      if (this.slots.size >= KEPT_ORIGINS) this.dropIdleSlots();
      slots = new PoolSlots(this.poolSize);
      this.slots.set(key, slots);
    }
    return slots;
  }

  /**
   * Forgets the origins nothing holds or waits a slot for. Done only once many origins are
   * known, not each time an origin goes idle: at low concurrency that was a Map delete and set
   * per call, the churn churn-set.ts explains.
   */
  private dropIdleSlots(): void {
    for (const [key, slots] of this.slots) if (slots.idle) this.slots.delete(key);
  }

  private waitForSlot(slots: PoolSlots, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const waiter: SlotWaiter = {
        resolve: () => {
          unsubscribe?.();
          resolve();
        },
        reject: (err) => {
          unsubscribe?.();
          reject(err);
        },
      };
      if (signal) unsubscribe = onAbort(signal, () => slots.cancel(waiter, abortError(signal)));
      slots.wait(waiter);
    });
  }

  /** The proxy for a host: the one for its scheme, unless no_proxy names the host. */
  private proxyFor(secure: boolean, hostname: string, port: number): ResolvedProxy | undefined {
    const proxy = this.proxies.get(secure ? 'https' : 'http');
    if (!proxy || !this.noProxy) return proxy;
    return bypassesProxy(hostname, String(port), this.noProxy) ? undefined : proxy;
  }
}

/**
 * Sends the body: bytes in one write (in slices, each reported once the socket took it, when
 * someone follows the progress), a stream piped once the connection is ready (stream-body.ts).
 */
function writeBody(req: http.ClientRequest, body: RequestBody, flight: InFlight, onProgress?: (bytes: number) => void): void {
  if (isReadable(body)) return sendStreamBody(req, body, flight, onProgress);
  if (body === undefined || body.length === 0) req.end();
  else if (!onProgress) req.end(body);
  else {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    for (let at = 0; at < bytes.length; at += BODY_PROGRESS_SLICE) {
      const slice = bytes.subarray(at, at + BODY_PROGRESS_SLICE);
      // Written all at once (the slices share the body's memory): Node queues them in order.
      req.write(slice, (err) => {
        if (!err && !flight.error) onProgress(slice.length);
      });
    }
    req.end();
  }
}
