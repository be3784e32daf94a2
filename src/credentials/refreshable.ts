/**
 * The one home of botocore's refresh rules, for anything that expires and renews itself:
 * RefreshableCredentials (botocore's RefreshableCredentials / DeferredRefreshableCredentials) and
 * the SSO bearer token (botocore's DeferredRefreshableToken) both run on RefreshableValue.
 *
 * - Advisory window (15 min before expiry by default): one caller refreshes; everyone else keeps
 *   using the current value, and if that refresh fails the still-valid value is kept.
 * - Mandatory window (10 min): every caller waits for the one refresh in flight (single flight),
 *   and a failure is raised.
 * - Deferred (no initial value): the first call is a mandatory refresh; nothing is fetched before.
 * - Attempt interval (tokens only, 60 s in botocore): once a value is in hand, a new refresh is
 *   started at most once per interval; meanwhile the current value serves.
 * `getFrozenCredentials()` returns an immutable Credentials snapshot to sign one request with.
 */
import { inspect } from 'util';
import { Credentials } from './credentials';
import { CredentialRetrievalError } from './errors';

export const ADVISORY_REFRESH_SECONDS = 15 * 60;
export const MANDATORY_REFRESH_SECONDS = 10 * 60;

/** True when `expiry` is unknown or fewer than `seconds` remain before it (botocore: `remaining < window`). */
export function expiresWithin(expiry: Date | undefined, now: Date, seconds: number): boolean {
  if (!expiry || Number.isNaN(expiry.getTime())) return true;
  return (expiry.getTime() - now.getTime()) / 1000 < seconds;
}

export interface RefreshableValueOptions<T> {
  refresh: () => Promise<T>;
  /** When a value stops working; undefined means it never does (and is never refreshed). */
  expiryOf: (value: T) => Date | undefined;
  /** A value already in hand; without it the first call refreshes (deferred). */
  initial?: T;
  /** Clock (tests move time with it). */
  now?: () => Date;
  advisorySeconds?: number;
  mandatorySeconds?: number;
  /** Least seconds between the starts of two refreshes once a value is in hand; 0 (default): no limit. */
  attemptIntervalSeconds?: number;
  /** Told about a refresh that failed while the current value stays in use. */
  onAdvisoryFailure?: (err: unknown) => void;
  /** The error for a value that has expired and could not be renewed. */
  expiredError: () => Error;
}

/** A value that renews itself by the rules above; `get()` is the only way to read it. */
export class RefreshableValue<T> {
  private current?: T;
  private inflight?: Promise<T>;
  private nextAttemptMs = Number.NEGATIVE_INFINITY;
  private readonly now: () => Date;
  private readonly advisory: number;
  private readonly mandatory: number;
  private readonly attemptIntervalMs: number;
  /** How many refreshes started (tests check single flight with it). */
  refreshCount = 0;

  constructor(private readonly options: RefreshableValueOptions<T>) {
    this.now = options.now ?? (() => new Date());
    this.advisory = options.advisorySeconds ?? ADVISORY_REFRESH_SECONDS;
    this.mandatory = options.mandatorySeconds ?? MANDATORY_REFRESH_SECONDS;
    this.attemptIntervalMs = (options.attemptIntervalSeconds ?? 0) * 1000;
    this.current = options.initial;
  }

  /** The value in hand, without refreshing (undefined before the first fetch). */
  get peek(): T | undefined {
    return this.current;
  }

  /** True when fewer than `seconds` remain (or nothing was fetched yet); never for a value without expiry. */
  refreshNeeded(seconds = this.advisory): boolean {
    if (this.current === undefined) return true;
    const expiry = this.options.expiryOf(this.current);
    return expiry !== undefined && expiresWithin(expiry, this.now(), seconds);
  }

  /** The current value, refreshed first when inside a refresh window. */
  async get(): Promise<T> {
    if (!this.refreshNeeded(this.advisory)) return this.current!;
    const mandatory = this.refreshNeeded(this.mandatory);
    if (this.inflight) {
      // Someone is already refreshing: in the advisory window keep using what we have.
      return mandatory ? this.inflight : this.current!;
    }
    if (this.current !== undefined && this.now().getTime() < this.nextAttemptMs) {
      // Too soon after the last attempt to try again. botocore would hand out even an expired
      // value here; saying so is clearer than a request the service will refuse.
      if (this.isExpired(this.current)) throw this.options.expiredError();
      return this.current;
    }
    const flight = this.attempt(mandatory);
    this.inflight = flight;
    try {
      return await flight;
    } finally {
      if (this.inflight === flight) this.inflight = undefined;
    }
  }

  /** One refresh; `mandatory` is decided when it starts (botocore's is_mandatory), not when it ends. */
  private async attempt(mandatory: boolean): Promise<T> {
    this.nextAttemptMs = this.now().getTime() + this.attemptIntervalMs;
    this.refreshCount += 1;
    let fresh: T;
    try {
      fresh = await this.options.refresh();
    } catch (err) {
      // An advisory refresh that fails keeps the value that still works (botocore does the same).
      if (this.current !== undefined && !mandatory && !this.isExpired(this.current)) {
        this.options.onAdvisoryFailure?.(err);
        return this.current;
      }
      throw err;
    }
    if (this.isExpired(fresh)) throw this.options.expiredError();
    this.current = fresh;
    return fresh;
  }

  private isExpired(value: T): boolean {
    const expiry = this.options.expiryOf(value);
    return expiry !== undefined && expiry.getTime() <= this.now().getTime();
  }
}

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
  private readonly keys: RefreshableValue<Credentials>;

  constructor(options: RefreshableOptions) {
    this.method = options.method;
    const refresh = async (): Promise<Credentials> => {
      const keys = await options.refresh();
      if (!keys || !keys.accessKey || !keys.secretKey) {
        throw new CredentialRetrievalError(this.method, 'the refreshed credentials are missing the access key or the secret key');
      }
      return this.freeze(keys);
    };
    this.keys = new RefreshableValue<Credentials>({
      refresh,
      expiryOf: (c) => c.expiryTime,
      initial: options.initial ? this.freeze(options.initial) : undefined,
      now: options.now,
      advisorySeconds: options.advisorySeconds,
      mandatorySeconds: options.mandatorySeconds,
      onAdvisoryFailure: options.onAdvisoryFailure,
      expiredError: () => new CredentialRetrievalError(this.method, 'credentials were refreshed, but the refreshed credentials are still expired'),
    });
  }

  /** How many refreshes ran (tests check single flight with it). */
  get refreshCount(): number {
    return this.keys.refreshCount;
  }

  /** When the current keys expire (undefined before the first fetch or if they never do). */
  get expiryTime(): Date | undefined {
    return this.keys.peek?.expiryTime;
  }

  /** True when fewer than `seconds` remain (or nothing was fetched yet). */
  refreshNeeded(seconds?: number): boolean {
    return this.keys.refreshNeeded(seconds);
  }

  /** Current keys, refreshed first when inside a refresh window. */
  getFrozenCredentials(): Promise<Credentials> {
    return this.keys.get();
  }

  private freeze(keys: RefreshedKeys): Credentials {
    return new Credentials({ ...keys, method: this.method });
  }

  toJSON(): Record<string, unknown> {
    const current = this.keys.peek;
    return { method: this.method, ...(current ? { accessKey: current.accessKey } : {}), ...(this.expiryTime ? { expiryTime: this.expiryTime } : {}) };
  }

  [inspect.custom](): string {
    const current = this.keys.peek;
    return `RefreshableCredentials(${current ? `accessKey='${current.accessKey}', ` : ''}method='${this.method}')`;
  }
}
