/**
 * The SSO OIDC device authorization flow `aws sso login` runs (the AWS CLI's SSOTokenFetcher),
 * for `botojs sso login`: register a public client (kept in the cache and reused while it is
 * valid), start a device authorization, show the user where to approve it, poll CreateToken
 * until they do, and write the token where botocore, the AWS CLI and botojs's own SSO providers
 * read it: ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json.
 *
 * The calls go through a ServiceCall the caller builds from a botojs `sso-oidc` client, so the
 * endpoint settings (endpointUrl, AWS_ENDPOINT_URL_SSO_OIDC, the profile's services section)
 * are the client's own.
 */
import { createHash } from 'crypto';
import fs = require('fs');
import { ClientError } from '../errors';
import type { ParsedConfigFiles, ProfileData } from '../config/config-files';
import { formatIso8601 } from '../util/iso8601';
import { jsonText } from '../util/json-text';
import type { ServiceCall } from './context';
import { profileString, toDate } from './context';
import { InvalidConfigError, PendingAuthorizationExpiredError } from './errors';
import { expiresWithin } from './refreshable';
import { ssoCacheFile, SsoTokenFile, writeSsoCacheFile, writeSsoToken } from './sso-token';

/** What a login needs: where to sign in, and the cache key's source. */
export interface SsoLoginConfig {
  startUrl: string;
  region: string;
  /** The `[sso-session NAME]` used; undefined for a legacy profile (sso_start_url in the profile). */
  sessionName?: string;
  /** The sso-session's `sso_registration_scopes`, split on commas. */
  registrationScopes?: string[];
}

/** RFC 8628: the poll interval when the service names none, and what slow_down adds to it. */
const DEFAULT_INTERVAL_SECONDS = 5;
const SLOW_DOWN_SECONDS = 5;
/** A cached client registration with less than this left is not reused: the sign-in may outlast it. */
const REGISTRATION_REUSE_SECONDS = 15 * 60;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * The sign-in settings of a profile (or of the sso-session named by `sessionName`), as the AWS
 * CLI's sso commands read them: the profile's `sso_session` section if it names one, else the
 * legacy `sso_start_url` / `sso_region` of the profile itself.
 * @throws InvalidConfigError naming what is missing
 */
export function ssoLoginConfig(files: ParsedConfigFiles, profileName: string, profile: ProfileData | undefined, sessionName?: string): SsoLoginConfig {
  const chosen = sessionName ?? profileString(profile, 'sso_session');
  if (chosen !== undefined) {
    const section = files.ssoSessions[chosen];
    if (!section) throw new InvalidConfigError(`The sso-session "${chosen}" does not exist in ${files.configFile}`);
    const missing = ['sso_start_url', 'sso_region'].filter((k) => profileString(section, k) === undefined);
    if (missing.length) throw new InvalidConfigError(`The sso-session "${chosen}" is missing: ${missing.join(', ')}`);
    const rawScopes = profileString(section, 'sso_registration_scopes');
    const scopes = rawScopes?.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return { startUrl: profileString(section, 'sso_start_url')!, region: profileString(section, 'sso_region')!, sessionName: chosen, registrationScopes: scopes?.length ? scopes : undefined };
  }
  const missing = ['sso_start_url', 'sso_region'].filter((k) => profileString(profile, k) === undefined);
  if (missing.length) {
    throw new InvalidConfigError(
      `The profile "${profileName}" is not set up for SSO: it has no sso_session and is missing ${missing.join(', ')}. ` +
        'Add an [sso-session NAME] section with sso_start_url and sso_region and set sso_session = NAME in the profile (docs/credentials.md).',
    );
  }
  return { startUrl: profileString(profile, 'sso_start_url')!, region: profileString(profile, 'sso_region')! };
}

/** What the user is asked to do while the login waits (StartDeviceAuthorization's answer). */
export interface PendingAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string;
  expiresAt: Date;
}

export interface SsoLoginOptions {
  config: SsoLoginConfig;
  /** Calls SSO OIDC (RegisterClient, StartDeviceAuthorization, CreateToken), unsigned. */
  oidc: ServiceCall;
  /** The environment whose HOME holds ~/.aws/sso/cache. */
  env: NodeJS.ProcessEnv;
  /** Shown the code and the URL once the first CreateToken says the user has not approved yet. */
  onPending(authorization: PendingAuthorization): void;
  now?: () => Date;
  sleep?: (seconds: number) => Promise<void>;
}

/** The client registration kept in the cache beside the tokens, as the AWS CLI keeps it. */
interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
}

/**
 * The registration's cache key, the AWS CLI's: sha1 of json.dumps (sorted keys) of the tool,
 * start URL, region, scopes and session name, so the CLI and botojs share registrations.
 */
export function registrationCacheKey(config: SsoLoginConfig): string {
  // Keys in sorted order, as json.dumps(sort_keys=True) writes them.
  const args = { region: config.region, scopes: config.registrationScopes ?? null, session_name: config.sessionName ?? null, startUrl: config.startUrl, tool: 'botocore' };
  return createHash('sha1').update(jsonText(args), 'utf8').digest('hex');
}

