/**
 * What botocore's ClientEndpointBridge settles from endpoints.json when a client is created,
 * before any rule set runs, for the few things that still depend on it:
 *
 * - the signing name when the rule set names none: `credentialScope.service`, else the model's
 *   `signingName`, else the endpoint prefix (Import/Export signs as `IngestionService`, also
 *   with its own endpoint_url); a rule set's authSchemes still win per request;
 * - the client's signing region (presigned URLs ignore the rule set's): with an endpoint_url
 *   the client's region, else `credentialScope.region`, else the endpoint's name;
 * - the partition, and the endpoint's `signatureVersions`, which decide S3's presigning;
 * - a global service's partition endpoint (`aws-global`), its region when the client has none;
 * - the partitions, and a service's regions in one (Session.getAvailablePartitions/Regions).
 *
 * This module is the one reader of endpoints.json: nothing else walks its structure.
 *
 * The lookup is botocore's EndpointResolver.construct_endpoint without variants: the first
 * partition that lists the region among the service's endpoints, or whose regions or
 * regionRegex match it (a non-regionalized service then uses its partitionEndpoint), else the
 * `aws` partition regardless of the region. Each key comes whole from the most specific of the
 * endpoint, the service defaults and the partition defaults that has it (_merge_keys).
 *
 * endpoints.json is 700 kB (15-20 ms to parse) and only a dozen services have a
 * credentialScope.service, so models:import writes their endpoint prefixes next to it
 * (endpoints-signing-names.json, `*` when a partition's defaults have one); clientSigningName
 * parses endpoints.json only for those, or when that list is missing or belongs to another
 * folder (endpoints.json from AWS_DATA_PATH).
 */
import path = require('path');
import type { ModelLoader } from '../models/loader';

interface EndpointData {
  credentialScope?: { service?: string; region?: string };
  signatureVersions?: string[];
}

interface ServiceData {
  endpoints?: Record<string, EndpointData>;
  defaults?: EndpointData;
  partitionEndpoint?: string;
  isRegionalized?: boolean;
}

interface PartitionData {
  partition: string;
  regions?: Record<string, unknown>;
  regionRegex?: string;
  defaults?: EndpointData;
  services?: Record<string, ServiceData>;
}

export interface LegacyEndpoint {
  partition: string;
  /** The endpoints.json key resolved (`us-west-2`, `aws-global`). */
  endpointName: string;
  credentialScope?: { service?: string; region?: string };
  signatureVersions?: string[];
}

const regexCache = new Map<string, RegExp>();
const own = (o: object | undefined, k: string): boolean => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

function regionMatches(partition: PartitionData, region: string): boolean {
  if (own(partition.regions, region)) return true;
  if (!partition.regionRegex) return false;
  let re = regexCache.get(partition.regionRegex);
  if (!re) {
    re = new RegExp(partition.regionRegex);
    regexCache.set(partition.regionRegex, re);
  }
  // Python's re.match: anchored at the start only.
  const m = re.exec(region);
  return m !== null && m.index === 0;
}

function partitionsOf(data: unknown): PartitionData[] {
  return ((data as { partitions?: PartitionData[] } | undefined)?.partitions ?? []).filter((p) => p && typeof p === 'object');
}

function resolveIn(partition: PartitionData, prefix: string, region: string, force: boolean): LegacyEndpoint | undefined {
  const service: ServiceData = partition.services?.[prefix] ?? { endpoints: {} };
  let name: string;
  if (own(service.endpoints, region)) name = region;
  else if (force || regionMatches(partition, region)) name = service.partitionEndpoint && service.isRegionalized === false ? service.partitionEndpoint : region;
  else return undefined;
  const levels = [service.endpoints?.[name], service.defaults, partition.defaults];
  const pick = <K extends keyof EndpointData>(key: K): EndpointData[K] => levels.find((l) => l && own(l, key))?.[key];
  return { partition: partition.partition, endpointName: name, credentialScope: pick('credentialScope'), signatureVersions: pick('signatureVersions') };
}

