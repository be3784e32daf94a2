import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { inspect } from 'util';
import { Config, ConfigParseError, ProfileNotFound, Session, setupDefaultSession, getDefaultSession, client } from '../../../src';
import { parseIniText } from '../../../src/config/config-files';
import { resolveConfig } from '../../../src/config/config-resolver';

function tempAws(config: string, credentials = ''): Record<string, string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-cfg-'));
  fs.writeFileSync(path.join(dir, 'config'), config);
  fs.writeFileSync(path.join(dir, 'credentials'), credentials);
  return { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials') };
}

const CONFIG = `[default]
region = us-west-2
s3 =
  addressing_style = path
[profile dev]
region = eu-west-1
retry_mode = legacy
max_attempts = 7
aws_access_key_id = AKDEVCONFIG
aws_secret_access_key = devsecret
[profile prod]
region = ap-southeast-2
`;
const CREDS = `[default]
aws_access_key_id = AKDEFAULT
aws_secret_access_key = defaultsecret
[prod]
aws_access_key_id = AKPROD
aws_secret_access_key = prodsecret
aws_session_token = prodtoken
`;

describe('config files', () => {
  it('parses nested sub-sections and dotted profile names', () => {
    const parsed = parseIniText('[profile a.b]\nregion = x\ns3 =\n  addressing_style = virtual\n', 'f');
    expect(parsed['profile a.b']).toEqual({ region: 'x', s3: { addressing_style: 'virtual' } });
  });
  it('names the file in a parse error', () => {
    expect(() => parseIniText('region = x\n', '/tmp/cfg')).toThrow(ConfigParseError);
    expect(() => parseIniText('region = x\n', '/tmp/cfg')).toThrow(/\/tmp\/cfg/);
  });
});

