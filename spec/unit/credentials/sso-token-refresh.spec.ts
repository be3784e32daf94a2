/**
 * The SSO bearer token's refresh rules (botocore's DeferredRefreshableToken): advisory window
 * (15 min), mandatory window (10 min), one CreateToken for concurrent callers, and at most one
 * refresh attempt a minute. Real SSO OIDC calls go to the loopback FakeSso; the clock is the
 * test's, handed to the provider through its CredentialContext.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Session } from '../../../src';
import { ClientError } from '../../../src/errors';
import type { CredentialContext } from '../../../src/credentials/context';
import { TokenRetrievalError } from '../../../src/credentials/errors';
import { FrozenToken, ssoCacheKey, SsoTokenProvider } from '../../../src/credentials/sso-token';
import { FakeSso, tempHome } from './fake-aws';

const CONFIG = `[profile dev]
sso_session = corp
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
`;

const MIN = 60;

describe('SSO token refresh (DeferredRefreshableToken rules)', () => {
  const sso = new FakeSso();
  beforeAll(() => sso.start());
  afterAll(() => sso.stop());
  beforeEach(() => {
    sso.tokenCalls = [];
    sso.createTokenFails = false;
    sso.nextAccessToken = 'refreshed-access-token';
    sso.server.requests.length = 0;
  });

  /** CreateToken requests that reached the server, answered or reset. */
  const createTokenRequests = () => sso.server.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/token')).length;

  /** A provider on a temp HOME whose cached token lives `ttl` seconds from the test clock's start. */
  function setup(ttl: number, token: Record<string, unknown> = {}) {
    let nowMs = Date.now();
    const clock = { now: () => new Date(nowMs), advance: (s: number) => (nowMs += s * 1000) };
    const iso = (secondsFromNow: number) => new Date(nowMs + secondsFromNow * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const h = tempHome({ config: CONFIG });
    const cacheFile = path.join(h.home, '.aws', 'sso', 'cache', `${ssoCacheKey('', 'corp')}.json`);
    const writeCache = (doc: Record<string, unknown>) => h.write(path.relative(h.home, cacheFile), JSON.stringify(doc));
    writeCache({
      accessToken: 'cached-access-token',
      expiresAt: iso(ttl),
      refreshToken: 'refresh-1',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      registrationExpiresAt: iso(90 * 86400),
      ...token,
    });
    // One attempt per call: a connection reset fails at once instead of after retry backoff.
    const session = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url, AWS_MAX_ATTEMPTS: '1' }, profileName: 'dev' });
    // The session's own context (its sso-oidc client), with the test's clock.
    const ctx: CredentialContext = { ...(session as unknown as { credentialContext(): CredentialContext }).credentialContext(), now: clock.now };
    const failures: unknown[] = [];
    const provider = new SsoTokenProvider(ctx, 'dev', { onRefreshFailure: (e) => failures.push(e) });
    const load = async (): Promise<string> => ((await provider.loadToken()) as FrozenToken).token;
    const cached = () => JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    return { clock, provider, load, failures, cached, writeCache, iso };
  }

  /** Starts `n` loads together and records the order they settle in. */
  async function concurrently(load: () => Promise<string>, n: number): Promise<{ tokens: string[]; order: number[] }> {
    const order: number[] = [];
    const tokens = await Promise.all(Array.from({ length: n }, (_, i) => load().finally(() => order.push(i))));
    return { tokens, order };
  }

  it('uses the cached token outside the windows, without CreateToken', async () => {
    const { load, clock } = setup(60 * MIN);
    expect(await load()).toBe('cached-access-token');
    clock.advance(44 * MIN); // 16 min left
    expect(await load()).toBe('cached-access-token');
    expect(sso.tokenCalls).toHaveLength(0);
  });

  it('advisory window: one caller runs CreateToken, the others get the current token at once', async () => {
    const { load, clock, cached } = setup(60 * MIN);
    expect(await load()).toBe('cached-access-token');
    clock.advance(48 * MIN); // 12 min left
    const { tokens, order } = await concurrently(load, 5);
    expect(tokens).toEqual(['refreshed-access-token', 'cached-access-token', 'cached-access-token', 'cached-access-token', 'cached-access-token']);
    // The four that did not refresh settled before the CreateToken answer came back.
    expect(order).toEqual([1, 2, 3, 4, 0]);
    expect(sso.tokenCalls).toEqual([expect.objectContaining({ grantType: 'refresh_token', refreshToken: 'refresh-1', clientId: 'client-id', clientSecret: 'client-secret' })]);
    // Written back through the cache writer, as before.
    expect(cached()).toMatchObject({ accessToken: 'refreshed-access-token', refreshToken: 'refresh-2', clientId: 'client-id', startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1' });
    expect(await load()).toBe('refreshed-access-token');
    expect(sso.tokenCalls).toHaveLength(1);
  });

  it('a refresh re-reads the cache first: a token another process renewed needs no CreateToken', async () => {
    const { load, clock, writeCache, iso } = setup(60 * MIN);
    await load();
    clock.advance(48 * MIN);
    writeCache({ accessToken: 'renewed-elsewhere', expiresAt: iso(8 * 3600) });
    expect(await load()).toBe('renewed-elsewhere');
    expect(sso.tokenCalls).toHaveLength(0);
  });

  it('advisory window: a failed refresh is reported and the current token kept (refused or unanswered)', async () => {
    const { load, clock, failures } = setup(60 * MIN);
    await load();
    clock.advance(48 * MIN);
    sso.createTokenFails = true; // InvalidGrantException: botocore falls back to the cached token
    expect(await load()).toBe('cached-access-token');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(ClientError);
    clock.advance(MIN); // past the attempt interval
    sso.server.reply({ reset: true }); // no answer at all: kept in the advisory window too
    expect(await load()).toBe('cached-access-token');
    expect(failures).toHaveLength(2);
    expect(failures[1]).toBeInstanceOf(TokenRetrievalError);
    expect(createTokenRequests()).toBe(2);
  });

  it('mandatory window: every concurrent caller waits for the one CreateToken', async () => {
    const { load, clock } = setup(60 * MIN);
    await load();
    clock.advance(55 * MIN); // 5 min left
    const { tokens } = await concurrently(load, 6);
    expect(tokens).toEqual(Array(6).fill('refreshed-access-token'));
    expect(sso.tokenCalls).toHaveLength(1);
  });

  it('mandatory window: a failed refresh raises a clear error', async () => {
    const { load, clock, failures } = setup(60 * MIN);
    await load();
    clock.advance(55 * MIN);
    sso.server.reply({ reset: true });
    const err = await load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TokenRetrievalError);
    expect((err as Error).message).toMatch(/^Error when retrieving token from sso: refreshing the token of sso-session "corp" through SSO OIDC CreateToken failed: /);
    expect((err as Error).cause).toBeDefined();
    expect(failures).toHaveLength(0);
  });

  it('an expired token: refused CreateToken or no refresh token raises "Token has expired and refresh failed"', async () => {
    const refused = setup(-MIN);
    sso.createTokenFails = true;
    await expect(refused.load()).rejects.toThrow(TokenRetrievalError);
    expect(sso.tokenCalls).toHaveLength(1);
    const noRefreshToken = setup(-MIN, { refreshToken: undefined });
    await expect(noRefreshToken.load()).rejects.toThrow(/^Error when retrieving token from sso: Token has expired and refresh failed \(sso-session "corp"\)\. To refresh this SSO session run: aws sso login --profile dev/);
    expect(sso.tokenCalls).toHaveLength(1); // nothing to refresh with: no call
  });

  it('mandatory window: a refused CreateToken falls back to the cached token while it still works (botocore)', async () => {
    const { load, clock, failures } = setup(60 * MIN);
    await load();
    clock.advance(55 * MIN);
    sso.createTokenFails = true;
    expect(await load()).toBe('cached-access-token');
    expect(failures).toHaveLength(1);
  });

  it('starts at most one refresh attempt a minute, then tries again', async () => {
    const { load, clock, failures } = setup(60 * MIN);
    await load();
    clock.advance(48 * MIN);
    sso.createTokenFails = true;
    expect(await load()).toBe('cached-access-token');
    clock.advance(30);
    expect(await load()).toBe('cached-access-token');
    expect(sso.tokenCalls).toHaveLength(1);
    clock.advance(31); // 61 s after the first attempt
    sso.createTokenFails = false;
    expect(await load()).toBe('refreshed-access-token');
    expect(sso.tokenCalls).toHaveLength(2);
    expect(failures).toHaveLength(1);
  });

  it('within the attempt interval a still-valid token is served even in the mandatory window, an expired one raises', async () => {
    const { load, clock } = setup(60 * MIN);
    await load();
    clock.advance(59 * MIN + 30); // 30 s left: mandatory
    sso.server.reply({ reset: true });
    await expect(load()).rejects.toThrow(/CreateToken failed/);
    clock.advance(20); // 10 s left, 20 s after the attempt
    expect(await load()).toBe('cached-access-token');
    clock.advance(25); // expired 15 s ago, 45 s after the attempt: no new attempt yet, and no expired token handed out
    await expect(load()).rejects.toThrow(/Token has expired and refresh failed/);
    expect(createTokenRequests()).toBe(1);
    clock.advance(20); // past the interval: a new attempt
    expect(await load()).toBe('refreshed-access-token');
    expect(createTokenRequests()).toBe(2);
  });

  it('the first load is mandatory: an invalid cache file raises, and the next load tries again', async () => {
    const { load, writeCache, iso } = setup(60 * MIN);
    writeCache({ accessToken: 'x' }); // no expiresAt: an invalid token file
    await expect(load()).rejects.toThrow(/Token for corp is invalid/);
    writeCache({ accessToken: 'cached-access-token', expiresAt: iso(60 * MIN) });
    expect(await load()).toBe('cached-access-token');
  });
});