/** botocore's construct_endpoint for (endpoint prefix, region), with the bridge's aws fallback. */
export function legacyEndpoint(endpointsData: unknown, endpointPrefix: string, region: string): LegacyEndpoint | undefined {
  const partitions = partitionsOf(endpointsData);
  for (const partition of partitions) {
    const found = resolveIn(partition, endpointPrefix, region, false);
    if (found) return found;
  }
  const aws = partitions.find((p) => p.partition === 'aws');
  return aws ? resolveIn(aws, endpointPrefix, region, true) : undefined;
}

/**
 * @param endpointsData endpoints.json
 * @param endpointPrefix the model's endpointPrefix (endpoints.json is keyed by it)
 * @param region the client's region
 * @param modelSigningName the model's `signingName`, if any
 */
export function legacySigningName(endpointsData: unknown, endpointPrefix: string, region: string, modelSigningName: string | undefined): string {
  return legacyEndpoint(endpointsData, endpointPrefix, region)?.credentialScope?.service ?? modelSigningName ?? endpointPrefix;
}

/** The endpoint prefixes endpoints.json gives a credentialScope.service (`*`: a partition default). */
export function scopedSigningNamePrefixes(endpointsData: unknown): string[] {
  const out = new Set<string>();
  for (const partition of partitionsOf(endpointsData)) {
    if (partition.defaults?.credentialScope?.service !== undefined) out.add('*');
    for (const [prefix, service] of Object.entries(partition.services ?? {})) {
      const levels = [service.defaults, ...Object.values(service.endpoints ?? {})];
      if (levels.some((l) => l?.credentialScope?.service !== undefined)) out.add(prefix);
    }
  }
  return [...out].sort();
}

export const SCOPED_SIGNING_NAMES_FILE = 'endpoints-signing-names';

/** legacySigningName, reading endpoints.json only when the prefix list says it can matter. */
export function clientSigningName(loader: ModelLoader, endpointPrefix: string, region: string, modelSigningName: string | undefined): string {
  const endpoints = loader.findFile('endpoints');
  const list = loader.findFile(SCOPED_SIGNING_NAMES_FILE);
  if (endpoints && list && path.dirname(endpoints) === path.dirname(list)) {
    const prefixes = (loader.loadData(SCOPED_SIGNING_NAMES_FILE) as { prefixes?: string[] }).prefixes ?? [];
    if (!prefixes.includes(endpointPrefix) && !prefixes.includes('*')) return modelSigningName ?? endpointPrefix;
  }
  return legacySigningName(loader.loadData('endpoints'), endpointPrefix, region, modelSigningName);
}

/** The client's signing region (botocore's _pick_region_values). */
export function legacySigningRegion(endpointsData: unknown, endpointPrefix: string, region: string, hasEndpointUrl: boolean): string {
  if (hasEndpointUrl) return region;
  const found = legacyEndpoint(endpointsData, endpointPrefix, region);
  return found?.credentialScope?.region ?? found?.endpointName ?? region;
}

/**
 * The service's regional endpoint names in a partition (botocore's get_available_endpoints):
 * real regions of the partition only (no `aws-global`, `fips-...`, `local`). The first of
 * `endpointPrefix` (one key, or keys tried in order) that the partition lists is used.
 */
export function regionalEndpointNames(endpointsData: unknown, endpointPrefix: string | readonly string[], partitionName: string): string[] {
  const partition = partitionsOf(endpointsData).find((p) => p.partition === partitionName);
  const key = (typeof endpointPrefix === 'string' ? [endpointPrefix] : endpointPrefix).find((k) => own(partition?.services, k));
  const endpoints = (key !== undefined ? partition?.services?.[key]?.endpoints : undefined) ?? {};
  return Object.keys(endpoints).filter((name) => own(partition?.regions, name));
}

/** The partitions endpoints.json lists, in its order (`aws`, `aws-cn`, ...). */
export function partitionNames(endpointsData: unknown): string[] {
  return partitionsOf(endpointsData).map((p) => p.partition);
}

/**
 * A global service's region when the client names none (IAM, Route 53, ...): its `aws`
 * partition endpoint (`aws-global`) when the service is not regionalized, else undefined.
 */
export function globalEndpointName(endpointsData: unknown, endpointPrefix: string): string | undefined {
  const service = partitionsOf(endpointsData).find((p) => p.partition === 'aws')?.services?.[endpointPrefix];
  return service?.partitionEndpoint && service.isRegionalized === false ? service.partitionEndpoint : undefined;
}
