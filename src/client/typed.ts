/**
 * The generic parts of the client types `botojs types` generates (src/typegen/): declarations
 * only, nothing here exists at run time. A generated client interface extends ClientCore and
 * names its operations, paginators and waiters with these.
 *
 * TypedPaginator, TypedPageIterator and TypedWaiter extend the run-time classes' types, so a
 * generated client stays assignable to Client (a Stubber, a transfer's SourceClient, any
 * function written against the loose type all accept it).
 */
import type { Paginator, PaginationConfig } from '../paginate/paginator';
import type { PageIterator } from '../paginate/page-iterator';
import type { CallOptions } from '../pipeline/call-options';
import type { ResponseMetadata } from '../protocols/types';
import type { Waiter, WaiterConfig } from '../waiters/waiter';

/** Members every result carries besides the operation's output members. */
export type ResponseFields = { ResponseMetadata: ResponseMetadata };

/** What an operation method resolves to: the output shape plus ResponseMetadata. */
export type OperationResult<Output> = Output & ResponseFields;

/**
 * The arguments of a method taking `Params` then per-call options: the params may be left out
 * when no member of them is required.
 */
export type ParamsArgs<Params> = {} extends Params ? [params?: Params, options?: CallOptions] : [params: Params, options?: CallOptions]; // eslint-disable-line @typescript-eslint/ban-types -- `{} extends P` is the test for "every member optional"

/** A JSON document member (`document: true` shapes, JSON-valued headers). */
export type DocumentValue = string | number | boolean | null | DocumentValue[] | { [key: string]: DocumentValue };

/** An event stream output member: iterate it for `{ <EventName>: { ...members } }` events. */
export interface TypedEventStream<Event> extends AsyncIterable<Event> {
  /** Stops reading; the iteration ends. */
  close(): void;
}

/** A PageIterator whose pages are the operation's typed results. */
export interface TypedPageIterator<Output> extends PageIterator {
  [Symbol.asyncIterator](): AsyncIterator<OperationResult<Output>>;
}

/** A Paginator whose `paginate()` takes the operation's typed params. */
export interface TypedPaginator<Params, Output> extends Paginator {
  paginate(...args: ParamsArgs<Params & { PaginationConfig?: PaginationConfig }>): TypedPageIterator<Output>;
}

/**
 * A Waiter whose `wait()` takes the polled operation's typed params. It resolves to the
 * response that matched, which is an error response for waiters such as `objectNotExists`.
 */
export interface TypedWaiter<Params> extends Waiter {
  wait(...args: ParamsArgs<Params & { WaiterConfig?: WaiterConfig }>): Promise<Record<string, unknown>>;
}
