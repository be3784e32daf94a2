import * as fs from 'fs';
import * as path from 'path';
import { Session } from '../../../src';
import { InvalidConfigError, SSOTokenLoadError, TokenRetrievalError, UnauthorizedSSOTokenError } from '../../../src/credentials/errors';
import { ssoCacheKey } from '../../../src/credentials/sso-token';
import { FakeSso, isoIn, tempHome, TempHome } from './fake-aws';

const SESSION_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-west-2
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;

describe('SSO (loopback SSO portal and SSO OIDC)', () => {
  const sso = new FakeSso();
  beforeAll(() => sso.start());
  afterAll(() => sso.stop());
  beforeEach(() => {
    sso.roleCalls = [];
    sso.tokenCalls = [];
    sso.validTokens = new Set(['cached-access-token']);
    sso.createTokenFails = false;
  });

  function setup(config: string, token: Record<string, unknown> | undefined, key = ssoCacheKey('', 'corp')): { h: TempHome; s: Session; cacheFile: string } {
    const h = tempHome({ config });
    const cacheFile = path.join(h.home, '.aws', 'sso', 'cache', `${key}.json`);
    if (token) h.write(path.relative(h.home, cacheFile), JSON.stringify(token));
    const s = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO: sso.url, AWS_ENDPOINT_URL_SSO_OIDC: sso.url }, profileName: 'dev' });
    return { h, s, cacheFile };
  }

  it('uses the cached token (sha1 of the sso-session name) for GetRoleCredentials, unsigned', async () => {
    // The keys botocore's SSOTokenLoader computes for the same inputs.
    expect(ssoCacheKey('https://x', 'corp')).toBe('ee0bfd2552fbd840c02cc48b6e823320543c450f');
    expect(ssoCacheKey('https://legacy.awsapps.com/start')).toBe('79e435d7a515078e81c9dffc35f38d5687ebd3a7');
    const { s } = setup(SESSION_CONFIG, { accessToken: 'cached-access-token', expiresAt: isoIn(3600), startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1' });
    const creds = await s.getCredentials();
    expect(creds).toMatchObject({ method: 'sso', accessKey: 'ASIASSO1', accountId: '111122223333' });
    expect(creds!.expiryTime!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(sso.roleCalls).toEqual([{ roleName: 'Developer', accountId: '111122223333', token: 'cached-access-token', authorization: undefined }]);
    expect(sso.tokenCalls).toHaveLength(0);
  });

  it('refreshes an expiring token through SSO OIDC CreateToken and writes it back to the cache', async () => {
    const { s, cacheFile } = setup(SESSION_CONFIG, {
      accessToken: 'old-token',
      expiresAt: isoIn(60),
      refreshToken: 'refresh-1',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      registrationExpiresAt: isoIn(86400),
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
    });
    const creds = await s.getCredentials();
    expect(creds).toMatchObject({ method: 'sso' });
    expect(sso.tokenCalls).toEqual([{ grantType: 'refresh_token', clientId: 'client-id', clientSecret: 'client-secret', refreshToken: 'refresh-1', authorization: undefined }]);
    expect(sso.roleCalls[0].token).toBe('refreshed-access-token');
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, string>;
    expect(cached).toMatchObject({ accessToken: 'refreshed-access-token', refreshToken: 'refresh-2', clientId: 'client-id', startUrl: 'https://corp.awsapps.com/start' });
    expect(new Date(cached.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7 * 3600_000);
  });

  it('tells the user to run aws sso login when the token is expired and cannot be refreshed', async () => {
    const { s } = setup(SESSION_CONFIG, { accessToken: 'old', expiresAt: isoIn(-60) });
    await expect(s.getCredentials()).rejects.toThrow(SSOTokenLoadError);
    await expect(s.getCredentials()).rejects.toThrow(/aws sso login --profile dev/);
    sso.createTokenFails = true;
    const failing = setup(SESSION_CONFIG, { accessToken: 'old', expiresAt: isoIn(-60), refreshToken: 'r', clientId: 'c', clientSecret: 'cs', registrationExpiresAt: isoIn(3600) });
    // botocore's TokenRetrievalError (an SSOTokenLoadError here), with the way out.
    await expect(failing.s.getCredentials()).rejects.toThrow(TokenRetrievalError);
    await expect(failing.s.getCredentials()).rejects.toThrow(/Token has expired and refresh failed.*aws sso login --profile dev/);
    expect(sso.roleCalls).toHaveLength(0);
    const never = setup(SESSION_CONFIG, undefined);
    await expect(never.s.getCredentials()).rejects.toThrow(/Token for corp does not exist.*aws sso login --profile dev/);
  });

  it('supports legacy sso_start_url profiles (cache keyed by the start URL, never refreshed)', async () => {
    const legacy = '[profile dev]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 444455556666\nsso_role_name = ReadOnly\n';
    const key = ssoCacheKey('https://legacy.awsapps.com/start');
    const ok = setup(legacy, { accessToken: 'cached-access-token', expiresAt: isoIn(3600) }, key);
    expect(await ok.s.getCredentials()).toMatchObject({ method: 'sso', accountId: '444455556666' });
    const expired = setup(legacy, { accessToken: 'cached-access-token', expiresAt: isoIn(-1) }, key);
    await expect(expired.s.getCredentials()).rejects.toThrow(UnauthorizedSSOTokenError);
    await expect(expired.s.getCredentials()).rejects.toThrow(/aws sso login --profile dev/);
  });

  it('maps a rejected token (UnauthorizedException) to an error that says to log in again', async () => {
    const { s } = setup(SESSION_CONFIG, { accessToken: 'revoked-token', expiresAt: isoIn(3600) });
    await expect(s.getCredentials()).rejects.toThrow(UnauthorizedSSOTokenError);
    expect(sso.roleCalls).toHaveLength(1);
  });

  it('validates the SSO configuration', async () => {
    const missing = setup('[profile dev]\nsso_account_id = 1\nsso_role_name = R\nsso_start_url = https://x\n', undefined);
    await expect(missing.s.getCredentials()).rejects.toThrow(/profile "dev" is configured to use SSO but is missing required configuration: sso_region/);
    const ghost = setup('[profile dev]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n', undefined);
    await expect(ghost.s.getCredentials()).rejects.toThrow(InvalidConfigError);
    await expect(ghost.s.getCredentials()).rejects.toThrow(/sso-session does not exist: "nope"/);
    const clash = setup(`${SESSION_CONFIG.replace('sso_role_name = Developer', 'sso_role_name = Developer\nsso_region = eu-west-1')}`, undefined);
    await expect(clash.s.getCredentials()).rejects.toThrow(/sso_region is inconsistent between profile \(eu-west-1\) and sso-session \(us-east-1\)/);
  });

  it('feeds the SSO token to bearer-auth services (get-auth-token)', async () => {
    const { s } = setup(SESSION_CONFIG, { accessToken: 'cached-access-token', expiresAt: isoIn(3600) });
    expect(await s.getAuthToken()).toBe('cached-access-token');
    const cc = s.client('codecatalyst', { endpointUrl: sso.url, regionName: 'us-west-2' });
    await cc.listSpaces({}).catch(() => undefined); // the fake answers 404; only the header matters
    const req = sso.server.requests[sso.server.requests.length - 1];
    expect(req.headers.authorization).toBe('Bearer cached-access-token');
  });
});
