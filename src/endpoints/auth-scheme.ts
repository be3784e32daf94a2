/**
 * Picks the signing scheme from a resolved endpoint's `authSchemes` property, as botocore's
 * EndpointRulesetResolver.auth_schemes_to_signing_ctx does when the user requested none:
 * the first scheme that botocore without awscrt signs wins (sigv4, sigv4-s3express, none), so
 * that a list offering sigv4 after sigv4a (S3 on Outposts, Partner Central, Sustainability)
 * signs the same as boto3 in its default install. A list whose only signable scheme is sigv4a
 * (S3 Multi-Region Access Points, EventBridge and SES v2 global endpoints, CloudFront
 * KeyValueStore) gets sigv4a, which botojs signs natively (src/signing/sigv4a.ts) where
 * botocore needs awscrt. An auth scheme preference (`authSchemePreference`) that names sigv4a
 * before sigv4 picks sigv4a from a list that offers both, as botocore with awscrt does.
 */
import { isRecord } from './standard-library';

export interface AuthSchemeSelection {
  /** `sigv4`, `sigv4a`, `sigv4-s3express`, `none`, or another name the rule set used. */
  name: 'sigv4' | 'sigv4a' | 'sigv4-s3express' | 'none' | string;
  signingName: string;
  /** The region to sign for; for sigv4a, the region set joined with commas (as botocore). */
  signingRegion: string;
  signingRegionSet?: string[];
  disableDoubleEncoding?: boolean;
  /** True when the endpoint listed no authSchemes and the defaults were taken. */
  defaulted?: boolean;
}

/** Schemes botocore signs without awscrt, in no particular order: list order decides among them. */
const SUPPORTED = new Set(['sigv4', 'sigv4-s3express', 'none']);

/** Rule sets say `sigv4`; some older ones say `v4`. Normalize to the `sig`-prefixed form. */
function normalizeName(name: string): string {
  const bare = name.split('#').pop() ?? name;
  return bare.startsWith('sig') || bare === 'none' ? bare : `sig${bare}`;
}

/**
 * @param properties the resolved endpoint's `properties`
 * @param defaults what to use when the endpoint has no authSchemes (the client's signing name,
 *   given as a function so that it is only worked out when needed, and the client region)
 * @example
 * selectAuthScheme(endpoint.properties, { signingName: 's3', region: 'us-east-1' })
 * // { name: 'sigv4', signingName: 's3', signingRegion: 'us-west-2', disableDoubleEncoding: true }
 */
export function selectAuthScheme(
  properties: Record<string, unknown> | undefined,
  defaults: { signingName: string | (() => string); region: string; preference?: readonly string[] },
): AuthSchemeSelection {
  const raw = properties?.authSchemes;
  const schemes = Array.isArray(raw) ? raw.filter(isRecord) : [];
  const defaultName = (): string => (typeof defaults.signingName === 'function' ? defaults.signingName() : defaults.signingName);
  if (schemes.length === 0) return { name: 'sigv4', signingName: defaultName(), signingRegion: defaults.region, defaulted: true };

  const named: Array<Record<string, unknown> & { name: string }> = schemes.map((s) => ({
    ...s,
    name: normalizeName(String(s.name ?? '')),
  }));
  const chosen = preferred(named, defaults.preference) ?? named.find((s) => SUPPORTED.has(s.name)) ?? named.find((s) => s.name === 'sigv4a') ?? named[0];

  const out: AuthSchemeSelection = {
    name: chosen.name,
    signingName: typeof chosen.signingName === 'string' ? chosen.signingName : defaultName(),
    signingRegion: defaults.region,
  };
  if (typeof chosen.signingRegion === 'string') {
    out.signingRegion = chosen.signingRegion;
  } else if (Array.isArray(chosen.signingRegionSet)) {
    const set = chosen.signingRegionSet.map(String);
    out.signingRegionSet = set;
    if (set.length > 0) out.signingRegion = set.join(',');
  }
  if ('disableDoubleEncoding' in chosen) out.disableDoubleEncoding = ensureBoolean(chosen.disableDoubleEncoding);
  return out;
}

// The rule-set schemes an auth scheme preference can choose between (its names are the same).
const PREFERABLE = ['sigv4', 'sigv4a'];

/** The offered scheme the preference names first, among sigv4 and sigv4a; undefined for none. */
function preferred<T extends { name: string }>(offered: T[], preference: readonly string[] | undefined): T | undefined {
  if (!preference) return undefined;
  for (const name of preference) {
    if (!PREFERABLE.includes(name)) continue;
    const hit = offered.find((s) => s.name === name);
    if (hit) return hit;
  }
  return undefined;
}

/** botocore's ensure_boolean: booleans as is, strings compared to "true" case-insensitively. */
export function ensureBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  return false;
}
