/**
 * The rules engine's standard functions (isSet, not, booleanEquals, stringEquals, getAttr,
 * substring, uriEncode, parseURL, isValidHostLabel), with botocore's exact semantics: a
 * `null`/`undefined` result means "no value", type mismatches in the equality functions raise
 * EndpointResolutionError, and URL parsing follows Python's urlparse as botocore uses it.
 */
import { removeDotSegments } from '../util/url-parts';
import { EndpointResolutionError } from '../errors';
import { isRecord } from '../util/objects';

const VALID_HOST_LABEL_RE = /^(?!-)[a-zA-Z\d-]{1,63}(?<!-)$/;
export const IPV4_RE = /^(?:[0-9]{1,3}\.){3}[0-9]{1,3}$/;

// urllib3's IPv6 pattern (as vendored by botocore), with the optional zone id.
const HEX = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${HEX}:${HEX}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})`;
const IPV6 = [
  `(?:${HEX}:){6}${LS32}`,
  `::(?:${HEX}:){5}${LS32}`,
  `(?:${HEX})?::(?:${HEX}:){4}${LS32}`,
  `(?:(?:${HEX}:)?${HEX})?::(?:${HEX}:){3}${LS32}`,
  `(?:(?:${HEX}:){0,2}${HEX})?::(?:${HEX}:){2}${LS32}`,
  `(?:(?:${HEX}:){0,3}${HEX})?::${HEX}:${LS32}`,
  `(?:(?:${HEX}:){0,4}${HEX})?::${LS32}`,
  `(?:(?:${HEX}:){0,5}${HEX})?::${HEX}`,
  `(?:(?:${HEX}:){0,6}${HEX})?::`,
].join('|');
const IPV6_ADDRZ_RE = new RegExp(`^\\[(?:${IPV6})(?:(?:%25|%)(?:[A-Za-z0-9._!\\-~]|%[a-fA-F0-9]{2})+)?\\]$`);

/** Python truthiness, which `not` uses (an empty list or string is false). */
export function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function not(value: unknown): boolean {
  return !pyTruthy(value);
}

export function booleanEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== 'boolean' || typeof b !== 'boolean') {
    throw new EndpointResolutionError(`Both arguments must be bools, not ${pyType(a)} and ${pyType(b)}.`);
  }
  return a === b;
}

export function stringEquals(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') {
    throw new EndpointResolutionError(`Both values must be strings, not ${pyType(a)} and ${pyType(b)}.`);
  }
  return a === b;
}

/** A getAttr path split once at compile time: `resourceId[1]` -> name + index. */
export type AttrStep = { name: string; index?: number };

export function compileAttrPath(path: string): AttrStep[] {
  return path.split('.').map((part) => {
    const m = /(\w*)\[(\d+)\]/.exec(part);
    return m ? { name: m[1], index: Number(m[2]) } : { name: part };
  });
}

export function getAttr(value: unknown, steps: AttrStep[]): unknown {
  let cur = value;
  for (const step of steps) {
    if (step.index !== undefined) {
      // As botocore: an indexed step ends the walk, out-of-range yields no value.
      if (step.name) cur = isRecord(cur) ? cur[step.name] : undefined;
      if (!Array.isArray(cur) || step.index >= cur.length) return undefined;
      return cur[step.index];
    }
    if (!isRecord(cur)) return undefined;
    cur = cur[step.name];
  }
  return cur;
}

export function substring(value: unknown, start: unknown, stop: unknown, reverse: unknown): string | undefined {
  if (typeof value !== 'string') throw new EndpointResolutionError(`Input must be a string, not ${pyType(value)}.`);
  const s = Number(start);
  const e = Number(stop);
  // eslint-disable-next-line no-control-regex
  if (s >= e || value.length < e || !/^[\x00-\x7f]*$/.test(value)) return undefined;
  if (reverse === true) return value.slice(value.length - e, value.length - s);
  return value.slice(s, e);
}

/** Percent-encode everything but RFC 3986 unreserved characters (botocore's percent_encode). */
export function uriEncode(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return encodeURIComponent(String(value)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function isValidHostLabel(value: unknown, allowSubdomains: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (allowSubdomains === false && value.includes('.')) return false;
  if (allowSubdomains === true) return value.split('.').every((label) => isValidHostLabel(label, false));
  return VALID_HOST_LABEL_RE.test(value);
}

export interface ParsedUrl {
  scheme: string;
  authority: string;
  path: string;
  normalizedPath: string;
  isIp: boolean;
}

interface UrlParts {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
}

/** Python's urlsplit, the parts botocore reads. */
function urlSplit(input: string): UrlParts | undefined {
  // eslint-disable-next-line no-control-regex
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = url.indexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+\-.]*$/.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  let netloc = '';
  if (url.startsWith('//')) {
    let end = url.length;
    for (const c of '/?#') {
      const i = url.indexOf(c, 2);
      if (i >= 0 && i < end) end = i;
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
    if (netloc.includes('[') !== netloc.includes(']')) return undefined; // "Invalid IPv6 URL"
  }
  const hash = url.indexOf('#');
  if (hash >= 0) url = url.slice(0, hash);
  let query = '';
  const q = url.indexOf('?');
  if (q >= 0) {
    query = url.slice(q + 1);
    url = url.slice(0, q);
  }
  return { scheme, netloc, path: url, query };
}

function hostAndPort(netloc: string): { hostname: string; port: string | undefined } {
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  if (hostinfo.startsWith('[')) {
    const close = hostinfo.indexOf(']');
    const rest = hostinfo.slice(close + 1);
    return { hostname: hostinfo.slice(1, close).toLowerCase(), port: rest.startsWith(':') ? rest.slice(1) : undefined };
  }
  const i = hostinfo.indexOf(':');
  if (i < 0) return { hostname: hostinfo.toLowerCase(), port: undefined };
  return { hostname: hostinfo.slice(0, i).toLowerCase(), port: hostinfo.slice(i + 1) };
}

/** Python's quote(s, safe='/'). */
function quotePath(path: string): string {
  return encodeURIComponent(path)
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseURL(value: unknown): ParsedUrl | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = urlSplit(value);
  if (!parts) return undefined;
  const { hostname, port } = hostAndPort(parts.netloc);
  if (port !== undefined && port !== '') {
    // Python raises on a non-numeric or out-of-range port; botocore treats that as "not a URL".
    if (!/^[0-9]+$/.test(port) || Number(port) > 65535) return undefined;
  }
  if ((parts.scheme !== 'https' && parts.scheme !== 'http') || parts.query.length > 0) return undefined;
  let normalizedPath = quotePath(removeDotSegments(parts.path));
  if (!normalizedPath.endsWith('/')) normalizedPath += '/';
  const isIp = IPV4_RE.test(hostname) || (!/[\t\r\n]/.test(value) && IPV6_ADDRZ_RE.test(`[${hostname}]`));
  return { scheme: parts.scheme, authority: parts.netloc, path: parts.path, normalizedPath, isIp };
}

export { isRecord };

/** Python-style type names, so error messages read as botocore's do. */
function pyType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'number') return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (Array.isArray(value)) return "<class 'list'>";
  return "<class 'dict'>";
}
