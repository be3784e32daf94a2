/**
 * The client-wide SigV4 signing name, as botocore's ClientEndpointBridge settles it when the
 * client is created, before any rule set runs: endpoints.json's `credentialScope.service` for
 * the endpoint the (endpoint prefix, region) pair resolves to, else the model's `signingName`,
 * else the endpoint prefix. A rule set's `authSchemes[].signingName` still wins per request
 * (botocore's signing context); this is what is signed when the rule set names none, as for a
 * client with its own endpoint_url (Import/Export signs as `IngestionService` then too).
 *
 * The endpoint lookup is botocore's EndpointResolver.construct_endpoint without variants: the
 * first partition that lists the region among the service's endpoints, or whose regions or
 * regionRegex match it (a non-regionalized service then uses its partitionEndpoint), else the
 * `aws` partition regardless of the region. credentialScope comes whole from the most specific
 * of the endpoint, the service defaults and the partition defaults that has one (_merge_keys).
 */

interface EndpointData {
  credentialScope?: { service?: string; region?: string };
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

const regexCache = new Map<string, RegExp>();

function regionMatches(partition: PartitionData, region: string): boolean {
  if (partition.regions && Object.prototype.hasOwnProperty.call(partition.regions, region)) return true;
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

function scopeService(partition: PartitionData, service: ServiceData, endpointName: string): string | undefined {
  const endpoint = service.endpoints?.[endpointName];
  const scope = endpoint?.credentialScope ?? service.defaults?.credentialScope ?? partition.defaults?.credentialScope;
  return scope?.service;
}

function resolveIn(partition: PartitionData, prefix: string, region: string, force: boolean): { found: boolean; service?: string } {
  const service: ServiceData = partition.services?.[prefix] ?? { endpoints: {} };
  if (service.endpoints && Object.prototype.hasOwnProperty.call(service.endpoints, region)) {
    return { found: true, service: scopeService(partition, service, region) };
  }
  if (!force && !regionMatches(partition, region)) return { found: false };
  const name = service.partitionEndpoint && service.isRegionalized === false ? service.partitionEndpoint : region;
  return { found: true, service: scopeService(partition, service, name) };
}

/**
 * @param endpointsData endpoints.json
 * @param endpointPrefix the model's endpointPrefix (endpoints.json is keyed by it)
 * @param region the client's region
 * @param modelSigningName the model's `signingName`, if any
 */
export function legacySigningName(endpointsData: unknown, endpointPrefix: string, region: string, modelSigningName: string | undefined): string {
  const partitions = ((endpointsData as { partitions?: PartitionData[] } | undefined)?.partitions ?? []).filter((p) => p && typeof p === 'object');
  let resolved: { found: boolean; service?: string } = { found: false };
  for (const partition of partitions) {
    resolved = resolveIn(partition, endpointPrefix, region, false);
    if (resolved.found) break;
  }
  if (!resolved.found) {
    // botocore retries in the aws partition, forced (ClientEndpointBridge.resolve).
    const aws = partitions.find((p) => p.partition === 'aws');
    if (aws) resolved = resolveIn(aws, endpointPrefix, region, true);
  }
  return resolved.service ?? modelSigningName ?? endpointPrefix;
}
