/**
 * S3 Express One Zone session auth (src/customizations/s3/express-session.ts) against a
 * loopback server standing in for a directory bucket's endpoint (path-style through
 * endpointUrl, where S3's rule set still chooses `sigv4-s3express`): one CreateSession per
 * bucket, reused until it nears expiry, refreshed then; calls signed with the session for
 * `s3express` with `x-amz-s3session-token`; presigned URLs and POSTs likewise; plain SigV4 with
 * DisableS3ExpressSessionAuth. Every signature is recomputed here from the recorded request.
 * Where python3 has boto3, boto3 runs the same calls against the same server at the same
 * frozen time and must send the same Authorization headers and presign the same URL.
 */
import * as crypto from 'crypto';
import { execFile } from 'child_process';
import { CannedServer, RecordedRequest } from '../../helpers/canned-server';
import { Session } from '../../../src';
import { ExpressSessionCache } from '../../../src/customizations/s3/express-session';
import type { RefreshedKeys } from '../../../src/credentials/refreshable';

const BUCKET = 'mybucket--usw2-az1--x-s3';
const OTHER = 'other--usw2-az1--x-s3';
const BASE = { awsAccessKeyId: 'AKIDBASE', awsSecretAccessKey: 'base/secret', awsSessionToken: 'BASETOKEN' };
const ENV = { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };

