/**
 * A tiny in-memory service for resource unit tests (as boto3's tests build resources from
 * inline JSON): an inline service model, an inline resource model, and a fake client that
 * records calls and answers from a queue of canned responses. Paginators and waiters are the
 * real ones from src/paginate and src/waiters, over the fake calls.
 */
import { AbortError, type Client } from '../../../src';
import { canonicalName } from '../../../src/models/naming';
import { RawServiceModel, ServiceModel } from '../../../src/models/service-model';
import { Paginator, PaginatorSpec } from '../../../src/paginate/paginator';
import { Waiter, WaiterSpec } from '../../../src/waiters/waiter';
import { ResourceFactory } from '../../../src/resources/factory';
import type { RawResourceDocument } from '../../../src/resources/model';
import { HierarchicalEmitter } from '../../../src/events/emitter';

export const SERVICE_MODEL: RawServiceModel = {
  metadata: { apiVersion: '2020-01-01', endpointPrefix: 'fake', protocol: 'json', serviceId: 'Fake', signatureVersion: 'v4' },
  operations: {
    GetQueue: { name: 'GetQueue', http: { method: 'POST', requestUri: '/' }, input: { shape: 'GetQueueRequest' }, output: { shape: 'GetQueueResult' } },
    ListQueues: { name: 'ListQueues', http: { method: 'POST', requestUri: '/' }, input: { shape: 'ListQueuesRequest' }, output: { shape: 'ListQueuesResult' } },
    ListAll: { name: 'ListAll', http: { method: 'POST', requestUri: '/' }, input: { shape: 'ListQueuesRequest' }, output: { shape: 'ListQueuesResult' } },
    SendMessage: { name: 'SendMessage', http: { method: 'POST', requestUri: '/' }, input: { shape: 'SendRequest' }, output: { shape: 'SendResult' } },
    DeleteMessages: { name: 'DeleteMessages', http: { method: 'POST', requestUri: '/' }, input: { shape: 'DeleteRequest' } },
    Purge: { name: 'Purge', http: { method: 'POST', requestUri: '/' }, input: { shape: 'SendRequest' } },
  },
  shapes: {
    String: { type: 'string' },
    Integer: { type: 'integer' },
    Timestamp: { type: 'timestamp' },
    StringList: { type: 'list', member: { shape: 'String' } },
    GetQueueRequest: { type: 'structure', members: { QueueUrl: { shape: 'String' } } },
    Queue: {
      type: 'structure',
      members: {
        Url: { shape: 'String' },
        QueueName: { shape: 'String' },
        Size: { shape: 'Integer' },
        Created: { shape: 'Timestamp' },
        OwnerId: { shape: 'String' },
        Purge: { shape: 'String' },
      },
    },
    QueueList: { type: 'list', member: { shape: 'Queue' } },
    GetQueueResult: { type: 'structure', members: { Queue: { shape: 'Queue' } } },
    ListQueuesRequest: { type: 'structure', members: { Prefix: { shape: 'String' }, Tags: { shape: 'StringList' }, NextToken: { shape: 'String' }, MaxResults: { shape: 'Integer' } } },
    ListQueuesResult: { type: 'structure', members: { Queues: { shape: 'QueueList' }, NextToken: { shape: 'String' } } },
    SendRequest: { type: 'structure', members: { QueueUrl: { shape: 'String' }, Body: { shape: 'String' }, Kind: { shape: 'String' }, Owner: { shape: 'String' } } },
    SendResult: { type: 'structure', members: { MessageId: { shape: 'String' } } },
    Entry: { type: 'structure', members: { Id: { shape: 'String' }, Url: { shape: 'String' } } },
    Entries: { type: 'list', member: { shape: 'Entry' } },
    DeleteRequest: { type: 'structure', members: { Entries: { shape: 'Entries' }, Force: { shape: 'String' } } },
  },
} as unknown as RawServiceModel;

