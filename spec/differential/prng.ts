/**
 * A seeded pseudo-random source for the differential sweep: the same seed string always gives
 * the same sequence, on every machine and Node version, so a generated case (and a difference
 * it finds) can be reproduced from its service, operation and member path alone.
 *
 * FNV-1a hashes the seed to 32 bits; mulberry32 expands it. Neither is cryptographic; both are
 * tiny, fast and stable, which is all a test-data generator needs.
 */

/** FNV-1a over the UTF-16 code units of `s` (the seed strings are ASCII). */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Prng {
  private state: number;

  constructor(seed: string) {
    this.state = hashSeed(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}