interface IssuedSession {
  akid: string;
  secret: string;
  token: string;
  expiresInSeconds: number;
  /** Answer CreateSession with this error status instead (then the next session is issued). */
  failWith?: number;
  /** Leave Expiration out of the answer. */
  noExpiration?: boolean;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The server: CreateSession (`GET /<bucket>?session`) answers from `sessions`, in turn; everything else 200. */
function expressServer(sessions: IssuedSession[], now: () => number = Date.now): CannedServer {
  const server = new CannedServer();
  let issued = 0;
  server.handler = (req) => {
    if (!/\?session$/.test(req.url)) return { status: 200, body: '' };
    const s = sessions[Math.min(issued++, sessions.length - 1)];
    if (s.failWith) {
      return { status: s.failWith, headers: { 'Content-Type': 'application/xml' }, body: '<Error><Code>InternalError</Code><Message>try again</Message></Error>' };
    }
    const expiration = s.noExpiration ? '' : `<Expiration>${isoSeconds(now() + s.expiresInSeconds * 1000)}</Expiration>`;
    const body =
      '<?xml version="1.0" encoding="UTF-8"?><CreateSessionResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Credentials>' +
      `<SessionToken>${s.token}</SessionToken><SecretAccessKey>${s.secret}</SecretAccessKey><AccessKeyId>${s.akid}</AccessKeyId>` +
      `${expiration}</Credentials></CreateSessionResult>`;
    return { status: 200, headers: { 'Content-Type': 'application/xml' }, body };
  };
  return server;
}

const sha256 = (data: string | Buffer): string => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => crypto.createHmac('sha256', key).update(data).digest();

/** SigV4 (S3 rules: the path as sent, no double encoding) recomputed from the wire, independently of src/signing. */
function expectedSignature(req: { method: string; url: string; headers: Record<string, string | string[] | undefined> }, secret: string, signedHeaders: string, payloadHash: string, scope: string, datetime: string, query?: string): string {
  const [path, rawQuery = ''] = req.url.split('?');
  const pairs = (query ?? rawQuery)
    .split('&')
    .filter(Boolean)
    .map((p) => (p.includes('=') ? p : `${p}=`))
    .sort();
  const headerLines = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h]).trim().replace(/\s+/g, ' ')}`);
  const creq = [req.method, path, pairs.join('&'), ...headerLines, '', signedHeaders, payloadHash].join('\n');
  const sts = ['AWS4-HMAC-SHA256', datetime, scope, sha256(creq)].join('\n');
  const [date, region, service] = scope.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return crypto.createHmac('sha256', key).update(sts).digest('hex');
}

/** Checks a recorded request's SigV4 Authorization against the credentials it should have used. */
function expectSignedWith(req: RecordedRequest, akid: string, secret: string): void {
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization));
  expect(m).not.toBeNull();
  const [, who, scope, signedHeaders, signature] = m as RegExpExecArray;
  expect(who).toBe(akid);
  expect(scope).toMatch(/^\d{8}\/us-west-2\/s3express\/aws4_request$/);
  expect(signature).toBe(expectedSignature(req, secret, signedHeaders, String(req.headers['x-amz-content-sha256']), scope, String(req.headers['x-amz-date'])));
}

const isCreateSession = (r: RecordedRequest): boolean => r.url.endsWith('?session');

describe('S3 Express One Zone session auth', () => {
  let server: CannedServer;
  let url: string;
  const clients: Array<{ close(): void }> = [];

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.stop();
  });

  async function start(sessions: IssuedSession[], config: Record<string, unknown> = {}, env: Record<string, string> = {}) {
    server = expressServer(sessions);
    url = await server.start();
    const s3 = new Session({ ...BASE, regionName: 'us-west-2', env: { ...ENV, ...env } }).client('s3', { endpointUrl: url, config: { retries: { totalMaxAttempts: 1 }, ...config } });
    clients.push(s3);
    return s3;
  }

  const HOUR: IssuedSession = { akid: 'SESSIONAKID', secret: 'session/secret', token: 'SESSIONTOKEN', expiresInSeconds: 3600 };

  it('calls CreateSession once per bucket, signs calls with the session for s3express and sends x-amz-s3session-token', async () => {
    const s3 = await start([HOUR, { ...HOUR, akid: 'OTHERAKID', secret: 'other/secret', token: 'OTHERTOKEN' }]);
    await s3.putObject({ Bucket: BUCKET, Key: 'k', Body: 'hi' });
    await s3.getObject({ Bucket: BUCKET, Key: 'k' });
    await s3.headObject({ Bucket: BUCKET, Key: 'k' });
    await s3.putObject({ Bucket: OTHER, Key: 'k', Body: 'hi' });
    const [create, put, get, head, createOther, putOther] = server.requests;
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET /${BUCKET}?session`, `PUT /${BUCKET}/k`, `GET /${BUCKET}/k`, `HEAD /${BUCKET}/k`, `GET /${OTHER}?session`, `PUT /${OTHER}/k`,
    ]);
    // CreateSession itself: the client's own credentials, with their STS token, for s3express.
    expectSignedWith(create, 'AKIDBASE', 'base/secret');
    expect(create.headers['x-amz-security-token']).toBe('BASETOKEN');
    expect(create.headers['x-amz-s3session-token']).toBeUndefined();
    for (const r of [put, get, head]) {
      expectSignedWith(r, 'SESSIONAKID', 'session/secret');
      expect(r.headers['x-amz-s3session-token']).toBe('SESSIONTOKEN');
      expect(r.headers['x-amz-security-token']).toBeUndefined();
      expect(String(r.headers.authorization)).toContain('x-amz-s3session-token');
    }
    expectSignedWith(createOther, 'AKIDBASE', 'base/secret');
    expectSignedWith(putOther, 'OTHERAKID', 'other/secret');
    expect(putOther.headers['x-amz-s3session-token']).toBe('OTHERTOKEN');
  });

  it('reuses a session until it is within 45 s of expiring, then refreshes it', async () => {
    const s3 = await start([
      { ...HOUR, token: 'SHORT', expiresInSeconds: 40 },
      { ...HOUR, akid: 'FRESHAKID', secret: 'fresh/secret', token: 'FRESH' },
    ]);
    await s3.getObject({ Bucket: BUCKET, Key: 'a' });
    await s3.getObject({ Bucket: BUCKET, Key: 'b' });
    await s3.getObject({ Bucket: BUCKET, Key: 'c' });
    expect(server.requests.map((r) => (isCreateSession(r) ? 'create' : String(r.headers['x-amz-s3session-token'])))).toEqual(['create', 'SHORT', 'create', 'FRESH', 'FRESH']);
    expectSignedWith(server.requests[3], 'FRESHAKID', 'fresh/secret');
  });

  const tokensSent = () => server.requests.map((r) => (isCreateSession(r) ? 'create' : String(r.headers['x-amz-s3session-token'])));

  it('within 45 s of expiring, one call refreshes the session while concurrent calls keep signing with it', async () => {
    const s3 = await start([
      { ...HOUR, token: 'SHORT', expiresInSeconds: 30 },
      { ...HOUR, akid: 'FRESHAKID', secret: 'fresh/secret', token: 'FRESH' },
    ]);
    await s3.getObject({ Bucket: BUCKET, Key: 'a' });
    await Promise.all(['b', 'c', 'd', 'e'].map((Key) => s3.getObject({ Bucket: BUCKET, Key })));
    expect(server.requests.filter(isCreateSession)).toHaveLength(2);
    // The refreshing call signs with the new session, the three others with the old one.
    expect(tokensSent().slice(2).filter((t) => t !== 'create').sort()).toEqual(['FRESH', 'SHORT', 'SHORT', 'SHORT']);
    await s3.getObject({ Bucket: BUCKET, Key: 'f' });
    expect(tokensSent().at(-1)).toBe('FRESH');
  });

  it('keeps signing with the session when a refresh within 45 s of expiring fails, and tries again on the next call', async () => {
    const s3 = await start([
      { ...HOUR, token: 'SHORT', expiresInSeconds: 30 },
      { ...HOUR, failWith: 500 },
      { ...HOUR, akid: 'FRESHAKID', secret: 'fresh/secret', token: 'FRESH' },
    ]);
    await s3.getObject({ Bucket: BUCKET, Key: 'a' });
    await s3.getObject({ Bucket: BUCKET, Key: 'b' });
    await s3.getObject({ Bucket: BUCKET, Key: 'c' });
    expect(tokensSent()).toEqual(['create', 'SHORT', 'create', 'SHORT', 'create', 'FRESH']);
  });

  it('fails the call when the session is within 10 s of expiring and its refresh fails', async () => {
    const s3 = await start([{ ...HOUR, token: 'SHORT', expiresInSeconds: 5 }, { ...HOUR, failWith: 500 }]);
    await s3.getObject({ Bucket: BUCKET, Key: 'a' });
    await expect(s3.getObject({ Bucket: BUCKET, Key: 'b' })).rejects.toThrow(/InternalError/);
    expect(tokensSent()).toEqual(['create', 'SHORT', 'create']);
  });

  it('refuses a session without an Expiration (it would never be refreshed)', async () => {
    const s3 = await start([{ ...HOUR, noExpiration: true }]);
    await expect(s3.getObject({ Bucket: BUCKET, Key: 'a' })).rejects.toThrow(`CreateSession on bucket ${BUCKET} returned no readable Expiration`);
    expect(tokensSent()).toEqual(['create']);
  });

  it('shares one CreateSession among concurrent calls to a new bucket', async () => {
    const s3 = await start([HOUR]);
    await Promise.all(['a', 'b', 'c', 'd'].map((Key) => s3.getObject({ Bucket: BUCKET, Key })));
    expect(server.requests.filter(isCreateSession)).toHaveLength(1);
  });

  it('presigns with the session: X-Amz-S3session-Token in the query, no X-Amz-Security-Token', async () => {
    const s3 = await start([HOUR]);
    const presigned = new URL(await s3.generatePresignedUrl('getObject', { Params: { Bucket: BUCKET, Key: 'k' }, ExpiresIn: 600 }));
    expect(server.requests.map((r) => r.url)).toEqual([`/${BUCKET}?session`]);
    const q = presigned.searchParams;
    expect(q.get('X-Amz-Credential')).toMatch(/^SESSIONAKID\/\d{8}\/us-west-2\/s3express\/aws4_request$/);
    expect(q.get('X-Amz-S3session-Token')).toBe('SESSIONTOKEN');
    expect(q.get('X-Amz-Security-Token')).toBeNull();
    expect(q.get('X-Amz-Expires')).toBe('600');
    const unsigned = presigned.search.slice(1).split('&').filter((p) => !p.startsWith('X-Amz-Signature=')).join('&');
    const req = { method: 'GET', url: presigned.pathname, headers: { host: presigned.host } };
    expect(q.get('X-Amz-Signature')).toBe(expectedSignature(req, 'session/secret', 'host', 'UNSIGNED-PAYLOAD', (q.get('X-Amz-Credential') as string).split('/').slice(1).join('/'), q.get('X-Amz-Date') as string, unsigned));
  });

  it('presigns a POST with the session token as X-Amz-S3session-Token, in the fields and the policy', async () => {
    const s3 = await start([HOUR]);
    const post = await s3.generatePresignedPost({ Bucket: BUCKET, Key: 'k' });
    expect(post.fields['X-Amz-S3session-Token']).toBe('SESSIONTOKEN');
    expect(post.fields['x-amz-security-token']).toBeUndefined();
    expect(post.fields['x-amz-credential']).toMatch(/^SESSIONAKID\/\d{8}\/us-west-2\/s3express\/aws4_request$/);
    const policy = JSON.parse(Buffer.from(post.fields.policy, 'base64').toString('utf8')) as { conditions: unknown[] };
    expect(policy.conditions).toContainEqual({ 'X-Amz-S3session-Token': 'SESSIONTOKEN' });
    const [date] = post.fields['x-amz-credential'].split('/').slice(1);
    const key = hmac(hmac(hmac(hmac('AWS4session/secret', date), 'us-west-2'), 's3express'), 'aws4_request');
    expect(post.fields['x-amz-signature']).toBe(crypto.createHmac('sha256', key).update(post.fields.policy).digest('hex'));
  });

  it.each([
    ['Config s3.disableS3ExpressSessionAuth', { s3: { disableS3ExpressSessionAuth: true } }, {}],
    ['AWS_S3_DISABLE_EXPRESS_SESSION_AUTH', {}, { AWS_S3_DISABLE_EXPRESS_SESSION_AUTH: 'true' }],
  ])('signs plain SigV4 with the client credentials when session auth is disabled (%s)', async (_name, config, env) => {
    const s3 = await start([HOUR], config, env);
    await s3.getObject({ Bucket: BUCKET, Key: 'k' });
    expect(server.requests.map((r) => r.url)).toEqual([`/${BUCKET}/k`]);
    expectSignedWith(server.requests[0], 'AKIDBASE', 'base/secret');
    expect(server.requests[0].headers['x-amz-security-token']).toBe('BASETOKEN');
    expect(server.requests[0].headers['x-amz-s3session-token']).toBeUndefined();
  });

  it('refuses a non-boolean disableS3ExpressSessionAuth before anything is sent', async () => {
    await expect(start([HOUR], { s3: { disableS3ExpressSessionAuth: 'yes' } })).rejects.toThrow(/disableS3ExpressSessionAuth must be a boolean/);
  });
});

