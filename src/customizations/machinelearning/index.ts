/**
 * Amazon Machine Learning's request customization, botocore's `switch_host_machinelearning`
 * (`request-created.machinelearning.Predict`): Predict goes to the real-time endpoint named by
 * the call's `PredictEndpoint`. The request keeps its path and query; the scheme and authority
 * (host, port, any userinfo) are the PredictEndpoint's, as botocore's _get_new_endpoint builds
 * them with urlsplit/urlunsplit. It runs before signing, so the signature covers the new host.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { PreparedRequest } from '../../pipeline/make-api-call';
import { splitUrl } from '../../util/url-parts';

/** Python's urlsplit, as far as the scheme and netloc (the parts botocore takes). */
function schemeAndNetloc(url: string): { scheme: string; netloc: string } {
  // urlsplit first drops leading C0 controls and spaces, and every tab and newline.
  let rest = url.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  const colon = rest.indexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+\-.]*$/.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
  }
  return { scheme, netloc };
}

// Python's urllib.parse.uses_netloc: schemes urlunsplit writes `//` for even without a netloc.
const USES_NETLOC = new Set([
  'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero',
  'rtsp', 'rtsps', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss', 'itms-services',
]);

/** botocore's _get_new_endpoint(original, new, use_new_scheme=True), via urlunsplit. */
export function switchedUrl(original: string, endpoint: string): string {
  const { scheme, netloc } = schemeAndNetloc(endpoint);
  const { path, query } = splitUrl(original);
  let url = path;
  if (netloc || (USES_NETLOC.has(scheme) && !url.startsWith('//'))) url = `//${netloc}${url && !url.startsWith('/') ? '/' : ''}${url}`;
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  return url;
}

function bodyText(body: PreparedRequest['body']): string | undefined {
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return undefined;
}

/** Registers Predict's endpoint switch on a session's events. */
export function installMachineLearning(events: HierarchicalEmitter): void {
  events.register('request-created.machine-learning.Predict', (p) => {
    const request = p.request as PreparedRequest;
    const text = bodyText(request.body);
    if (text === undefined) return;
    const params = JSON.parse(text) as Record<string, unknown>;
    const endpoint = params.PredictEndpoint;
    // Switched only when given and not empty (botocore tests its truthiness).
    if (typeof endpoint === 'string' && endpoint) request.url = switchedUrl(request.url, endpoint);
  });
}
