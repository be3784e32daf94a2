/**
 * RefreshableCredentials: temporary credentials that renew themselves, as botocore's
 * RefreshableCredentials / DeferredRefreshableCredentials.
 *
 * - Advisory window (15 min before expiry by default): one caller refreshes; everyone else keeps
 *   using the current keys, and if that refresh fails the still-valid keys are kept.
 * - Mandatory window (10 min): every caller waits for the one refresh in flight (single flight),
 *   and a failure is raised.
 * - Deferred (no initial keys): the first call is a mandatory refresh; nothing is fetched before.
 * `getFrozenCredentials()` returns an immutable Credentials snapshot to sign one request with.
 */
import { inspect } from 'util';
import { Credentials } from './credentials';
import { CredentialRetrievalError } from './errors';

export const ADVISORY_REFRESH_SECONDS = 15 * 60;
export const MANDATORY_REFRESH_SECONDS = 10 * 60;

/** What a refresh function returns; `expiryTime` absent means "does not expire". */
export interface RefreshedKeys {
  accessKey: string;
  secretKey: string;
  token?: string;
  expiryTime?: Date;
  accountId?: string;
}

export interface RefreshableOptions {
  method: string;
  refresh: () => Promise<RefreshedKeys>;
  /** Keys already in hand; without them the credentials are deferred until first use. */
  initial?: RefreshedKeys;
  /** Clock (tests move time with it). */
  now?: () => Date;
  advisorySeconds?: number;
  mandatorySeconds?: number;
  /** Told about an advisory refresh that failed while the old keys stay in use. */
  onAdvisoryFailure?: (err: unknown) => void;
}

export class RefreshableCredentials {
  readonly method: string;
  private current?: Credentials;
  private inflight?: Promise<Credentials>;
  private readonly refreshFn: () => Promise<RefreshedKeys>;
  private readonly now: () => Date;
  private readonly advisory: number;
  private readonly mandatory: number;
  private readonly onAdvisoryFailure?: (err: unknown) => void;
  /** How many refreshes ran (tests check single flight with it). */
  refreshCount = 0;

  constructor(options: RefreshableOptions) {
    this.method = options.method;
    this.refreshFn = options.refresh;
    this.now = options.now ?? (() => new Date());
    this.advisory = options.advisorySeconds ?? ADVISORY_REFRESH_SECONDS;
    this.mandatory = options.mandatorySeconds ?? MANDATORY_REFRESH_SECONDS;
    this.onAdvisoryFailure = options.onAdvisoryFailure;
    if (options.initial) this.current = this.freeze(options.initial);
  }

  /** When the current keys expire (undefined before the first fetch or if they never do). */
  get expiryTime(): Date | undefined {
    return this.current?.expiryTime;
  }

  /** True when fewer than `seconds` remain (or nothing was fetched yet). */
  refreshNeeded(seconds = this.advisory): boolean {
    if (!this.current) return true;
    const expiry = this.current.expiryTime;
    if (!expiry) return false;
    return (expiry.getTime() - this.now().getTime()) / 1000 < seconds;
  }

  /** Current keys, refreshed first when inside a refresh window. */
  async getFrozenCredentials(): Promise<Credentials> {
    if (!this.refreshNeeded(this.advisory)) return this.current!;
    if (this.inflight) {
      // Someone is already refreshing: in the advisory window keep signing with what we have.
      if (this.current && !this.refreshNeeded(this.mandatory)) return this.current;
      return this.inflight;
    }
    const flight = this.runRefresh();
    this.inflight = flight;
    try {
      return await flight;
    } finally {
      if (this.inflight === flight) this.inflight = undefined;
    }
  }

  private async runRefresh(): Promise<Credentials> {
    let keys: RefreshedKeys;
    try {
      this.refreshCount += 1;
      keys = await this.refreshFn();
      if (!keys || !keys.accessKey || !keys.secretKey) {
        throw new CredentialRetrievalError(this.method, 'the refreshed credentials are missing the access key or the secret key');
      }
    } catch (err) {
      // An advisory refresh that fails keeps the keys that still work (botocore does the same).
      if (this.current && !this.refreshNeeded(this.mandatory)) {
        this.onAdvisoryFailure?.(err);
        return this.current;
      }
      throw err;
    }
    const fresh = this.freeze(keys);
    if (fresh.expiryTime && fresh.expiryTime.getTime() <= this.now().getTime()) {
      throw new CredentialRetrievalError(this.method, 'credentials were refreshed, but the refreshed credentials are still expired');
    }
    this.current = fresh;
    return fresh;
  }

  private freeze(keys: RefreshedKeys): Credentials {
    return new Credentials({ ...keys, method: this.method });
  }

  toJSON(): Record<string, unknown> {
    return { method: this.method, ...(this.current ? { accessKey: this.current.accessKey } : {}), ...(this.expiryTime ? { expiryTime: this.expiryTime } : {}) };
  }

  [inspect.custom](): string {
    return `RefreshableCredentials(${this.current ? `accessKey='${this.current.accessKey}', ` : ''}method='${this.method}')`;
  }
}
