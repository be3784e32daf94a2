/**
 * The generic parts of the resource types `botojs types` generates (src/typegen/): declarations
 * only, nothing here exists at run time. Each generated resource interface extends
 * TypedResource and types its members with these, following what members.ts builds.
 */
import type { CallOptions } from '../pipeline/call-options';
import type { Resource, ResourceMeta } from './types';

/** What every generated resource interface extends. */
export interface TypedResource {
  readonly meta: ResourceMeta;
}

/**
 * An attribute: the value when the resource has data (it came from a listing, or was loaded),
 * else a Promise that loads it once. `await resource.attr` reads both.
 */
export type ResourceAttribute<T> = T | undefined | Promise<T | undefined>;

/**
 * A reference (`instance.vpc`): the related resource, null when the data names none; a Promise
 * while the parent still has to be loaded.
 */
export type ResourceReference<R> = R | null | Promise<R | null>;

/**
 * A collection (`bucket.objects`): lazy and immutable, each method returns a new collection;
 * `for await` iterates the items. Batch actions are added by the generated interface.
 */
export interface TypedCollection<Item, Params> extends AsyncIterable<Item> {
  /** The resource this collection belongs to. */
  readonly parent: Resource;
  /** Names of the batch actions (`delete`, ...). */
  readonly batchActionNames: string[];
  /** The request params this collection sends (model params, then filters). */
  readonly params: Readonly<Record<string, unknown>>;
  all(): this;
  /** Items matching request params (merged onto any earlier filter; lists are appended). */
  filter(params?: Params): this;
  /** At most `count` items in total. */
  limit(count: number): this;
  /** Items per request. */
  pageSize(count: number): this;
  /** The same collection with per-call options bound (`{ abortSignal }`). */
  withOptions(options: CallOptions): this;
  /** Pages of items, one per response. */
  pages(options?: CallOptions): AsyncGenerator<Item[]>;
}

/**
 * The params of a resource action, load, waiter or collection: the operation's params less
 * those the resource fills from its identifiers or data (`Filled`), with those it fills only in
 * part (`Loosened`: a nested target such as `Delete.Objects[].Key`) made optional.
 */
export type ActionParams<Params, Filled extends PropertyKey, Loosened extends PropertyKey = never> = Omit<Params, Filled | Loosened> & {
  [K in Extract<keyof Params, Loosened>]?: Params[K];
};
