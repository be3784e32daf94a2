/**
 * `toArray()` for botojs's async iterables (page iterators, collections, search results): every
 * element the iteration yields, in order. The limits are the iteration's own (MaxItems,
 * limit(), an abortSignal), since this is that iteration run to its end.
 */

/** Runs `iterable` to its end and returns what it yielded. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** An async generator that also answers `toArray()`. */
export type CollectableGenerator<T> = AsyncGenerator<T, void, undefined> & {
  /** Every remaining element, as `for await` would yield them. */
  toArray(): Promise<T[]>;
};

/** `generator` with a `toArray()` that runs it to its end. */
export function collectable<T>(generator: AsyncGenerator<T, void, undefined>): CollectableGenerator<T> {
  return Object.assign(generator, { toArray: () => collect(generator) });
}