export const RESOURCE_MODEL: RawResourceDocument = {
  service: {
    actions: {
      GetQueue: {
        request: { operation: 'GetQueue' },
        resource: { type: 'Queue', identifiers: [{ target: 'Url', source: 'requestParameter', path: 'QueueUrl' }], path: 'Queue' },
      },
    },
    has: { Queue: { resource: { type: 'Queue', identifiers: [{ target: 'Url', source: 'input' }] } } },
    hasMany: {
      Queues: {
        request: { operation: 'ListQueues', params: [{ target: 'Tags[]', source: 'string', value: 'base' }] },
        resource: { type: 'Queue', identifiers: [{ target: 'Url', source: 'response', path: 'Queues[].Url' }], path: 'Queues[]' },
      },
      AllQueues: {
        request: { operation: 'ListAll' },
        resource: { type: 'Queue', identifiers: [{ target: 'Url', source: 'response', path: 'Queues[].Url' }], path: 'Queues[]' },
      },
    },
  },
  resources: {
    Queue: {
      identifiers: [{ name: 'Url', memberName: 'Url' }],
      shape: 'Queue',
      load: { request: { operation: 'GetQueue', params: [{ target: 'QueueUrl', source: 'identifier', name: 'Url' }] }, path: 'Queue' },
      actions: {
        SendMessage: {
          request: {
            operation: 'SendMessage',
            params: [
              { target: 'QueueUrl', source: 'identifier', name: 'Url' },
              { target: 'Kind', source: 'string', value: 'text' },
              { target: 'Owner', source: 'data', path: 'OwnerId' },
            ],
          },
          path: 'MessageId',
        },
        Purge: { request: { operation: 'Purge', params: [{ target: 'QueueUrl', source: 'identifier', name: 'Url' }] } },
      },
      batchActions: {
        Delete: {
          request: {
            operation: 'DeleteMessages',
            params: [
              { target: 'Entries[*].Id', source: 'identifier', name: 'Url' },
              { target: 'Entries[*].Url', source: 'data', path: 'QueueName' },
            ],
          },
        },
      },
      has: {
        Owner: { resource: { type: 'Owner', identifiers: [{ target: 'Id', source: 'data', path: 'OwnerId' }] } },
        Self: { resource: { type: 'Queue', identifiers: [{ target: 'Url', source: 'identifier', name: 'Url' }] } },
      },
      waiters: { Exists: { waiterName: 'QueueExists', params: [{ target: 'QueueUrl', source: 'identifier', name: 'Url' }] } },
    },
    Owner: { identifiers: [{ name: 'Id' }] },
  },
};

export const PAGINATORS: Record<string, PaginatorSpec> = {
  ListQueues: { input_token: 'NextToken', output_token: 'NextToken', limit_key: 'MaxResults', result_key: 'Queues' },
};

export const WAITERS: Record<string, WaiterSpec> = {
  QueueExists: {
    operation: 'GetQueue',
    delay: 0,
    maxAttempts: 3,
    acceptors: [{ state: 'success', matcher: 'path', argument: 'Queue.Url', expected: 'u1' }],
  } as unknown as WaiterSpec,
};

export type Call = [string, Record<string, unknown>];

/**
 * A fake client: `responses[op]` is a queue of responses (the last one repeats). `options`
 * records the per-call options of the calls that had some, as [operation, options]. A call
 * with an aborted signal rejects with AbortError before it is recorded, as the client does.
 */
export function fakeClient(service: ServiceModel, responses: Record<string, Array<Record<string, unknown>>> = {}) {
  const calls: Call[] = [];
  const options: Array<[string, unknown]> = [];
  const queues = JSON.parse(JSON.stringify(responses)) as typeof responses;
  const call = (op: string) => async (params: Record<string, unknown> = {}, callOptions?: { abortSignal?: AbortSignal }) => {
    if (callOptions !== undefined) options.push([op, callOptions]);
    if (callOptions?.abortSignal?.aborted) throw new AbortError();
    calls.push([op, JSON.parse(JSON.stringify(params)) as Record<string, unknown>]);
    const queue = queues[op] ?? [{}];
    const r = queue.length > 1 ? queue.shift() : queue[0];
    return JSON.parse(JSON.stringify(r ?? {})) as Record<string, unknown>;
  };
  const client: Record<string, unknown> = {
    meta: { serviceModel: service, events: new HierarchicalEmitter(), methodToApiMapping: {} },
    canPaginate: (name: string) => Object.keys(PAGINATORS).some((p) => canonicalName(p) === name),
    getPaginator: (name: string) => {
      const op = Object.keys(PAGINATORS).find((p) => canonicalName(p) === name) as string;
      return new Paginator(op, PAGINATORS[op], call(op), service.operation(op).input);
    },
    getWaiter: (name: string) => {
      const w = Object.keys(WAITERS).find((p) => canonicalName(p) === name) as string;
      return new Waiter(w, WAITERS[w], call(WAITERS[w].operation));
    },
  };
  for (const op of service.operationNames) client[op] = call(op);
  return { client: client as unknown as Client, calls, options };
}

/** A factory and a service resource over the fake client. */
export function fakeResources(responses: Record<string, Array<Record<string, unknown>>> = {}, events?: HierarchicalEmitter, doc: RawResourceDocument = RESOURCE_MODEL) {
  const service = new ServiceModel(SERVICE_MODEL, 'fake');
  const { client, calls, options } = fakeClient(service, responses);
  const factory = new ResourceFactory({ serviceName: 'fake', serviceModel: service, document: doc, events });
  return { factory, service: factory.createServiceResource(client), calls, client, options };
}
