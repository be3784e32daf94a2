/**
 * Joins a resolved endpoint URL with a serialized request path, query and host prefix, as
 * botocore's _urljoin does: the endpoint's own path is kept and the request path appended.
 */
import type { HttpRequestSpec } from '../protocols/types';
import { encodeQuery } from '../util/percent-encode';

interface ParsedEndpoint {
  protocol: string;
  host: string;
  pathname: string;
  search: string;
}

// Endpoint URLs repeat on every call of a client: parse each once.
const parsedEndpoints = new Map<string, ParsedEndpoint>();

function parseEndpoint(endpointUrl: string): ParsedEndpoint {
  let p = parsedEndpoints.get(endpointUrl);
  if (!p) {
    const u = new URL(endpointUrl);
    p = { protocol: u.protocol, host: u.host, pathname: u.pathname, search: u.search };
    if (parsedEndpoints.size > 1000) parsedEndpoints.clear();
    parsedEndpoints.set(endpointUrl, p);
  }
  return p;
}

export function joinUrl(endpointUrl: string, spec: HttpRequestSpec): string {
  const u = parseEndpoint(endpointUrl);
  let host = u.host;
  if (spec.hostPrefix) host = spec.hostPrefix + host;
  const base = u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '');
  // A requestUri may carry a literal query (`/{Key+}?uploads`); it stays verbatim and first.
  let reqPath = spec.path;
  let literalQuery = '';
  const qi = reqPath.indexOf('?');
  if (qi >= 0) {
    literalQuery = reqPath.slice(qi + 1);
    reqPath = reqPath.slice(0, qi);
  }
  let path: string;
  if (!reqPath || reqPath === '/') path = base || '/';
  else path = base + (reqPath.startsWith('/') ? reqPath : `/${reqPath}`);
  const endpointQuery = u.search ? u.search.slice(1) : '';
  const q = encodeQuery(spec.query);
  const query = [endpointQuery, literalQuery, q].filter(Boolean).join('&');
  return `${u.protocol}//${host}${path}${query ? `?${query}` : ''}`;
}
