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

/**
 * urllib.request.getproxies_environment, which botocore's getproxies() reads: `<scheme>_proxy`
 * in any case, then the names whose `_proxy` is lower case again, each winning over the first
 * pass (an empty one removes the scheme's proxy). Under CGI (REQUEST_METHOD set) an HTTP_PROXY
 * that is not lower case is ignored: a client's `Proxy:` header becomes that variable
 * (CVE-2016-1000110). `no_proxy` follows the same rules.
 */
export function proxiesFromEnvironment(env: NodeJS.ProcessEnv = process.env): { proxies: ProxyMap; noProxy?: string } {
  // Names first, values only for the few `*_proxy` names: reading every value of a large
  // environment (npm scripts and CI set 100-200 variables) was most of a client's creation.
  const names = Object.keys(env).filter((name) => name.length >= 6 && name.slice(-6).toLowerCase() === '_proxy');
  const found = new Map<string, string>();
  for (const name of names) {
    const value = env[name];
    if (value) found.set(name.slice(0, -6).toLowerCase(), value);
  }
  if (env.REQUEST_METHOD !== undefined) found.delete('http');
  for (const name of names) {
    if (!name.endsWith('_proxy')) continue;
    const value = env[name];
    const scheme = name.slice(0, -6).toLowerCase();
    if (value) found.set(scheme, value);
    else found.delete(scheme);
  }
  const proxies: ProxyMap = {};
  for (const [scheme, value] of found) if (scheme !== 'no') proxies[scheme] = value;
  return { proxies, noProxy: found.get('no') };
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
