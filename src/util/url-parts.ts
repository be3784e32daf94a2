/**
 * Splits an absolute URL into its raw parts without normalizing anything. Signing and the
 * transport both use it, so the canonical request and the request line carry the same path.
 *
 * Split by hand on purpose: `new URL()` resolves `.`/`..` segments and re-encodes the path
 * (`x/../y` would become `y`), and botocore sends every key byte for byte.
 */

export interface UrlParts {
  /** `https://host:port` (everything before the path). */
  origin: string;
  scheme: string;
  /** The Host header value botocore derives: lower-case, no userinfo, no default port. */
  host: string;
  /** The raw path (`/` when empty), not decoded or normalized. */
  path: string;
  /** The raw query without `?`, or '' when absent. */
  query: string;
}

/** Splits an absolute URL into its raw parts. The fragment is dropped. */
export function splitUrl(url: string): UrlParts {
  const schemeEnd = url.indexOf('://');
  const scheme = schemeEnd > 0 ? url.slice(0, schemeEnd).toLowerCase() : 'https';
  const authStart = schemeEnd > 0 ? schemeEnd + 3 : 0;
  let pathStart = url.length;
  for (let i = authStart; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) {
      pathStart = i;
      break;
    }
  }
  const authority = url.slice(authStart, pathStart);
  let hashAt = url.indexOf('#', pathStart);
  if (hashAt < 0) hashAt = url.length;
  let queryAt = url.indexOf('?', pathStart);
  if (queryAt < 0 || queryAt > hashAt) queryAt = hashAt;
  const path = queryAt > pathStart ? url.slice(pathStart, queryAt) : '/';
  const query = queryAt < hashAt ? url.slice(queryAt + 1, hashAt) : '';
  return { origin: url.slice(0, pathStart), scheme, host: hostFromAuthority(scheme, authority), path, query };
}

/** botocore's _host_from_url: lower-case host, userinfo removed, default port dropped. */
export function hostFromAuthority(scheme: string, authority: string): string {
  const at = authority.lastIndexOf('@');
  let hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  hostPort = hostPort.toLowerCase();
  // The port is after the last ':' that follows an IPv6 literal's closing bracket, if any.
  const close = hostPort.lastIndexOf(']');
  const colon = hostPort.lastIndexOf(':');
  if (colon > close) {
    const port = hostPort.slice(colon + 1);
    if (port === '' || (scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) {
      return hostPort.slice(0, colon);
    }
  }
  return hostPort;
}

/**
 * botocore's utils.normalize_url_path (the signer's canonical path and the endpoint rules'
 * parseURL both use it): `.`, `..` and empty segments removed; `/` for nothing.
 */
export function removeDotSegments(path: string): string {
  if (!path) return '/';
  if (path === '/') return path; // every json and query call's path
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (!segment || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  const first = path.startsWith('/') ? '/' : '';
  const last = path.endsWith('/') && out.length > 0 ? '/' : '';
  return first + out.join('/') + last;
}
