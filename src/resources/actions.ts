/**
 * Running resource actions, waiters and collection batch actions (boto3's resources/action.py).
 * Each sends exactly what boto3 sends: the model's params, then the caller's params on top
 * (a shallow update, as `params.update(kwargs)`), through the resource's own client.
 */
import type { Client } from '../client/proxy';
import { canonicalName } from '../models/naming';
import type { ActionModel, RawParam } from './model';
import { ensureData } from './instance';
import { createRequestParameters, needsLoadedData } from './params';
import { handleRawResponse, ResourceResponseHandler } from './response';
import type { Resource, ResourceLike } from './types';

type Params = Record<string, unknown>;

/** Calls an operation by its model name through a client. */
export async function callOperation(client: Client, operation: string, params: Params): Promise<unknown> {
  const method = (client as Record<string, unknown>)[operation];
  if (typeof method !== 'function') throw new TypeError(`Client has no operation ${operation}`);
  return (method as (p: Params) => Promise<unknown>)(params);
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

  /** Sends the request for `parent` and returns the handled response. */
  async call(parent: ResourceLike, userParams: Params = {}): Promise<unknown> {
    const modelParams = this.model.request?.params;
    if (needsLoadedData(modelParams) || this.handler?.needsParentData) await ensureData(parent);
    const params = createRequestParameters(parent, modelParams);
    Object.assign(params, userParams);
    const response = await callOperation(parent.meta.client, this.operation, params);
    return this.handler ? this.handler.handle(parent, params, response) : handleRawResponse(this.model.path, response);
  }
}

/** A resource waiter: the client waiter with the resource's identifiers as params. */
export async function runWaiter(parent: ResourceLike, waiterName: string, modelParams: readonly RawParam[], userParams: Params = {}): Promise<void> {
  if (needsLoadedData(modelParams)) await ensureData(parent);
  const params = createRequestParameters(parent, modelParams);
  Object.assign(params, userParams);
  await parent.meta.client.getWaiter(canonicalName(waiterName)).wait(params);
}

/**
 * A batch action over a collection: one request per page of resources, each resource adding
 * its params at its index in the page (`Delete.Objects[*].Key`). Stops at the first empty page.
 * Returns the handled response of each request.
 */
export async function runBatchAction(
  pages: AsyncIterable<Resource[]>,
  action: ActionModel,
  userParams: Params = {},
  parent: ResourceLike,
  handler?: ResourceResponseHandler,
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
      if (needsLoadedData(modelParams)) await ensureData(resource);
      createRequestParameters(resource, modelParams, params, index);
    }
    if (Object.keys(params).length === 0 || !client) break;
    Object.assign(params, userParams);
    const response = await callOperation(client, operation, params);
    responses.push(handler ? handler.handle(parent, params, response) : handleRawResponse(action.path, response));
  }
  return responses;
}