describe('Session', () => {
  it('resolves region: explicit, then environment, then profile', () => {
    const env = tempAws(CONFIG, CREDS);
    expect(new Session({ env }).regionName).toBe('us-west-2');
    expect(new Session({ env: { ...env, AWS_DEFAULT_REGION: 'ca-central-1' } }).regionName).toBe('ca-central-1');
    expect(new Session({ env: { ...env, AWS_REGION: 'sa-east-1' } }).regionName).toBe('sa-east-1');
    expect(new Session({ env, regionName: 'us-east-2' }).regionName).toBe('us-east-2');
    expect(new Session({ env, profileName: 'dev' }).regionName).toBe('eu-west-1');
    expect(new Session({ env: { ...env, AWS_PROFILE: 'prod' } }).regionName).toBe('ap-southeast-2');
  });

  it('lists profiles from both files', () => {
    const s = new Session({ env: tempAws(CONFIG, CREDS) });
    expect(s.availableProfiles.sort()).toEqual(['default', 'dev', 'prod']);
  });

  it('finds credentials in botocore order and reports the provider', async () => {
    const env = tempAws(CONFIG, CREDS);
    const explicit = await new Session({ env: { ...env, AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's' }, awsAccessKeyId: 'AKX', awsSecretAccessKey: 'x' }).getCredentials();
    expect(explicit).toMatchObject({ accessKey: 'AKX', method: 'explicit' });
    const fromEnv = await new Session({ env: { ...env, AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't' } }).getCredentials();
    expect(fromEnv).toMatchObject({ accessKey: 'AKENV', method: 'env', token: 't' });
    expect(await new Session({ env }).getCredentials()).toMatchObject({ accessKey: 'AKDEFAULT', method: 'shared-credentials-file' });
    expect(await new Session({ env, profileName: 'prod' }).getCredentials()).toMatchObject({ accessKey: 'AKPROD', token: 'prodtoken' });
    expect(await new Session({ env, profileName: 'dev' }).getCredentials()).toMatchObject({ accessKey: 'AKDEVCONFIG', method: 'config-file' });
    // A chosen profile skips the environment keys, as botocore does.
    expect(await new Session({ env: { ...env, AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's' }, profileName: 'prod' }).getCredentials()).toMatchObject({ accessKey: 'AKPROD' });
  });

  it('never shows secrets', async () => {
    const creds = await new Session({ env: {}, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', awsSessionToken: 'TOKEN' }).getCredentials();
    const shown = `${inspect(creds)} ${JSON.stringify(creds)} ${Object.keys(creds!).join()}`;
    expect(shown).toContain('AKID');
    expect(shown).not.toMatch(/SECRET|TOKEN/);
    expect(creds!.secretKey).toBe('SECRET');
  });

  it('raises ProfileNotFound naming the profile and files when it is built, as boto3.Session()', () => {
    const env = tempAws(CONFIG, CREDS);
    expect(() => new Session({ env, profileName: 'nope' })).toThrow(ProfileNotFound);
    expect(() => new Session({ env, profileName: 'nope' })).toThrow(/nope.*config.*(dev|prod)/s);
    // Explicit keys or a region do not make a missing profile acceptable (boto3 raises too).
    expect(() => new Session({ env, profileName: 'nope', awsAccessKeyId: 'a', awsSecretAccessKey: 'b', regionName: 'us-east-1' })).toThrow(ProfileNotFound);
  });

  it('reads the profile from AWS_DEFAULT_PROFILE, then AWS_PROFILE, and checks it at construction', () => {
    const env = tempAws(CONFIG, CREDS);
    expect(() => new Session({ env: { ...env, AWS_PROFILE: 'nope' } })).toThrow(/The config profile \(nope\)/);
    expect(() => new Session({ env: { ...env, AWS_DEFAULT_PROFILE: 'nope' } })).toThrow(ProfileNotFound);
    // botocore's configprovider reads AWS_DEFAULT_PROFILE first: it wins over AWS_PROFILE.
    expect(new Session({ env: { ...env, AWS_PROFILE: 'nope', AWS_DEFAULT_PROFILE: 'dev' } }).profileName).toBe('dev');
    expect(() => new Session({ env: { ...env, AWS_PROFILE: 'dev', AWS_DEFAULT_PROFILE: 'nope' } })).toThrow(/\(nope\)/);
    // An explicit profileName wins over both, and is what is checked.
    expect(new Session({ env: { ...env, AWS_PROFILE: 'nope' }, profileName: 'dev' }).profileName).toBe('dev');
    // A chosen 'default' must exist too; the implicit default may be missing.
    const empty = tempAws('', '');
    expect(() => new Session({ env: { ...empty, AWS_PROFILE: 'default' } })).toThrow(/\(default\)/);
    expect(() => new Session({ env: empty, profileName: 'default' })).toThrow(ProfileNotFound);
    expect(new Session({ env: empty }).profile).toEqual({});
  });

  it('resolves client settings: explicit > env > profile > default', () => {
    const s = new Session({ env: tempAws(CONFIG, CREDS), profileName: 'dev' });
    expect(resolveConfig(new Config(), {}, s.profile)).toMatchObject({ retryMode: 'legacy', totalMaxAttempts: 7 });
    expect(resolveConfig(new Config(), { AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'standard' }, s.profile)).toMatchObject({ retryMode: 'standard', totalMaxAttempts: 2 });
    expect(resolveConfig(new Config({ retries: { maxAttempts: 4 } }), { AWS_MAX_ATTEMPTS: '2' }, s.profile).totalMaxAttempts).toBe(5);
    expect(resolveConfig(new Config({ retries: { maxAttempts: 4, totalMaxAttempts: 9 } }), {}, {}).totalMaxAttempts).toBe(9);
    const d = resolveConfig(new Config(), {}, new Session({ env: tempAws(CONFIG) }).profile);
    expect(d).toMatchObject({ retryMode: 'standard', s3: { addressingStyle: 'path' }, requestChecksumCalculation: 'when_supported', parameterValidation: true, connectTimeout: 60, maxPoolConnections: 10 });
  });

  it('Session and client options reject misspelt keys before anything happens, naming close matches', () => {
    expect(() => new Session({ region: 'eu-west-1' } as never)).toThrow(/Unknown Session option: 'region' \(did you mean: regionName\?\)/);
    const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
    expect(() => session.client('s3', { endpoint: 'http://x' } as never)).toThrow(/Unknown client option: 'endpoint' \(did you mean: endpointUrl\?\)/);
    expect(() => session.client('s3', { regionName: 'eu-west-1', foo: 1, awsAccessKey: 'x' } as never)).toThrow(
      /Unknown client options: 'foo', 'awsAccessKey' \(did you mean: awsAccessKeyId.*\)\. Valid options: regionName, endpointUrl/,
    );
  });

  it('keeps explicit keys out of JSON.stringify, Object.keys and spreads of the session', () => {
    const session = new Session({ regionName: 'eu-west-1', awsAccessKeyId: 'AKIDSECRETLESS', awsSecretAccessKey: 'TOPSECRETKEY', awsSessionToken: 'TOPSECRETTOKEN', env: {} });
    for (const text of [JSON.stringify(session), JSON.stringify({ ...session }), Object.keys(session).join(','), inspect(session)]) {
      expect(text).not.toMatch(/TOPSECRET/);
    }
    expect(JSON.parse(JSON.stringify(session))).toEqual({ profileName: 'default', regionName: 'eu-west-1' });
  });

  it('creating-client-class handlers all run before the client is built (the S3 default region included)', () => {
    const session = new Session({ awsAccessKeyId: 'a', awsSecretAccessKey: 'b', env: {} });
    session.events.register('creating-client-class.sqs', (p) => void ((p.build as { region?: string }).region ??= 'eu-west-1'));
    session.events.register('creating-client-class', (p) => {
      const build = p.build as { serviceName: string; region?: string };
      if (build.serviceName === 'sqs') build.region = `${build.region}-checked`;
    });
    expect(session.client('sqs').meta.regionName).toBe('eu-west-1-checked');
    expect(session.client('s3').meta.regionName).toBe('us-east-1');
  });

  it('Config rejects unknown options and merges', () => {
    expect(() => new Config({ regoinName: 'x' } as never)).toThrow(/Unknown Config option: 'regoinName' \(did you mean: regionName\?\)/);
    const merged = new Config({ regionName: 'a', connectTimeout: 5 }).merge(new Config({ regionName: 'b' }));
    expect(merged).toMatchObject({ regionName: 'b', connectTimeout: 5 });
  });

  it('Config rejects unknown keys of its nested options (s3, retries, proxies), naming close matches', () => {
    expect(() => new Config({ s3: { adressingStyle: 'path' } } as never)).toThrow(/Unknown Config s3 option: 'adressingStyle' \(did you mean: addressingStyle\?\)/);
    // boto3's snake_case spelling is refused the same way, rather than ignored.
    expect(() => new Config({ retries: { max_attempts: 3 } } as never)).toThrow(/Unknown Config retries option: 'max_attempts' \(did you mean: maxAttempts/);
    expect(() => new Config({ proxies: { htps: 'http://p:3128' } } as never)).toThrow(/Unknown Config proxies option: 'htps' \(did you mean: https/);
    expect(() => new Config({ s3: 'path' } as never)).toThrow(/Config s3 must be an object/);
    // A client's plain config object goes through the same check, before anything is sent.
    expect(() => new Session({ regionName: 'us-east-1' }).client('s3', { config: { s3: { adressingStyle: 'path' } } as never })).toThrow(/did you mean: addressingStyle/);
    const ok = new Config({ s3: { addressingStyle: 'path' }, retries: { mode: 'standard', maxAttempts: 2 }, proxies: { http: 'http://p:3128' } });
    expect(ok.s3).toEqual({ addressingStyle: 'path' });
  });

  it('switches the default session profile with one line', () => {
    const env = tempAws(CONFIG, CREDS);
    setupDefaultSession({ profileName: 'prod', env });
    expect(getDefaultSession().regionName).toBe('ap-southeast-2');
    expect(client('sqs').meta.regionName).toBe('ap-southeast-2');
    setupDefaultSession({ profileName: 'dev', env });
    expect(client('sqs').meta.regionName).toBe('eu-west-1');
  });
});

describe('Session discovery (as boto3)', () => {
  const s = new Session({ env: {} });
  it('lists services, resources, partitions and regions from the shipped data', () => {
    expect(s.getAvailableServices().length).toBeGreaterThan(400);
    expect(s.getAvailableServices()).toEqual(expect.arrayContaining(['s3', 'dynamodb', 'ec2', 'bedrock-runtime']));
    expect(s.getAvailableResources()).toEqual(['cloudformation', 'cloudwatch', 'dynamodb', 'ec2', 'glacier', 'iam', 's3', 'sns', 'sqs']);
    expect(s.getAvailablePartitions()).toEqual(expect.arrayContaining(['aws', 'aws-cn', 'aws-us-gov']));
    const regions = s.getAvailableRegions('dynamodb');
    expect(regions).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1']));
    expect(regions).not.toContain('local');
    expect(s.getAvailableRegions('dynamodb', 'aws-cn')).toEqual(['cn-north-1', 'cn-northwest-1']);
  });
});
