/**
 * Running resource actions, waiters and collection batch actions (boto3's resources/action.py).
 * Each sends exactly what boto3 sends: the model's params, then the caller's params on top
 * (a shallow update, as `params.update(kwargs)`), through the resource's own client.
 *
 * Each also takes the per-call options (`{ abortSignal }`) as the argument after its params and
 * hands them to every request it makes. A load it needs first is shared with other readers of
 * the resource, so an abort stops this caller's wait for it, not the load itself.
 */
import type { Client } from '../client/proxy';
import { canonicalName } from '../models/naming';
import { resolveCallOptions } from '../pipeline/abort-scope';
import type { CallOptions } from '../pipeline/call-options';
import { abortable, throwIfAborted } from '../util/abort';
import type { ActionModel, RawParam } from './model';
import { ensureData } from './instance';
import { createRequestParameters, needsLoadedData } from './params';
import { handleRawResponse, ResourceResponseHandler } from './response';
import type { Resource, ResourceLike } from './types';

type Params = Record<string, unknown>;

/** Calls an operation by its model name through a client (options only when there are some). */
export async function callOperation(client: Client, operation: string, params: Params, options?: CallOptions): Promise<unknown> {
  const method = (client as Record<string, unknown>)[operation];
  if (typeof method !== 'function') throw new TypeError(`Client has no operation ${operation}`);
  const call = method as (p: Params, o?: CallOptions) => Promise<unknown>;
  return options?.abortSignal ? call(params, options) : call(params);
}

/** Loads `resource` unless it has data, giving up (not cancelling the shared load) on abort. */
export async function ensureDataUnlessAborted(resource: ResourceLike, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  if (resource.meta.data === null) await abortable(ensureData(resource), signal);
}

/** A model action bound to its response handling (a resource handler, or a raw path). */
export class ServiceAction {
  constructor(
    readonly model: ActionModel,
    private readonly handler?: ResourceResponseHandler,
  ) {}

  get operation(): string {
    const op = this.model.request?.operation;
    if (!op) throw new Error(`Action ${this.model.modelName} has no request operation`);
    return op;
  }

  /**
   * Sends the request for `parent` and returns the handled response.
   * @throws ParamValidationError for bad options, AbortError once their signal fires
   */
  async call(parent: ResourceLike, userParams: Params = {}, options?: CallOptions): Promise<unknown> {
    const opts = resolveCallOptions(options);
    const modelParams = this.model.request?.params;
    if (needsLoadedData(modelParams) || this.handler?.needsParentData) await ensureDataUnlessAborted(parent, opts.abortSignal);
    const params = createRequestParameters(parent, modelParams);
    Object.assign(params, userParams);
    const response = await callOperation(parent.meta.client, this.operation, params, opts);
    return this.handler ? this.handler.handle(parent, params, response) : handleRawResponse(this.model.path, response);
  }
}

/** A resource waiter: the client waiter with the resource's identifiers as params. */
export async function runWaiter(parent: ResourceLike, waiterName: string, modelParams: readonly RawParam[], userParams: Params = {}, options?: CallOptions): Promise<void> {
  const opts = resolveCallOptions(options);
  if (needsLoadedData(modelParams)) await ensureDataUnlessAborted(parent, opts.abortSignal);
  const params = createRequestParameters(parent, modelParams);
  Object.assign(params, userParams);
  const waiter = parent.meta.client.getWaiter(canonicalName(waiterName));
  await (opts.abortSignal ? waiter.wait(params, opts) : waiter.wait(params));
}

/**
 * A batch action over a collection: one request per page of resources, each resource adding
 * its params at its index in the page (`Delete.Objects[*].Key`). Stops at the first empty page.
 * Returns the handled response of each request. `options` go with every batch request (the
 * caller gives `pages` the same signal, so the listing stops too).
 */
export async function runBatchAction(
  pages: AsyncIterable<Resource[]>,
  action: ActionModel,
  userParams: Params = {},
  parent: ResourceLike,
  handler?: ResourceResponseHandler,
  options: CallOptions = {},
): Promise<unknown[]> {
  const responses: unknown[] = [];
  const operation = action.request?.operation;
  if (!operation) throw new Error(`Batch action ${action.modelName} has no request operation`);
  const modelParams = action.request?.params;
  for await (const page of pages) {
    const params: Params = {};
    let client: Client | undefined;
    for (const [index, resource] of page.entries()) {
      client ??= resource.meta.client;
      if (needsLoadedData(modelParams)) await ensureDataUnlessAborted(resource, options.abortSignal);
      createRequestParameters(resource, modelParams, params, index);
    }
    if (Object.keys(params).length === 0 || !client) break;
    Object.assign(params, userParams);
    const response = await callOperation(client, operation, params, options);
    responses.push(handler ? handler.handle(parent, params, response) : handleRawResponse(action.path, response));
  }
  return responses;
}
