/**
 * The configuration items issue 3 lists (they live in src/session; tested here with the chain).
 */
import { Config, ConfigParseError, ProfileNotFound, Session, setupDefaultSession, getDefaultSession } from '../../../src';
import { parseIniText } from '../../../src/config/config-files';
import { resolveConfig } from '../../../src/config/config-resolver';
import { tempHome } from './fake-aws';

describe('config files: errors name the file, the line, the profile and the problem', () => {
  const bad = (text: string) => {
    try {
      parseIniText(text, '/home/u/.aws/config');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigParseError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigParseError');
  };

  it('rejects what configparser rejects', () => {
    expect(bad('region = x\n')).toMatch(/^Unable to parse config file: \/home\/u\/.aws\/config: line 1: the setting 'region' appears before any \[section\] header/);
    expect(bad('[profile dev]\nregion = x\njust some words\n')).toMatch(/line 3 \(in \[profile dev\]\): the line is not a 'key = value' setting/);
    expect(bad('[profile dev\nregion = x\n')).toMatch(/line 1: a section header must look like \[name\]/);
    expect(bad('[profile dev]\nregion = x\n[profile dev]\nregion = y\n')).toMatch(/line 3: section \[profile dev\] already appeared on line 1/);
    expect(bad('[profile dev]\nregion = x\nRegion = y\n')).toMatch(/line 3 \(in \[profile dev\]\): the setting 'region' appears twice/);
  });

  it('never quotes a value (the credentials file holds secrets)', () => {
    expect(bad('[default]\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRET\n')).not.toMatch(/SECRET/);
  });

  it('accepts comments, blank lines, colon settings, upper-case keys and nested sub-sections', () => {
    const parsed = parseIniText('# top comment\n\n[profile dev]\n; note\nRegion: eu-west-1\nrole_arn = arn:aws:iam::1:role/x\ns3 =\n  addressing_style = path\n', 'f');
    expect(parsed['profile dev']).toEqual({ region: 'eu-west-1', role_arn: 'arn:aws:iam::1:role/x', s3: { addressing_style: 'path' } });
  });

  it('a malformed file fails the session with ConfigParseError naming it', () => {
    const h = tempHome({ credentials: '[default]\naws_access_key_id = AK\nbroken line\n' });
    expect(() => new Session({ env: h.env }).availableProfiles).toThrow(new RegExp(`${h.env.AWS_SHARED_CREDENTIALS_FILE}: line 3 \\(in \\[default\\]\\)`));
  });

  it('a missing profile gives ProfileNotFound at construction, naming the profile, both files and the profiles found', () => {
    const h = tempHome({ config: '[profile dev]\nregion = x\n' });
    expect(() => new Session({ env: h.env, profileName: 'prod' })).toThrow(ProfileNotFound);
    expect(() => new Session({ env: h.env, profileName: 'prod' })).toThrow(
      new RegExp(`profile \\(prod\\).*${h.env.AWS_CONFIG_FILE}.*${h.env.AWS_SHARED_CREDENTIALS_FILE}.*profiles found: dev`),
    );
    expect(() => new Session({ env: { ...h.env, AWS_PROFILE: 'prod' } })).toThrow(ProfileNotFound);
  });

  it('~ in AWS_CONFIG_FILE and the default paths use the environment HOME', async () => {
    const h = tempHome({ credentials: '[default]\naws_access_key_id = AKHOME\naws_secret_access_key = s\n' });
    const env = { HOME: h.home, AWS_EC2_METADATA_DISABLED: 'true' };
    expect((await new Session({ env }).getCredentials())!.accessKey).toBe('AKHOME');
    expect((await new Session({ env: { ...env, AWS_SHARED_CREDENTIALS_FILE: '~/.aws/credentials' } }).getCredentials())!.accessKey).toBe('AKHOME');
  });
});

describe('client settings: explicit > environment > profile > default', () => {
  const profile = { ca_bundle: '/etc/ssl/profile.pem', sts_regional_endpoints: 'legacy', sdk_ua_app_id: 'profile-app' };

  it('ca_bundle (AWS_CA_BUNDLE)', () => {
    expect(resolveConfig(new Config(), {}, profile).caBundle).toBe('/etc/ssl/profile.pem');
    expect(resolveConfig(new Config(), { AWS_CA_BUNDLE: '/etc/ssl/env.pem' }, profile).caBundle).toBe('/etc/ssl/env.pem');
    expect(resolveConfig(new Config(), {}, {}).caBundle).toBeUndefined();
  });

  it('sts_regional_endpoints (AWS_STS_REGIONAL_ENDPOINTS), validated', () => {
    expect(resolveConfig(new Config(), {}, {}).stsRegionalEndpoints).toBe('regional');
    expect(resolveConfig(new Config(), {}, profile).stsRegionalEndpoints).toBe('legacy');
    expect(resolveConfig(new Config(), { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, profile).stsRegionalEndpoints).toBe('regional');
    expect(resolveConfig(new Config({ stsRegionalEndpoints: 'legacy' }), { AWS_STS_REGIONAL_ENDPOINTS: 'regional' }, {}).stsRegionalEndpoints).toBe('legacy');
    expect(() => resolveConfig(new Config(), { AWS_STS_REGIONAL_ENDPOINTS: 'global' }, {})).toThrow(/'global' is invalid.*AWS_STS_REGIONAL_ENDPOINTS/);
  });

  it('user agent extras: userAgentExtra from Config, app id from Config > AWS_SDK_UA_APP_ID > sdk_ua_app_id', () => {
    expect(resolveConfig(new Config({ userAgentExtra: 'my-tool/1.0' }), {}, {}).userAgentExtra).toBe('my-tool/1.0');
    expect(resolveConfig(new Config(), {}, profile).userAgentAppId).toBe('profile-app');
    expect(resolveConfig(new Config(), { AWS_SDK_UA_APP_ID: 'env-app' }, profile).userAgentAppId).toBe('env-app');
    expect(resolveConfig(new Config({ userAgentAppId: 'explicit' }), { AWS_SDK_UA_APP_ID: 'env-app' }, profile).userAgentAppId).toBe('explicit');
  });

  it("Config.userAgent replaces botojs's own User-Agent; app id and extras still follow", () => {
    const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b', env: {} });
    const ua = (config: Config) => (session.client('sqs', { config }).meta.context as { userAgent: string }).userAgent;
    expect(ua(new Config({ userAgent: 'my-app/3.0', userAgentAppId: 'shop', userAgentExtra: 'x/2' }))).toBe('my-app/3.0 app/shop x/2');
    expect(ua(new Config({ userAgentExtra: 'x/2' }))).toMatch(/^botojs\/\S+ ua\/2\.1 .* api\/sqs#\S+ x\/2$/);
  });

  it('credentials attached to the default session serve every later client', async () => {
    const h = tempHome({ config: '[profile dev]\nregion = eu-west-1\n', credentials: '[dev]\naws_access_key_id = AKDEV\naws_secret_access_key = s\n' });
    setupDefaultSession({ profileName: 'dev', env: h.env });
    expect(await getDefaultSession().getCredentials()).toMatchObject({ accessKey: 'AKDEV' });
    getDefaultSession().setCredentials('AKATTACHED', 'secret');
    const c = getDefaultSession().client('sqs');
    expect((await c.meta.context.credentials())!.accessKey).toBe('AKATTACHED');
    setupDefaultSession();
  });
});
