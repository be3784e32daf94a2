/**
 * RecencyMap: a Map that knows which entries were used least recently, for the caches botocore
 * keeps as LRUs (resolved endpoints, SigV4a keys, S3 Express sessions).
 *
 * Recency is a counter on each entry, not the Map's insertion order: keeping the order meant a
 * delete and a set on every hit, and on a long-lived Map that churn keeps V8's replaced hash
 * tables, and what they held, alive into the old generation (src/util/churn-set.ts). A hit here
 * writes one number. The least recently used entry is found by a scan, done only by `trim`, when
 * the map has grown past its size.
 */
interface Entry<V> {
  value: V;
  used: number;
}

export class RecencyMap<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private clock = 0;

  get size(): number {
    return this.entries.size;
  }

  /** The value for `key`, which becomes the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.clock;
    return entry.value;
  }

  /** The value for `key`, leaving its recency as it was. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Sets `key`, which becomes the most recently used. */
  set(key: K, value: V): void {
    this.entries.set(key, { value, used: ++this.clock });
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Drops the least recently used entries until at most `max` remain; entries `evictable`
   * refuses are passed over (and stay, if only those are left).
   */
  trim(max: number, evictable: (value: V) => boolean = () => true): void {
    while (this.entries.size > max) {
      let oldest: K | undefined;
      let oldestUse = Infinity;
      for (const [key, entry] of this.entries) {
        if (entry.used < oldestUse && evictable(entry.value)) {
          oldestUse = entry.used;
          oldest = key;
        }
      }
      if (oldestUse === Infinity) return;
      this.entries.delete(oldest as K);
    }
  }
}
