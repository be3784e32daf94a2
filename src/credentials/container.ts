/**
 * Container credentials (ECS task roles, EKS Pod Identity, Lambda SnapStart), as botocore's
 * ContainerProvider: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (appended to http://169.254.170.2)
 * or AWS_CONTAINER_CREDENTIALS_FULL_URI (https anywhere; http only to loopback, the ECS and EKS
 * hosts), with AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read on every fetch) or
 * AWS_CONTAINER_AUTHORIZATION_TOKEN as the Authorization header. 2 s timeout, 3 attempts.
 *
 * BOTOJS_CONTAINER_METADATA_ENDPOINT replaces http://169.254.170.2 (tests use a loopback server).
 */
import fs = require('fs');
import type { CredentialProvider } from './credentials';
import { CredentialRetrievalError, MetadataRetrievalError } from './errors';
import { isLoopbackHost, metadataRequest } from './metadata-http';
import { RefreshableCredentials, RefreshedKeys } from './refreshable';
import { toDate } from './context';

export const CONTAINER_METADATA_HOST = '169.254.170.2';
const ALLOWED_HOSTS = [CONTAINER_METADATA_HOST, '169.254.170.23', 'fd00:ec2::23', 'localhost'];

export interface ContainerProviderOptions {
  timeoutMs?: number;
  attempts?: number;
  /** Pause between attempts (botocore sleeps 1 s). */
  retryDelayMs?: number;
  userAgent?: string;
}

/** Throws unless botocore would fetch credentials from this URL. */
export function validateContainerUrl(fullUri: string): void {
  let url: URL;
  try {
    url = new URL(fullUri);
  } catch {
    throw new CredentialRetrievalError('container-role', `AWS_CONTAINER_CREDENTIALS_FULL_URI is not a valid URL: ${fullUri}`);
  }
  if (url.protocol === 'https:') return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isLoopbackHost(host) || ALLOWED_HOSTS.includes(host)) return;
  throw new CredentialRetrievalError(
    'container-role',
    `Unsupported host '${host}'. Can only retrieve metadata from a loopback address or one of these hosts: ${ALLOWED_HOSTS.join(', ')}`,
  );
}

export class ContainerProvider implements CredentialProvider {
  readonly method = 'container-role';
  static readonly canonicalName = 'EcsContainer';
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryDelayMs: number;

  constructor(private readonly env: NodeJS.ProcessEnv, private readonly options: ContainerProviderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.attempts = options.attempts ?? 3;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /** The URL credentials come from, or undefined when no container variable is set. */
  fullUrl(): string | undefined {
    const relative = this.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
    if (relative !== undefined) {
      const base = (this.env.BOTOJS_CONTAINER_METADATA_ENDPOINT || `http://${CONTAINER_METADATA_HOST}`).replace(/\/+$/, '');
      return `${base}${relative.startsWith('/') ? '' : '/'}${relative}`;
    }
    const full = this.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
    if (full !== undefined) {
      validateContainerUrl(full);
      return full;
    }
    return undefined;
  }

  async load(): Promise<RefreshableCredentials | null> {
    const url = this.fullUrl();
    if (!url) return null;
    const fetchKeys = () => this.fetch(url);
    // Fetched now, as botocore does, so a broken endpoint fails at resolution time.
    const initial = await fetchKeys();
    return new RefreshableCredentials({ method: this.method, initial, refresh: fetchKeys });
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
    let token: string | undefined;
    const file = this.env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
    if (file) {
      try {
        token = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new CredentialRetrievalError(this.method, `cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    } else if (this.env.AWS_CONTAINER_AUTHORIZATION_TOKEN !== undefined) {
      token = this.env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
    }
    if (token !== undefined) {
      // A token file written with a trailing newline is the common case; botocore rejects any CR/LF.
      if (/[\r\n]/.test(token)) throw new CredentialRetrievalError(this.method, 'the container authorization token is not a legal header value (it contains a line break)');
      headers.Authorization = token;
    }
    return headers;
  }

  private async fetch(url: string): Promise<RefreshedKeys> {
    const headers = this.headers();
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        const res = await metadataRequest({ method: 'GET', url, headers, timeoutMs: this.timeoutMs });
        if (res.status !== 200) {
          // The body is not echoed: an error page could quote the request's token.
          lastError = `Received non 200 response ${res.status} from container metadata`;
        } else {
          return this.parse(res.body);
        }
      } catch (e) {
        if (e instanceof CredentialRetrievalError) throw e;
        lastError = e instanceof MetadataRetrievalError ? e.message : String(e);
      }
      if (attempt < this.attempts && this.retryDelayMs > 0) await new Promise((r) => setTimeout(r, this.retryDelayMs));
    }
    throw new CredentialRetrievalError(this.method, lastError);
  }

  private parse(body: string): RefreshedKeys {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(body) as Record<string, unknown>;
    } catch {
      throw new CredentialRetrievalError(this.method, 'Unable to parse JSON returned from container metadata services');
    }
    const str = (k: string): string | undefined => (typeof doc[k] === 'string' ? (doc[k] as string) : undefined);
    const accessKey = str('AccessKeyId');
    const secretKey = str('SecretAccessKey');
    if (!accessKey || !secretKey) throw new CredentialRetrievalError(this.method, 'the container metadata response lacks AccessKeyId or SecretAccessKey');
    return { accessKey, secretKey, token: str('Token'), expiryTime: toDate(doc.Expiration), accountId: str('AccountId') };
  }
}
