/**
 * The endpoint stage: the rule set's endpoint for one call (through a per-client LRU) and the
 * signing plan its auth schemes, the operation's auth traits and the client's settings choose.
 */
import { buildEndpointParams, resolveEndpoint, selectAuthScheme } from '../endpoints';
import type { OperationModel } from '../models/service-model';
import type { AuthPlan, CallContext, CallEndpoint } from './call-context';
import type { BeforeEndpointResolutionEvent } from './call-events';
import type { ClientContext } from './context';
import { operationPreferredAuth, servicePreferredAuth } from './choose-auth';
import { eventsOf } from './operation-events';
import { usesSigV2 } from './signature-version';

/** Resolves the endpoint for one call and the signing plan its authSchemes ask for. */
export async function resolveCallEndpoint(ctx: ClientContext, call: CallContext): Promise<CallEndpoint> {
  const op = call.operation;
  const ruleSet = ctx.endpoint.ruleSet();
  let builtIns = ctx.endpoint.builtIns;
  const hookName = eventsOf(ctx.eventServiceId, op).beforeEndpointResolution;
  if (ctx.events.hasHandlers(hookName)) {
    // Handlers may change built-ins for this one call (S3 forces path style for some).
    builtIns = { ...builtIns };
    const payload: BeforeEndpointResolutionEvent = { builtIns, params: call.params, operation: op, context: call };
    const pending = ctx.events.notify(hookName, payload);
    if (pending) await pending;
  }
  const endpointParams = buildEndpointParams({
    ruleSet,
    operation: op,
    input: call.params,
    builtIns,
    clientContextParams: ctx.endpoint.clientContextParams,
  });
  const resolved = cachedResolve(ctx, ruleSet, endpointParams);
  const scheme = cachedAuthScheme(ctx, resolved);
  // use_ssl=False turns rule-set https endpoints into http (a configured URL is taken as given).
  const url = !ctx.endpoint.useSsl && !ctx.endpoint.configuredUrl ? resolved.url.replace(/^https:/, 'http:') : resolved.url;
  return { url, headers: resolved.headers, auth: authPlan(ctx, op, scheme) };
}

/** resolveEndpoint through the client's LRU (endpoint-cache.ts): the same parameters always give the same endpoint. */
function cachedResolve(ctx: ClientContext, ruleSet: unknown, params: Record<string, unknown>): ReturnType<typeof resolveEndpoint> {
  return ctx.endpoint.cache.resolve(ruleSet, ctx.endpoint.partitions, params, () => resolveEndpoint(ruleSet, params, ctx.endpoint.partitions()));
}

type ResolvedEndpoint = ReturnType<typeof resolveEndpoint>;
type AuthScheme = ReturnType<typeof selectAuthScheme>;

/**
 * The auth scheme chosen from a resolved endpoint's authSchemes. It depends only on the endpoint
 * and on the client's signing name, region and scheme preference, which never change; and each
 * resolved endpoint belongs to one client (resolveEndpoint builds a new object per resolution,
 * kept by that client's cache, which hands back the same object for the same parameters). So it
 * is chosen once per endpoint, not on every call.
 */
const chosenSchemes = new WeakMap<ResolvedEndpoint, AuthScheme>();

function cachedAuthScheme(ctx: ClientContext, resolved: ResolvedEndpoint): AuthScheme {
  let scheme = chosenSchemes.get(resolved);
  if (scheme === undefined) {
    scheme = selectAuthScheme(resolved.properties, { signingName: ctx.endpoint.signingName, region: ctx.region ?? 'us-east-1', preference: ctx.config.authSchemePreference });
    chosenSchemes.set(resolved, scheme);
  }
  return scheme;
}

function authPlan(ctx: ClientContext, op: OperationModel, scheme: ReturnType<typeof selectAuthScheme>): AuthPlan {
  const base = { signingName: scheme.signingName, signingRegion: scheme.signingRegion, disableDoubleEncoding: scheme.disableDoubleEncoding, scheme: scheme.name };
  if (ctx.config.unsigned || scheme.name === 'none') return { kind: 'none', ...base };
  // An endpoint's authSchemes, or a customization's signer for the client (botocore's
  // choose-signer.<service> handlers, run first), decide alone; otherwise an auth scheme
  // preference or an environment bearer token may (choose-auth.ts).
  if (scheme.defaulted && ctx.signatureVersion === undefined) {
    const preferred = operationPreferredAuth(ctx, op) ?? (op.raw.auth === undefined && op.authType === undefined ? servicePreferredAuth(ctx, scheme.signingName) : undefined);
    if (preferred === 'none') return { kind: 'none', ...base };
    if (preferred === 'bearer') return { kind: 'bearer', ...base };
    if (preferred === 'v4') return { kind: 'sigv4', ...base };
    // botocore's _resolve_sigv4a_region: the configured set, else `*` (no endpoint region here).
    if (preferred === 'v4a') return { ...base, kind: 'sigv4a', signingRegion: ctx.config.sigv4aSigningRegionSet ?? '*' };
  }
  if (scheme.name === 'sigv4a') {
    // The configured region set wins over the endpoint's (botocore's _set_sigv4a_signing_context).
    return { ...base, kind: 'sigv4a', signingRegion: ctx.config.sigv4aSigningRegionSet ?? scheme.signingRegion };
  }
  const auth = op.auth;
  if (auth && auth.length > 0) {
    const first = auth[0];
    if (first === 'smithy.api#noAuth') return { kind: 'none', ...base };
    if (first === 'smithy.api#httpBearerAuth') return { kind: 'bearer', ...base };
  }
  if (op.authType === 'none') return { kind: 'none', ...base };
  if (op.authType === 'bearer' || ctx.service.metadata.signatureVersion === 'bearer') return { kind: 'bearer', ...base };
  return { kind: usesSigV2(ctx, op, scheme) ? 'sigv2' : 'sigv4', ...base };
}
