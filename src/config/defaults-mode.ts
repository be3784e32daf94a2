/**
 * defaults_mode, as botocore's DefaultConfigResolver and SmartDefaultsConfigStoreFactory
 * (configprovider.py): a named set of default values, read from botocore's
 * sdk-default-configuration.json (shipped by `npm run models:import`), that stands in for
 * botojs's own defaults where a setting is not given in code, the environment or the profile.
 *
 * The mode comes from Config `defaultsMode`, else AWS_DEFAULTS_MODE, else the profile's
 * `defaults_mode`, else `legacy` (botojs's own defaults, botocore's default mode). `auto` picks
 * `in-region` or `cross-region` by comparing the client's region with the region the code runs
 * in (AWS_REGION / AWS_DEFAULT_REGION under AWS_EXECUTION_ENV, else the instance's region from
 * IMDS), and `standard` when that region cannot be found.
 */
import { lookupVariable } from './config-resolver';
import { InvalidDefaultsMode } from '../errors';
import type { ProfileData } from './config-files';

/** The modes botocore has no data entry for: `legacy` (no defaults mode) and `auto`. */
const BUILT_IN_MODES = ['legacy', 'auto'] as const;

/** The modes botocore's own data names today; the file may name more, and they are accepted. */
export type DefaultsMode = 'legacy' | 'standard' | 'in-region' | 'cross-region' | 'mobile' | 'auto';

/** sdk-default-configuration.json: `base` values, and per mode how each one changes. */
export interface DefaultsModeData {
  base: Record<string, unknown>;
  modes: Record<string, Record<string, Record<string, unknown>>>;
}

/**
 * The settings a mode can set, in botojs's names. Only the four botocore applies
 * (SmartDefaultsConfigStoreFactory's `_set_*` methods); the file's other keys
 * (tlsNegotiationTimeoutInMillis) are read by no botocore code, and not here either.
 */
export interface DefaultsModeValues {
  retryMode?: string;
  stsRegionalEndpoints?: string;
  s3UsEast1RegionalEndpoint?: string;
  /** Seconds (the file's connectTimeoutInMillis / 1000). */
  connectTimeout?: number;
}

/** Every mode name the data allows (botocore's get_default_modes): legacy, auto, then the file's. */
export function defaultsModeNames(data: DefaultsModeData): string[] {
  return [...BUILT_IN_MODES, ...Object.keys(data.modes)];
}

/**
 * The mode a client uses: Config, else AWS_DEFAULTS_MODE, else the profile's `defaults_mode`,
 * else `legacy`; lower-cased, as botocore compares it. `names` gives the valid modes, and is
 * asked for only when the mode is not `legacy` (so a legacy client never reads the data file).
 * @throws InvalidDefaultsMode naming the valid modes
 */
export function resolveDefaultsMode(fromConfig: string | undefined, env: NodeJS.ProcessEnv, profile: ProfileData, names: () => string[]): string {
  // botocore: the config store's value (environment, then profile, then 'legacy') unless
  // Config's is set and not empty.
  const mode = fromConfig || (lookupVariable('defaultsMode', env, profile) as string);
  const lower = mode.toLowerCase();
  if (lower === 'legacy') return lower;
  const valid = names();
  if (!valid.includes(lower)) throw new InvalidDefaultsMode(mode, valid);
  return lower;
}

const resolvedByData = new WeakMap<DefaultsModeData, Map<string, Record<string, unknown>>>();

/**
 * The file's values for one mode: `base`, with the mode's `override`, `multiply` or `add` applied
 * to each key it names (botocore's _resolve_default_values_by_mode). Cached per data object.
 */
export function modeDefaultValues(data: DefaultsModeData, mode: string): Record<string, unknown> {
  let cache = resolvedByData.get(data);
  if (!cache) resolvedByData.set(data, (cache = new Map()));
  const hit = cache.get(mode);
  if (hit) return hit;
  const values: Record<string, unknown> = { ...data.base };
  for (const [key, change] of Object.entries(data.modes[mode] ?? {})) {
    // botocore reads the first key of each modification.
    const [kind, amount] = Object.entries(change)[0] ?? [];
    const current = values[key];
    if (kind === 'override') values[key] = amount;
    else if (kind === 'multiply' && typeof current === 'number' && typeof amount === 'number') values[key] = current * amount;
    else if (kind === 'add' && typeof current === 'number' && typeof amount === 'number') values[key] = current + amount;
  }
  cache.set(mode, values);
  return values;
}

/** A mode's values in botojs's names (see DefaultsModeValues); `legacy` has none. */
export function defaultsModeValues(data: DefaultsModeData | undefined, mode: string): DefaultsModeValues {
  if (mode === 'legacy' || !data) return {};
  const v = modeDefaultValues(data, mode);
  const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
  return {
    retryMode: str(v.retryMode),
    stsRegionalEndpoints: str(v.stsRegionalEndpoints),
    s3UsEast1RegionalEndpoint: str(v.s3UsEast1RegionalEndpoints),
    connectTimeout: typeof v.connectTimeoutInMillis === 'number' ? v.connectTimeoutInMillis / 1000 : undefined,
  };
}

/** The modes `auto` may become (botocore's resolve_auto_mode never picks `mobile`). */
export const AUTO_CANDIDATES = ['in-region', 'cross-region', 'standard'] as const;

/**
 * The region the code runs in, as far as the environment says: AWS_REGION (else
 * AWS_DEFAULT_REGION) when AWS_EXECUTION_ENV is set (Lambda, ECS, ...); undefined otherwise,
 * and then botocore asks IMDS.
 */
export function executionEnvironmentRegion(env: NodeJS.ProcessEnv): string | undefined {
  if (!env.AWS_EXECUTION_ENV) return undefined;
  // botocore: os.environ.get('AWS_REGION', default_region), so a set but empty AWS_REGION wins.
  const region = env.AWS_REGION !== undefined ? env.AWS_REGION : env.AWS_DEFAULT_REGION;
  return region || undefined;
}

/** What `auto` becomes once the current region is known (or known to be unknown). */
export function autoModeFor(clientRegion: string | undefined, currentRegion: string | undefined): (typeof AUTO_CANDIDATES)[number] {
  if (!currentRegion) return 'standard';
  return clientRegion === currentRegion ? 'in-region' : 'cross-region';
}

/**
 * `auto` before its lookup: the values every mode it may become agrees on, and the keys that
 * differ (with the shipped data, only connectTimeout). The differing ones take `standard`'s
 * value until the lookup settles them.
 */
export function provisionalAutoValues(data: DefaultsModeData): { values: DefaultsModeValues; undecided: Array<keyof DefaultsModeValues> } {
  const fallback = defaultsModeValues(data, 'standard');
  const undecided = (Object.keys(fallback) as Array<keyof DefaultsModeValues>).filter((key) =>
    AUTO_CANDIDATES.some((mode) => defaultsModeValues(data, mode)[key] !== fallback[key]),
  );
  return { values: fallback, undecided };
}
