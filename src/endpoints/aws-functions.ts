/**
 * The AWS extension functions of the rules engine: aws.partition (over partitions.json),
 * aws.parseArn and aws.isVirtualHostableS3Bucket, as botocore implements them.
 */
import { EndpointResolutionError } from '../errors';
import { IPV4_RE, isRecord, isValidHostLabel } from './standard-library';

export type PartitionOutputs = Record<string, unknown> & { name: string };

interface CompiledPartition {
  regions: Set<string>;
  regionRegex: RegExp;
  outputs: PartitionOutputs;
}

/** A partitions.json table prepared once: region sets, compiled regexes, frozen outputs. */
export class PartitionTable {
  private readonly partitions: CompiledPartition[];
  private readonly memo = new Map<string, PartitionOutputs>();

  constructor(data: unknown) {
    const list = isRecord(data) && Array.isArray(data.partitions) ? data.partitions : undefined;
    if (!list || list.length === 0) throw new EndpointResolutionError('partitions data has no partitions');
    this.partitions = list.map((p: unknown) => {
      if (!isRecord(p) || typeof p.id !== 'string') throw new EndpointResolutionError('malformed partition entry');
      const outputs = Object.freeze({ ...(isRecord(p.outputs) ? p.outputs : {}), name: p.id }) as PartitionOutputs;
      return {
        regions: new Set(isRecord(p.regions) ? Object.keys(p.regions) : []),
        regionRegex: new RegExp(typeof p.regionRegex === 'string' ? p.regionRegex : '^$'),
        outputs,
      };
    });
  }

  /**
   * botocore walks partitions in order and takes the first whose explicit regions or regex
   * matches; with no match (or no region) it answers with the first partition (`aws`).
   */
  lookup(region: unknown): PartitionOutputs {
    if (typeof region !== 'string') return this.partitions[0].outputs;
    let hit = this.memo.get(region);
    if (!hit) {
      hit = this.partitions[0].outputs;
      for (const p of this.partitions) {
        if (p.regions.has(region) || p.regionRegex.test(region)) {
          hit = p.outputs;
          break;
        }
      }
      if (this.memo.size > 1000) this.memo.clear();
      this.memo.set(region, hit);
    }
    return hit;
  }
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resourceId: string[];
}

export function parseArn(value: unknown): ParsedArn | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  // Python's split(':', 5): five splits at most, the resource keeps its colons.
  const parts: string[] = [];
  let rest = value;
  for (let i = 0; i < 5; i++) {
    const at = rest.indexOf(':');
    if (at < 0) break;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  if (parts.length < 6) return undefined;
  const [, partition, service, region, accountId, resource] = parts;
  if (!partition || !service || !resource) return undefined;
  return { partition, service, region, accountId, resourceId: resource.replace(/:/g, '/').split('/') };
}

export function isVirtualHostableS3Bucket(value: unknown, allowSubdomains: unknown): boolean {
  if (typeof value !== 'string' || value.length < 3 || value.toLowerCase() !== value || IPV4_RE.test(value)) {
    return false;
  }
  return isValidHostLabel(value, allowSubdomains);
}
