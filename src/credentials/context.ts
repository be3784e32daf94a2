/**
 * What every credential provider may use, handed down by the Session so src/credentials never
 * imports the session or client layers: the environment, the parsed shared config, a way to
 * call an AWS API (STS, SSO, SSO OIDC) through botojs's own clients, and small hooks.
 */
import os = require('os');
import type { ParsedConfigFiles, ProfileData } from '../config/config-files';
import { dateOf, parseIso8601 } from '../util/iso8601';

export interface InternalClientOptions {
  regionName?: string;
  /** Source credentials for the call (AssumeRole); never the session's own chain. */
  awsAccessKeyId?: string;
  awsSecretAccessKey?: string;
  awsSessionToken?: string;
  /** Send the call unsigned (AssumeRoleWithWebIdentity, SSO, SSO OIDC). */
  unsigned?: boolean;
}

/** Calls one API operation (by its API name, e.g. 'AssumeRole') and returns the parsed output. */
export type ServiceCall = (operation: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Creates a client for `serviceName` (`sts`, `sso`, `sso-oidc`) that never asks the caller's chain; it serves one call and then closes its connections. */
export type ClientCreator = (serviceName: string, options: InternalClientOptions) => ServiceCall;

export interface CredentialContext {
  env: NodeJS.ProcessEnv;
  /** The shared config and credentials files (read lazily, on the first provider that needs them). */
  files(): ParsedConfigFiles;
  /** The session's region, for STS. */
  regionName(): string | undefined;
  createClient: ClientCreator;
  /** Asked for a code when a role profile has `mfa_serial`. */
  mfaCodeProvider?: (mfaSerial: string) => Promise<string> | string;
  /** Clock for expiry checks (tests move time with it). */
  now?: () => Date;
  /** Sent to IMDS and the container endpoint. */
  userAgent?: string;
}

/** One profile's merged settings (config file under credentials file), if the profile exists. */
export function profileData(ctx: CredentialContext, name: string): ProfileData | undefined {
  return ctx.files().profiles[name];
}

/** A string setting of a profile; nested sub-sections are not strings and read as undefined. */
export function profileString(profile: ProfileData | undefined, key: string): string | undefined {
  const v = profile?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The home directory the session's environment names (tests point HOME at a temp dir). */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

/** The account id inside an ARN (`arn:aws:sts::123456789012:assumed-role/...`). */
export function accountFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** A timestamp from a service response or a JSON document (Date, ISO string or epoch seconds). */
export function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string' && value !== '') {
    // ISO 8601 without a zone is UTC here too (`new Date` would read it as local time).
    const iso = parseIso8601(value);
    if (iso) return dateOf(iso);
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** botocore's default role session name when none is configured. */
export function defaultRoleSessionName(now: Date = new Date()): string {
  return `botocore-session-${Math.floor(now.getTime() / 1000)}`;
}
