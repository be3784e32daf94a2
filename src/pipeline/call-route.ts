/**
 * Where the attempts of one call go and how they are signed, and what a `needs-retry` handler
 * may do about it. botocore's needs-retry handlers get the request dict and may rewrite its URL
 * and signing context before the next attempt (S3's region redirector does); botojs hands them
 * `resolveEndpointAgain()` instead: the endpoint is resolved once more (before-endpoint-resolution
 * handlers run again and may change the built-ins), and later attempts go to its host, signed as
 * its auth schemes say. Nothing here knows a service.
 */
import type { AuthPlan } from './call-context';

/** The URL and signing plan of the call's next attempt. */
export interface CallRoute {
  url: string;
  auth: AuthPlan;
}

/**
 * What `needs-retry` handlers receive besides the retry context (attempt, response, error, ...)
 * and the call's context, where they keep per-call notes (botocore's request context).
 */
export interface NeedsRetryExtras {
  params: Record<string, unknown>;
  /** The caller's AbortSignal, for calls a handler makes on the call's behalf. */
  abortSignal?: AbortSignal;
  /** Re-resolves the endpoint: the next attempt goes to its host, signed for its auth scheme. */
  resolveEndpointAgain(): Promise<void>;
}

/**
 * The old URL with its scheme, path and query kept and the authority of `endpointUrl` put in
 * (botocore's _get_new_endpoint with use_new_scheme=False): a path-style bucket stays in the
 * path, and an endpoint's own path, if any, is not added twice.
 */
export function moveToEndpoint(oldUrl: string, endpointUrl: string): string {
  const oldAuthority = authorityRange(oldUrl);
  const newAuthority = authorityRange(endpointUrl);
  return oldUrl.slice(0, oldAuthority.start) + endpointUrl.slice(newAuthority.start, newAuthority.end) + oldUrl.slice(oldAuthority.end);
}

function authorityRange(url: string): { start: number; end: number } {
  const schemeEnd = url.indexOf('://');
  const start = schemeEnd < 0 ? 0 : schemeEnd + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url[i];
    if (c === '/' || c === '?' || c === '#') {
      end = i;
      break;
    }
  }
  return { start, end };
}

/** Re-resolves the endpoint of a call and points its route at it. */
export async function reroute(route: CallRoute, resolve: () => Promise<{ url: string; auth: AuthPlan }>): Promise<void> {
  const endpoint = await resolve();
  route.url = moveToEndpoint(route.url, endpoint.url);
  route.auth = endpoint.auth;
}
