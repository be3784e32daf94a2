/**
 * PageIterator: the lazy result of `paginator.paginate(params)`. Nothing is sent until it is
 * iterated; each `for await` starts again from the first page (or the StartingToken).
 *
 * Semantics follow botocore's PageIterator exactly, because resume tokens cross between the two:
 * MaxItems counts items of the first result key and cuts the last page mid-way, leaving a resume
 * token `{ <input tokens of that page>, boto_truncate_amount: <items already handed out> }`;
 * resuming refetches that page and skips those items. Secondary result keys of a resumed first
 * page are emptied (numbers such as DynamoDB's Count are kept). A service that returns the same
 * token twice in a row raises PaginationError instead of looping forever.
 *
 * With an abortSignal (`paginate(params, { abortSignal })`) every page request carries it, and
 * once it fires the iteration (and so `search()` and `buildFullResult()`) rejects with
 * AbortError: a page in flight is cancelled and no further page is requested.
 *
 * `await pages.toArray()` (and `search(expr).toArray()`) is that iteration run to its end, with
 * the same MaxItems and signal. Members resolve in boto3's spellings too (`build_full_result`,
 * `resume_token`; src/util/spelling.ts).
 */
import { inspect } from 'util';
import type { CallOptions } from '../pipeline/call-options';
import { signalOptions } from '../pipeline/abort-scope';
import type { ParsedResponse } from '../protocols/types';
import { abortable, throwIfAborted } from '../util/abort';
import { PaginationError } from './errors';
import { isPlainObject, mergeDicts } from '../util/objects';
import { deepEqual, isTruthy, parseExpression, searchExpression, setValueAtPath } from './expression';
import { decodeToken, encodeToken } from './token-codec';
import { quoteExcerpt } from '../util/excerpt';
import { withForgivingMembers } from '../util/spelling';
import { collect, collectable, type CollectableGenerator } from '../util/to-array';

/**
 * Calls the operation with fully built params; ClientErrors propagate. `options` is passed only
 * when there is something in it (an abortSignal).
 */
export type CallOperation = (params: Record<string, unknown>, options?: CallOptions) => Promise<Record<string, unknown>>;

/** One page: the operation's parsed response, as the client method returns it. */
export type Page = ParsedResponse & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- model-shaped plain data, as OperationMethod returns

export interface PageIteratorSettings {
  /** The API operation (`ListObjectsV2`), for display only. */
  operationName?: string;
  call: CallOperation;
  inputTokens: string[];
  /** JMESPath expressions, one per input token, in the same order. */
  outputTokens: string[];
  moreResults?: string;
  /** JMESPath (dotted) expressions; the first counts toward MaxItems. */
  resultKeys: string[];
  nonAggregateKeys: string[];
  limitKey?: string;
  maxItems?: number;
  startingToken?: string;
  pageSize?: number | string;
  /** The operation's params, without PaginationConfig. Never mutated. */
  params: Record<string, unknown>;
  /** Cancels the iteration: each page request carries it. */
  signal?: AbortSignal;
}

type TokenMap = Record<string, unknown>;

/** Writes tokens into params; absent tokens (null, or botocore's legacy 'None') are removed. */
function injectToken(params: Record<string, unknown>, token: TokenMap): void {
  for (const [name, value] of Object.entries(token)) {
    if (value !== null && value !== undefined && value !== 'None') params[name] = value;
    else delete params[name];
  }
}

function lengthOf(value: unknown): number {
  if (Array.isArray(value) || typeof value === 'string') return value.length;
  return isPlainObject(value) ? Object.keys(value).length : 0;
}

export class PageIterator implements AsyncIterable<Page> {
  private resume: string | undefined;
  private nonAggregate: Record<string, unknown> = {};

  constructor(private readonly settings: PageIteratorSettings) {
    // Not strict: Node's stream helpers probe iterables for stream members (write, on, pipe).
    return withForgivingMembers(this, { strict: false, label: () => 'PageIterator' });
  }

  /**
   * Where to continue: set when MaxItems stopped the iteration (mid-page or on a page
   * boundary). Pass it back as `PaginationConfig.StartingToken`.
   */
  get resumeToken(): string | undefined {
    return this.resume;
  }

  /** The non_aggregate_keys values, read from the first page. */
  get nonAggregatePart(): Record<string, unknown> {
    return this.nonAggregate;
  }

