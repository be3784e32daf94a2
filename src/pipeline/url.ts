/**
 * Joins a resolved endpoint URL with a serialized request path, query and host prefix, as
 * botocore's _urljoin does: the endpoint's own path is kept and the request path appended.
 *
 * The result is a URL the HTTP client can parse and look up: an endpoint URL that is not one, a
 * host prefix that makes the hostname unparsable, or a host with an empty label (`.a.com`,
 * `a..b`) or one longer than 63 characters, throws InvalidEndpointError naming the URL and the
 * offending host label (never the URL parser's bare TypeError, nor a failed DNS lookup).
 */
import { InvalidEndpointError } from '../errors';
import type { HttpRequestSpec } from '../protocols/types';
import { quoteExcerpt } from '../util/excerpt';
import { encodeQuery } from '../util/percent-encode';
import { dnsNameProblem, HostProblem } from '../util/hostnames';
import { isValidPunycodeLabel } from '../util/punycode';

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
    let u: URL;
    try {
      u = new URL(endpointUrl);
    } catch {
      throw invalidEndpoint(endpointUrl);
    }
    if (!hostLabelsValid(u.hostname)) throw invalidEndpoint(endpointUrl);
    const problem = dnsNameProblem(u.hostname);
    if (problem) throw invalidEndpointError(endpointUrl, problem);
    p = { protocol: u.protocol, host: u.host, pathname: u.pathname, search: u.search };
    if (parsedEndpoints.size > 1000) parsedEndpoints.clear();
    parsedEndpoints.set(endpointUrl, p);
  }
  return p;
}

// Prefixed hosts already known to parse (host prefixes repeat across calls too).
const parsableHosts = new Set<string>();

/** Throws unless `protocol//host/` parses: a host prefix can make a parsable host unparsable. */
function checkHost(protocol: string, host: string): void {
  if (parsableHosts.has(host)) return;
  const url = `${protocol}//${host}/`;
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    throw invalidEndpoint(url);
  }
  if (!hostLabelsValid(hostname)) throw invalidEndpoint(url);
  const problem = dnsNameProblem(hostname);
  if (problem) throw invalidEndpointError(url, problem);
  if (parsableHosts.size > 1000) parsableHosts.clear();
  parsableHosts.add(host);
}

/**
 * Node's URL parser refuses an `xn--` label that is not punycode up to Node 22 and accepts it
 * from 24 on; checking it here keeps the answer the same on every release.
 */
function hostLabelsValid(hostname: string): boolean {
  return hostname.split('.').every(isValidPunycodeLabel);
}

/** The InvalidEndpointError for `url`, naming the first host label that does not parse alone. */
function invalidEndpoint(url: string): InvalidEndpointError {
  const label = badHostLabel(url);
  const problem = label === undefined ? 'it is not a URL an HTTP client can send to' : `the host label ${quoteExcerpt(label)} ${labelProblem(label)}`;
  return invalidEndpointError(url, { label, problem });
}

/** `Invalid endpoint "<url>": <problem>`, with the label to blame (botocore's "Invalid endpoint"). */
export function invalidEndpointError(url: string, { label, problem }: HostProblem): InvalidEndpointError {
  return new InvalidEndpointError(`Invalid endpoint ${quoteExcerpt(url, 200)}: ${problem}`, url, label);
}

/** Why a label cannot be in a hostname, as far as can be told from the label alone. */
export function labelProblem(label: string): string {
  if (label === '') return 'is empty (a leading dot, or two in a row)';
  if (label.length > 63) return 'is longer than 63 characters';
  if (/^xn--/i.test(label)) return 'is not valid punycode (labels starting with "xn--" must be)';
  return 'is not a valid hostname label';
}

function badHostLabel(url: string): string | undefined {
  const schemeEnd = url.indexOf('://');
  if (schemeEnd < 0) return undefined;
  const rest = url.slice(schemeEnd + 3);
  const authority = rest.split(/[/?#]/, 1)[0];
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  // An IPv6 literal or a bad port is not a label problem.
  if (hostPort.startsWith('[')) return undefined;
  const host = hostPort.replace(/:\d*$/, '');
  for (const label of host.split('.')) {
    // An empty label (`a..b`) parses; it cannot be what failed.
    if (label === '') continue;
    if (!isValidPunycodeLabel(label)) return label;
    try {
      new URL(`http://${label}/`);
    } catch {
      return label;
    }
  }
  return undefined;
}

export function joinUrl(endpointUrl: string, spec: HttpRequestSpec): string {
  const u = parseEndpoint(endpointUrl);
  let host = u.host;
  if (spec.hostPrefix) {
    host = spec.hostPrefix + host;
    checkHost(u.protocol, host);
  }
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
