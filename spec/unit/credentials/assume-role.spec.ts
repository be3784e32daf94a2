import { inspect } from 'util';
import { Session } from '../../../src';
import { InfiniteLoopConfigError, InvalidConfigError, MfaRequiredError } from '../../../src/credentials/errors';
import { FakeSts, tempHome } from './fake-aws';

describe('assume-role profiles (loopback STS)', () => {
  const sts = new FakeSts();
  beforeAll(() => sts.start());
  afterAll(() => sts.stop());
  beforeEach(() => {
    sts.calls.length = 0;
    sts.failWith = undefined;
    sts.lifetime = 3600;
    sts.counter = 0;
  });

  function session(config: string, credentials = '', extraEnv: Record<string, string> = {}, opts: Partial<ConstructorParameters<typeof Session>[0]> = {}) {
    const h = tempHome({ config, credentials });
    return new Session({ env: { ...h.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1', ...extraEnv }, ...opts });
  }

  it('assumes a role with source_profile keys, through botojs STS signed with the source keys', async () => {
    const s = session(
      '[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\nrole_session_name = alice\nexternal_id = ext-1\nduration_seconds = 1800\n',
      '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = base-secret\n',
      {},
      { profileName: 'admin' },
    );
    const creds = await s.getCredentials();
    expect(creds).toMatchObject({ accessKey: 'ASIAADMIN1', method: 'assume-role', accountId: '123456789012' });
    expect(creds!.secretKey).toBe('secret-ASIAADMIN1');
    expect(creds!.token).toBe('token-ASIAADMIN1');
    expect(creds!.expiryTime!.getTime()).toBeGreaterThan(Date.now() + 50 * 60 * 1000);
    expect(sts.calls).toHaveLength(1);
    expect(sts.calls[0]).toMatchObject({
      action: 'AssumeRole',
      signedWith: 'AKBASE',
      params: { RoleArn: 'arn:aws:iam::123456789012:role/admin', RoleSessionName: 'alice', ExternalId: 'ext-1', DurationSeconds: '1800' },
    });
    // Cached: a second call does not call STS again.
    await s.getCredentials();
    expect(sts.calls).toHaveLength(1);
  });

  it('chains roles of any depth, each hop signed with the previous role keys', async () => {
    const s = session(
      [
        '[profile a]', 'role_arn = arn:aws:iam::123456789012:role/a', 'source_profile = b',
        '[profile b]', 'role_arn = arn:aws:iam::123456789012:role/b', 'source_profile = c',
        '[profile c]', 'role_arn = arn:aws:iam::123456789012:role/c', 'source_profile = root',
        '[profile root]', 'aws_access_key_id = AKROOT', 'aws_secret_access_key = root-secret', '',
      ].join('\n'),
      '',
      {},
      { profileName: 'a' },
    );
    const creds = await s.getCredentials();
    expect(sts.calls.map((c) => [c.params.RoleArn.split('/')[1], c.signedWith])).toEqual([
      ['c', 'AKROOT'],
      ['b', 'ASIAC1'],
      ['a', 'ASIAB2'],
    ]);
    expect(sts.calls[1].sessionToken).toBe('token-ASIAC1');
    expect(creds).toMatchObject({ accessKey: 'ASIAA3', method: 'assume-role' });
    expect(sts.calls[0].params.RoleSessionName).toMatch(/^botocore-session-\d+$/);
  });

  it('detects source_profile cycles and names the visited profiles', async () => {
    const s = session(
      '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n',
      '',
      {},
      { profileName: 'a' },
    );
    await expect(s.getCredentials()).rejects.toThrow(InfiniteLoopConfigError);
    await expect(s.getCredentials()).rejects.toThrow(/profile a which has already been visited.*a, b/);
    expect(sts.calls).toHaveLength(0);
  });

  it('lets a profile be its own source when it holds static keys', async () => {
    const s = session('', '[self]\naws_access_key_id = AKSELF\naws_secret_access_key = s\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n', {}, { profileName: 'self' });
    expect(await s.getCredentials()).toMatchObject({ method: 'assume-role', accessKey: 'ASIASELF1' });
    expect(sts.calls[0].signedWith).toBe('AKSELF');
    const loop = session('[profile self]\nrole_arn = arn:aws:iam::1:role/self\nsource_profile = self\n', '', {}, { profileName: 'self' });
    await expect(loop.getCredentials()).rejects.toThrow(InfiniteLoopConfigError);
  });

  it('sources keys from credential_source = Environment (even with the profile chosen)', async () => {
    const s = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n', '', { AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'env-secret' }, { profileName: 'r' });
    expect(await s.getCredentials()).toMatchObject({ method: 'assume-role', accessKey: 'ASIAR1' });
    expect(sts.calls[0].signedWith).toBe('AKENV');
  });

  it('rejects bad role configuration with messages naming the profile', async () => {
    const both = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\nsource_profile = x\n[profile x]\naws_access_key_id=a\naws_secret_access_key=b\n', '', {}, { profileName: 'r' });
    await expect(both.getCredentials()).rejects.toThrow(/profile "r" contains both source_profile and credential_source/);
    const bad = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Laptop\n', '', {}, { profileName: 'r' });
    await expect(bad.getCredentials()).rejects.toThrow(InvalidConfigError);
    await expect(bad.getCredentials()).rejects.toThrow(/credential source "Laptop" referenced in profile "r" is not valid/);
    const missing = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ghost\n', '', {}, { profileName: 'r' });
    await expect(missing.getCredentials()).rejects.toThrow(/source_profile "ghost" referenced in the profile "r" does not exist/);
    const empty = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = e\n[profile e]\nregion = us-east-1\n', '', {}, { profileName: 'r' });
    await expect(empty.getCredentials()).rejects.toThrow(/source profile "e" must have credentials/);
    const noEnv = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n', '', {}, { profileName: 'r' });
    await expect(noEnv.getCredentials()).rejects.toThrow(/No credentials found in credential_source referenced in profile r/);
    expect(sts.calls).toHaveLength(0);
  });

  it('asks for an MFA code through mfaCodeProvider, and fails clearly without one', async () => {
    const cfg = '[profile m]\nrole_arn = arn:aws:iam::1:role/m\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/alice\n';
    const creds = '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n';
    await expect(session(cfg, creds, {}, { profileName: 'm' }).getCredentials()).rejects.toThrow(MfaRequiredError);
    await expect(session(cfg, creds, {}, { profileName: 'm' }).getCredentials()).rejects.toThrow(/profile "m" requires an MFA code \(mfa_serial = arn:aws:iam::1:mfa\/alice\)/);
    const asked: string[] = [];
    const s = session(cfg, creds, {}, { profileName: 'm', mfaCodeProvider: async (serial) => (asked.push(serial), '123456') });
    expect(await s.getCredentials()).toMatchObject({ accessKey: 'ASIAM1' });
    expect(asked).toEqual(['arn:aws:iam::1:mfa/alice']);
    expect(sts.calls[0].params).toMatchObject({ SerialNumber: 'arn:aws:iam::1:mfa/alice', TokenCode: '123456' });
  });

  it('refreshes before expiry: advisory window renews, concurrent callers share one AssumeRole', async () => {
    sts.lifetime = 12 * 60; // inside the advisory window as soon as issued, outside the mandatory one
    const s = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n', {}, { profileName: 'r' });
    const first = await s.getCredentials();
    expect(first!.accessKey).toBe('ASIAR1');
    sts.lifetime = 3600;
    const many = await Promise.all(Array.from({ length: 10 }, () => s.getCredentials()));
    // One refresh for all ten callers; the callers that did not start it kept the valid keys.
    expect(sts.calls).toHaveLength(2);
    expect(new Set(many.map((c) => c!.accessKey))).toEqual(new Set(['ASIAR1', 'ASIAR2']));
    expect((await s.getCredentials())!.accessKey).toBe('ASIAR2');
    expect(sts.calls).toHaveLength(2);
  });

  it('keeps valid keys when an advisory refresh fails; surfaces an STS error on first fetch', async () => {
    sts.lifetime = 12 * 60;
    const s = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n', {}, { profileName: 'r' });
    expect((await s.getCredentials())!.accessKey).toBe('ASIAR1');
    sts.failWith = { code: 'Throttling', message: 'Rate exceeded', status: 400 };
    expect((await s.getCredentials())!.accessKey).toBe('ASIAR1');
    const fresh = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n', {}, { profileName: 'r' });
    sts.failWith = { code: 'AccessDenied', message: 'not authorized to perform sts:AssumeRole' };
    await expect(fresh.getCredentials()).rejects.toThrow(/AccessDenied.*AssumeRole/);
  });

  it('uses an explicit role profile before the env keys when AWS_PROFILE names it', async () => {
    const s = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n', { AWS_PROFILE: 'r', AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'e' });
    // AWS_PROFILE does not disable the environment keys (only a profile given to the Session does).
    expect(await s.getCredentials()).toMatchObject({ accessKey: 'AKENV', method: 'env' });
    const chosen = session('[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', '[base]\naws_access_key_id = AKBASE\naws_secret_access_key = s\n', { AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 'e' }, { profileName: 'r' });
    const c = await chosen.getCredentials();
    expect(c).toMatchObject({ method: 'assume-role' });
    expect(inspect(c)).not.toMatch(/secret-/);
    expect(JSON.stringify(c)).not.toMatch(/secret-|token-/);
  });
});
