/**
 * Config: per-client options, as botocore.config.Config. Every field is optional; unset fields
 * fall back to the environment, then the profile, then botocore's defaults (config-resolver.ts).
 */
import { excerpt } from '../util/excerpt';
import { checkOptionNames } from './option-names';
import type { DefaultsMode } from './defaults-mode';

/** Pass as `signatureVersion` to send anonymous (unsigned) requests. */
export const UNSIGNED = Object.freeze({ toString: () => 'UNSIGNED' }) as { readonly toString: () => string };
export type Unsigned = typeof UNSIGNED;

export type RetryMode = 'legacy' | 'standard' | 'adaptive';

/** botocore's protocol names (a client speaks one of those its model lists; see ConfigOptions.protocol). */
export type ProtocolName = 'json' | 'rest-json' | 'rest-xml' | 'smithy-rpc-v2-cbor' | 'query' | 'ec2';

/** How much of the model a call's params are checked against before sending (see ConfigOptions). */
export type ParameterValidation = boolean | 'strict';

export interface RetriesOptions {
  mode?: RetryMode;
  /** Every attempt, the first included (as AWS_MAX_ATTEMPTS and the profile's max_attempts). */
  totalMaxAttempts?: number;
  /** Retries after the first attempt (boto3's `retries={'max_attempts': N}`). */
  maxAttempts?: number;
}

export interface S3Options {
  addressingStyle?: 'auto' | 'virtual' | 'path';
  useAccelerateEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  useArnRegion?: boolean;
  disableMultiRegionAccessPoints?: boolean;
  /**
   * 'regional' sends us-east-1 requests to s3.us-east-1.amazonaws.com, 'legacy' to the global
   * s3.amazonaws.com (botocore's `us_east_1_regional_endpoint`; also
   * AWS_S3_US_EAST_1_REGIONAL_ENDPOINT and the profile's `s3_us_east_1_regional_endpoint`).
   */
  usEast1RegionalEndpoint?: 'legacy' | 'regional';
  /**
   * Sign S3 Express One Zone (directory bucket) calls with the client's own credentials
   * instead of CreateSession sessions (botocore's `disable_s3_express_session_auth`; also
   * AWS_S3_DISABLE_EXPRESS_SESSION_AUTH and the profile's `s3_disable_express_session_auth`).
   */
  disableS3ExpressSessionAuth?: boolean;
}

/** Proxy URLs by the scheme of the request URL (botocore's `proxies`); only these two are read. */
// A type alias, not an interface: the transport takes it as its `Record<string, string>` map.
export type ProxiesOptions = {
  http?: string;
  https?: string;
};

