/**
 * EC2 instance metadata credentials (the instance profile role), as botocore's
 * InstanceMetadataProvider: an IMDSv2 session token first (PUT /latest/api/token), falling back
 * to IMDSv1 when the token call is refused (403/404/405) or times out, unless v1 is disabled.
 *
 * Settings (environment, then profile): AWS_EC2_METADATA_DISABLED, AWS_EC2_METADATA_V1_DISABLED /
 * ec2_metadata_v1_disabled, AWS_EC2_METADATA_SERVICE_ENDPOINT / ec2_metadata_service_endpoint,
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE / ec2_metadata_service_endpoint_mode (ipv4|ipv6),
 * AWS_METADATA_SERVICE_TIMEOUT / metadata_service_timeout (seconds, default 1),
 * AWS_METADATA_SERVICE_NUM_ATTEMPTS / metadata_service_num_attempts (default 1).
 * An unreachable service means "no credentials here" (null), as in botocore.
 */
import type { ProfileData } from '../config/config-files';
import { profileString } from './context';
import type { CredentialProvider } from './credentials';
import { CredentialRetrievalError, MetadataRetrievalError } from './errors';
import { MetadataConnectionError, metadataRequest } from './metadata-http';
import { ADVISORY_REFRESH_SECONDS, RefreshableCredentials, RefreshedKeys } from './refreshable';

export const IMDS_ENDPOINT_IPV4 = 'http://169.254.169.254/';
export const IMDS_ENDPOINT_IPV6 = 'http://[fd00:ec2::254]/';
const TOKEN_PATH = 'latest/api/token';
const CREDS_PATH = 'latest/meta-data/iam/security-credentials/';
const AZ_PATH = 'latest/meta-data/placement/availability-zone/';
const TOKEN_TTL = '21600';

export interface ImdsSettings {
  disabled: boolean;
  v1Disabled: boolean;
  endpoint: string;
  timeoutMs: number;
  attempts: number;
}

function setting(env: NodeJS.ProcessEnv, envName: string, profile: ProfileData | undefined, key: string): string | undefined {
  const v = env[envName];
  return v !== undefined && v !== '' ? v : profileString(profile, key);
}

