/**
 * Proxy configuration as botocore reads it: a `{ http, https }` map keyed by the request URL's
 * scheme (httpsession.ProxyConfiguration), falling back to the `<scheme>_proxy` environment
 * variables with `no_proxy` bypass (utils.get_environ_proxies, urllib's rules).
 *
 * Only plain-HTTP proxies are supported: http URLs are forwarded (absolute-form request line),
 * https URLs are tunnelled with CONNECT (pooled-agent.ts). Credentials in the proxy URL become
 * a `Proxy-Authorization: Basic` header.
 */
import http = require('http');
import type * as net from 'net';

export type ProxyMap = Record<string, string>;

/** A proxy resolved for one scheme, parsed once. */
export interface ResolvedProxy {
  url: string;
  host: string;
  port: number;
  /** `Basic ...` when the proxy URL carries credentials. */
  authorization?: string;
}

/** httpsession._fix_proxy_url: a bare `host:port` means an http:// proxy. */
export function parseProxyUrl(raw: string): ResolvedProxy {
  const fixed = /^https?:/i.test(raw) ? raw : `http://${raw}`;
  const u = new URL(fixed);
  if (u.protocol !== 'http:') throw new TypeError(`Unsupported proxy URL (only http:// proxies are supported): ${maskProxyUrl(raw)}`);
  const proxy: ResolvedProxy = { url: fixed, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 80 };
  if (u.username || u.password) {
    const creds = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
    proxy.authorization = `Basic ${Buffer.from(creds).toString('base64')}`;
  }
  return proxy;
}

/** utils.mask_proxy_url: hides the credentials of a proxy URL in messages. */
export function maskProxyUrl(raw: string): string {
  return raw.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_m, user: string, pass: string | undefined) => `//${user ? '***' : ''}${pass ? ':***' : ''}@`);
}

/** urllib.request.getproxies_environment: `<scheme>_proxy`, lower case winning over upper. */
export function proxiesFromEnvironment(env: NodeJS.ProcessEnv = process.env): { proxies: ProxyMap; noProxy?: string } {
  const proxies: ProxyMap = {};
  let noProxy: string | undefined;
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    const lower = name.toLowerCase();
    if (!lower.endsWith('_proxy')) continue;
    const scheme = lower.slice(0, -'_proxy'.length);
    // A lower-case variable wins over its upper-case twin.
    if (scheme === 'no') {
      if (noProxy === undefined || name === lower) noProxy = value;
    } else if (proxies[scheme] === undefined || name === lower) {
      proxies[scheme] = value;
    }
  }
  return { proxies, noProxy };
}

/** urllib.request.proxy_bypass_environment: host (and host:port) suffix match against no_proxy. */
export function bypassesProxy(hostname: string, port: string, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  if (noProxy.trim() === '*') return true;
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const hostPort = port ? `${host}:${port}` : host;
  for (const entry of noProxy.split(',')) {
    const name = entry.trim().replace(/^\./, '').toLowerCase();
    if (!name) continue;
    if (host === name || hostPort === name) return true;
    if (host.endsWith(`.${name}`) || hostPort.endsWith(`.${name}`)) return true;
  }
  return false;
}

/**
 * Opens a CONNECT tunnel through `proxy` to `host:port` and hands back the raw socket (the
 * caller wraps it in TLS). Errors are tagged `code = 'BOTOJS_PROXY_ERROR'` so the transport
 * reports them as proxy failures.
 */
export function connectTunnel(
  proxy: ResolvedProxy,
  host: string,
  port: number,
  timeoutMs: number,
  cb: (err: Error | null, socket?: net.Socket) => void,
): void {
  const authority = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
  const req = http.request({ host: proxy.host, port: proxy.port, method: 'CONNECT', path: authority, headers, agent: false });
  let settled = false;
  const finish = (err: Error | null, socket?: net.Socket): void => {
    if (settled) return;
    settled = true;
    req.setTimeout(0);
    if (err) cb(Object.assign(err, { code: 'BOTOJS_PROXY_ERROR' }));
    else cb(null, socket);
  };
  if (timeoutMs > 0) {
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      finish(new Error(`timed out connecting to proxy after ${timeoutMs} ms`));
    });
  }
  req.once('connect', (res: http.IncomingMessage, socket: net.Socket) => {
    if (res.statusCode === 200) return finish(null, socket);
    socket.destroy();
    finish(new Error(`proxy answered CONNECT with HTTP ${res.statusCode}`));
  });
  req.once('error', (err) => finish(err));
  req.end();
}
