/**
 * Collections (boto3's ResourceCollection): `bucket.objects.all() / filter(p) / limit(n) /
 * pageSize(n) / pages()`. Immutable (each call returns a new collection) and lazy (nothing is
 * sent until iterated; each iteration starts over). Pages come from the operation's paginator
 * when it has one (PageSize -> the limit key, limit -> MaxItems, exactly as boto3 passes them),
 * else from one call. Batch actions of the item type (`delete()`) are methods of the collection.
 *
 * An unfiltered batch action acts on everything the listing returns: `bucket.objects.delete()`
 * deletes every object in the bucket.
 *
 * Cancelling: `withOptions({ abortSignal })` binds per-call options to a collection (kept by
 * later filter/limit/pageSize), so a plain `for await` carries them; `pages(options)` and batch
 * actions (`delete(params, options)`) take them directly too (either signal aborts). Every
 * request of the listing carries the signal, and once it fires the iteration rejects with
 * AbortError and no further page is requested.
 *
 * `await coll.toArray()` is one iteration run to its end (limit, pageSize and the options
 * apply); `coll.pages().toArray()` collects the pages. Members resolve in boto3's spellings
 * too (`page_size`, batch actions such as `create_tags`; src/util/spelling.ts).
 */
import { inspect } from 'util';
import { canonicalName } from '../models/naming';
import { resolveCallOptions } from '../pipeline/abort-scope';
import { checkCallOptions, type CallOptions } from '../pipeline/call-options';
import { throwIfAborted } from '../util/abort';
import { anySignal } from '../util/any-signal';
import { withForgivingMembers } from '../util/spelling';
import { collect, collectable, type CollectableGenerator } from '../util/to-array';
import { callOperation, ensureDataUnlessAborted, runBatchAction } from './actions';
import { resourceRepr } from './instance';
import type { ActionModel } from './model';
import { createRequestParameters, deepCopy, needsLoadedData } from './params';
import { mergeDicts } from '../util/objects';
import type { ResourceResponseHandler } from './response';
import type { Resource } from './types';

/** What a collection is built from; made once per collection per resource class. */
export interface CollectionDefinition {
  /** JS name on the parent (`objects`). */
  readonly name: string;
  /** `s3.Bucket.objectsCollection` */
  readonly className: string;
  /** `s3.ObjectSummary` */
  readonly itemClassName: string;
  readonly model: ActionModel;
  readonly handler: ResourceResponseHandler;
  /** Batch actions of the item type, with their response handlers. */
  readonly batchActions: ReadonlyArray<{ model: ActionModel; handler?: ResourceResponseHandler }>;
}

interface CollectionState {
  readonly params: Record<string, unknown>;
  readonly limit?: number;
  readonly pageSize?: number;
  /** Per-call options bound by withOptions(). */
  readonly options?: CallOptions;
}

interface Internals {
  readonly definition: CollectionDefinition;
  readonly parent: Resource;
  readonly state: CollectionState;
}

// A collection's own data, kept off the object (so Object.keys lists only batch actions) and
// keyed by both the instance and its proxy: methods run with the proxy as `this`, where
// `#private` fields cannot be read.
const internals = new WeakMap<object, Internals>();

function inner(collection: ResourceCollection): Internals {
  const i = internals.get(collection);
  if (!i) throw new TypeError('Not a ResourceCollection');
  return i;
}

/** A lazy, immutable, async-iterable view of a listing. */
export class ResourceCollection implements AsyncIterable<Resource> {
  /** Batch actions (`delete`, `stop`, ...) are added per collection type; the index keeps TS open to them. */
  [batchAction: string]: unknown;

  constructor(definition: CollectionDefinition, parent: Resource, state: CollectionState = { params: {} }) {
    const own: Internals = { definition, parent, state };
    internals.set(this, own);
    // Own and enumerable, so Object.keys(collection) lists the batch actions.
    for (const { model, handler } of definition.batchActions) {
      Object.defineProperty(this, model.name, {
        value: async (params?: Record<string, unknown>, options?: CallOptions) => {
          const opts = this.callOptions(options);
          return runBatchAction(this.pages(opts), model, params ?? {}, parent, handler, opts);
        },
        enumerable: true,
      });
    }
    // Not strict: Node's stream helpers probe iterables for stream members (write, on, pipe).
    const proxy = withForgivingMembers(this, { strict: false, label: () => definition.className });
    internals.set(proxy, own);
    return proxy;
  }

  /** The resource this collection belongs to. */
  get parent(): Resource {
    return inner(this).parent;
  }

  /** Names of the batch actions (`delete`, ...). */
  get batchActionNames(): string[] {
    return inner(this).definition.batchActions.map((b) => b.model.name);
  }

  private clone(change: Partial<CollectionState>): ResourceCollection {
    const { definition, parent, state } = inner(this);
    const params = deepCopy(state.params);
    if (change.params) mergeDicts(params, deepCopy(change.params), { appendLists: true });
    return new ResourceCollection(definition, parent, {
      params,
      limit: 'limit' in change ? change.limit : state.limit,
      pageSize: 'pageSize' in change ? change.pageSize : state.pageSize,
      options: 'options' in change ? change.options : state.options,
    });
  }

