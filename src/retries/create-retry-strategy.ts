/**
 * createRetryStrategy: one RetryStrategy per client, chosen by `retries.mode` as botocore's
 * ClientCreator._register_retries does. The strategy owns the client's retry quota (standard,
 * adaptive) and rate limiter (adaptive), so it must not be shared between clients.
 */
import type * as AdaptiveModule from './adaptive';
import type * as LegacyModule from './legacy';
import { StandardRetryStrategy } from './standard';
import type { RetryMode, RetryStrategy, ServiceRetryChecks } from './retry-context';
import type { RetryClock } from './token-bucket';

export interface CreateRetryStrategyArgs {
  mode: RetryMode;
  /** Total attempts, the first included (botocore's total_max_attempts / AWS_MAX_ATTEMPTS). */
  totalMaxAttempts?: number;
  /** The service's endpointPrefix: the key of its _retry.json section (legacy mode). */
  serviceName: string;
  /** The service's own conditions for standard and adaptive modes (from its customization). */
  checks?: ServiceRetryChecks;
  /** Parsed _retry.json (legacy mode only). */
  retryData?: unknown;
  /** Source of jitter in [0, 1); Math.random by default. */
  random?: () => number;
  /** Time source for adaptive mode's rate limiter (tests). */
  clock?: RetryClock;
}

export function createRetryStrategy(args: CreateRetryStrategyArgs): RetryStrategy {
  const { mode, totalMaxAttempts, serviceName, checks, random } = args;
  if (totalMaxAttempts !== undefined && !(Number.isInteger(totalMaxAttempts) && totalMaxAttempts >= 1)) {
    throw new RangeError(`totalMaxAttempts must be an integer >= 1, got ${totalMaxAttempts}`);
  }
  switch (mode) {
    case 'standard':
      return new StandardRetryStrategy({ maxAttempts: totalMaxAttempts, checks, random });
    // The other modes' modules (rate limiter, _retry.json interpreter) load only when chosen.
    case 'adaptive': {
      const { AdaptiveRetryStrategy } = require('./adaptive') as typeof AdaptiveModule;
      return new AdaptiveRetryStrategy({ maxAttempts: totalMaxAttempts, checks, random, clock: args.clock });
    }
    case 'legacy': {
      const { LegacyRetryStrategy } = require('./legacy') as typeof LegacyModule;
      return new LegacyRetryStrategy({ retryData: args.retryData, serviceName, totalMaxAttempts, random });
    }
    default:
      throw new TypeError(`Invalid retry mode '${String(mode)}': use 'legacy', 'standard' or 'adaptive'`);
  }
}
