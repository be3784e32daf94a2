/**
 * Paginator: one operation's entry in paginators-1.json, bound to a way of calling the
 * operation. `paginate(params)` splits off PaginationConfig and returns a lazy PageIterator.
 * Members resolve in any spelling (src/util/spelling.ts), as the client's do.
 */
import { inspect } from 'util';
import type { Shape } from '../models/shape';
import { resolveCallOptions } from '../pipeline/abort-scope';
import type { CallOptions } from '../pipeline/call-options';
import { PaginationError } from './errors';
import { parseExpression } from './expression';
import { CallOperation, PageIterator } from './page-iterator';
import { withForgivingMembers } from '../util/spelling';

/** One paginator as paginators-1.json writes it. */
export interface PaginatorSpec {
  input_token: string | string[];
  output_token: string | string[];
  more_results?: string;
  limit_key?: string;
  result_key?: string | string[];
  non_aggregate_keys?: string[];
}

/** The `PaginationConfig` param every paginate() call accepts. */
export interface PaginationConfig {
  /** Total items of the first result key to return; the last page is cut to fit. */
  MaxItems?: number;
  /** Items per request, sent as the operation's limit key. */
  PageSize?: number;
  /** A `resumeToken` (or a NextToken from buildFullResult) to continue from. */
  StartingToken?: string;
}

export type PaginateParams = Record<string, unknown> & { PaginationConfig?: PaginationConfig };

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export class Paginator {
  readonly inputTokens: string[];
  readonly outputTokens: string[];
  readonly resultKeys: string[];
  readonly nonAggregateKeys: string[];
  readonly limitKey?: string;
  readonly moreResults?: string;

  /**
   * @param operationName the API operation (`ListObjectsV2`)
   * @param spec its paginators-1.json entry; every expression is parsed here, so a bad model
   *   fails at getPaginator() rather than mid-iteration
   * @param call calls the operation
   * @param inputShape the operation's input, to send PageSize with the limit key's type
   */
  constructor(
    readonly operationName: string,
    spec: PaginatorSpec,
    private readonly call: CallOperation,
    private readonly inputShape?: Shape,
  ) {
    this.inputTokens = list(spec.input_token);
    this.outputTokens = list(spec.output_token);
    this.resultKeys = list(spec.result_key);
    this.nonAggregateKeys = [...(spec.non_aggregate_keys ?? [])];
    this.limitKey = spec.limit_key;
    this.moreResults = spec.more_results;
    for (const e of [...this.outputTokens, ...this.resultKeys, ...this.nonAggregateKeys]) parseExpression(e);
    if (this.moreResults !== undefined) parseExpression(this.moreResults);
    // boto3's spellings (`result_keys`) resolve too; a misspelling names the closest members.
    return withForgivingMembers(this, { strict: true, label: () => `'${operationName}' paginator` });
  }

  /**
   * Pages of the operation called with `params`. Nothing is sent until the result is iterated.
   * @param options `{ abortSignal }`: every page request carries it; once it fires the
   *   iteration rejects with AbortError and no further page is requested
   * @throws PaginationError for PageSize on an operation without a limit key, or a non-integer
   *   MaxItems; ParamValidationError for bad options
   */
  paginate(params: PaginateParams = {}, options?: CallOptions): PageIterator {
    const { abortSignal } = resolveCallOptions(options);
    const { PaginationConfig: config = {}, ...opParams } = params;
    let maxItems: number | undefined;
    if (config.MaxItems !== undefined && config.MaxItems !== null) {
      maxItems = Number(config.MaxItems);
      if (!Number.isInteger(maxItems) || maxItems < 0) {
        throw new PaginationError(`MaxItems must be a non-negative integer, got: ${String(config.MaxItems)}`);
      }
    }
    let pageSize: number | string | undefined;
    if (config.PageSize !== undefined && config.PageSize !== null) {
      if (this.limitKey === undefined) {
        throw new PaginationError('PageSize parameter is not supported for the pagination interface for this operation.');
      }
      // Some limit keys are strings in the model (e.g. Route 53's MaxItems).
      const isString = this.inputShape?.member(this.limitKey)?.type === 'string';
      pageSize = isString ? String(config.PageSize) : Number(config.PageSize);
      if (typeof pageSize === 'number' && !Number.isInteger(pageSize)) {
        throw new PaginationError(`PageSize must be an integer, got: ${String(config.PageSize)}`);
      }
    }
    return new PageIterator({
      operationName: this.operationName,
      call: this.call,
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      moreResults: this.moreResults,
      resultKeys: this.resultKeys,
      nonAggregateKeys: this.nonAggregateKeys,
      limitKey: this.limitKey,
      maxItems,
      startingToken: config.StartingToken ?? undefined,
      pageSize,
      params: opParams,
      signal: abortSignal,
    });
  }

  /** What the REPL echoes: the operation and what it collects, not the internals. */
  [inspect.custom](): string {
    return `Paginator(operation='${this.operationName}', resultKeys=[${this.resultKeys.map((k) => `'${k}'`).join(', ')}])`;
  }
}
