/**
 * botocore's legacy retry mode, driven by _retry.json (botocore/translate.py and
 * retryhandler.py): the `__default__` policies, with the service's own section (keyed by
 * endpointPrefix, `$ref`s resolved against `definitions`) deep-merged over them.
 *
 *   delay = base * growth_factor ** (attempt - 1), base `rand` = random() (no cap)
 *   stop  = at max_attempts total attempts (5 by default, 10 for DynamoDB)
 *
 * Like botocore, operation-level sections are looked up under the endpoint prefix (botocore
 * passes endpoint_prefix as the operation name), so in practice only service sections apply.
 */
import { ConnectionClosedError, EndpointConnectionError, ReadTimeoutError } from '../errors';
import { crc32Mismatch, crc32MismatchError, errorCodeOf, statusCodeOf } from './retry-conditions';
import { markResponse } from './retry-context';
import type { RetryContext, RetryMode, RetryStrategy } from './retry-context';
import { isRecord, mergeDicts } from '../util/objects';

type Json = Record<string, unknown>;

/** One policy's test: a response status (and code), a CRC32 header, or socket errors. */
export type LegacyChecker =
  | { kind: 'status'; status: number }
  | { kind: 'code'; status: number; code: string }
  | { kind: 'crc32'; header: string }
  | { kind: 'socket' };

export interface LegacyRetryConfig {
  maxAttempts: number;
  base: number | 'rand';
  growthFactor: number;
  checkers: LegacyChecker[];
}