export interface ConfigOptions {
  regionName?: string;
  signatureVersion?: string | Unsigned;
  userAgent?: string;
  userAgentExtra?: string;
  userAgentAppId?: string;
  /** Seconds. */
  connectTimeout?: number;
  /** Seconds. */
  readTimeout?: number;
  maxPoolConnections?: number;
  retries?: RetriesOptions;
  s3?: S3Options;
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
  clientContextParams?: Record<string, unknown>;
  ignoreConfiguredEndpointUrls?: boolean;
  requestChecksumCalculation?: 'when_supported' | 'when_required';
  responseChecksumValidation?: 'when_supported' | 'when_required';
  proxies?: ProxiesOptions;
  /**
   * true (the default): botocore's checks (required, min, types, documents, unions, unknown
   * members); 'strict': also max, enum and pattern; false: none. The profile's
   * `parameter_validation` is a boolean, as in botocore.
   */
  parameterValidation?: ParameterValidation;
  tcpKeepalive?: boolean;
  stsRegionalEndpoints?: 'legacy' | 'regional';
  /**
   * Auth schemes to prefer, comma-separated, by their short names: `sigv4`, `sigv4a`,
   * `httpBearerAuth`, `noAuth` (botocore's auth_scheme_preference; also AWS_AUTH_SCHEME_PREFERENCE
   * and the profile's `auth_scheme_preference`). Set here, it also stops a bearer token in the
   * environment (AWS_BEARER_TOKEN_BEDROCK) from taking over unless the preference picks bearer.
   */
  authSchemePreference?: string;
  /**
   * botocore's defaults_mode: which set of default values applies where a setting is not given
   * (retry mode, connect timeout, STS and S3 us-east-1 endpoints). `legacy` (the default) keeps
   * botojs's own defaults; `auto` picks `in-region` or `cross-region` from the region the code
   * runs in. Also AWS_DEFAULTS_MODE and the profile's `defaults_mode` (docs/calls-and-connections.md).
   */
  defaultsMode?: DefaultsMode;
  /**
   * The wire protocol, one of those the service's model lists (`client.meta.serviceModel.metadata.protocols`):
   * CloudWatch lists smithy-rpc-v2-cbor, json and query. Unset, a client speaks the first the
   * model lists (CBOR for CloudWatch), where botocore 1.43 prefers json (`protocol: 'json'` speaks
   * as boto3 does, and suits emulators without CBOR). A protocol the model does not list is
   * refused when the client is made.
   */
  protocol?: ProtocolName;
  /**
   * The regions a SigV4a signature is valid in, comma-separated (`*` for all): replaces the
   * region set an endpoint asks for (botocore's sigv4a_signing_region_set; also
   * AWS_SIGV4A_SIGNING_REGION_SET and the profile's `sigv4a_signing_region_set`).
   */
  sigv4aSigningRegionSet?: string;
}

/** What the Config constructor takes: ConfigOptions, plus boto3's spelling `defaults_mode`. */
export type ConfigInput = ConfigOptions & {
  /** boto3's spelling of `defaultsMode`. */
  defaults_mode?: DefaultsMode;
};

// The keys of the nested option objects: a misspelt one would be ignored silently otherwise
// (`s3: { adressingStyle: 'path' }` sending virtual-host requests).
const NESTED_KEYS: Record<'s3' | 'retries' | 'proxies', readonly string[]> = {
  s3: ['addressingStyle', 'useAccelerateEndpoint', 'useDualstackEndpoint', 'useArnRegion', 'disableMultiRegionAccessPoints', 'usEast1RegionalEndpoint', 'disableS3ExpressSessionAuth'] satisfies Array<keyof S3Options>,
  retries: ['mode', 'totalMaxAttempts', 'maxAttempts'] satisfies Array<keyof RetriesOptions>,
  proxies: ['http', 'https'] satisfies Array<keyof ProxiesOptions>,
};

const KEYS: Array<keyof ConfigOptions> = [
  'regionName', 'signatureVersion', 'userAgent', 'userAgentExtra', 'userAgentAppId', 'connectTimeout',
  'readTimeout', 'maxPoolConnections', 'retries', 's3', 'useFipsEndpoint', 'useDualstackEndpoint',
  'clientContextParams', 'ignoreConfiguredEndpointUrls', 'requestChecksumCalculation',
  'responseChecksumValidation', 'proxies', 'parameterValidation', 'tcpKeepalive', 'stsRegionalEndpoints',
  'authSchemePreference', 'defaultsMode', 'protocol', 'sigv4aSigningRegionSet',
];

