/**
 * The client: an ES Proxy over the service model. Any spelling of a member resolves to it, by
 * the one rule of src/util/spelling.ts: operations (`listObjectsV2`, `ListObjectsV2`,
 * `list_objects_v2` -> one cached async method) and every other member alike (`get_paginator`,
 * `generate_presigned_url`, `upload_file`, `waiter_names`, `Meta`). `Object.keys(client)` lists
 * the canonical operation names for REPL completion; `await client` is safe; an unknown name
 * throws a TypeError naming the service and the closest members, operations or not.
 * Customizations add aliases and remove operations per client (method-overrides.ts).
 */
import { inspect } from 'util';
import { unknownMemberError } from './unknown-operation';
import { isProbe, MemberIndex } from '../util/spelling';
import { methodResolver } from './method-overrides';
import type { ClientExtension, ClientMethods } from './method-overrides';
import { UnsupportedOperationError } from '../errors';
import type { ServiceModel } from '../models/service-model';
import type { ClientContext } from '../pipeline/context';
import { makeApiCall } from '../pipeline/make-api-call';
import { resolveCallOptions } from '../pipeline/abort-scope';
import type { CallOptions } from '../pipeline/call-options';
import type { ParsedResponse } from '../protocols/types';
import type { HierarchicalEmitter } from '../events/emitter';
import type { ResolvedConfig } from '../config/config-resolver';
import { buildExceptions, ClientErrorClass } from './exceptions';
import { tagOperationMethod } from './help';
import { presignExtension } from './presign';
import { paginatorsAndWaitersExtension } from '../paginate/client-extension';
import type { Paginator } from '../paginate/paginator';
import type { Waiter } from '../waiters/waiter';

export type OperationMethod = (params?: Record<string, unknown>, options?: CallOptions) => Promise<ParsedResponse & Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- results are model-shaped plain data; `any` lets users read members without casts

export interface ClientMeta {
  serviceName: string;
  regionName?: string;
  endpointUrl?: string;
  serviceModel: ServiceModel;
  config: ResolvedConfig;
  events: HierarchicalEmitter;
  /** canonical method name -> API operation name */
  methodToApiMapping: Record<string, string>;
  /** @internal the context calls run with */
  context: ClientContext;
}

export interface ClientBase {
  readonly meta: ClientMeta;
  readonly exceptions: Record<string, ClientErrorClass>;
  /** Closes pooled connections. */
  close(): void;
  /** Whether paginators-1.json has a paginator for the operation (any spelling). */
  canPaginate(operationName: string): boolean;
  /** A paginator for the operation: `.paginate(params, { abortSignal }?)` iterates pages lazily. */
  getPaginator(operationName: string): Paginator;
  /** A waiter from waiters-2.json: `.wait({ ...params, WaiterConfig }, { abortSignal }?)`. */
  getWaiter(waiterName: string): Waiter;
  /** Canonical waiter names (`objectExists`, `instanceRunning`, ...). */
  readonly waiterNames: string[];
  [extension: string]: unknown;
}

/** A client: the base members plus one async method per operation. */
export type Client = ClientBase & { [operation: string]: OperationMethod | unknown } & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- dynamic operation methods

/**
 * The members every client has besides its operations (generatePresignedUrl, paginators,
 * waiters). A service's own members come from its customization (ClientMethods.extensions).
 */
const BASE_EXTENSIONS: readonly ClientExtension[] = [presignExtension, paginatorsAndWaitersExtension];

