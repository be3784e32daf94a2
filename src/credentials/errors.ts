/**
 * Errors the credential providers raise. Each names the provider or profile and what is wrong,
 * and never carries a secret, a token or a process's stdout (which holds the keys).
 */
import { BotojsError } from '../errors';

/** A provider was configured but could not produce credentials (its message says why). */
export class CredentialRetrievalError extends BotojsError {
  constructor(readonly provider: string, detail: string, options?: { cause?: unknown }) {
    super(`Error when retrieving credentials from ${provider}: ${detail}`, options);
  }
}

/** The shared config asks for something impossible (both source_profile and credential_source, ...). */
export class InvalidConfigError extends BotojsError {}

/** `source_profile` references form a cycle. */
export class InfiniteLoopConfigError extends InvalidConfigError {
  constructor(readonly sourceProfile: string, readonly visitedProfiles: string[]) {
    super(
      `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceProfile} which has already been visited. Visited profiles: ${visitedProfiles.join(', ')}`,
    );
  }
}

/** The profile needs an MFA code and no `mfaCodeProvider` was given to the Session. */
export class MfaRequiredError extends BotojsError {}

/** No usable SSO token in ~/.aws/sso/cache (never logged in, or expired and not refreshable). */
export class SSOTokenLoadError extends BotojsError {}

/**
 * A bearer token provider could not produce a valid token (botocore's TokenRetrievalError). The
 * only such provider is the SSO one, so it is also an SSOTokenLoadError: callers that catch that
 * for "log in again" catch this too.
 */
export class TokenRetrievalError extends SSOTokenLoadError {
  constructor(readonly provider: string, detail: string, options?: { cause?: unknown }) {
    super(`Error when retrieving token from ${provider}: ${detail}`, options);
  }
}

/** The SSO token was rejected or has expired: the user must log in again. */
export class UnauthorizedSSOTokenError extends BotojsError {}

/** `botojs sso login`: the device code expired (SSO OIDC ExpiredTokenException) before the user signed in. */
export class PendingAuthorizationExpiredError extends BotojsError {
  constructor(message = 'The sign-in request expired before it was approved in the browser: run the login again to get a new code.') {
    super(message);
  }
}

/** The instance metadata service or container endpoint failed. */
export class MetadataRetrievalError extends BotojsError {}
