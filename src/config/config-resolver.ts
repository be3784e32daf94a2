/**
 * Resolves every client setting the way botocore does: explicit (client options, then Config)
 * > environment variable > profile key > default. The table below is the single list of
 * botocore's names; nothing else in botojs reads AWS_* variables for these settings.
 */
import type { ProfileData } from './config-files';
import { Config, ParameterValidation, ProtocolName, ProxiesOptions, RetryMode, UNSIGNED } from './config';
import type { DefaultsModeValues } from './defaults-mode';

type Conv = 'string' | 'int' | 'bool';

/** name -> [profile key, environment variable(s), default, conversion] */
const VARIABLES: Record<string, [string | null, string[], unknown, Conv]> = {
  region: ['region', ['AWS_DEFAULT_REGION', 'AWS_REGION'], undefined, 'string'],
  retryMode: ['retry_mode', ['AWS_RETRY_MODE'], 'standard', 'string'],
  defaultsMode: ['defaults_mode', ['AWS_DEFAULTS_MODE'], 'legacy', 'string'],
  maxAttempts: ['max_attempts', ['AWS_MAX_ATTEMPTS'], undefined, 'int'],
  useFipsEndpoint: ['use_fips_endpoint', ['AWS_USE_FIPS_ENDPOINT'], false, 'bool'],
  useDualstackEndpoint: ['use_dualstack_endpoint', ['AWS_USE_DUALSTACK_ENDPOINT'], false, 'bool'],
  requestChecksumCalculation: ['request_checksum_calculation', ['AWS_REQUEST_CHECKSUM_CALCULATION'], 'when_supported', 'string'],
  responseChecksumValidation: ['response_checksum_validation', ['AWS_RESPONSE_CHECKSUM_VALIDATION'], 'when_supported', 'string'],
  caBundle: ['ca_bundle', ['AWS_CA_BUNDLE'], undefined, 'string'],
  stsRegionalEndpoints: ['sts_regional_endpoints', ['AWS_STS_REGIONAL_ENDPOINTS'], 'regional', 'string'],
  ignoreConfiguredEndpointUrls: ['ignore_configured_endpoint_urls', ['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'], false, 'bool'],
  parameterValidation: ['parameter_validation', [], true, 'bool'],
  userAgentAppId: ['sdk_ua_app_id', ['AWS_SDK_UA_APP_ID'], undefined, 'string'],
  s3UseArnRegion: [null, ['AWS_S3_USE_ARN_REGION'], undefined, 'bool'],
  s3DisableMrap: [null, ['AWS_S3_DISABLE_MULTIREGION_ACCESS_POINTS'], undefined, 'bool'],
  // The profile's `[s3] us_east_1_regional_endpoint` comes after these two (resolveConfig).
  s3UsEast1RegionalEndpoint: ['s3_us_east_1_regional_endpoint', ['AWS_S3_US_EAST_1_REGIONAL_ENDPOINT'], undefined, 'string'],
  accountIdEndpointMode: ['account_id_endpoint_mode', ['AWS_ACCOUNT_ID_ENDPOINT_MODE'], 'preferred', 'string'],
  authSchemePreference: ['auth_scheme_preference', ['AWS_AUTH_SCHEME_PREFERENCE'], undefined, 'string'],
  sigv4aSigningRegionSet: ['sigv4a_signing_region_set', ['AWS_SIGV4A_SIGNING_REGION_SET'], undefined, 'string'],
  s3DisableExpressSessionAuth: ['s3_disable_express_session_auth', ['AWS_S3_DISABLE_EXPRESS_SESSION_AUTH'], undefined, 'bool'],
};

function convert(value: string, conv: Conv, name: string): unknown {
  if (conv === 'int') {
    const n = Number.parseInt(value, 10);
    if (Number.isNaN(n)) throw new TypeError(`Invalid value for ${name}: '${value}' is not an integer`);
    return n;
  }
  if (conv === 'bool') return value.trim().toLowerCase() === 'true';
  return value;
}

/**
 * Reads one setting from the environment, then the profile, then the default: `fallback` when
 * given (a defaults mode's value), else botojs's own.
 */
export function lookupVariable(name: keyof typeof VARIABLES, env: NodeJS.ProcessEnv, profile: ProfileData, fallback?: unknown): unknown {
  const [key, envs, ownDefault, conv] = VARIABLES[name];
  const dflt = fallback !== undefined ? fallback : ownDefault;
  for (const e of envs) {
    const v = env[e];
    if (v !== undefined && v !== '') return convert(v, conv, e);
  }
  if (key) {
    const v = profile[key];
    if (typeof v === 'string' && v !== '') return convert(v, conv, key);
  }
  return dflt;
}

