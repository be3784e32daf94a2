/**
 * Which host names botocore can send to, in its two checks:
 *
 * - `endpointUrlProblem`: the endpoint URL a client is created with (explicit, or configured by
 *   AWS_ENDPOINT_URL* / the config file), as botocore's EndpointCreator checks it
 *   (utils.is_valid_endpoint_url, or an IPv6 literal): DNS labels of letters, digits and hyphens.
 * - `dnsNameProblem`: any host a request goes to, as the HTTP client refuses it before
 *   connecting (Python's idna codec, which urllib3 runs over every host): an empty label other
 *   than a final one, or a label of more than 63 characters; and no host at all. Node would
 *   instead hand such a name to the resolver and report a connection failure (or, for no host,
 *   connect to localhost).
 */
import { isIPv6 } from 'net';
import { quoteExcerpt } from './excerpt';

export interface HostProblem {
  /** The offending label, when one label is to blame. */
  label?: string;
  /** What is wrong, as the end of a sentence ("the host label "a_b" is ..."). */
  problem: string;
}

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
// IPV6_ADDRZ_RE's zone id: `%25` (or a bare `%`) and unreserved characters or escapes.
const ZONE_ID = /^(?:%25|%)(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/;

// Hosts that passed dnsNameProblem: a client's hosts repeat on every call (the pipeline's URL
// join and the transport both ask), so each is split and scanned once. Past the bound it starts over.
const DNS_NAMES_PASSED_KEPT = 1000;
const dnsNamesPassed = new Set<string>();

/** Why a DNS lookup of `hostname` (no brackets, no port) is refused; undefined when it is not. */
export function dnsNameProblem(hostname: string): HostProblem | undefined {
  if (dnsNamesPassed.has(hostname)) return undefined;
  const problem = scanDnsName(hostname);
  if (problem === undefined) {
    if (dnsNamesPassed.size >= DNS_NAMES_PASSED_KEPT) dnsNamesPassed.clear();
    dnsNamesPassed.add(hostname);
  }
  return problem;
}

function scanDnsName(hostname: string): HostProblem | undefined {
  // Node would take no host for localhost; botocore fails (an AttributeError) and sends nothing.
  if (hostname === '') return { problem: 'the URL names no host' };
  if (hostname.includes(':')) return undefined; // an IPv6 literal
  const labels = hostname.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    // A final empty label is the root (`example.com.`), which every resolver takes.
    if (label === '' && i < labels.length - 1) return { label, problem: emptyLabel(hostname) };
    if (label.length > 63) return { label, problem: `the host label ${quote(label)} is longer than 63 characters` };
  }
  return undefined;
}

/**
 * Why botocore would refuse `url` as a client's endpoint URL ("Invalid endpoint"); undefined
 * when it takes it. The host is what Python's urlsplit finds: after `//`, without userinfo,
 * up to the first `:` unless bracketed.
 */
export function endpointUrlProblem(url: string): HostProblem | undefined {
  if (/[\t\r\n]/.test(url)) return { problem: 'it contains a tab or line break' };
  const hostname = urlsplitHostname(url);
  if (hostname === undefined) return { problem: 'it names no host (write it as scheme://host[:port])' };
  if (hostname.includes(':') || url.includes('[')) {
    const zone = hostname.indexOf('%');
    const address = zone < 0 ? hostname : hostname.slice(0, zone);
    if (isIPv6(address) && (zone < 0 || ZONE_ID.test(hostname.slice(zone)))) return undefined;
    return { problem: `the host ${quote(hostname)} is not a valid IPv6 address` };
  }
  if (hostname.length > 255) return { problem: 'the host name is longer than 255 characters' };
  const labels = (hostname.endsWith('.') ? hostname.slice(0, -1) : hostname).split('.');
  for (const label of labels) {
    if (label === '') return { label, problem: emptyLabel(hostname) };
    if (!LABEL.test(label)) {
      return {
        label,
        problem: `the host label ${quote(label)} is not a valid hostname label (1-63 letters, digits and hyphens, not starting or ending with a hyphen)`,
      };
    }
  }
  return undefined;
}

/** Python's urlsplit(url).hostname: lower-cased, or undefined when the URL has no host. */
function urlsplitHostname(url: string): string | undefined {
  const colon = url.indexOf(':');
  let rest = url;
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(url.slice(0, colon))) rest = url.slice(colon + 1);
  if (!rest.startsWith('//')) return undefined;
  const end = rest.slice(2).search(/[/?#]/);
  const netloc = end < 0 ? rest.slice(2) : rest.slice(2, 2 + end);
  const hostinfo = netloc.slice(netloc.lastIndexOf('@') + 1);
  let hostname: string;
  if (hostinfo.includes('[')) {
    const open = hostinfo.indexOf('[');
    const close = hostinfo.indexOf(']', open);
    hostname = close < 0 ? hostinfo.slice(open + 1) : hostinfo.slice(open + 1, close);
  } else {
    hostname = hostinfo.split(':', 1)[0];
  }
  return hostname === '' ? undefined : hostname.toLowerCase();
}

function emptyLabel(hostname: string): string {
  return `the host ${quote(hostname)} has an empty label (it starts with a dot or has two in a row)`;
}

function quote(s: string): string {
  return quoteExcerpt(s, 100);
}