/** Reads the IMDS settings the way botocore's config chain does (environment, then profile). */
export function imdsSettings(env: NodeJS.ProcessEnv, profile: ProfileData | undefined): ImdsSettings {
  const isTrue = (v: string | undefined) => v?.trim().toLowerCase() === 'true';
  const num = (v: string | undefined, dflt: number, name: string): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new CredentialRetrievalError('iam-role', `${name} must be a positive number, got '${v}'`);
    return n;
  };
  const custom = setting(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT', profile, 'ec2_metadata_service_endpoint');
  const mode = setting(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE', profile, 'ec2_metadata_service_endpoint_mode');
  return {
    disabled: isTrue(env.AWS_EC2_METADATA_DISABLED),
    v1Disabled: isTrue(setting(env, 'AWS_EC2_METADATA_V1_DISABLED', profile, 'ec2_metadata_v1_disabled')),
    endpoint: custom ?? (mode?.toLowerCase() === 'ipv6' ? IMDS_ENDPOINT_IPV6 : IMDS_ENDPOINT_IPV4),
    timeoutMs: num(setting(env, 'AWS_METADATA_SERVICE_TIMEOUT', profile, 'metadata_service_timeout'), 1, 'metadata_service_timeout') * 1000,
    attempts: Math.floor(num(setting(env, 'AWS_METADATA_SERVICE_NUM_ATTEMPTS', profile, 'metadata_service_num_attempts'), 1, 'metadata_service_num_attempts')),
  };
}

/** Every attempt failed to reach IMDS (or it is disabled): the provider has nothing to offer. */
class ImdsUnavailable extends Error {}

export class ImdsFetcher {
  constructor(private readonly settings: ImdsSettings, private readonly userAgent?: string, private readonly now: () => Date = () => new Date()) {}

  private url(path: string): string {
    const base = this.settings.endpoint;
    return `${base}${base.endsWith('/') ? '' : '/'}${path}`;
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.userAgent ? { ...extra, 'User-Agent': this.userAgent } : extra;
  }

  /** The IMDSv2 token, or undefined when the service does not offer one (v1 fallback). */
  private async fetchToken(): Promise<string | undefined> {
    for (let i = 0; i < this.settings.attempts; i++) {
      try {
        const res = await metadataRequest({ method: 'PUT', url: this.url(TOKEN_PATH), headers: this.headers({ 'x-aws-ec2-metadata-token-ttl-seconds': TOKEN_TTL }), timeoutMs: this.settings.timeoutMs });
        if (res.status === 200) return res.body;
        if (res.status === 403 || res.status === 404 || res.status === 405) return undefined;
        if (res.status === 400) throw new ImdsUnavailable('IMDS rejected the token request (400)');
      } catch (e) {
        if (e instanceof ImdsUnavailable) throw e;
        // A timeout means an old IMDS (or a hop limit): try v1, as botocore does.
        if (e instanceof MetadataConnectionError && e.timedOut) return undefined;
      }
    }
    return undefined;
  }

  private async get(path: string, token: string | undefined, ok: (body: string) => boolean): Promise<string> {
    if (token === undefined && this.settings.v1Disabled) {
      throw new MetadataRetrievalError('Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled');
    }
    for (let i = 0; i < this.settings.attempts; i++) {
      try {
        const res = await metadataRequest({ method: 'GET', url: this.url(path), headers: this.headers(token ? { 'x-aws-ec2-metadata-token': token } : {}), timeoutMs: this.settings.timeoutMs });
        if (res.status === 200 && res.body !== '' && ok(res.body)) return res.body;
      } catch (e) {
        if (!(e instanceof MetadataConnectionError)) throw e;
      }
    }
    throw new ImdsUnavailable(`no answer from IMDS for ${path} after ${this.settings.attempts} attempt(s)`);
  }

  /** The role's keys, or null when IMDS is disabled, unreachable or has no role. */
  async retrieveRoleCredentials(): Promise<RefreshedKeys | null> {
    if (this.settings.disabled) return null;
    try {
      const token = await this.fetchToken();
      const roleName = (await this.get(CREDS_PATH, token, () => true)).trim().split('\n')[0];
      const body = await this.get(CREDS_PATH + roleName, token, (b) => {
        try {
          JSON.parse(b);
          return true;
        } catch {
          return false;
        }
      });
      const doc = JSON.parse(body) as Record<string, unknown>;
      const need = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'];
      if (need.some((k) => typeof doc[k] !== 'string')) return null;
      const expiry = this.extendIfStale(new Date(doc.Expiration as string));
      return { accessKey: doc.AccessKeyId as string, secretKey: doc.SecretAccessKey as string, token: doc.Token as string, expiryTime: expiry };
    } catch (e) {
      if (e instanceof ImdsUnavailable) return null;
      throw e;
    }
  }

  /**
   * The instance's region (its availability zone less the zone letter), as botocore's
   * InstanceMetadataRegionFetcher, for defaults_mode `auto`; null when IMDS is disabled,
   * unreachable or answers nothing. Errors (IMDSv1 disabled with no token) are thrown, and
   * `auto` treats them as "not found", as botocore does.
   */
  async retrieveRegion(): Promise<string | null> {
    if (this.settings.disabled) return null;
    try {
      const token = await this.fetchToken();
      const zone = await this.get(AZ_PATH, token, () => true);
      return zone.slice(0, -1);
    } catch (e) {
      if (e instanceof ImdsUnavailable) return null;
      throw e;
    }
  }

  /**
   * Static stability, as botocore: keys IMDS still serves past (or near) their expiry keep being
   * used for a few more minutes instead of failing every call while IMDS recovers.
   */
  private extendIfStale(expiry: Date): Date {
    const offsetMs = (ADVISORY_REFRESH_SECONDS + 120 + Math.floor(Math.random() * 480)) * 1000;
    const now = this.now().getTime();
    if (Number.isNaN(expiry.getTime()) || now < expiry.getTime() - offsetMs) return expiry;
    return new Date(now + offsetMs);
  }
}

export class InstanceMetadataProvider implements CredentialProvider {
  readonly method = 'iam-role';
  static readonly canonicalName = 'Ec2InstanceMetadata';
  constructor(private readonly env: NodeJS.ProcessEnv, private readonly profile: () => ProfileData | undefined, private readonly userAgent?: string) {}

  async load(): Promise<RefreshableCredentials | null> {
    const fetcher = new ImdsFetcher(imdsSettings(this.env, this.profile()), this.userAgent);
    const initial = await fetcher.retrieveRoleCredentials();
    if (!initial) return null;
    const refresh = async (): Promise<RefreshedKeys> => {
      const keys = await fetcher.retrieveRoleCredentials();
      if (!keys) throw new CredentialRetrievalError(this.method, 'the instance metadata service returned no credentials');
      return keys;
    };
    return new RefreshableCredentials({ method: this.method, initial, refresh });
  }
}
