/**
 * SSO access tokens, as botocore's SSOTokenLoader and SSOTokenProvider.
 *
 * `aws sso login` writes `~/.aws/sso/cache/<sha1>.json`, keyed by the sso-session name (or, for
 * legacy profiles, the start URL). The token in memory follows botocore's DeferredRefreshableToken
 * rules (RefreshableValue in refreshable.ts: advisory / mandatory windows, single flight, at most
 * one refresh attempt a minute). A refresh re-reads the cache file (another process may have
 * renewed it) and, if that token is inside the advisory window too, trades the refresh token for
 * a new one through SSO OIDC CreateToken while the client registration is valid, writing it back.
 * The same token serves SSO credentials and bearer-auth services.
 */
import { createHash } from 'crypto';
import fs = require('fs');
import path = require('path');
import { ClientError } from '../errors';
import type { ProfileData } from '../config/config-files';
import { CredentialContext, homeDir, profileData, profileString, toDate } from './context';
import { InvalidConfigError, SSOTokenLoadError, TokenRetrievalError } from './errors';
import { ADVISORY_REFRESH_SECONDS, expiresWithin, RefreshableValue } from './refreshable';
import { formatIso8601 } from '../util/iso8601';
import { jsonText } from '../util/json-text';

/** botocore's DeferredRefreshableToken._attempt_timeout: at most one refresh attempt per minute. */
export const SSO_TOKEN_ATTEMPT_INTERVAL_SECONDS = 60;

/** The cache directory for SSO tokens in this environment's home. */
export function ssoCacheDir(env: NodeJS.ProcessEnv): string {
  return path.join(homeDir(env), '.aws', 'sso', 'cache');
}

/** botocore's cache key: sha1 of the sso-session name, or of the start URL for legacy profiles. */
export function ssoCacheKey(startUrl: string, sessionName?: string): string {
  return createHash('sha1').update(sessionName ?? startUrl, 'utf8').digest('hex');
}

/** One cached token file's content (camelCase, as the AWS CLI writes it). */
export interface SsoTokenFile {
  accessToken: string;
  expiresAt: string;
  startUrl?: string;
  region?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  [k: string]: unknown;
}

export function loginHint(profileName: string): string {
  return `To refresh this SSO session run: aws sso login --profile ${profileName} (or: npx botojs sso login --profile ${profileName})`;
}

export function readSsoToken(env: NodeJS.ProcessEnv, startUrl: string, sessionName: string | undefined, profileName: string): SsoTokenFile {
  const file = path.join(ssoCacheDir(env), `${ssoCacheKey(startUrl, sessionName)}.json`);
  const name = sessionName ?? startUrl;
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new SSOTokenLoadError(`${missing ? `Token for ${name} does not exist` : `Token for ${name} is unreadable (${file})`}. ${loginHint(profileName)}`);
  }
  const t = doc as Partial<SsoTokenFile>;
  if (typeof t.accessToken !== 'string' || typeof t.expiresAt !== 'string') {
    throw new SSOTokenLoadError(`Token for ${name} is invalid (${file}). ${loginHint(profileName)}`);
  }
  return t as SsoTokenFile;
}

export function writeSsoToken(env: NodeJS.ProcessEnv, startUrl: string, sessionName: string | undefined, token: SsoTokenFile): void {
  writeSsoCacheFile(env, ssoCacheKey(startUrl, sessionName), token);
}

/** The path of `<key>.json` in the SSO cache folder (tokens, and `sso login`'s client registrations). */
export function ssoCacheFile(env: NodeJS.ProcessEnv, key: string): string {
  return path.join(ssoCacheDir(env), `${key}.json`);
}

/**
 * Writes `<key>.json` in the SSO cache folder as the AWS CLI does: json.dumps's text, owner-only.
 * Through a temporary file renamed over it, so another process (or the CLI) reading the token
 * never sees it half-written, and a crash leaves the old token.
 */
