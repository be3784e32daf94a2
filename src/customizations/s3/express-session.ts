/**
 * S3 Express One Zone session auth, as botocore's S3ExpressIdentityResolver,
 * S3ExpressIdentityCache and S3ExpressAuth (utils.py, auth.py) do it.
 *
 * When the rule set chooses `sigv4-s3express` for a directory bucket
 * (`mybucket--usw2-az1--x-s3`), the call is not signed with the client's credentials but with a
 * session for its bucket: the client calls CreateSession on the bucket (itself signed with the
 * client's credentials: the rule set asks for plain SigV4 there), keeps the returned
 * credentials per bucket, and signs SigV4 with them for the signing name `s3express`, sending
 * the session token as `x-amz-s3session-token` (presigned URLs and POSTs:
 * `X-Amz-S3session-Token`) and no X-Amz-Security-Token.
 *
 * The cache, one per client, holds the sessions of the last 100 buckets (botocore's lru_cache
 * of 100). A session is reused until it is within 45 seconds of its expiration; then the next
 * call refreshes it, and keeps the old one if that fails while more than 10 seconds are left
 * (botocore's advisory and mandatory refresh windows). Calls that need the same bucket's
 * session while CreateSession is under way wait for that one call.
 *
 * `Config({ s3: { disableS3ExpressSessionAuth: true } })` (AWS_S3_DISABLE_EXPRESS_SESSION_AUTH,
 * the profile's `s3_disable_express_session_auth`) reaches the rule set as its
 * DisableS3ExpressSessionAuth parameter (installS3ExpressSessions): it then chooses plain SigV4
 * with the client's credentials and nothing here runs.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { ClientContext } from '../../pipeline/context';
import type { SigningIdentity, SigningIdentityHook } from '../../pipeline/signing-credentials';
import type { SigningCredentials } from '../../signing';
import { makeApiCall } from '../../pipeline/make-api-call';

const SESSION_TOKEN_HEADER = 'x-amz-s3session-token';
const SESSION_TOKEN_QUERY_PARAMETER = 'X-Amz-S3session-Token';
const EXPRESS_SCHEME = 'sigv4-s3express';
const CACHE_SIZE = 100;
/** Seconds before expiration from which a session is refreshed, and from which it must be. */
const ADVISORY_REFRESH = 45;
const MANDATORY_REFRESH = 10;

interface ExpressSession {
  credentials: SigningCredentials;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** One client's sessions by bucket. `now` is the local clock, as botocore's refresh checks. */
export class ExpressSessionCache {
  private readonly sessions = new Map<string, ExpressSession>();
  private readonly pending = new Map<string, Promise<ExpressSession>>();

  constructor(
    private readonly createSession: (bucket: string) => Promise<ExpressSession>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The bucket's session credentials, from the cache or a new CreateSession. */
  async credentials(bucket: string): Promise<SigningCredentials> {
    const held = this.sessions.get(bucket);
    if (held) {
      // Re-insert so Map order tracks recency.
      this.sessions.delete(bucket);
      this.sessions.set(bucket, held);
      const left = (held.expiresAt - this.now()) / 1000;
      if (left > ADVISORY_REFRESH) return held.credentials;
      if (left > MANDATORY_REFRESH) {
        try {
          return (await this.refresh(bucket)).credentials;
        } catch {
          return held.credentials; // still valid for a while: the next call tries again
        }
      }
    }
    return (await this.refresh(bucket)).credentials;
  }

  private refresh(bucket: string): Promise<ExpressSession> {
    let inFlight = this.pending.get(bucket);
    if (!inFlight) {
      inFlight = this.createSession(bucket)
        .then((session) => {
          this.sessions.delete(bucket);
          this.sessions.set(bucket, session);
          if (this.sessions.size > CACHE_SIZE) this.sessions.delete(this.sessions.keys().next().value as string);
          return session;
        })
        .finally(() => this.pending.delete(bucket));
      this.pending.set(bucket, inFlight);
    }
    return inFlight;
  }
}

/** CreateSession on `bucket` through the client itself (so its config, events and stubs apply). */
async function createSession(ctx: ClientContext, bucket: string): Promise<ExpressSession> {
  const result = await makeApiCall(ctx, ctx.service.operation('CreateSession'), { Bucket: bucket });
  const creds = result.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date } | undefined;
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
    throw new TypeError(`CreateSession on bucket ${bucket} returned no session credentials`);
  }
  const expiresAt = creds.Expiration instanceof Date ? creds.Expiration.getTime() : Date.parse(String(creds.Expiration));
  return {
    credentials: { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey, sessionToken: creds.SessionToken },
    // A session without a readable expiration is used once, then replaced (never trusted for long).
    expiresAt: Number.isNaN(expiresAt) ? 0 : expiresAt,
  };
}

/**
 * The signing-identity hook of one S3 client: a session for calls the rule set signs
 * `sigv4-s3express` (botocore: signing name `s3express`, signature version v4-s3express*),
 * keyed by the call's Bucket.
 */
export function expressSessionIdentity(cache?: ExpressSessionCache): SigningIdentityHook {
  let sessions = cache;
  return (ctx, call) => {
    const bucket = call.params.Bucket;
    if (call.auth.scheme !== EXPRESS_SCHEME || call.auth.signingName !== 's3express' || typeof bucket !== 'string') return undefined;
    sessions ??= new ExpressSessionCache((name) => createSession(ctx, name));
    return sessions.credentials(bucket).then(
      (credentials): SigningIdentity => ({ credentials, tokenHeader: SESSION_TOKEN_HEADER, tokenQueryParameter: SESSION_TOKEN_QUERY_PARAMETER }),
    );
  };
}

/**
 * Gives every S3 client its own session cache, and passes the disable setting to the rule set:
 * S3's rule set reads DisableS3ExpressSessionAuth as a client context parameter, which the `s3`
 * setting overrides (botocore's args.py merges it last).
 */
export function installS3ExpressSessions(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => {
    const build = p.build as ClientBuild;
    build.signingIdentity = expressSessionIdentity();
    const disable = build.config.s3.disableS3ExpressSessionAuth;
    if (disable !== undefined) build.config.clientContextParams = { ...build.config.clientContextParams, DisableS3ExpressSessionAuth: disable };
  });
}