  /** The result key expressions, first one primary. */
  get resultKeys(): string[] {
    return [...this.settings.resultKeys];
  }

  /** What the REPL echoes: the operation, its params and the PaginationConfig given, not the internals. */
  [inspect.custom](): string {
    const s = this.settings;
    const parts = [`operation='${s.operationName ?? '?'}'`, `params=${inspect(s.params, { depth: 3, breakLength: Infinity })}`];
    if (s.pageSize !== undefined) parts.push(`pageSize=${s.pageSize}`);
    if (s.maxItems !== undefined) parts.push(`maxItems=${s.maxItems}`);
    if (s.startingToken !== undefined) parts.push('startingToken');
    if (this.resume !== undefined) parts.push('resumeToken');
    if (s.signal) parts.push('abortSignal');
    return `PageIterator(${parts.join(', ')})`;
  }

  [Symbol.asyncIterator](): AsyncIterator<Page> {
    return this.pages();
  }

  /**
   * Every page, as `for await` yields them (MaxItems and the abortSignal apply).
   * @example const pages = await s3.getPaginator('listObjectsV2').paginate({ Bucket }).toArray()
   */
  toArray(): Promise<Page[]> {
    return collect(this);
  }

  /**
   * Applies a JMESPath expression to every page, yielding list results element by element and
   * other results as they are. Pages where the expression selects nothing yield nothing.
   * `toArray()` on the result collects every value.
   * @throws jmespath's ParserError at once when the expression does not parse
   */
  search(expression: string): CollectableGenerator<unknown> {
    parseExpression(expression);
    return collectable(this.searchPages(expression));
  }

