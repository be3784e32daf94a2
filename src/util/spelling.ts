/**
 * The one rule for resolving a member name a user types, on every botojs object a user holds
 * (clients, resources, collections, paginators, page iterators, waiters, streaming bodies):
 * a spelling resolves to the member whose lookupKey (lower-cased, underscores removed) is the
 * same, so boto3's `get_paginator`, `page_size`, `wait_until_exists`, `build_full_result`, the
 * API's `ListObjectsV2` and our `listObjectsV2` all reach the camelCase member. Misspellings
 * are answered with the closest members (closeMatches), drawn from every member the object has.
 */
import { nameExcerpt } from './excerpt';

/** The forgiving lookup form: any spelling with the same key resolves to the same name. */
export function lookupKey(name: string): string {
  return (name.includes('_') ? name.replace(/_/g, '') : name).toLowerCase();
}

/** Levenshtein distance, used to suggest close matches in error messages. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** ` Did you mean: a, b?` naming the close matches of `word`, or '' when there are none. */
export function didYouMean(word: string, candidates: Iterable<string>, max = 3): string {
  const close = closeMatches(word, candidates, max);
  return close.length ? ` Did you mean: ${close.join(', ')}?` : '';
}

/**
 * Longest word closeMatches compares. Names in models are far shorter; a longer word is not a
 * misspelling of one, and comparing it would cost time in its length times every candidate's.
 */
export const MAX_COMPARED_LENGTH = 256;

/** Up to `max` candidates closest to `word` (compared by lookup key), best first. */
export function closeMatches(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (typeof word !== 'string' || word.length > MAX_COMPARED_LENGTH) return [];
  const key = lookupKey(word);
  const scored: Array<[number, string]> = [];
  for (const c of candidates) {
    const ck = lookupKey(c);
    const limit = Math.max(2, Math.floor(Math.max(key.length, ck.length) * 0.4));
    const contains = ck.includes(key) || (key.length >= 4 && key.includes(ck));
    // The length difference is a lower bound of the distance: past the limit, skip the DP.
    if (!contains && Math.abs(key.length - ck.length) > limit) continue;
    const d = editDistance(key, ck);
    if (d <= limit || contains) scored.push([d, c]);
  }
  scored.sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1]));
  return scored.slice(0, max).map((s) => s[1]);
}

/**
 * Property names tools probe on any object (await, JSON.stringify, jest, React, util.inspect):
 * a proxy that throws for unknown names answers these with undefined instead.
 */
export const PROBED_NAMES: ReadonlySet<string> = new Set([
  'then', 'toJSON', 'constructor', 'asymmetricMatch', '$$typeof', 'nodeType', 'tagName', 'inspect', 'valueOf', 'toString',
  'prototype', '__proto__', 'length', 'name', 'caller', 'callee', 'arguments', 'nodeName', 'toAsymmetricMatcher',
]);

/** Whether an unknown `name` should read as undefined rather than throw: a probe, or not a word. */
export function isProbe(name: string): boolean {
  return PROBED_NAMES.has(name) || !/^[A-Za-z]/.test(name);
}

/** lookupKey -> name over a set of member names; on a key shared by two names the first wins. */
export class MemberIndex {
  private readonly byKey = new Map<string, string>();

  constructor(readonly names: readonly string[]) {
    for (const n of names) if (!this.byKey.has(lookupKey(n))) this.byKey.set(lookupKey(n), n);
  }

  /** The member a spelling means, or undefined. */
  resolve(spelling: string): string | undefined {
    return this.byKey.get(lookupKey(spelling));
  }
}

/**
 * The string-named members of an object: own ones and its prototypes' down to (without) `until`
 * (Object.prototype), words only.
 */
export function memberNames(target: object, until: object = Object.prototype): string[] {
  const out = new Set<string>();
  for (let o: object | null = target; o !== null && o !== until; o = Object.getPrototypeOf(o) as object | null) {
    for (const k of Object.getOwnPropertyNames(o)) if (k !== 'constructor' && /^[A-Za-z]/.test(k)) out.add(k);
  }
  return [...out];
}

export interface ForgivingOptions {
  /** How an error names the object (`'s3' paginator ListObjectsV2`); read only when throwing. */
  label: () => string;
  /**
   * true: an unknown name throws a TypeError naming the closest members. false: it reads as
   * undefined, as on any object; for iterables, which Node's stream helpers (pipeline,
   * Readable.from) probe for `write`, `on` and `pipe` to tell streams from iterables.
   */
  strict: boolean;
}

/**
 * `target` behind a Proxy that resolves every spelling of its members (the rule above).
 * Exact names, symbols and names the object has go straight through; a class returns this
 * from its constructor, so methods see the proxy as `this` (no `#private` fields there).
 */
export function withForgivingMembers<T extends object>(target: T, options: ForgivingOptions): T {
  // Rebuilt on each miss: only other spellings miss, and members may be added after construction.
  const resolve = (t: object, prop: string) => new MemberIndex(memberNames(t)).resolve(prop);
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t) return Reflect.get(t, prop, receiver);
      const name = resolve(t, prop);
      if (name !== undefined) return Reflect.get(t, name, receiver);
      if (!options.strict || isProbe(prop)) return undefined;
      throw new TypeError(`${options.label()} has no attribute ${nameExcerpt(prop)}.${didYouMean(prop, memberNames(t))}`);
    },
    has(t, prop) {
      return prop in t || (typeof prop === 'string' && resolve(t, prop) !== undefined);
    },
  });
}

/**
 * The same rule as withForgivingMembers (not strict: an unknown name reads as undefined), put
 * on a class's prototype chain instead of around each instance: a Proxy between the class's
 * prototype and its parent, reached only when a lookup missed the instance and the class, that
 * is, for other spellings. Exact names cost nothing; no Proxy is made per instance. For objects
 * made on every call (a GetObject's StreamingBody): a Proxy per body, with every member read
 * through its trap, cost about 1.5% of a 1 KiB GetObject's CPU at concurrency 16.
 *
 * The `in` operator's trap is not told the instance, so `'other_spelling' in obj` resolves
 * against the class's members (methods, getters), not fields set in the constructor; reading
 * such a spelling resolves fields too.
 */
export function forgivingPrototype(cls: { prototype: object }): void {
  const proto = cls.prototype;
  const parent = Object.getPrototypeOf(proto) as object;
  const other = (from: object, prop: string): string | undefined => {
    // The members of `from` and its prototypes, down to (without) the proxy.
    const name = new MemberIndex(memberNames(from, proxy)).resolve(prop);
    // The name found is reached before this proxy; never ask for the same name again.
    return name === prop ? undefined : name;
  };
  // The target is a fresh object over `parent`, not `parent` itself: a Proxy's prototype is its
  // target's, and `parent`'s own would cut `parent` (Object.prototype) out of the chain
  // (`instanceof Object` false).
  const proxy: object = new Proxy(Object.create(parent) as object, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t) return Reflect.get(t, prop, receiver);
      const name = other(receiver as object, prop);
      return name === undefined ? undefined : Reflect.get(receiver as object, name);
    },
    has(t, prop) {
      return prop in t || (typeof prop === 'string' && other(proto, prop) !== undefined);
    },
  });
  Object.setPrototypeOf(proto, proxy);
}
