/**
 * Credentials: an access key pair (plus optional session token) and the provider that found it.
 * The secret and token never appear in util.inspect, JSON.stringify or messages.
 */
import { inspect } from 'util';
import type { RefreshableCredentials } from './refreshable';

export interface CredentialsData {
  accessKey: string;
  secretKey: string;
  token?: string;
  /** When temporary credentials stop working. */
  expiryTime?: Date;
  /** Which provider found them: 'explicit', 'env', 'shared-credentials-file', 'config-file', ... */
  method: string;
  accountId?: string;
}

export class Credentials implements CredentialsData {
  readonly accessKey: string;
  readonly secretKey!: string;
  readonly token?: string;
  readonly expiryTime?: Date;
  readonly method: string;
  readonly accountId?: string;

  constructor(data: CredentialsData) {
    this.accessKey = data.accessKey;
    // Secrets are non-enumerable so spreading, JSON and naive loggers skip them.
    Object.defineProperty(this, 'secretKey', { value: data.secretKey, enumerable: false });
    Object.defineProperty(this, 'token', { value: data.token, enumerable: false });
    this.expiryTime = data.expiryTime;
    this.method = data.method;
    this.accountId = data.accountId;
  }

  toJSON(): Record<string, unknown> {
    return { accessKey: this.accessKey, method: this.method, ...(this.expiryTime ? { expiryTime: this.expiryTime } : {}) };
  }

  [inspect.custom](): string {
    return `Credentials(accessKey='${this.accessKey}', method='${this.method}')`;
  }
}

/** What a provider hands back: fixed keys, or keys that renew themselves. */
export type LoadedCredentials = Credentials | RefreshableCredentials;

/**
 * A source of credentials; resolves null when it has none to offer, and rejects when it is
 * configured but broken (botocore raises in the same cases, so a later provider never hides it).
 */
export interface CredentialProvider {
  readonly method: string;
  load(): Promise<LoadedCredentials | null>;
}

/** The keys to sign with now: a snapshot, refreshed first if the credentials renew themselves. */
export async function frozenCredentials(loaded: LoadedCredentials | null): Promise<Credentials | null> {
  if (!loaded) return null;
  if (loaded instanceof Credentials) return loaded;
  return loaded.getFrozenCredentials();
}