export interface ResolvedConfig {
  regionName?: string;
  signatureVersion?: string;
  unsigned: boolean;
  /** Replaces botojs's own User-Agent (appId and extra still follow), as botocore's user_agent. */
  userAgent?: string;
  userAgentExtra?: string;
  userAgentAppId?: string;
  connectTimeout: number;
  readTimeout: number;
  maxPoolConnections: number;
  retryMode: RetryMode;
  /** Every attempt, the first included. */
  totalMaxAttempts?: number;
  s3: { addressingStyle?: 'auto' | 'virtual' | 'path'; useAccelerateEndpoint?: boolean; useArnRegion?: boolean; disableMultiRegionAccessPoints?: boolean; disableS3ExpressSessionAuth?: boolean; usEast1RegionalEndpoint?: string };
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  clientContextParams: Record<string, unknown>;
  ignoreConfiguredEndpointUrls: boolean;
  requestChecksumCalculation: 'when_supported' | 'when_required';
  responseChecksumValidation: 'when_supported' | 'when_required';
  proxies?: ProxiesOptions;
  /** true: botocore's checks; 'strict' (from Config only): also max, enum, pattern; false: none. */
  parameterValidation: ParameterValidation;
  caBundle?: string;
  stsRegionalEndpoints: string;
  accountIdEndpointMode: string;
  /** `signatureVersion` was set in Config (UNSIGNED included): botocore's ClientConfigString. */
  signatureVersionInCode: boolean;
  /** The defaults mode in force (`legacy` unless set); `auto` once resolved to the mode it became. */
  defaultsMode: string;
  /** Auth scheme names to prefer, in order (`sigv4`, `httpBearerAuth`, ...); undefined for none. */
  authSchemePreference?: string[];
  /** The preference was set in Config, not by the environment or the profile. */
  authSchemePreferenceInCode: boolean;
  /** Config's protocol, checked against the model when the client is made; undefined: botocore's choice. */
  protocol?: ProtocolName;
  /** SigV4a's region set from Config, AWS_SIGV4A_SIGNING_REGION_SET or the profile; undefined for the endpoint's. */
  sigv4aSigningRegionSet?: string;
}

/**
 * botocore's normalization of auth_scheme_preference: items split on commas, spaces and tabs
 * inside an item removed, blank items dropped. An empty list is no preference.
 */
export function parseAuthSchemePreference(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(',')
    .filter((item) => item.trim() !== '')
    .map((item) => item.replace(/[ \t]/g, ''));
  return items.length > 0 ? items : undefined;
}

/**
 * Merges a client's Config with the environment and profile into concrete values. `defaults`
 * are the defaults mode's values (src/config/defaults-mode.ts): they replace botojs's own
 * defaults, never a value set in code, the environment or the profile.
 */
