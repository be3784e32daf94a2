/**
 * The client members for paginators and waiters: `canPaginate(name)`, `getPaginator(name)`,
 * `getWaiter(name)` and `waiterNames`. paginators-1.json and waiters-2.json are read from the
 * session's loader on first use (for the client's apiVersion), never at client creation.
 * Operations are called through the client's own methods, so event handlers, retries and a
 * Stubber all apply to every page and every attempt.
 */
import { canonicalName, didYouMean } from '../models/naming';
import { nameExcerpt } from '../util/excerpt';
import { documentMethod } from '../util/method-docs';
import type { ClientContext } from '../pipeline/context';
import type { Waiter } from '../waiters/waiter';
import type * as WaiterModule from '../waiters/waiter';
import type { WaiterModel } from '../waiters/waiter-model';
import type * as WaiterModelModule from '../waiters/waiter-model';
import { OperationNotPageableError } from './errors';
import type { CallOperation } from './page-iterator';
import type { Paginator } from './paginator';
import type * as PaginatorModule from './paginator';
import type { PaginatorModel } from './paginator-model';
import type * as PaginatorModelModule from './paginator-model';

// Every client carries these members, but most programs never page or wait: the classes load
// on the first canPaginate/getPaginator/getWaiter/waiterNames.
const paginatorClasses = () => ({
  Paginator: (require('./paginator') as typeof PaginatorModule).Paginator,
  PaginatorModel: (require('./paginator-model') as typeof PaginatorModelModule).PaginatorModel,
});
const waiterClasses = () => ({
  Waiter: (require('../waiters/waiter') as typeof WaiterModule).Waiter,
  WaiterModel: (require('../waiters/waiter-model') as typeof WaiterModelModule).WaiterModel,
});

type ModelType = 'paginators-1' | 'waiters-2';

/** The model document for the client's service and apiVersion, or undefined when it has none. */
function loadModel(ctx: ClientContext, type: ModelType): unknown {
  const version = ctx.service.apiVersion;
  if (!ctx.loader.listApiVersions(ctx.serviceName, type).includes(version)) return undefined;
  return ctx.loader.loadServiceModel(ctx.serviceName, type, version);
}

/** One of the members every client has (BASE_EXTENSIONS, src/client/proxy.ts). */
export function paginatorsAndWaitersExtension(ctx: ClientContext, client: Record<string, unknown>): Record<string, unknown> {
  let paginatorModel: PaginatorModel | undefined;
  let waiterModel: WaiterModel | undefined;
  const paginators = new Map<string, Paginator>();
  const waiters = new Map<string, Waiter>();
  const pagination = () => (paginatorModel ??= new (paginatorClasses().PaginatorModel)(loadModel(ctx, 'paginators-1') ?? {}));
  const waiting = () => {
    if (!waiterModel) {
      const raw = loadModel(ctx, 'waiters-2');
      waiterModel = new (waiterClasses().WaiterModel)(raw ?? { version: 2, waiters: {} });
    }
    return waiterModel;
  };
  // Looked up per call, so wrappers installed on the client later still see every request.
  const caller = (operationName: string): CallOperation => {
    const method = canonicalName(operationName);
    return (params, options) => (client[method] as CallOperation)(params, options);
  };

  Object.defineProperty(client, 'waiterNames', {
    get: (): string[] => waiting().waiterNames,
    enumerable: false,
    configurable: true,
  });

  const methods = {
    /** Whether `getPaginator(operationName)` would succeed; any spelling of the name. */
    canPaginate(operationName: string): boolean {
      const op = pagination().resolve(operationName);
      return op !== undefined && ctx.service.hasOperation(op);
    },

    /**
     * The paginator of an operation (`listObjectsV2`, any spelling).
     * @throws OperationNotPageableError when paginators-1.json has none for it
     */
    getPaginator(operationName: string): Paginator {
      const model = pagination();
      const op = model.resolve(operationName);
      const spec = op === undefined ? undefined : model.spec(op);
      if (op === undefined || spec === undefined || !ctx.service.hasOperation(op)) throw new OperationNotPageableError(operationName);
      let paginator = paginators.get(op);
      if (!paginator) {
        paginator = new (paginatorClasses().Paginator)(op, spec, caller(op), ctx.service.operation(op).input);
        paginators.set(op, paginator);
      }
      return paginator;
    },

    /**
     * A waiter by name (`objectExists`, any spelling); see `waiterNames`.
     * @throws TypeError naming close matches when the service has no such waiter
     */
    getWaiter(waiterName: string): Waiter {
      const model = waiting();
      const name = model.resolve(waiterName);
      const spec = name === undefined ? undefined : model.spec(name);
      if (name === undefined || spec === undefined) {
        const hint = model.waiterNames.length ? didYouMean(waiterName, model.waiterNames) : ' It has no waiters.';
        throw new TypeError(`'${ctx.serviceName}' client has no waiter ${nameExcerpt(String(waiterName))}.${hint}`);
      }
      let waiter = waiters.get(name);
      if (!waiter) {
        waiter = new (waiterClasses().Waiter)(name, spec, caller(spec.operation));
        waiters.set(name, waiter);
      }
      return waiter;
    },
  };
  documentMethod(methods.canPaginate, () => "client.canPaginate(operationName) -> boolean\n  Whether the operation has a paginator (paginators-1.json); any spelling of the name.");
  documentMethod(methods.getPaginator, () =>
    [
      'client.getPaginator(operationName) -> Paginator',
      '  paginator.paginate({ ...params, PaginationConfig?: { MaxItems, PageSize, StartingToken } }, { abortSignal }?)',
      '  is an async iterable of pages, fetched lazily: for await (const page of ...) { ... }.',
      "  Also .search('Contents[].Key') (JMESPath over every page) and .buildFullResult().",
    ].join('\n'),
  );
  documentMethod(methods.getWaiter, () =>
    [
      'client.getWaiter(waiterName) -> Waiter   (client.waiterNames lists them)',
      '  await waiter.wait({ ...params, WaiterConfig?: { Delay, MaxAttempts } }, { abortSignal }?) polls until',
      '  the resource is in the state; WaiterError on failure or after MaxAttempts.',
    ].join('\n'),
  );
  return methods;
}