describe('ExpressSessionCache refresh windows (botocore: advisory 45 s, mandatory 10 s)', () => {
  /**
   * A clock the test moves, and a counting CreateSession stub whose answers the test releases:
   * `answer()` settles the oldest call still open with a session living `ttl` seconds from now,
   * `fail()` with an error.
   */
  function harness() {
    let nowMs = Date.parse('2030-01-01T00:00:00Z');
    const open: Array<{ bucket: string; resolve: (k: RefreshedKeys) => void; reject: (e: Error) => void }> = [];
    let issued = 0;
    const createSession = jest.fn(
      (bucket: string) => new Promise<RefreshedKeys>((resolve, reject) => open.push({ bucket, resolve, reject })),
    );
    const cache = new ExpressSessionCache(createSession, () => new Date(nowMs));
    // Lets every call that can go on do so (all pending promise callbacks run before setImmediate's).
    const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
      cache,
      createSession,
      advance: (seconds: number) => (nowMs += seconds * 1000),
      async answer(ttl: number) {
        const call = open.shift() as (typeof open)[number];
        issued += 1;
        call.resolve({ accessKey: `AK${issued}`, secretKey: `S${issued}`, token: `${call.bucket}-${issued}`, expiryTime: new Date(nowMs + ttl * 1000) });
        await settle();
      },
      async fail(message = 'CreateSession failed') {
        (open.shift() as (typeof open)[number]).reject(new Error(message));
        await settle();
      },
      settle,
    };
  }

  /** Starts `n` calls for the bucket; `done` holds the tokens of those that have resolved. */
  function callers(cache: ExpressSessionCache, bucket: string, n: number) {
    const done: Array<string | undefined> = [];
    const all = Promise.all(
      Array.from({ length: n }, () =>
        cache.credentials(bucket).then((c) => {
          done.push(c.sessionToken);
          return c.sessionToken;
        }),
      ),
    );
    return { done, all };
  }

  async function cached(h: ReturnType<typeof harness>, ttl = 60) {
    const first = h.cache.credentials('b');
    await h.settle();
    await h.answer(ttl);
    expect((await first).sessionToken).toBe('b-1');
  }

  it('outside the windows: the cached session, no CreateSession', async () => {
    const h = harness();
    await cached(h);
    h.advance(14); // 46 s left
    expect((await h.cache.credentials('b')).sessionToken).toBe('b-1');
    expect(h.createSession).toHaveBeenCalledTimes(1);
  });

  it('advisory window: concurrent callers get the current session at once and exactly one CreateSession runs', async () => {
    const h = harness();
    await cached(h);
    h.advance(20); // 40 s left
    const { done, all } = callers(h.cache, 'b', 5);
    await h.settle();
    // Before CreateSession answers, every caller but the one refreshing has the current session.
    expect(done).toEqual(['b-1', 'b-1', 'b-1', 'b-1']);
    expect(h.createSession).toHaveBeenCalledTimes(2); // the first session's, and this refresh
    await h.answer(60);
    expect((await all).sort()).toEqual(['b-1', 'b-1', 'b-1', 'b-1', 'b-2']);
    expect(h.createSession).toHaveBeenCalledTimes(2);
    // The new session is the one in use from then on.
    expect((await h.cache.credentials('b')).sessionToken).toBe('b-2');
  });

  it('mandatory window: every caller waits for the one CreateSession and gets the new session', async () => {
    const h = harness();
    await cached(h);
    h.advance(52); // 8 s left
    const { done, all } = callers(h.cache, 'b', 5);
    await h.settle();
    expect(done).toEqual([]);
    expect(h.createSession).toHaveBeenCalledTimes(2);
    await h.answer(60);
    expect(await all).toEqual(['b-2', 'b-2', 'b-2', 'b-2', 'b-2']);
    expect(h.createSession).toHaveBeenCalledTimes(2);
  });

  it('mandatory window: callers arriving while an advisory refresh is under way wait for it', async () => {
    const h = harness();
    await cached(h);
    h.advance(20); // 40 s left: advisory
    const refresher = h.cache.credentials('b');
    await h.settle();
    h.advance(25); // 15 s... still advisory: served at once
    expect((await h.cache.credentials('b')).sessionToken).toBe('b-1');
    h.advance(10); // 5 s left: mandatory
    const { done, all } = callers(h.cache, 'b', 3);
    await h.settle();
    expect(done).toEqual([]);
    await h.answer(60);
    expect(await all).toEqual(['b-2', 'b-2', 'b-2']);
    expect((await refresher).sessionToken).toBe('b-2');
    expect(h.createSession).toHaveBeenCalledTimes(2);
  });

  it('advisory window: a failed CreateSession leaves the old session in use, no error, and is tried again by a later call', async () => {
    const h = harness();
    await cached(h);
    h.advance(20); // 40 s left
    const { all } = callers(h.cache, 'b', 3);
    await h.settle();
    await h.fail();
    expect(await all).toEqual(['b-1', 'b-1', 'b-1']);
    expect(h.createSession).toHaveBeenCalledTimes(2);
    h.advance(10); // 30 s left: the next call tries again, and this one succeeds
    const retry = h.cache.credentials('b');
    await h.settle();
    expect(h.createSession).toHaveBeenCalledTimes(3);
    await h.answer(60);
    expect((await retry).sessionToken).toBe('b-2');
  });

  it('mandatory window: a failed CreateSession rejects every waiting caller, and the next call tries again', async () => {
    const h = harness();
    await cached(h);
    h.advance(55); // 5 s left
    const waiting = Promise.allSettled([h.cache.credentials('b'), h.cache.credentials('b')]);
    await h.settle();
    await h.fail('CreateSession failed again');
    expect((await waiting).map((w) => w.status === 'rejected' && String(w.reason))).toEqual(['Error: CreateSession failed again', 'Error: CreateSession failed again']);
    const retry = h.cache.credentials('b');
    await h.settle();
    await h.answer(60);
    expect((await retry).sessionToken).toBe('b-2');
    expect(h.createSession).toHaveBeenCalledTimes(3);
  });

  it('a new bucket: concurrent first calls share one CreateSession; a failed one is not kept', async () => {
    const h = harness();
    const first = Promise.allSettled([h.cache.credentials('b'), h.cache.credentials('b')]);
    await h.settle();
    expect(h.createSession).toHaveBeenCalledTimes(1);
    await h.fail('no such bucket');
    expect((await first).map((f) => f.status === 'rejected' && String(f.reason))).toEqual(['Error: no such bucket', 'Error: no such bucket']);
    const again = h.cache.credentials('b');
    await h.settle();
    await h.answer(60);
    expect((await again).sessionToken).toBe('b-1');
    expect(h.createSession).toHaveBeenCalledTimes(2);
  });

  it('keeps sessions per bucket: one bucket refreshing leaves the others alone', async () => {
    const h = harness();
    await cached(h, 40); // inside the advisory window as soon as it is issued
    const other = h.cache.credentials('c');
    await h.settle();
    await h.answer(3600);
    expect((await other).sessionToken).toBe('c-2');
    const refreshing = h.cache.credentials('b');
    await h.settle();
    expect((await h.cache.credentials('c')).sessionToken).toBe('c-2');
    expect(h.createSession.mock.calls.map(([bucket]) => bucket)).toEqual(['b', 'c', 'b']);
    await h.answer(60);
    expect((await refreshing).sessionToken).toBe('b-3');
  });

  it('a bucket whose first CreateSession failed takes no place among the 100', async () => {
    let created = 0;
    const cache = new ExpressSessionCache(async (bucket) => {
      if (bucket === 'missing') throw new Error('NoSuchBucket');
      return { accessKey: 'A', secretKey: 'S', token: String(++created), expiryTime: new Date(Date.now() + 3_600_000) };
    });
    for (let i = 0; i < 100; i++) await cache.credentials(`b${i}`);
    await expect(cache.credentials('missing')).rejects.toThrow('NoSuchBucket');
    await cache.credentials('b0');
    expect(created).toBe(100);
  });

  it('holds the sessions of the last 100 buckets', async () => {
    let created = 0;
    const cache = new ExpressSessionCache(async () => ({ accessKey: 'A', secretKey: 'S', token: String(++created), expiryTime: new Date(Date.now() + 3_600_000) }));
    for (let i = 0; i <= 100; i++) await cache.credentials(`b${i}`);
    await cache.credentials('b100');
    expect(created).toBe(101);
    await cache.credentials('b0'); // the least recently used, evicted
    expect(created).toBe(102);
  });
});