export function buildClientProxy(ctx: ClientContext, info: { endpointUrl?: string; methods?: ClientMethods }): Client {
  const service = ctx.service;
  const index = service.operationIndex;
  const methods = new Map<string, OperationMethod>();
  const mapping: Record<string, string> = {};
  const names = service.operationNames;
  // Customizations' aliases and removed operations (method-overrides.ts) apply to every lookup.
  const lookup = methodResolver(index, info.methods);
  const removed = info.methods?.removed ?? {};
  const listed = index.canonical.filter((_, i) => !Object.prototype.hasOwnProperty.call(removed, names[i]));
  // botocore keeps removed methods in meta.method_to_api_mapping, and so does botojs.
  index.canonical.forEach((canon, i) => (mapping[canon] = names[i]));

  const methodFor = (opName: string): OperationMethod => {
    let m = methods.get(opName);
    if (!m) {
      const op = service.operation(opName);
      m = async (params?: Record<string, unknown>, options?: CallOptions) => makeApiCall(ctx, op, params, resolveCallOptions(options)) as ReturnType<OperationMethod>;
      Object.defineProperty(m, 'name', { value: index.canonicalOf(opName) });
      tagOperationMethod(m, ctx.serviceName, op);
      methods.set(opName, m);
    }
    return m;
  };

  const meta: ClientMeta = {
    serviceName: ctx.serviceName,
    regionName: ctx.region,
    endpointUrl: info.endpointUrl,
    serviceModel: service,
    config: ctx.config,
    events: ctx.events,
    methodToApiMapping: mapping,
    context: ctx,
  };
  let exceptions: Record<string, ClientErrorClass> | undefined;
  const base: Record<string | symbol, unknown> = {
    meta,
    close: () => ctx.transport.close(),
    [inspect.custom]: () =>
      `<botojs.client.${ctx.serviceName} region=${ctx.region ?? 'none'}${info.endpointUrl ? ` endpoint=${info.endpointUrl}` : ''} operations=${listed.length}>`,
  };
  Object.defineProperty(base, 'exceptions', { get: () => (exceptions ??= buildExceptions(service)), enumerable: false, configurable: true });

  // The members that are not operations (meta, close, getPaginator, uploadFile, ...), indexed on
  // first use and again after one is added (extensions add theirs after the proxy exists).
  let baseIndex: MemberIndex | undefined;
  const baseMember = (prop: string): string | undefined =>
    (baseIndex ??= new MemberIndex(Object.getOwnPropertyNames(base).filter((k) => /^[A-Za-z]/.test(k)))).resolve(prop);

  const proxy: Client = new Proxy(base, {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop, receiver);
      // A member's own name wins over an operation's, for other spellings as for exact ones.
      const member = baseMember(prop);
      if (member !== undefined) return Reflect.get(target, member, receiver);
      const found = lookup(prop);
      if (found?.kind === 'removed') throw new UnsupportedOperationError(ctx.serviceName, found.opName, found.reason);
      if (found) return methodFor(found.opName);
      if (isProbe(prop)) return undefined;
      throw unknownMemberError(ctx.serviceName, [...listed, ...(baseIndex as MemberIndex).names], prop);
    },
    has(target, prop) {
      return prop in target || (typeof prop === 'string' && (baseMember(prop) !== undefined || lookup(prop)?.kind === 'operation'));
    },
    defineProperty(target, prop, descriptor) {
      baseIndex = undefined;
      return Reflect.defineProperty(target, prop, descriptor);
    },
    ownKeys(target) {
      return [...listed, ...Reflect.ownKeys(target)];
    },
    getOwnPropertyDescriptor(target, prop) {
      if (typeof prop === 'string' && !(prop in target)) {
        const found = lookup(prop);
        if (found?.kind === 'operation') return { configurable: true, enumerable: true, writable: false, value: methodFor(found.opName) };
        return undefined;
      }
      const d = Reflect.getOwnPropertyDescriptor(target, prop);
      if (d) d.enumerable = false;
      return d ? { ...d, configurable: true } : undefined;
    },
    set(target, prop, value) {
      // Users and tests may attach helpers; operation names stay reserved.
      if (typeof prop === 'string' && lookup(prop)) throw new TypeError(`Cannot overwrite operation '${prop}'`);
      target[prop] = value;
      baseIndex = undefined;
      return true;
    },
  }) as Client;

  for (const ext of [...BASE_EXTENSIONS, ...(info.methods?.extensions ?? [])]) {
    for (const [k, v] of Object.entries(ext(ctx, proxy))) base[k] = v;
  }
  baseIndex = undefined;
  return proxy;
}
