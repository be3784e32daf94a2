/**
 * The credential providers of this stage: explicit keys, environment variables, and the shared
 * credentials/config files. (Assume-role, web identity, SSO, process, container and IMDS
 * providers plug into the same chain.)
 */
import { PartialCredentialsError } from '../errors';
import type { ProfileData } from '../session/config-files';
import { Credentials, CredentialProvider } from './credentials';

function fromKeys(data: { accessKey?: string; secretKey?: string; token?: string; expiry?: string }, method: string, where: string): Credentials | null {
  const { accessKey, secretKey } = data;
  if (!accessKey && !secretKey) return null;
  if (!accessKey) throw new PartialCredentialsError(`Partial credentials found in ${where}, missing: aws_access_key_id`);
  if (!secretKey) throw new PartialCredentialsError(`Partial credentials found in ${where}, missing: aws_secret_access_key`);
  return new Credentials({
    accessKey,
    secretKey,
    token: data.token || undefined,
    expiryTime: data.expiry ? new Date(data.expiry) : undefined,
    method,
  });
}

export class StaticProvider implements CredentialProvider {
  readonly method = 'explicit';
  constructor(private readonly keys: { accessKey?: string; secretKey?: string; token?: string }) {}
  async load(): Promise<Credentials | null> {
    return fromKeys(this.keys, this.method, 'explicit arguments');
  }
}

export class EnvProvider implements CredentialProvider {
  readonly method = 'env';
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  async load(): Promise<Credentials | null> {
    const e = this.env;
    return fromKeys(
      {
        accessKey: e.AWS_ACCESS_KEY_ID,
        secretKey: e.AWS_SECRET_ACCESS_KEY,
        token: e.AWS_SESSION_TOKEN || e.AWS_SECURITY_TOKEN,
        expiry: e.AWS_CREDENTIAL_EXPIRATION,
      },
      this.method,
      'environment variables',
    );
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
      { accessKey: str('aws_access_key_id'), secretKey: str('aws_secret_access_key'), token: str('aws_session_token') || str('aws_security_token') },
      this.method,
      this.where,
    );
  }
}

/** Runs providers in order; the first that yields credentials wins. */
export class ProviderChain implements CredentialProvider {
  readonly method = 'chain';
  constructor(readonly providers: CredentialProvider[]) {}
  async load(): Promise<Credentials | null> {
    for (const p of this.providers) {
      const c = await p.load();
      if (c) return c;
    }
    return null;
  }
}