/** boto3's run of the same calls, or undefined (with a notice) when python3 has no boto3. */
function runBoto3(endpoint: string, nowIso: string): Promise<{ url: string } | undefined> {
  const script = `
import datetime, json, os, sys
import botocore.auth, botocore.compat, botocore.handlers
NOW = datetime.datetime.strptime(os.environ['NOW'], '%Y-%m-%dT%H:%M:%SZ')
frozen = lambda remove_tzinfo=True: NOW if remove_tzinfo else NOW.replace(tzinfo=datetime.timezone.utc)
botocore.compat.get_current_datetime = frozen
botocore.auth.get_current_datetime = frozen
# botocore signs its retry headers; botojs adds its own after signing: leave them out to compare.
botocore.handlers.BUILTIN_HANDLERS[:] = [h for h in botocore.handlers.BUILTIN_HANDLERS if h[1] is not botocore.handlers.add_retry_headers]
import boto3
from botocore.config import Config
s3 = boto3.Session(aws_access_key_id='AKIDBASE', aws_secret_access_key='base/secret', aws_session_token='BASETOKEN', region_name='us-west-2').client('s3', endpoint_url=os.environ['ENDPOINT'], config=Config(retries={'total_max_attempts': 1}))
s3.put_object(Bucket='${BUCKET}', Key='k', Body=b'hi')
s3.get_object(Bucket='${BUCKET}', Key='k')
print(json.dumps({'url': s3.generate_presigned_url('get_object', Params={'Bucket': '${BUCKET}', 'Key': 'k'})}))
`;
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', script], { env: { ...process.env, ...ENV, ENDPOINT: endpoint, NOW: nowIso }, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        if (/No module named/.test(stderr) || (err as NodeJS.ErrnoException).code === 'ENOENT') {
          console.log('[botojs] python3 with boto3 not available: S3 Express requests are not compared with boto3');
          return resolve(undefined);
        }
        return reject(new Error(`boto3 run failed: ${stderr}`));
      }
      resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as { url: string });
    });
  });
}

