/**
 * Resolved endpoints by their parameters, an LRU of 100 per client as botocore keeps one.
 *
 * The key spells each parameter as `name=<kind><length>:<value>;`, unambiguous for any value,
 * and cheaper than JSON.stringify of the parameter record (about 5 us of an S3 call before).
 *
 * Parameters the rule set never reads do not enter the key once the client has seen a few
 * different ones (SCAN_AFTER_MISSES): S3's Key, Prefix and CopySource. Without that, every
 * object key of a GetObject or PutObject was a miss and a full run of S3's rule set, about
 * 25 us per call (v3 keys its cache on the read parameters only, too). Finding them scans the
 * rule set once (~2 ms for S3's), so a client that only ever sees one set of parameters never
 * pays for it. Only string values of optional string parameters are left out: a value of
 * another type still reaches the rule set, which refuses it.
 */
import { compileRuleSet } from '../endpoints';
import type { ResolvedEndpoint as CachedEndpoint } from '../endpoints';
import { RecencyMap } from '../util/recency-map';

const CACHE_SIZE = 100;
/** Misses after which the rule set is scanned for parameters it never reads. */
export const SCAN_AFTER_MISSES = 8;

export class EndpointCache {
  /** By key; a hit marks its entry used, not re-inserted (recency-map.ts says why). */
  private readonly entries = new RecencyMap<string, CachedEndpoint>();
  /**
   * The key most recently used, its parameters and its endpoint: a call like the last one needs
   * no lookup, and when its parameters are the same values, no key either.
   */
  private newest: string | undefined;
  private newestParams: Record<string, unknown> | undefined;
  private newestEndpoint: CachedEndpoint | undefined;
  private misses = 0;
  private ignored: ReadonlySet<string> | undefined;

  /** The endpoint for `params`, from the cache or from `resolve` (then kept). */
  resolve(ruleSet: unknown, partitions: () => unknown, params: Record<string, unknown>, resolve: () => CachedEndpoint): CachedEndpoint {
    const newestEndpoint = this.newestEndpoint;
    if (newestEndpoint !== undefined && this.newestParams !== undefined && sameParameters(params, this.newestParams, this.ignored)) return newestEndpoint;
    const key = cacheKey(params, this.ignored);
    // Comparing with the last key costs less than hashing the new string for the Map.
    if (key === this.newest && newestEndpoint !== undefined) {
      this.newestParams = params;
      return newestEndpoint;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.newest = key;
      this.newestParams = params;
      this.newestEndpoint = hit;
      return hit;
    }
    const resolved = resolve();
    let kept = key;
    if (++this.misses === SCAN_AFTER_MISSES && this.ignored === undefined) {
      const unread = compileRuleSet(ruleSet, partitions()).unreferencedStringParameters();
      if (unread.size > 0) {
        // Keys made so far include those parameters: start afresh with the shorter keys.
        this.ignored = unread;
        this.entries.clear();
        kept = cacheKey(params, unread);
      }
    }
    // Only now: parameters whose resolution threw must never match the last good endpoint.
    this.entries.set(kept, resolved);
    this.newest = kept;
    this.newestParams = params;
    this.newestEndpoint = resolved;
    this.entries.trim(CACHE_SIZE);
    return resolved;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * True when `a` and `b` give the same key: the same names, with the same string, boolean, number,
 * null or undefined values (an ignored parameter's strings may differ). An object value is never
 * taken as the same, even the same object: it may have changed since (the key path compares its
 * JSON).
 */
function sameParameters(a: Record<string, unknown>, b: Record<string, unknown>, ignored: ReadonlySet<string> | undefined): boolean {
  let count = 0;
  for (const name in a) {
    count++;
    const value = a[name];
    if (value !== null && typeof value === 'object') return false;
    if (value === b[name] && (value !== undefined || name in b)) continue;
    if (typeof value === 'string' && typeof b[name] === 'string' && ignored !== undefined && ignored.has(name)) continue;
    return false;
  }
  for (const name in b) if (--count < 0 || !(name in a)) return false;
  return count === 0;
}

/** `name=s3:abc;` for strings, `name=b1;` for booleans, `name=j<json>;` for anything else. */
export function cacheKey(params: Record<string, unknown>, ignored: ReadonlySet<string> | undefined): string {
  let key = '';
  for (const name in params) {
    const value = params[name];
    if (typeof value === 'string') {
      if (ignored !== undefined && ignored.has(name)) continue;
      key += `${name}=s${value.length}:${value};`;
    } else if (typeof value === 'boolean') {
      key += value ? `${name}=b1;` : `${name}=b0;`;
    } else {
      const json = JSON.stringify(value) ?? 'u';
      key += `${name}=j${json.length}:${json};`;
    }
  }
  return key;
}