/** translate.resolve_references: replaces every `{"$ref": name}` with the definition (in place). */
function resolveReferences(config: Json, definitions: Json): void {
  for (const [key, value] of Object.entries(config)) {
    if (!isRecord(value)) continue;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$ref') config[key] = definitions[String(value.$ref)];
    else resolveReferences(value, definitions);
  }
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * translate.build_retry_config: the merged retry config for one service. `totalMaxAttempts`
 * (a client setting) replaces `__default__.max_attempts`.
 */
export function buildLegacyConfig(retryData: unknown, endpointPrefix: string, totalMaxAttempts?: number): Json {
  const data = isRecord(retryData) ? retryData : {};
  const model = isRecord(data.retry) ? data.retry : {};
  const definitions = isRecord(data.definitions) ? clone(data.definitions) : {};
  const serviceConfig: Json = isRecord(model[endpointPrefix]) ? clone(model[endpointPrefix] as Json) : {};
  resolveReferences(serviceConfig, definitions);
  const config: Json = { __default__: isRecord(model.__default__) ? clone(model.__default__) : {} };
  resolveReferences(config, definitions);
  mergeDicts(config, serviceConfig);
  if (totalMaxAttempts !== undefined) (config.__default__ as Json).max_attempts = totalMaxAttempts;
  return config;
}

function checkerFor(policy: unknown): LegacyChecker {
  const appliesWhen = isRecord(policy) && isRecord(policy.applies_when) ? policy.applies_when : {};
  if (isRecord(appliesWhen.response)) {
    const r = appliesWhen.response;
    if (typeof r.service_error_code === 'string') return { kind: 'code', status: Number(r.http_status_code), code: r.service_error_code };
    if (r.http_status_code !== undefined) return { kind: 'status', status: Number(r.http_status_code) };
    if (typeof r.crc32body === 'string') return { kind: 'crc32', header: r.crc32body.toLowerCase() };
    throw new Error('Unknown retry policy');
  }
  if (appliesWhen.socket_errors !== undefined) return { kind: 'socket' };
  throw new Error('Unknown retry policy');
}

/** retryhandler.create_checker_from_retry_config + create_retry_action_from_config. */
export function compileLegacyConfig(config: Json, operationKey: string): LegacyRetryConfig {
  const defaults = isRecord(config.__default__) ? config.__default__ : {};
  const checkers: LegacyChecker[] = [];
  for (const policy of Object.values(isRecord(defaults.policies) ? defaults.policies : {})) checkers.push(checkerFor(policy));
  const op = config[operationKey];
  if (isRecord(op) && isRecord(op.policies)) {
    for (const policy of Object.values(op.policies)) checkers.push(checkerFor(policy));
  }
  const delay = isRecord(defaults.delay) ? defaults.delay : {};
  const base = delay.base === 'rand' || delay.base === undefined ? 'rand' : Number(delay.base);
  if (base !== 'rand' && !(base > 0)) throw new Error(`The 'base' param must be greater than 0, got: ${String(delay.base)}`);
  return {
    maxAttempts: Number(defaults.max_attempts ?? 5),
    base,
    growthFactor: Number(delay.growth_factor ?? 2),
    checkers,
  };
}

/** GENERAL_CONNECTION_ERROR in retryhandler.EXCEPTION_MAP (ConnectTimeoutError is an EndpointConnectionError). */
function isGeneralConnectionError(err: Error): boolean {
  return err instanceof EndpointConnectionError || err instanceof ConnectionClosedError || err instanceof ReadTimeoutError;
}

export class LegacyRetryStrategy implements RetryStrategy {
  readonly mode: RetryMode = 'legacy';
  readonly config: LegacyRetryConfig;
  private readonly random: () => number;
  private readonly retriesSocketErrors: boolean;
  private readonly retriesChecksumErrors: boolean;

  constructor(opts: { retryData: unknown; serviceName: string; totalMaxAttempts?: number; random?: () => number }) {
    const merged = buildLegacyConfig(opts.retryData, opts.serviceName, opts.totalMaxAttempts);
    this.config = compileLegacyConfig(merged, opts.serviceName);
    this.random = opts.random ?? Math.random;
    // botocore catches these only through a MultiChecker, i.e. with more than one policy.
    const multi = this.config.checkers.length !== 1;
    this.retriesSocketErrors = multi && this.config.checkers.some((c) => c.kind === 'socket');
    this.retriesChecksumErrors = multi && this.config.checkers.some((c) => c.kind === 'crc32');
  }

  get maxAttempts(): number {
    return this.config.maxAttempts;
  }

  decide(ctx: RetryContext): number | null {
    const underMax = ctx.attempt < this.config.maxAttempts;
    if (ctx.error) {
      // A body that did not parse (the response is there, its parse failed) may have been
      // damaged in transit: the CRC32 policy sees it first, as it would an intact-looking one.
      // botocore never gets that far (the parse error ends the call); a retry is what it means.
      const damaged = ctx.httpResponse && this.config.checkers.some((c) => c.kind === 'crc32' && this.crc32Fails(ctx, c.header, underMax));
      if (damaged) return this.delay(ctx.attempt);
      // A non-retryable error propagates; so does any error once attempts run out.
      const retry = underMax && this.retriesSocketErrors && isGeneralConnectionError(ctx.error);
      return retry ? this.delay(ctx.attempt) : null;
    }
    if (!this.matchesResponse(ctx, underMax)) return null;
    if (!underMax) {
      markResponse(ctx, 'MaxAttemptsReached');
      return null;
    }
    return this.delay(ctx.attempt);
  }

  private matchesResponse(ctx: RetryContext, underMax: boolean): boolean {
    const status = statusCodeOf(ctx);
    for (const checker of this.config.checkers) {
      switch (checker.kind) {
        case 'status':
          if (status === checker.status) return true;
          break;
        case 'code':
          if (status === checker.status && errorCodeOf(ctx) === checker.code) return true;
          break;
        case 'crc32':
          if (this.crc32Fails(ctx, checker.header, underMax)) return true;
          break;
        case 'socket':
          break;
      }
    }
    return false;
  }

  /**
   * True when the body's CRC32 does not match `header` and that will be retried. botocore raises
   * ChecksumError from the check; it is retried while attempts remain (through a MultiChecker),
   * else it propagates.
   */
  private crc32Fails(ctx: RetryContext, header: string, underMax: boolean): boolean {
    const mismatch = crc32Mismatch(ctx, header);
    if (!mismatch) return false;
    if (underMax && this.retriesChecksumErrors) return true;
    throw crc32MismatchError(mismatch);
  }

  /** retryhandler.delay_exponential. */
  delay(attempt: number): number {
    const base = this.config.base === 'rand' ? this.random() : this.config.base;
    return base * this.config.growthFactor ** (attempt - 1);
  }

  onSuccess(): void {
    // Legacy mode has no retry quota.
  }

  acquireSendToken(): Promise<void> | undefined {
    return undefined;
  }
}
