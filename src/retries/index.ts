/** Retry modes (standard, legacy, adaptive) and clock-skew correction; see retry-context.ts. */
export { createRetryStrategy } from './create-retry-strategy';
export type { CreateRetryStrategyArgs } from './create-retry-strategy';
export type { RetryCallState, RetryContext, RetryMode, RetryStrategy, ServiceRetryChecks } from './retry-context';
export { StandardRetryStrategy, STANDARD_DEFAULT_MAX_ATTEMPTS } from './standard';
export { LegacyRetryStrategy, buildLegacyConfig, compileLegacyConfig } from './legacy';
export { AdaptiveRetryStrategy, ClientRateLimiter, CubicCalculator, RateClocker } from './adaptive';
export { RetryQuota } from './retry-quota';
export { TokenBucket, systemClock } from './token-bucket';
export type { RetryClock } from './token-bucket';
export { ClockSkew, CLOCK_SKEW_ERROR_CODES, isClockSkewError } from './clock-skew';
export { THROTTLING_ERROR_CODES, TRANSIENT_ERROR_CODES, TRANSIENT_STATUS_CODES } from './retry-conditions';
