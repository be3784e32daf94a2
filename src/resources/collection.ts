/**
 * Collections (boto3's ResourceCollection): `bucket.objects.all() / filter(p) / limit(n) /
 * pageSize(n) / pages()`. Immutable (each call returns a new collection) and lazy (nothing is
 * sent until iterated; each iteration starts over). Pages come from the operation's paginator
 * when it has one (PageSize -> the limit key, limit -> MaxItems, exactly as boto3 passes them),
 * else from one call. Batch actions of the item type (`delete()`) are methods of the collection.
 *
 * An unfiltered batch action acts on everything the listing returns: `bucket.objects.delete()`
 * deletes every object in the bucket.
 */
import { inspect } from 'util';
import { canonicalName } from '../models/naming';
import { callOperation, runBatchAction } from './actions';
import { ensureData, resourceRepr } from './instance';
import type { ActionModel } from './model';
import { createRequestParameters, deepCopy, mergeDicts, needsLoadedData } from './params';
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
}

/** A lazy, immutable, async-iterable view of a listing. */
export class ResourceCollection implements AsyncIterable<Resource> {
  /** Batch actions (`delete`, `stop`, ...) are added per collection type; the index keeps TS open to them. */
  [batchAction: string]: unknown;

  readonly #definition: CollectionDefinition;
  readonly #parent: Resource;
  readonly #state: CollectionState;

  constructor(definition: CollectionDefinition, parent: Resource, state: CollectionState = { params: {} }) {
    this.#definition = definition;
    this.#parent = parent;
    this.#state = state;
    // Own and enumerable, so Object.keys(collection) lists the batch actions.
    for (const { model, handler } of definition.batchActions) {
      Object.defineProperty(this, model.name, {
        value: (params?: Record<string, unknown>) => runBatchAction(this.pages(), model, params ?? {}, parent, handler),
        enumerable: true,
      });
    }
  }

  /** The resource this collection belongs to. */
  get parent(): Resource {
    return this.#parent;
  }

  /** Names of the batch actions (`delete`, ...). */
  get batchActionNames(): string[] {
    return this.#definition.batchActions.map((b) => b.model.name);
  }

  private clone(change: Partial<CollectionState>): ResourceCollection {
    const params = deepCopy(this.#state.params);
    if (change.params) mergeDicts(params, deepCopy(change.params));
    return new ResourceCollection(this.#definition, this.#parent, {
      params,
      limit: 'limit' in change ? change.limit : this.#state.limit,
      pageSize: 'pageSize' in change ? change.pageSize : this.#state.pageSize,
    });
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

  /** The request params this collection sends (model params, then filters), for inspection. */
  get params(): Readonly<Record<string, unknown>> {
    return deepCopy(this.#state.params);
  }

  /** Pages of resources, one per response; starts over on each call. */
  async *pages(): AsyncGenerator<Resource[]> {
    const { model, handler } = this.#definition;
    const parent = this.parent;
    const client = parent.meta.client;
    const operation = model.request?.operation;
    if (!operation) throw new Error(`Collection ${this.#definition.className} has no request operation`);
    const { limit, pageSize } = this.#state;
    if (needsLoadedData(model.request?.params) || handler.needsParentData) await ensureData(parent);
    const params = createRequestParameters(parent, model.request?.params);
    mergeDicts(params, deepCopy(this.#state.params));
    let responses: AsyncIterable<unknown> | unknown[];
    const opName = canonicalName(operation);
    if (client.canPaginate(opName)) {
      const config: Record<string, number> = {};
      if (limit !== undefined && limit !== null) config.MaxItems = limit;
      if (pageSize !== undefined && pageSize !== null) config.PageSize = pageSize;
      responses = client.getPaginator(opName).paginate({ ...params, PaginationConfig: config });
    } else {
      responses = [await callOperation(client, operation, params)];
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

  async *[Symbol.asyncIterator](): AsyncGenerator<Resource> {
    const limit = this.#state.limit;
    let count = 0;
    if (limit !== undefined && limit <= 0) return;
    for await (const page of this.pages()) {
      for (const item of page) {
        yield item;
        count += 1;
        if (limit !== undefined && count >= limit) return;
      }
    }
  }

  [inspect.custom](): string {
    const extra: string[] = [];
    if (Object.keys(this.#state.params).length) extra.push(`filter=${inspect(this.#state.params, { depth: 4, breakLength: Infinity })}`);
    if (this.#state.limit !== undefined) extra.push(`limit=${this.#state.limit}`);
    if (this.#state.pageSize !== undefined) extra.push(`pageSize=${this.#state.pageSize}`);
    return `${this.#definition.className}(${resourceRepr(this.parent)}, ${this.#definition.itemClassName}${extra.length ? `, ${extra.join(', ')}` : ''})`;
  }
}