  /** The bound options joined with `options` (checked) and the abort scope: one signal. */
  private callOptions(options?: CallOptions): CallOptions {
    const given = resolveCallOptions(options);
    const signal = anySignal([inner(this).state.options?.abortSignal, given.abortSignal]);
    return signal ? { abortSignal: signal } : {};
  }

  /** Every item (a new collection; nothing is sent yet). */
  all(): ResourceCollection {
    return this.clone({});
  }

  /** Items matching request params (merged onto any earlier filter; lists are appended). */
  filter(params: Record<string, unknown> = {}): ResourceCollection {
    return this.clone({ params });
  }

  /** At most `count` items in total. */
  limit(count: number): ResourceCollection {
    return this.clone({ limit: count });
  }

  /** Items per request (the operation's limit key, through its paginator). */
  pageSize(count: number): ResourceCollection {
    return this.clone({ pageSize: count });
  }

  /**
   * The same collection with per-call options bound: iterating it (`for await`), `pages()` and
   * batch actions send every request with them.
   * @example for await (const obj of bucket.objects.filter({ Prefix: 'logs/' }).withOptions({ abortSignal })) ...
   * @throws ParamValidationError for bad options (before anything is sent)
   */
  withOptions(options: CallOptions): ResourceCollection {
    return this.clone({ options: { ...checkCallOptions(options) } });
  }

  /** The request params this collection sends (model params, then filters), for inspection. */
  get params(): Readonly<Record<string, unknown>> {
    return deepCopy(inner(this).state.params);
  }

  /**
   * Pages of resources, one per response; starts over on each call.
   * @param options per-call options for this iteration, joined with those of withOptions()
   */
  pages(options?: CallOptions): CollectableGenerator<Resource[]> {
    // Checked now, so bad options fail at the call rather than at the first next().
    return collectable(this.pagesWith(this.callOptions(options)));
  }

  private async *pagesWith(options: CallOptions): AsyncGenerator<Resource[], void, undefined> {
    const { definition, state } = inner(this);
    const { model, handler } = definition;
    const parent = this.parent;
    const client = parent.meta.client;
    const operation = model.request?.operation;
    if (!operation) throw new Error(`Collection ${definition.className} has no request operation`);
    const { limit, pageSize } = state;
    const signal = options.abortSignal;
    // A load is shared with the parent's other readers: an abort stops waiting, not the load.
    if (needsLoadedData(model.request?.params) || handler.needsParentData) await ensureDataUnlessAborted(parent, signal);
    else throwIfAborted(signal);
    const params = createRequestParameters(parent, model.request?.params);
    mergeDicts(params, deepCopy(state.params), { appendLists: true });
    let responses: AsyncIterable<unknown> | unknown[];
    const opName = canonicalName(operation);
    if (client.canPaginate(opName)) {
      const config: Record<string, number> = {};
      if (limit !== undefined && limit !== null) config.MaxItems = limit;
      if (pageSize !== undefined && pageSize !== null) config.PageSize = pageSize;
      const paginator = client.getPaginator(opName);
      const paginateParams = { ...params, PaginationConfig: config };
      responses = signal ? paginator.paginate(paginateParams, options) : paginator.paginate(paginateParams);
    } else {
      responses = [await callOperation(client, operation, params, options)];
    }
    let count = 0;
    for await (const response of responses) {
      const handled = handler.handle(parent, params, response);
      const items: Resource[] = Array.isArray(handled) ? (handled as Resource[]) : handled && typeof handled === 'object' && 'meta' in handled ? [handled as Resource] : [];
      const page: Resource[] = [];
      for (const item of items) {
        page.push(item);
        count += 1;
        if (limit !== undefined && count >= limit) break;
      }
      yield page;
      if (limit !== undefined && count >= limit) break;
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<Resource> {
    return this.items(this.callOptions());
  }

  /**
   * Every item, as `for await` yields them: limit() and pageSize() apply, and the requests carry
   * `options` joined with those of withOptions().
   * @example const objects = await bucket.objects.filter({ Prefix: 'logs/' }).limit(100).toArray()
   * @throws ParamValidationError for bad options (before anything is sent)
   */
  toArray(options?: CallOptions): Promise<Resource[]> {
    return collect(this.items(this.callOptions(options)));
  }

  private async *items(options: CallOptions): AsyncGenerator<Resource> {
    const limit = inner(this).state.limit;
    let count = 0;
    if (limit !== undefined && limit <= 0) return;
    for await (const page of this.pagesWith(options)) {
      for (const item of page) {
        // An abort ends the iteration between two items, not only between two pages.
        throwIfAborted(options.abortSignal);
        yield item;
        count += 1;
        if (limit !== undefined && count >= limit) return;
      }
    }
  }

  [inspect.custom](): string {
    const { definition, state } = inner(this);
    const extra: string[] = [];
    if (Object.keys(state.params).length) extra.push(`filter=${inspect(state.params, { depth: 4, breakLength: Infinity })}`);
    if (state.limit !== undefined) extra.push(`limit=${state.limit}`);
    if (state.pageSize !== undefined) extra.push(`pageSize=${state.pageSize}`);
    if (state.options?.abortSignal) extra.push('abortSignal');
    return `${definition.className}(${resourceRepr(this.parent)}, ${definition.itemClassName}${extra.length ? `, ${extra.join(', ')}` : ''})`;
  }
}
