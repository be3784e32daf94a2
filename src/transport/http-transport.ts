/**
 * HttpTransport: sends one signed request with node-fetch over a keep-alive connection pool and
 * returns a RawResponse (botocore's URLLib3Session). The only module that imports node-fetch.
 *
 * As botocore: no redirects followed, no content decoding, header names lower-cased with
 * repeated values joined by ', '. Failures become the transport errors of src/errors (mapping
 * in in-flight.ts), each keeping the Node error as `cause`.
 */
import * as fs from 'fs';
import type { RequestInfo, RequestInit, Response } from 'node-fetch';
import { deferWhatwgUrl } from './defer-whatwg-url';

// node-fetch is required on the first request, not at import (see deferWhatwgUrl for its URL dependency).
let fetchImpl: ((url: RequestInfo, init?: RequestInit) => Promise<Response>) | undefined;
function fetch(url: RequestInfo, init?: RequestInit): Promise<Response> {
  if (!fetchImpl) {
    deferWhatwgUrl();
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    fetchImpl = (require('node-fetch') as { default: (url: RequestInfo, init?: RequestInit) => Promise<Response> }).default;
  }
  return fetchImpl(url, init);
}
import type { Readable } from 'stream';
import type * as tls from 'tls';
import type { RawResponse, RequestBody } from '../protocols/types';
import { InFlight } from './in-flight';
import { Handoff, PooledHttpAgent, PooledHttpsAgent } from './pooled-agent';
import { bypassesProxy, parseProxyUrl, proxiesFromEnvironment } from './proxies';
import type { ProxyMap, ResolvedProxy } from './proxies';

export interface HttpTransportOptions {
  /** Connections kept per host (botocore's max_pool_connections). Default 10. */
  maxPoolConnections?: number;
  /** Seconds to establish a connection (TCP and TLS). Default 60. */
  connectTimeout?: number;
  /** Seconds without a byte from the server before giving up. Default 60. */
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

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: RequestBody;
}

export interface SendOptions {
  /** Hand back the body as a stream (`RawResponse.stream`) instead of reading it. */
  stream?: boolean;
  signal?: AbortSignal;
}

const EMPTY = Buffer.alloc(0);
const DEFAULT_TIMEOUT_SECONDS = 60;
const DEFAULT_POOL = 10;

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

/** Lower-cased names, repeated values joined with ', ' (urllib3's HTTPHeaderDict). */
function headerRecord(raw: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in raw) {
    const values = raw[name];
    out[name] = values.length === 1 ? values[0] : values.join(', ');
  }
  return out;
}

function readAll(body: Readable, flight: InFlight): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0] : chunks.length === 0 ? EMPTY : Buffer.concat(chunks, size)));
    body.once('error', (err: Error) => {
      if (err.name === 'AbortError') reject(err);
      else reject(flight.error ?? flight.closedMidResponse(err));
    });
  });
}

export class HttpTransport {
  private readonly handoff = new Handoff();
  private readonly httpAgent: PooledHttpAgent;
  private readonly httpsAgent: PooledHttpsAgent;
  private readonly proxies: Map<string, ResolvedProxy>;
  private readonly noProxy: string | undefined;
  private closed = false;

  constructor(opts: HttpTransportOptions = {}) {
    const maxSockets = opts.maxPoolConnections ?? DEFAULT_POOL;
    if (!(Number.isInteger(maxSockets) && maxSockets >= 1)) throw new RangeError(`maxPoolConnections must be an integer >= 1, got ${maxSockets}`);
    const settings = {
      maxSockets,
      connectTimeoutMs: seconds(opts.connectTimeout),
      readTimeoutMs: seconds(opts.readTimeout),
      tls: tlsOptions(opts.verify, opts.clientCert),
    };
    this.httpAgent = new PooledHttpAgent(settings, this.handoff);
    this.httpsAgent = new PooledHttpsAgent(settings, this.handoff);
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

  /** Sends `req`; resolves once the headers (and, unless a successful `stream`, the whole body) arrived. */
  async send(req: TransportRequest, opts: SendOptions = {}): Promise<RawResponse> {
    if (this.closed) throw new Error('HttpTransport is closed');
    const secure = req.url.startsWith('https:');
    const flight = new InFlight(req.url, opts.stream === true, opts.signal);
    this.handoff.pending = flight;
    this.handoff.proxy = this.proxies.size === 0 ? undefined : this.proxyFor(req.url, secure);
    let res: Response;
    try {
      const pending = fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body ?? undefined,
        agent: secure ? this.httpsAgent : this.httpAgent,
        compress: false,
        redirect: 'manual',
        signal: opts.signal as never,
      });
      // fetch() has created the ClientRequest (and consumed the hand-off) synchronously.
      this.handoff.pending = undefined;
      this.handoff.proxy = undefined;
      res = await pending;
    } catch (e) {
      this.handoff.pending = undefined;
      this.handoff.proxy = undefined;
      if (e instanceof Error && e.name === 'AbortError') throw e;
      if (flight.error) throw flight.error;
      // A failure node-fetch saw before our listeners were attached (none expected).
      if (e instanceof Error && e.name === 'FetchError') throw flight.classify(e);
      throw e;
    }
    const body = res.body as unknown as Readable;
    flight.body = body;
    if (flight.error) {
      body.destroy();
      throw flight.error;
    }
    const headers = headerRecord(res.headers.raw());
    // An error response of a streaming operation is an error document: read it whole, as
    // botocore's convert_to_response_dict does, so the parser sees it like any other.
    if (!opts.stream || res.status >= 300) return { statusCode: res.status, headers, body: await readAll(body, flight) };
    // A caller that drops the stream early leaves the connection mid-body: it cannot be reused.
    body.once('close', () => {
      if (!body.readableEnded) flight.req?.destroy();
    });
    return { statusCode: res.status, headers, body: EMPTY, stream: body };
  }

  /** Closes every connection of the pool, in use or idle; later sends are refused. */
  close(): void {
    this.closed = true;
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** The proxy for a URL: the one for its scheme, unless no_proxy names the host. */
  private proxyFor(url: string, secure: boolean): ResolvedProxy | undefined {
    const proxy = this.proxies.get(secure ? 'https' : 'http');
    if (!proxy || !this.noProxy) return proxy;
    const u = new URL(url);
    return bypassesProxy(u.hostname, u.port, this.noProxy) ? undefined : proxy;
  }
}
