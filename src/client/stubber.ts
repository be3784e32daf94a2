/**
 * Stubber: queue canned responses and errors on a client, for tests (botocore.stub.Stubber).
 *
 * While active, every call takes the next queued entry instead of going to the network: the
 * operation must match, the parameters must equal `expectedParams` when given (`ANY` matches any
 * value), and queued responses are validated against the operation's output shape when added.
 */
import { isDeepStrictEqual } from 'util';
import { ParamValidationError, StubAssertionError, StubResponseError, UnStubbedResponseError } from '../errors';
import type { EventHandler } from '../events/emitter';
import { closeMatches } from '../models/naming';
import { clip } from '../util/excerpt';
import { isPlainObject } from '../util/objects';
import type { OperationModel } from '../models/service-model';
import type { ParsedResponse } from '../protocols/types';
import { validateParams } from '../validate/validate';
import type { Client } from './proxy';

/** Matches any value of a top-level expected parameter. */
export const ANY: unique symbol = Symbol('botojs.stub.ANY');

interface Queued {
  operationName: string;
  response: ParsedResponse;
  expectedParams?: Record<string, unknown>;
}

export interface ClientErrorStub {
  serviceErrorCode?: string;
  serviceMessage?: string;
  httpStatusCode?: number;
  /** Extra keys for `Error`. */
  serviceErrorMeta?: Record<string, unknown>;
  expectedParams?: Record<string, unknown>;
  /** Extra keys for `ResponseMetadata`. */
  responseMeta?: Record<string, unknown>;
  /** Members of the modeled error shape, validated against it. */
  modeledFields?: Record<string, unknown>;
}

export class Stubber {
  private readonly queue: Queued[] = [];
  private active = false;
  private readonly eventId: string;
  private readonly assertParams: EventHandler;
  private readonly respond: EventHandler;

  constructor(readonly client: Client) {
    this.eventId = client.meta.context.eventServiceId;
    this.assertParams = (p) => this.checkCall(p.operation as OperationModel, p.params as Record<string, unknown>);
    this.respond = () => this.next();
  }

  /** Starts answering this client's calls from the queue. */
  activate(): this {
    if (this.active) return this;
    const ev = this.client.meta.events;
    ev.register(`before-parameter-build.${this.eventId}`, this.assertParams, { first: true });
    ev.register(`before-call.${this.eventId}`, this.respond, { first: true });
    this.active = true;
    return this;
  }

  /** Lets calls go to the network again. */
  deactivate(): this {
    const ev = this.client.meta.events;
    ev.unregister(`before-parameter-build.${this.eventId}`, this.assertParams);
    ev.unregister(`before-call.${this.eventId}`, this.respond);
    this.active = false;
    return this;
  }

  /** Queues a successful response for `method` (any spelling), validated against the model. */
  addResponse(method: string, serviceResponse: Record<string, unknown>, expectedParams?: Record<string, unknown>): this {
    const op = this.operation(method);
    const { ResponseMetadata, ...members } = serviceResponse as Record<string, unknown> & { ResponseMetadata?: Record<string, unknown> };
    const problems = validateParams(members, op.output, 'response');
    if (problems.length) throw new ParamValidationError(problems);
    this.queue.push({
      operationName: op.name,
      response: { ...members, ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {}, RetryAttempts: 0, ...(ResponseMetadata ?? {}) } } as ParsedResponse,
      expectedParams,
    });
    return this;
  }

  /** Queues an error response; the call rejects with the matching `client.exceptions` class. */
  addClientError(method: string, error: ClientErrorStub = {}): this {
    const op = this.operation(method);
    const code = error.serviceErrorCode ?? '';
    const response: ParsedResponse = {
      Error: { Code: code, Message: error.serviceMessage ?? '', ...(error.serviceErrorMeta ?? {}) },
      ResponseMetadata: { HTTPStatusCode: error.httpStatusCode ?? 400, HTTPHeaders: {}, RetryAttempts: 0, ...(error.responseMeta ?? {}) },
    };
    if (error.modeledFields) {
      const shape = this.client.meta.serviceModel.errorShapes.get(code);
      const problems = validateParams(error.modeledFields, shape, 'modeledFields');
      if (problems.length) throw new ParamValidationError(problems);
      Object.assign(response, error.modeledFields);
    }
    this.queue.push({ operationName: op.name, response, expectedParams: error.expectedParams });
    return this;
  }

  /** Throws unless every queued response was used. */
  assertNoPendingResponses(): void {
    if (this.queue.length) throw new Error(`${this.queue.length} responses remaining in queue.`);
  }

  private operation(method: string): OperationModel {
    const model = this.client.meta.serviceModel;
    const name = model.operationIndex.resolve(method);
    if (!name) {
      const close = closeMatches(method, model.operationIndex.canonical, 3);
      throw new TypeError(`Client ${model.serviceName} does not have method: ${clip(String(method))}${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`);
    }
    return model.operation(name);
  }

  private checkCall(op: OperationModel, params: Record<string, unknown>): void {
    const head = this.queue[0];
    if (!head) {
      throw new UnStubbedResponseError(`Error getting response stub for operation ${op.name}: Unexpected API Call: A call was made but no additional calls expected. Either the API Call was not stubbed or it was called multiple times.`);
    }
    if (head.operationName !== op.name) {
      throw new StubResponseError(`Error getting response stub for operation ${op.name}: Operation mismatch: found response for ${head.operationName}.`);
    }
    const expected = head.expectedParams;
    if (!expected) return;
    const keys = new Set([...Object.keys(expected), ...Object.keys(params).filter((k) => params[k] !== undefined)]);
    for (const k of keys) {
      if (expected[k] === ANY && k in params) continue;
      if (!isDeepStrictEqual(expected[k], params[k])) {
        throw new StubAssertionError(`Error getting response stub for operation ${op.name}: Expected parameters:\n${showParams(expected)},\nbut received:\n${showParams(params)}`);
      }
    }
  }

  private next(): ParsedResponse {
    const head = this.queue.shift();
    if (!head) throw new UnStubbedResponseError('Unexpected API Call: no stubbed response left');
    // A fresh copy each time: callers may mutate results.
    return copyPlain(head.response) as ParsedResponse;
  }
}

/** Copies arrays and plain objects; Dates, Buffers and streams are handed out as queued. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyPlain(v);
    return out;
  }
  return value;
}

/** Params as JSON for an assertion message; bigints (DynamoDB numbers) and Buffers shown readably. */
function showParams(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