describe('S3 Express One Zone session auth compared with boto3', () => {
  it('sends the same signed requests and presigns the same URL at the same time', async () => {
    // Both sides sign at NOW (whole seconds); the session the server issues expires an hour
    // after the local clock, which botocore's refresh check reads unfrozen.
    const NOW = Math.floor(Date.now() / 1000) * 1000;
    const server = expressServer([{ akid: 'SESSIONAKID', secret: 'session/secret', token: 'SESSIONTOKEN', expiresInSeconds: 3600 }]);
    const endpoint = await server.start();
    try {
      const boto3 = await runBoto3(endpoint, isoSeconds(NOW));
      if (!boto3) return;
      const theirs = server.requests.splice(0);
      const spy = jest.spyOn(Date, 'now').mockReturnValue(NOW);
      const s3 = new Session({ ...BASE, regionName: 'us-west-2', env: ENV }).client('s3', { endpointUrl: endpoint, config: { retries: { totalMaxAttempts: 1 } } });
      try {
        await s3.putObject({ Bucket: BUCKET, Key: 'k', Body: 'hi' });
        await s3.getObject({ Bucket: BUCKET, Key: 'k' });
        const url = await s3.generatePresignedUrl('getObject', { Params: { Bucket: BUCKET, Key: 'k' } });
        expect(url).toBe(boto3.url);
      } finally {
        spy.mockRestore();
        s3.close();
      }
      const ours = server.requests;
      const view = (r: RecordedRequest) => ({
        request: `${r.method} ${r.url}`,
        authorization: r.headers.authorization,
        'x-amz-s3session-token': r.headers['x-amz-s3session-token'],
        'x-amz-security-token': r.headers['x-amz-security-token'],
      });
      expect(ours.map(view)).toEqual(theirs.map(view));
      expect(ours.map((r) => r.url)).toEqual([`/${BUCKET}?session`, `/${BUCKET}/k`, `/${BUCKET}/k`]);
    } finally {
      await server.stop();
    }
  }, 30_000);
});