export function resolveConfig(config: Config, env: NodeJS.ProcessEnv, profile: ProfileData, defaults: DefaultsModeValues = {}, defaultsMode = 'legacy'): ResolvedConfig {
  const pick = <T>(explicit: T | undefined, name: keyof typeof VARIABLES, modeValue?: unknown): T =>
    (explicit !== undefined ? explicit : lookupVariable(name, env, profile, modeValue)) as T;
  const s3Profile = typeof profile.s3 === 'object' ? profile.s3 : {};
  const s3 = config.s3 ?? {};
  const boolOf = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v.toLowerCase() === 'true');

  const retryMode = pick<RetryMode>(config.retries?.mode, 'retryMode', defaults.retryMode);
  if (!['legacy', 'standard', 'adaptive'].includes(retryMode)) {
    throw new TypeError(`Invalid retry mode '${retryMode}': use 'legacy', 'standard' or 'adaptive'`);
  }
  let totalMaxAttempts: number | undefined;
  if (config.retries?.totalMaxAttempts !== undefined) totalMaxAttempts = config.retries.totalMaxAttempts;
  else if (config.retries?.maxAttempts !== undefined) totalMaxAttempts = config.retries.maxAttempts + 1;
  else totalMaxAttempts = lookupVariable('maxAttempts', env, profile) as number | undefined;

  const stsRegionalEndpoints = pick<string>(config.stsRegionalEndpoints, 'stsRegionalEndpoints', defaults.stsRegionalEndpoints);
  if (!['legacy', 'regional'].includes(stsRegionalEndpoints)) {
    // botocore's InvalidSTSRegionalEndpointsConfigError: the value came from AWS_STS_REGIONAL_ENDPOINTS or sts_regional_endpoints.
    throw new TypeError(`STS regional endpoints option '${stsRegionalEndpoints}' is invalid (AWS_STS_REGIONAL_ENDPOINTS / sts_regional_endpoints): use 'legacy' or 'regional'`);
  }

  const sig = config.signatureVersion;
  return {
    regionName: config.regionName,
    signatureVersion: sig === UNSIGNED ? undefined : (sig as string | undefined),
    unsigned: sig === UNSIGNED,
    userAgent: config.userAgent,
    userAgentExtra: config.userAgentExtra,
    userAgentAppId: pick<string | undefined>(config.userAgentAppId, 'userAgentAppId'),
    // botocore reads connect_timeout from Config or the defaults mode only (no variable, no key).
    connectTimeout: config.connectTimeout ?? defaults.connectTimeout ?? 60,
    readTimeout: config.readTimeout ?? 60,
    maxPoolConnections: config.maxPoolConnections ?? 10,
    retryMode,
    totalMaxAttempts,
    s3: {
      addressingStyle: s3.addressingStyle ?? (s3Profile.addressing_style as 'auto' | 'virtual' | 'path' | undefined),
      useAccelerateEndpoint: s3.useAccelerateEndpoint ?? boolOf(s3Profile.use_accelerate_endpoint),
      useArnRegion: (s3.useArnRegion as boolean | undefined) ?? (lookupVariable('s3UseArnRegion', env, profile) as boolean | undefined) ?? boolOf(s3Profile.use_arn_region),
      disableMultiRegionAccessPoints: (s3.disableMultiRegionAccessPoints as boolean | undefined) ?? (lookupVariable('s3DisableMrap', env, profile) as boolean | undefined) ?? boolOf(s3Profile.s3_disable_multiregion_access_points),
      // botocore: Config's s3 dict, then AWS_S3_US_EAST_1_REGIONAL_ENDPOINT, the profile's
      // s3_us_east_1_regional_endpoint, its [s3] us_east_1_regional_endpoint, the defaults mode.
      // Checked (legacy or regional) by the S3 customization, the only reader, as botocore does.
      usEast1RegionalEndpoint: s3.usEast1RegionalEndpoint ?? (lookupVariable('s3UsEast1RegionalEndpoint', env, profile) as string | undefined) ?? s3Profile.us_east_1_regional_endpoint ?? defaults.s3UsEast1RegionalEndpoint,
      disableS3ExpressSessionAuth: (s3.disableS3ExpressSessionAuth as boolean | undefined) ?? (lookupVariable('s3DisableExpressSessionAuth', env, profile) as boolean | undefined),
    },
    useFipsEndpoint: pick<boolean>(config.useFipsEndpoint, 'useFipsEndpoint'),
    useDualstackEndpoint: pick<boolean>(config.useDualstackEndpoint ?? (s3.useDualstackEndpoint as boolean | undefined), 'useDualstackEndpoint'),
    clientContextParams: config.clientContextParams ?? {},
    ignoreConfiguredEndpointUrls: pick<boolean>(config.ignoreConfiguredEndpointUrls, 'ignoreConfiguredEndpointUrls'),
    requestChecksumCalculation: pick(config.requestChecksumCalculation, 'requestChecksumCalculation'),
    responseChecksumValidation: pick(config.responseChecksumValidation, 'responseChecksumValidation'),
    proxies: config.proxies,
    parameterValidation: pick<ParameterValidation>(config.parameterValidation, 'parameterValidation'),
    caBundle: lookupVariable('caBundle', env, profile) as string | undefined,
    stsRegionalEndpoints,
    accountIdEndpointMode: lookupVariable('accountIdEndpointMode', env, profile) as string,
    signatureVersionInCode: sig !== undefined,
    // An empty string in Config is not set there (botocore tests the value's truth).
    authSchemePreference: parseAuthSchemePreference(config.authSchemePreference || (lookupVariable('authSchemePreference', env, profile) as string | undefined)),
    authSchemePreferenceInCode: Boolean(config.authSchemePreference),
    defaultsMode,
    protocol: config.protocol,
    // botocore takes an empty value as unset (its `if not region`).
    sigv4aSigningRegionSet: config.sigv4aSigningRegionSet || (lookupVariable('sigv4aSigningRegionSet', env, profile) as string | undefined) || undefined,
  };
}
