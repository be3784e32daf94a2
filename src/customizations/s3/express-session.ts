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
 * of 100). Each bucket's session is a RefreshableCredentials (src/credentials/refreshable.ts, the
 * one home of the refresh rules), as botocore's S3ExpressIdentityCache makes one with
 * advisory_timeout=45 and mandatory_timeout=10: from 45 seconds before expiration one call
 * refreshes it while the others keep signing with the old session, which is also kept if that
 * CreateSession fails; from 10 seconds before, every call waits for the one CreateSession and
 * its failure is the calls' error. The first call for a bucket is such a mandatory refresh.
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
import { RefreshableCredentials, RefreshedKeys } from '../../credentials/refreshable';
import { makeApiCall } from '../../pipeline/make-api-call';
import { RecencyMap } from '../../util/recency-map';

const SESSION_TOKEN_HEADER = 'x-amz-s3session-token';
const SESSION_TOKEN_QUERY_PARAMETER = 'X-Amz-S3session-Token';
const EXPRESS_SCHEME = 'sigv4-s3express';
const CACHE_SIZE = 100;
/** botocore's IdentityCache timings for sessions (seconds before expiration). */
const EXPRESS_ADVISORY_REFRESH_SECONDS = 45;
const EXPRESS_MANDATORY_REFRESH_SECONDS = 10;

/** One client's sessions by bucket. `now` is the local clock, as botocore's refresh checks. */
export class ExpressSessionCache {
  /** By bucket; a lookup marks its bucket used, the least recently used is evicted (recency-map.ts). */
  private readonly sessions = new RecencyMap<string, RefreshableCredentials>();

  constructor(
    private readonly createSession: (bucket: string) => Promise<RefreshedKeys>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The bucket's session credentials, from the cache or a new CreateSession. */
  async credentials(bucket: string): Promise<SigningCredentials> {
    const session = this.lookup(bucket);
    const creds = await session.getFrozenCredentials().catch((err: unknown) => {
      // A bucket whose first CreateSession failed holds no session: it takes no place in the
      // cache (botocore's lru_cache keeps no failed call either).
      if (session.expiryTime === undefined && this.sessions.peek(bucket) === session) this.sessions.delete(bucket);
      throw err;
    });
    this.trim();
    return { accessKeyId: creds.accessKey, secretAccessKey: creds.secretKey, sessionToken: creds.token };
  }

  private lookup(bucket: string): RefreshableCredentials {
    let session = this.sessions.get(bucket);
    if (!session) {
      // Deferred: the first call fetches, and calls arriving meanwhile share that CreateSession.
      session = new RefreshableCredentials({
        method: 's3express',
        refresh: () => this.createSession(bucket),
        now: this.now,
        advisorySeconds: EXPRESS_ADVISORY_REFRESH_SECONDS,
        mandatorySeconds: EXPRESS_MANDATORY_REFRESH_SECONDS,
      });
      this.sessions.set(bucket, session);
    }
    return session;
  }

  /**
   * Keeps the 100 most recently used sessions, evicting the least recently used. A bucket whose
   * first CreateSession is still under way is passed over, so that its callers' session is kept.
   */
  private trim(): void {
    this.sessions.trim(CACHE_SIZE, (session) => session.expiryTime !== undefined);
  }
}

/** CreateSession on `bucket` through the client itself (so its config, events and stubs apply). */
async function createSession(ctx: ClientContext, bucket: string): Promise<RefreshedKeys> {
  const result = await makeApiCall(ctx, ctx.service.operation('CreateSession'), { Bucket: bucket });
  const creds = result.Credentials as { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: unknown } | undefined;
  if (!creds?.AccessKeyId || !creds.SecretAccessKey || !creds.SessionToken) {
    throw new TypeError(`CreateSession on bucket ${bucket} returned no session credentials`);
  }
  const expiryTime = creds.Expiration instanceof Date ? creds.Expiration : new Date(String(creds.Expiration));
  // Without an expiration the session would never be refreshed (botocore fails here too).
  if (Number.isNaN(expiryTime.getTime())) throw new TypeError(`CreateSession on bucket ${bucket} returned no readable Expiration`);
  return { accessKey: creds.AccessKeyId, secretKey: creds.SecretAccessKey, token: creds.SessionToken, expiryTime };
}

/**
 * The signing-identity hook of one S3 client: a session for calls the rule set signs
 * `sigv4-s3express` (botocore: signing name `s3express`, signature version v4-s3express*),
 * keyed by the call's Bucket.
 */
export function expressSessionIdentity(): SigningIdentityHook {
  let sessions: ExpressSessionCache | undefined;
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
