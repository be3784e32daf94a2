/**
 * The key-based providers: explicit keys, environment variables, and the keys written in the
 * shared credentials/config files; plus ProviderChain, which tries providers in order. The other
 * providers (assume-role, web identity, SSO, process, container, IMDS) live one per file and
 * chain.ts puts them all in botocore's order.
 */
import { PartialCredentialsError } from '../errors';
import type { ProfileData } from '../config/config-files';
import { Credentials, CredentialProvider, LoadedCredentials } from './credentials';
import { CredentialRetrievalError } from './errors';
import { RefreshableCredentials } from './refreshable';

interface KeyFields {
  accessKey?: string;
  secretKey?: string;
  token?: string;
  expiry?: string;
  accountId?: string;
}

function fromKeys(data: KeyFields, method: string, where: string): Credentials | null {
  const { accessKey, secretKey } = data;
  if (!accessKey && !secretKey) return null;
  if (!accessKey) throw new PartialCredentialsError(`Partial credentials found in ${where}, missing: aws_access_key_id`);
  if (!secretKey) throw new PartialCredentialsError(`Partial credentials found in ${where}, missing: aws_secret_access_key`);
  let expiryTime: Date | undefined;
  if (data.expiry) {
    expiryTime = new Date(data.expiry);
    if (Number.isNaN(expiryTime.getTime())) throw new CredentialRetrievalError(method, `the expiration '${data.expiry}' in ${where} is not a valid timestamp`);
  }
  return new Credentials({ accessKey, secretKey, token: data.token || undefined, expiryTime, method, accountId: data.accountId || undefined });
}

export class StaticProvider implements CredentialProvider {
  readonly method = 'explicit';
  constructor(private readonly keys: { accessKey?: string; secretKey?: string; token?: string }) {}
  async load(): Promise<Credentials | null> {
    return fromKeys(this.keys, this.method, 'explicit arguments');
  }
}

/** AWS_ACCESS_KEY_ID & co; with AWS_CREDENTIAL_EXPIRATION the variables are re-read on refresh. */
export class EnvProvider implements CredentialProvider {
  readonly method = 'env';
  /** botocore's canonical name, used by `credential_source = Environment`. */
  static readonly canonicalName = 'Environment';
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private read(): Credentials | null {
    const e = this.env;
    return fromKeys(
      {
        accessKey: e.AWS_ACCESS_KEY_ID,
        secretKey: e.AWS_SECRET_ACCESS_KEY,
        token: e.AWS_SESSION_TOKEN || e.AWS_SECURITY_TOKEN,
        expiry: e.AWS_CREDENTIAL_EXPIRATION,
        accountId: e.AWS_ACCOUNT_ID,
      },
      this.method,
      'environment variables',
    );
  }

  async load(): Promise<LoadedCredentials | null> {
    const creds = this.read();
    if (!creds?.expiryTime) return creds;
    const refresh = async () => {
      const again = this.read();
      if (!again) throw new CredentialRetrievalError(this.method, 'the environment variables no longer hold credentials');
      return again;
    };
    return new RefreshableCredentials({ method: this.method, initial: creds, refresh });
  }
}

/** Keys in one profile's section of a shared file. */
export class ProfileKeysProvider implements CredentialProvider {
  constructor(
    readonly method: 'shared-credentials-file' | 'config-file',
    private readonly profile: ProfileData | undefined,
    private readonly where: string,
  ) {}
  async load(): Promise<Credentials | null> {
    const p = this.profile;
    if (!p) return null;
    const str = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
    return fromKeys(
      {
        accessKey: str('aws_access_key_id'),
        secretKey: str('aws_secret_access_key'),
        token: str('aws_session_token') || str('aws_security_token'),
        accountId: str('aws_account_id'),
      },
      this.method,
      this.where,
    );
  }
}

/** Runs providers in order; the first that yields credentials wins, and an error stops the search. */
export class ProviderChain implements CredentialProvider {
  readonly method = 'chain';
  constructor(readonly providers: CredentialProvider[]) {}
  async load(): Promise<LoadedCredentials | null> {
    for (const p of this.providers) {
      const c = await p.load();
      if (c) return c;
    }
    return null;
  }

  /** Provider names in the order they are tried (botocore's `available_methods`). */
  get availableMethods(): string[] {
    return this.providers.map((p) => p.method);
  }
}
