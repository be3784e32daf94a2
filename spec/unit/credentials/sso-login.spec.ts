/**
 * The SSO OIDC device authorization flow of `botojs sso login`, against a loopback SSO OIDC
 * stand-in: registration (cached and reused), device authorization, CreateToken polling with
 * authorization_pending, slow_down (+5 s) and expired_token, and the cache files it writes in
 * the AWS CLI's format.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ClientError, Session, UNSIGNED } from '../../../src';
import { InvalidConfigError, PendingAuthorizationExpiredError } from '../../../src/credentials/errors';
import { registrationCacheKey, ssoDeviceLogin, ssoLoginConfig } from '../../../src/credentials/sso-login';
import type { PendingAuthorization, SsoLoginConfig } from '../../../src/credentials/sso-login';
import { FakeSso, tempHome, TempHome } from './fake-aws';

const SESSION_CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
`;
const LEGACY_CONFIG = `[profile old]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = ReadOnly
`;

describe('SSO device login (loopback SSO OIDC)', () => {
  const sso = new FakeSso();
  beforeAll(() => sso.start());
  afterAll(() => sso.stop());
  beforeEach(() => {
    sso.registerCalls = [];
    sso.deviceCalls = [];
    sso.tokenCalls = [];
    sso.deviceSteps = [];
    sso.deviceInterval = 2;
    sso.deviceExpiresIn = 600;
    sso.nextAccessToken = 'device-access-token';
  });

  interface Run {
    h: TempHome;
    config: SsoLoginConfig;
    sleeps: number[];
    prompts: PendingAuthorization[];
    login(): ReturnType<typeof ssoDeviceLogin>;
  }

  /** A login for `profile` of `configText`, through a botojs sso-oidc client pointed at the stand-in. */
  function setup(configText: string, profile: string, h: TempHome = tempHome({ config: configText })): Run {
    const session = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url }, profileName: profile });
    const config = ssoLoginConfig(session.configFiles, profile, session.profile);
    const sleeps: number[] = [];
    const prompts: PendingAuthorization[] = [];
    const login = () => {
      const oidc = session.client('sso-oidc', { regionName: config.region, config: { signatureVersion: UNSIGNED } });
      return ssoDeviceLogin({
        config,
        env: session.env,
        oidc: (op, params) => (oidc[op] as (p: Record<string, unknown>) => Promise<Record<string, unknown>>)(params),
        onPending: (p) => prompts.push(p),
        sleep: async (s) => void sleeps.push(s),
      }).finally(() => oidc.close());
    };
    return { h, config, sleeps, prompts, login };
  }

  const cachePath = (h: TempHome, key: string) => path.join(h.home, '.aws', 'sso', 'cache', `${key}.json`);

  it('sso-session: registers, starts the device authorization, polls past authorization_pending, writes the AWS CLI cache files', async () => {
    sso.deviceSteps = ['pending', 'pending'];
    const run = setup(SESSION_CONFIG, 'dev');
    expect(run.config).toEqual({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', sessionName: 'corp', registrationScopes: ['sso:account:access'] });
    const token = await run.login();

    expect(sso.registerCalls).toEqual([{ clientName: 'botocore-client-corp', clientType: 'public', scopes: ['sso:account:access'], authorization: undefined }]);
    expect(sso.deviceCalls).toEqual([{ clientId: 'client-1', clientSecret: 'client-secret-1', startUrl: 'https://corp.awsapps.com/start', authorization: undefined }]);
    const grant = { grantType: 'urn:ietf:params:oauth:grant-type:device_code', clientId: 'client-1', clientSecret: 'client-secret-1', deviceCode: 'device-code-1', authorization: undefined };
    expect(sso.tokenCalls).toEqual([grant, grant, grant]);
    // The prompt comes after the first try says pending; each later try waits the interval.
    expect(run.prompts).toHaveLength(1);
    expect(run.prompts[0]).toMatchObject({ userCode: 'WXYZ-1', verificationUri: 'https://device.sso.example.com/', verificationUriComplete: 'https://device.sso.example.com/?user_code=WXYZ-1' });
    expect(run.sleeps).toEqual([2, 2]);

    // The token file: sha1 of the session name, the AWS CLI's keys and json.dumps text.
    const file = cachePath(run.h, 'ee0bfd2552fbd840c02cc48b6e823320543c450f');
    const text = fs.readFileSync(file, 'utf8');
    const written = JSON.parse(text) as Record<string, string>;
    expect(Object.keys(written)).toEqual(['startUrl', 'region', 'accessToken', 'expiresAt', 'clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken']);
    expect(written).toMatchObject({ startUrl: 'https://corp.awsapps.com/start', region: 'us-east-1', accessToken: 'device-access-token', clientId: 'client-1', clientSecret: 'client-secret-1', refreshToken: 'device-refresh-token' });
    expect(written.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(new Date(written.expiresAt).getTime()).toBeGreaterThan(Date.now() + 7.9 * 3600_000);
    expect(text).toContain('"startUrl": "https://corp.awsapps.com/start", "region": "us-east-1"');
    expect(token).toEqual(written);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The registration, where the AWS CLI keeps it (its key: sha1 of the sorted json.dumps args).
    expect(registrationCacheKey(run.config)).toBe('1b56c55d6e723362537167a7f43960b8185b5a80');
    const registration = JSON.parse(fs.readFileSync(cachePath(run.h, '1b56c55d6e723362537167a7f43960b8185b5a80'), 'utf8')) as Record<string, unknown>;
    expect(registration).toEqual({ clientId: 'client-1', clientSecret: 'client-secret-1', expiresAt: written.registrationExpiresAt, scopes: ['sso:account:access'] });
  });

  it('reuses a valid cached registration, and registers again once it is near expiry or for another grant', async () => {
    const run = setup(SESSION_CONFIG, 'dev');
    await run.login();
    await run.login();
    expect(sso.registerCalls).toHaveLength(1);
    expect(sso.deviceCalls.map((c) => c.clientId)).toEqual(['client-1', 'client-1']);

    const regFile = cachePath(run.h, registrationCacheKey(run.config));
    const reg = JSON.parse(fs.readFileSync(regFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(regFile, JSON.stringify({ ...reg, expiresAt: new Date(Date.now() + 60_000).toISOString() }));
    await run.login();
    expect(sso.registerCalls).toHaveLength(2);
    // The AWS CLI's browser flow registers for authorization_code: not a device-flow client.
    fs.writeFileSync(regFile, JSON.stringify({ ...reg, grantTypes: ['authorization_code', 'refresh_token'] }));
    await run.login();
    expect(sso.registerCalls).toHaveLength(3);
  });

  it('slow_down adds 5 s to the interval for every later poll', async () => {
    sso.deviceInterval = 1;
    sso.deviceSteps = ['slow_down', 'pending', 'slow_down', 'pending'];
    const run = setup(SESSION_CONFIG, 'dev');
    await run.login();
    expect(run.sleeps).toEqual([6, 6, 11, 11]);
    // Without an interval in the answer, the RFC's 5 s.
    sso.deviceInterval = undefined;
    sso.deviceSteps = ['pending'];
    const again = setup(SESSION_CONFIG, 'dev');
    await again.login();
    expect(again.sleeps).toEqual([5]);
    // Nor with an interval of 0: no polling back to back.
    sso.deviceInterval = 0;
    sso.deviceSteps = ['pending'];
    const zero = setup(SESSION_CONFIG, 'dev');
    await zero.login();
    expect(zero.sleeps).toEqual([5]);
  });

  it('expired_token ends the login with PendingAuthorizationExpiredError, writing no token', async () => {
    sso.deviceSteps = ['pending', 'expired'];
    const run = setup(SESSION_CONFIG, 'dev');
    await expect(run.login()).rejects.toThrow(PendingAuthorizationExpiredError);
    expect(fs.existsSync(cachePath(run.h, 'ee0bfd2552fbd840c02cc48b6e823320543c450f'))).toBe(false);
    expect(run.prompts).toHaveLength(1);
  });

  it('gives up on its own once the code is past its expiry, if the service never says so', async () => {
    sso.deviceExpiresIn = 12;
    sso.deviceInterval = 5;
    sso.deviceSteps = Array.from({ length: 50 }, () => 'pending' as const);
    const h = tempHome({ config: SESSION_CONFIG });
    const session = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url }, profileName: 'dev' });
    let clock = Date.now();
    const oidc = session.client('sso-oidc', { regionName: 'us-east-1', config: { signatureVersion: UNSIGNED } });
    await expect(
      ssoDeviceLogin({
        config: ssoLoginConfig(session.configFiles, 'dev', session.profile),
        env: session.env,
        oidc: (op, params) => (oidc[op] as (p: Record<string, unknown>) => Promise<Record<string, unknown>>)(params),
        onPending: () => undefined,
        now: () => new Date(clock),
        sleep: async (s) => void (clock += s * 1000),
      }),
    ).rejects.toThrow(PendingAuthorizationExpiredError);
    oidc.close();
    expect(sso.tokenCalls.length).toBeLessThanOrEqual(5);
  });

  it('a client already approved gets its token at the first try, without a prompt', async () => {
    const run = setup(SESSION_CONFIG, 'dev');
    await run.login();
    expect(run.prompts).toHaveLength(0);
    expect(run.sleeps).toHaveLength(0);
  });

  it('legacy profile: sso_start_url and sso_region of the profile, token under sha1 of the start URL', async () => {
    sso.deviceSteps = ['pending'];
    const run = setup(LEGACY_CONFIG, 'old');
    expect(run.config).toEqual({ startUrl: 'https://legacy.awsapps.com/start', region: 'eu-west-1' });
    await run.login();
    expect(sso.registerCalls[0].clientName).toMatch(/^botocore-client-\d{10}$/);
    expect(sso.registerCalls[0]).not.toHaveProperty('scopes');
    expect(registrationCacheKey(run.config)).toBe('b81ca1654a22aee3855aabee8ceab10cef631917');
    const written = JSON.parse(fs.readFileSync(cachePath(run.h, '79e435d7a515078e81c9dffc35f38d5687ebd3a7'), 'utf8')) as Record<string, string>;
    expect(written).toMatchObject({ startUrl: 'https://legacy.awsapps.com/start', region: 'eu-west-1', accessToken: 'device-access-token' });
  });

  it('other refusals are ClientErrors, and a profile without SSO settings is refused before any call', async () => {
    sso.deviceSteps = ['pending', 'invalid_client'];
    const refused = setup(SESSION_CONFIG, 'dev');
    const err = await refused.login().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect(err).toMatchObject({ code: 'InvalidClientException', message: expect.stringContaining('device grant: invalid_client') });
    const h = tempHome({ config: `${SESSION_CONFIG}[profile plain]\nregion = us-east-1\n[profile broken]\nsso_session = nope\n[sso-session half]\nsso_region = us-east-1\n` });
    const s = new Session({ env: h.env });
    expect(() => ssoLoginConfig(s.configFiles, 'plain', s.configFiles.profiles.plain)).toThrow(InvalidConfigError);
    expect(() => ssoLoginConfig(s.configFiles, 'plain', s.configFiles.profiles.plain)).toThrow(/profile "plain" is not set up for SSO.*missing sso_start_url, sso_region/);
    expect(() => ssoLoginConfig(s.configFiles, 'broken', s.configFiles.profiles.broken)).toThrow(/sso-session "nope" does not exist/);
    expect(() => ssoLoginConfig(s.configFiles, 'x', undefined, 'half')).toThrow(/sso-session "half" is missing: sso_start_url/);
    expect(ssoLoginConfig(s.configFiles, 'plain', s.configFiles.profiles.plain, 'corp')).toMatchObject({ sessionName: 'corp' });
  });
});