  /**
   * Every page merged: result keys concatenated (numbers summed), plus NextToken when cut short.
   * Typed like a page (model-shaped data), so `full.Contents.length` compiles as `page.Contents` does.
   */
  async buildFullResult(): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- model-shaped plain data, as Page
    const complete: Record<string, unknown> = {};
    for await (const page of this) {
      for (const key of this.settings.resultKeys) {
        const value = searchExpression(page, key);
        if (value === null) continue;
        const existing = searchExpression(complete, key);
        if (existing === null) {
          setValueAtPath(complete, key, Array.isArray(value) ? [...value] : value);
        } else if (Array.isArray(value) && Array.isArray(existing)) {
          existing.push(...value);
        } else if (typeof value === 'number' && typeof existing === 'number') {
          setValueAtPath(complete, key, existing + value);
        } else if (typeof value === 'string' && typeof existing === 'string') {
          setValueAtPath(complete, key, existing + value);
        }
      }
    }
    mergeDicts(complete, structuredClone(this.nonAggregate));
    if (this.resume !== undefined) complete.NextToken = this.resume;
    return complete;
  }

  private async *searchPages(expression: string): AsyncGenerator<unknown, void, undefined> {
    const signal = this.settings.signal;
    for await (const page of this) {
      const result = searchExpression(page, expression);
      // An abort ends the search between two items, not only between two pages.
      const items = Array.isArray(result) ? result : result !== null ? [result] : [];
      for (const item of items) {
        throwIfAborted(signal);
        yield item;
      }
    }
  }

  private async *pages(): AsyncGenerator<Page, void, undefined> {
    const s = this.settings;
    this.resume = undefined;
    const params: Record<string, unknown> = { ...s.params };
    let currentToken: TokenMap = Object.fromEntries(s.inputTokens.map((k) => [k, null]));
    let startingTruncation = 0;
    if (s.startingToken !== undefined) {
      [currentToken, startingTruncation] = this.parseStartingToken(s.startingToken);
      injectToken(params, currentToken);
    }
    if (s.pageSize !== undefined && s.limitKey !== undefined) params[s.limitKey] = s.pageSize;

    const primary = s.resultKeys[0];
    let previousToken: TokenMap | undefined;
    let total = 0;
    let first = true;
    const options = signalOptions(s.signal);
    for (;;) {
      // Checked before each request: the consumer may have spent a long time on the last page.
      throwIfAborted(s.signal);
      // abortable: a hand-written CallOperation may ignore the options.
      const page = (await abortable(options ? s.call({ ...params }, options) : s.call({ ...params }), s.signal)) as Page;
      if (first) {
        if (s.startingToken !== undefined) this.skipResumedItems(page, startingTruncation);
        this.recordNonAggregate(page);
        first = false;
      } else {
        // Only the resumed first page was sliced on the left.
        startingTruncation = 0;
      }
      const items = primary === undefined ? null : searchExpression(page, primary);
      const count = lengthOf(items);
      const excess = s.maxItems === undefined ? 0 : total + count - s.maxItems;
      if (excess > 0 && primary !== undefined && (Array.isArray(items) || typeof items === 'string')) {
        const keep = count - excess;
        setValueAtPath(page, primary, items.slice(0, keep));
        // Counted from the page's real start, including the items a resume skipped.
        this.resume = encodeToken({ ...currentToken, boto_truncate_amount: keep + startingTruncation });
        yield page;
        return;
      }
      yield page;
      total += count;
      const nextToken = this.nextToken(page);
      if (Object.values(nextToken).every((v) => v === null)) return;
      if (s.maxItems !== undefined && total === s.maxItems) {
        // On a page boundary the service's own token is the resume point.
        this.resume = encodeToken(nextToken);
        return;
      }
      if (previousToken !== undefined && deepEqual(previousToken, nextToken)) {
        throw new PaginationError(`The same next token was received twice: ${JSON.stringify(nextToken)}`);
      }
      injectToken(params, nextToken);
      previousToken = nextToken;
      currentToken = nextToken;
    }
  }

  private nextToken(page: Page): TokenMap {
    const s = this.settings;
    if (s.moreResults !== undefined && !isTruthy(searchExpression(page, s.moreResults))) return {};
    const token: TokenMap = {};
    s.inputTokens.forEach((input, i) => {
      const expr = s.outputTokens[i];
      const value = expr === undefined ? null : searchExpression(page, expr);
      // Empty strings (and other falsy values) are no token at all.
      token[input] = isTruthy(value) ? value : null;
    });
    return token;
  }

  private recordNonAggregate(page: Page): void {
    const part: Record<string, unknown> = {};
    for (const key of this.settings.nonAggregateKeys) {
      const value = searchExpression(page, key);
      if (value !== null) setValueAtPath(part, key, value);
    }
    this.nonAggregate = part;
  }

  /** On a resumed first page: drop the items handed out before, and empty secondary keys. */
  private skipResumedItems(page: Page, skip: number): void {
    const [primary, ...secondary] = this.settings.resultKeys;
    if (primary === undefined) return;
    const all = searchExpression(page, primary);
    if (Array.isArray(all) || typeof all === 'string') setValueAtPath(page, primary, all.slice(skip));
    for (const key of secondary) {
      const sample = searchExpression(page, key);
      if (sample === null) continue;
      // They were already handed out with the page that was cut; numbers stay (server counts).
      const empty = Array.isArray(sample) ? [] : typeof sample === 'string' ? '' : typeof sample === 'number' ? sample : null;
      setValueAtPath(page, key, empty);
    }
  }

  /** [token map, items to skip]; accepts botocore tokens and the legacy `a___b___3` form. */
  private parseStartingToken(starting: string): [TokenMap, number] {
    let token: TokenMap;
    try {
      token = decodeToken(starting);
    } catch {
      return this.parseLegacyToken(starting);
    }
    let index = 0;
    if ('boto_truncate_amount' in token) {
      index = Number(token.boto_truncate_amount);
      delete token.boto_truncate_amount;
      if (!Number.isInteger(index) || index < 0) throw new PaginationError(`Bad starting token: ${quoteExcerpt(starting)}`);
    }
    return [token, index];
  }

  private parseLegacyToken(starting: string): [TokenMap, number] {
    const inputs = this.settings.inputTokens;
    let parts = starting.split('___');
    let index = 0;
    if (parts.length === inputs.length + 1) {
      const last = parts[parts.length - 1];
      if (/^\s*[+-]?\d+\s*$/.test(last)) {
        index = parseInt(last, 10);
        parts = parts.slice(0, -1);
      } else {
        // Not an old-style token: an opaque service token passed through.
        parts = [starting];
      }
    }
    if (parts.length > inputs.length) throw new PaginationError(`Bad starting token: ${quoteExcerpt(starting)}`);
    const token: TokenMap = {};
    inputs.forEach((name, i) => {
      const part = parts[i];
      token[name] = part === undefined || part === 'None' ? null : part;
    });
    return [token, index];
  }
}
