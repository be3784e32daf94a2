import * as fs from 'fs';
import { Session } from '../../../src';
import { InvalidConfigError } from '../../../src/credentials/errors';
import { FakeSts, tempHome } from './fake-aws';

describe('web identity (AssumeRoleWithWebIdentity, loopback STS)', () => {
  const sts = new FakeSts();
  beforeAll(() => sts.start());
  afterAll(() => sts.stop());
  beforeEach(() => {
    sts.calls.length = 0;
    sts.counter = 0;
  });

  it('reads AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME) and calls STS unsigned', async () => {
    const h = tempHome();
    const tokenFile = h.write('token', 'eyJhbGciOi.jwt-one');
    const s = new Session({
      env: { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: 'eu-west-1', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/irsa', AWS_ROLE_SESSION_NAME: 'pod-1' },
    });
    const creds = await s.getCredentials();
    expect(creds).toMatchObject({ method: 'assume-role-with-web-identity', accessKey: 'ASIAIRSA1', accountId: '123456789012' });
    expect(sts.calls[0]).toMatchObject({
      action: 'AssumeRoleWithWebIdentity',
      signedWith: undefined,
      params: { RoleArn: 'arn:aws:iam::123456789012:role/irsa', RoleSessionName: 'pod-1', WebIdentityToken: 'eyJhbGciOi.jwt-one' },
    });
    expect(sts.server.requests[0].headers.authorization).toBeUndefined();
  });

  it("keeps the token and the returned keys away from the session's event handlers", async () => {
    const h = tempHome();
    const tokenFile = h.write('token', 'eyJhbGciOi.secret-jwt');
    const s = new Session({
      env: { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: 'eu-west-1', AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/irsa' },
    });
    const seen: string[] = [];
    const names = ['provide-client-params', 'before-parameter-build', 'before-call', 'request-created', 'before-sign', 'before-send', 'needs-retry', 'after-call', 'after-call-error'];
    for (const name of names) s.events.register(name, (payload) => void seen.push(`${name} ${JSON.stringify(payload, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`));
    const creds = await s.getCredentials();
    expect(sts.calls).toHaveLength(1);
    expect(seen).toEqual([]); // the STS client's events never reach the session's handlers
    const serialized = JSON.stringify(s);
    expect(serialized).toBe(JSON.stringify({ profileName: 'default', regionName: 'eu-west-1' }));
    expect(Object.keys(s)).not.toContain('options');
    expect(JSON.stringify({ ...s })).not.toContain(creds!.secretKey);
  });

  it('reads web_identity_token_file and role_arn from the profile; re-reads the token on refresh', async () => {
    const h = tempHome();
    const tokenFile = h.write('token', 'jwt-a');
    fs.writeFileSync(h.env.AWS_CONFIG_FILE, `[profile ci]\nweb_identity_token_file = ${tokenFile}\nrole_arn = arn:aws:iam::123456789012:role/ci\nrole_session_name = gha\n`);
    sts.lifetime = 12 * 60;
    const s = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_REGION: 'us-east-1' }, profileName: 'ci' });
    expect((await s.getCredentials())!.accessKey).toBe('ASIACI1');
    fs.writeFileSync(tokenFile, 'jwt-b');
    sts.lifetime = 3600;
    expect((await s.getCredentials())!.accessKey).toBe('ASIACI2');
    expect(sts.calls.map((c) => c.params.WebIdentityToken)).toEqual(['jwt-a', 'jwt-b']);
    expect(sts.calls[0].params.RoleSessionName).toBe('gha');
  });

  it('ignores the environment variables when a profile was chosen on the Session', async () => {
    const h = tempHome({ config: '[profile p]\naws_access_key_id = AKP\naws_secret_access_key = s\n' });
    const tokenFile = h.write('token', 'jwt');
    const env = { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: 'arn:aws:iam::1:role/x' };
    expect(await new Session({ env, profileName: 'p' }).getCredentials()).toMatchObject({ accessKey: 'AKP', method: 'config-file' });
    expect(sts.calls).toHaveLength(0);
  });

  it('requires a role ARN with a token file', async () => {
    const h = tempHome();
    const s = new Session({ env: { ...h.env, AWS_WEB_IDENTITY_TOKEN_FILE: h.write('token', 'jwt') } });
    await expect(s.getCredentials()).rejects.toThrow(InvalidConfigError);
    await expect(s.getCredentials()).rejects.toThrow(/no role ARN configured/);
  });

  it('reports an unreadable token file without sending anything', async () => {
    const h = tempHome();
    const s = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_WEB_IDENTITY_TOKEN_FILE: `${h.home}/missing`, AWS_ROLE_ARN: 'arn:aws:iam::1:role/x' } });
    await expect(s.getCredentials()).rejects.toThrow(/cannot read the web identity token file .*missing: ENOENT/);
    expect(sts.calls).toHaveLength(0);
  });
});