// Declaration merging gives the class every ConfigOptions field without repeating them.
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-unsafe-declaration-merging
export interface Config extends ConfigOptions {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Config {
  constructor(input: ConfigInput = {}) {
    checkOptionNames('Config', input, [...KEYS, 'defaults_mode']);
    const options = withCanonicalSpelling(input);
    for (const [key, valid] of Object.entries(NESTED_KEYS)) {
      const value = (options as Record<string, unknown>)[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`Config ${key} must be an object ({ ${valid.join(', ')} }), got ${excerpt(value)}`);
      checkOptionNames(`Config ${key}`, value, valid);
    }
    for (const k of KEYS) if (options[k] !== undefined) (this as Record<string, unknown>)[k] = options[k];
    const mode = this.retries?.mode;
    if (mode !== undefined && !['legacy', 'standard', 'adaptive'].includes(mode)) {
      throw new TypeError(`Invalid retry mode '${mode}': use 'legacy', 'standard' or 'adaptive'`);
    }
    const validation = this.parameterValidation;
    if (validation !== undefined && validation !== true && validation !== false && validation !== 'strict') {
      throw new TypeError(`Invalid parameterValidation ${excerpt(validation)}: use true, false or 'strict'`);
    }
    const preference = this.authSchemePreference as unknown;
    if (preference !== undefined && typeof preference !== 'string') {
      // botocore's InvalidConfigError
      throw new TypeError(`authSchemePreference must be a comma-delimited string (such as 'httpBearerAuth,sigv4'), got ${excerpt(preference)}`);
    }
    const defaultsMode = this.defaultsMode as unknown;
    // The mode's name is checked against the data file when a client is made (InvalidDefaultsMode).
    if (defaultsMode !== undefined && typeof defaultsMode !== 'string') throw new TypeError(`defaultsMode must be a string (such as 'standard'), got ${excerpt(defaultsMode)}`);
    const usEast1 = this.s3?.usEast1RegionalEndpoint;
    if (usEast1 !== undefined && usEast1 !== 'legacy' && usEast1 !== 'regional') {
      throw new TypeError(`Invalid s3.usEast1RegionalEndpoint ${excerpt(usEast1)}: use 'legacy' or 'regional'`);
    }
    const protocol = this.protocol as unknown;
    if (protocol !== undefined && (typeof protocol !== 'string' || protocol === '')) {
      throw new TypeError(`Config protocol must be a protocol name (such as 'json' or 'smithy-rpc-v2-cbor'), got ${excerpt(protocol)}`);
    }
    const regionSet = this.sigv4aSigningRegionSet as unknown;
    if (regionSet !== undefined && typeof regionSet !== 'string') {
      throw new TypeError(`sigv4aSigningRegionSet must be a comma-separated string of regions (such as 'us-east-1,us-west-2' or '*'), got ${excerpt(regionSet)}`);
    }
    const disableExpress = this.s3?.disableS3ExpressSessionAuth as unknown;
    if (disableExpress !== undefined && typeof disableExpress !== 'boolean') {
      // botocore's InvalidConfigError for s3_disable_express_session_auth
      throw new TypeError(`s3.disableS3ExpressSessionAuth must be a boolean, got ${excerpt(disableExpress)}`);
    }
    const style = this.s3?.addressingStyle;
    if (style !== undefined && !['auto', 'virtual', 'path'].includes(style)) {
      throw new TypeError(`Invalid s3.addressingStyle '${style}': use 'auto', 'virtual' or 'path'`);
    }
  }

  /** Fields set on this config, and only those. */
  get setOptions(): ConfigOptions {
    const out: ConfigOptions = {};
    for (const k of KEYS) if (this[k] !== undefined) (out as Record<string, unknown>)[k] = this[k];
    return out;
  }

  /** A new Config: this one's fields overridden by `other`'s set fields (botocore's merge). */
  merge(other?: Config | ConfigInput): Config {
    if (!other) return new Config(this.setOptions);
    const o = other instanceof Config ? other.setOptions : withCanonicalSpelling(other);
    return new Config({ ...this.setOptions, ...o });
  }
}

/**
 * boto3's `defaults_mode` read as `defaultsMode` (the one option whose Python spelling Config
 * takes); giving both is refused rather than one silently winning.
 */
function withCanonicalSpelling(input: ConfigInput): ConfigOptions {
  if (!Object.prototype.hasOwnProperty.call(input, 'defaults_mode')) return input;
  const { defaults_mode: snake, ...rest } = input;
  if (rest.defaultsMode !== undefined && snake !== undefined && rest.defaultsMode !== snake) {
    throw new TypeError(`Config got both defaultsMode (${excerpt(rest.defaultsMode)}) and defaults_mode (${excerpt(snake)}): give one`);
  }
  return snake === undefined ? rest : { ...rest, defaultsMode: rest.defaultsMode ?? snake };
}