export function writeSsoCacheFile(env: NodeJS.ProcessEnv, key: string, value: unknown): void {
  fs.mkdirSync(ssoCacheDir(env), { recursive: true, mode: 0o700 });
  const file = ssoCacheFile(env, key);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, jsonText(value), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

export interface SsoSessionConfig {
  sessionName: string;
  startUrl: string;
  region: string;
}

/** The `[sso-session x]` a profile names, or undefined for a profile without `sso_session`. */
export function ssoSessionConfig(profileName: string, profile: ProfileData | undefined, sessions: Record<string, ProfileData>): SsoSessionConfig | undefined {
  const sessionName = profileString(profile, 'sso_session');
  if (!sessionName) return undefined;
  const s = sessions[sessionName];
  if (!s) {
    throw new InvalidConfigError(`The profile "${profileName}" is configured to use the SSO token provider but the "${sessionName}" sso_session configuration does not exist.`);
  }
  const missing = ['sso_start_url', 'sso_region'].filter((k) => profileString(s, k) === undefined);
  if (missing.length) {
    throw new InvalidConfigError(`The profile "${profileName}" is configured to use the SSO token provider but is missing the following configuration: ${missing.join(', ')}.`);
  }
  return { sessionName, startUrl: profileString(s, 'sso_start_url')!, region: profileString(s, 'sso_region')! };
}

export interface FrozenToken {
  token: string;
  expiration?: Date;
}

export interface SsoTokenProviderOptions {
  /** Told when a refresh failed and the token in hand stays in use (botocore logs these). */
  onRefreshFailure?: (err: unknown) => void;
}

/** Bearer tokens for a profile with `sso_session`, refreshed by botocore's DeferredRefreshableToken rules. */
export class SsoTokenProvider {
  readonly method = 'sso';
  private tokens?: RefreshableValue<FrozenToken>;

  constructor(
    private readonly ctx: CredentialContext,
    private readonly profileName: string,
    private readonly options: SsoTokenProviderOptions = {},
  ) {}

  private now(): Date {
    return this.ctx.now?.() ?? new Date();
  }

  /** The sso-session this profile uses, or undefined (then this provider has no token). */
  config(): SsoSessionConfig | undefined {
    const files = this.ctx.files();
    return ssoSessionConfig(this.profileName, profileData(this.ctx, this.profileName), files.ssoSessions);
  }

  /** A valid access token, or null when the profile has no sso_session. */
  async loadToken(): Promise<FrozenToken | null> {
    const cfg = this.config();
    if (!cfg) return null;
    // The refresh reads the configuration again each time (as the provider did before it kept a
    // RefreshableValue), so a changed sso-session is used from the next refresh on.
    this.tokens ??= new RefreshableValue<FrozenToken>({
      refresh: () => this.refresh(this.config() ?? cfg),
      expiryOf: (t) => t.expiration,
      now: () => this.now(),
      attemptIntervalSeconds: SSO_TOKEN_ATTEMPT_INTERVAL_SECONDS,
      onAdvisoryFailure: this.options.onRefreshFailure,
      expiredError: () => new TokenRetrievalError(this.method, `Token has expired and refresh failed (sso-session "${(this.config() ?? cfg).sessionName}"). ${loginHint(this.profileName)}`),
    });
    return this.tokens.get();
  }

  /** botocore's SSOTokenProvider._refresher: the cached token, renewed first if it is close to expiry. */
  private async refresh(cfg: SsoSessionConfig): Promise<FrozenToken> {
    let file = readSsoToken(this.ctx.env, cfg.startUrl, cfg.sessionName, this.profileName);
    let expiration = toDate(file.expiresAt);
    // botocore's _REFRESH_WINDOW for the cached file is the advisory window (15 min).
    if (expiresWithin(expiration, this.now(), ADVISORY_REFRESH_SECONDS)) {
      const renewed = await this.createToken(cfg, file);
      if (renewed) {
        file = renewed;
        expiration = toDate(file.expiresAt);
        writeSsoToken(this.ctx.env, cfg.startUrl, cfg.sessionName, file);
      }
    }
    if (!expiration) {
      throw new SSOTokenLoadError(`Token for ${cfg.sessionName} has no valid expiresAt (${ssoCacheFile(this.ctx.env, ssoCacheKey(cfg.startUrl, cfg.sessionName))}). ${loginHint(this.profileName)}`);
    }
    // An expired token is returned too: RefreshableValue raises expiredError for it.
    return { token: file.accessToken, expiration };
  }

  /** SSO OIDC CreateToken with the refresh token; null when the token cannot be refreshed. */
  private async createToken(cfg: SsoSessionConfig, t: SsoTokenFile): Promise<SsoTokenFile | null> {
    if (!t.refreshToken || !t.clientId || !t.clientSecret || !t.registrationExpiresAt) return null;
    const registration = toDate(t.registrationExpiresAt);
    if (!registration || registration.getTime() <= this.now().getTime()) return null;
    const oidc = this.ctx.createClient('sso-oidc', { regionName: cfg.region, unsigned: true });
    let res: Record<string, unknown>;
    try {
      res = await oidc('CreateToken', { grantType: 'refresh_token', clientId: t.clientId, clientSecret: t.clientSecret, refreshToken: t.refreshToken });
    } catch (e) {
      // botocore logs a refused refresh and falls back to the cached token (which may still work).
      if (e instanceof ClientError) {
        this.options.onRefreshFailure?.(e);
        return null;
      }
      // No answer at all (network, timeout): raised in the mandatory window, kept quiet in the advisory one.
      throw new TokenRetrievalError(this.method, `refreshing the token of sso-session "${cfg.sessionName}" through SSO OIDC CreateToken failed: ${(e as Error).message}`, { cause: e });
    }
    if (typeof res.accessToken !== 'string' || typeof res.expiresIn !== 'number') return null;
    const renewed: SsoTokenFile = {
      startUrl: cfg.startUrl,
      region: cfg.region,
      accessToken: res.accessToken,
      expiresAt: formatIso8601(new Date(this.now().getTime() + res.expiresIn * 1000)),
      clientId: t.clientId,
      clientSecret: t.clientSecret,
      registrationExpiresAt: t.registrationExpiresAt,
    };
    // As botocore: a response without a new refresh token leaves none in the cache.
    if (typeof res.refreshToken === 'string') renewed.refreshToken = res.refreshToken;
    return renewed;
  }
}
