/**
 * Credentials: an access key pair (plus optional session token) and the provider that found it.
 * The secret and token never appear in util.inspect, JSON.stringify or messages.
 */
import { inspect } from 'util';

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

/** A source of credentials; resolves null when it has none to offer. */
export interface CredentialProvider {
  readonly method: string;
  load(): Promise<Credentials | null>;
}