/** A registration the device flow may reuse: readable, for the device grant, not near expiry. */
function cachedRegistration(env: NodeJS.ProcessEnv, key: string, now: Date): Registration | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(ssoCacheFile(env, key), 'utf8'));
  } catch {
    return undefined;
  }
  const r = doc as Partial<Registration>;
  if (typeof r.clientId !== 'string' || typeof r.clientSecret !== 'string' || typeof r.expiresAt !== 'string') return undefined;
  // A registration for the authorization-code grant (the AWS CLI's browser flow) is not reused here.
  if (Array.isArray(r.grantTypes) && r.grantTypes.includes('authorization_code')) return undefined;
  const expires = toDate(r.expiresAt);
  if (expiresWithin(expires, now, REGISTRATION_REUSE_SECONDS)) return undefined;
  return r as Registration;
}

function str(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`SSO OIDC answered without ${what}`);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`SSO OIDC answered without ${what}`);
  return value;
}

async function register(opts: SsoLoginOptions, now: Date): Promise<Registration> {
  const { config, env } = opts;
  const key = registrationCacheKey(config);
  const cached = cachedRegistration(env, key, now);
  if (cached) return cached;
  // The AWS CLI's client name: the session's name, or the time for a legacy profile.
  const clientName = `botocore-client-${config.sessionName ?? Math.floor(now.getTime() / 1000)}`;
  const params: Record<string, unknown> = { clientName, clientType: 'public' };
  if (config.registrationScopes) params.scopes = config.registrationScopes;
  const res = await opts.oidc('RegisterClient', params);
  const registration: Registration = {
    clientId: str(res.clientId, 'a clientId'),
    clientSecret: str(res.clientSecret, 'a clientSecret'),
    expiresAt: formatIso8601(new Date(num(res.clientSecretExpiresAt, 'clientSecretExpiresAt') * 1000)),
  };
  if (config.registrationScopes) registration.scopes = config.registrationScopes;
  writeSsoCacheFile(env, key, registration);
  return registration;
}

type Attempt = { token: SsoTokenFile } | { interval: number };

/** One CreateToken: the token, or the interval to wait before the next try. */
async function attemptToken(opts: SsoLoginOptions, registration: Registration, deviceCode: string, interval: number): Promise<Attempt> {
  const now = opts.now ?? (() => new Date());
  let res: Record<string, unknown>;
  try {
    res = await opts.oidc('CreateToken', { grantType: DEVICE_GRANT, clientId: registration.clientId, clientSecret: registration.clientSecret, deviceCode });
  } catch (e) {
    if (!(e instanceof ClientError)) throw e;
    if (e.code === 'AuthorizationPendingException') return { interval };
    if (e.code === 'SlowDownException') return { interval: interval + SLOW_DOWN_SECONDS };
    if (e.code === 'ExpiredTokenException') throw new PendingAuthorizationExpiredError();
    throw e;
  }
  const token: SsoTokenFile = {
    startUrl: opts.config.startUrl,
    region: opts.config.region,
    accessToken: str(res.accessToken, 'an accessToken'),
    expiresAt: formatIso8601(new Date(now().getTime() + num(res.expiresIn, 'expiresIn') * 1000)),
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    registrationExpiresAt: registration.expiresAt,
  };
  if (typeof res.refreshToken === 'string') token.refreshToken = res.refreshToken;
  return { token };
}

/**
 * Runs the device authorization flow and writes the token to the cache.
 * @returns the token as written
 * @throws PendingAuthorizationExpiredError when the code expires before the user approves it;
 *   a ClientError for any other refusal (a bad start URL, an unknown client)
 */
export async function ssoDeviceLogin(opts: SsoLoginOptions): Promise<SsoTokenFile> {
  const now = opts.now ?? (() => new Date());
  const sleep = opts.sleep ?? ((s: number) => new Promise<void>((resolve) => setTimeout(resolve, s * 1000)));
  const registration = await register(opts, now());
  const auth = await opts.oidc('StartDeviceAuthorization', { clientId: registration.clientId, clientSecret: registration.clientSecret, startUrl: opts.config.startUrl });
  const deviceCode = str(auth.deviceCode, 'a deviceCode');
  const pending: PendingAuthorization = {
    userCode: str(auth.userCode, 'a userCode'),
    verificationUri: str(auth.verificationUri, 'a verificationUri'),
    verificationUriComplete: str(auth.verificationUriComplete, 'a verificationUriComplete'),
    expiresAt: new Date(now().getTime() + num(auth.expiresIn, 'expiresIn') * 1000),
  };
  // A missing, zero or nonsensical interval is the RFC's 5 s: never polls back to back.
  let interval = typeof auth.interval === 'number' && auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_SECONDS;

  // As the AWS CLI: one try first (a client may already be approved), and only then the prompt.
  // Every later try waits the interval first (RFC 8628; the CLI tries once more at once).
  let attempt = await attemptToken(opts, registration, deviceCode, interval);
  if ('interval' in attempt) {
    opts.onPending(pending);
    for (;;) {
      interval = attempt.interval;
      // The service ends the wait with ExpiredTokenException; a code well past its own expiry
      // is given up here too, so a service that never says so cannot hold the command forever.
      if (now().getTime() > pending.expiresAt.getTime() + interval * 1000) throw new PendingAuthorizationExpiredError();
      await sleep(interval);
      attempt = await attemptToken(opts, registration, deviceCode, interval);
      if ('token' in attempt) break;
    }
  }
  writeSsoToken(opts.env, opts.config.startUrl, opts.config.sessionName, attempt.token);
  return attempt.token;
}
