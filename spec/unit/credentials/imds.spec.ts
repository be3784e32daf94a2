import { Session } from '../../../src';
import { MetadataRetrievalError } from '../../../src/credentials/errors';
import { ImdsFetcher, imdsSettings, InstanceMetadataProvider } from '../../../src/credentials/imds';
import { isLoopbackHost, metadataRequest } from '../../../src/credentials/metadata-http';
import { FakeImds, tempHome } from './fake-aws';

describe('EC2 instance metadata (loopback IMDS)', () => {
  const imds = new FakeImds();
  beforeAll(() => imds.start());
  afterAll(() => imds.stop());
  beforeEach(() => {
    imds.behaviour = {};
    imds.seen.length = 0;
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    const { AWS_EC2_METADATA_DISABLED: _off, ...base } = tempHome().env;
    return { ...base, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url, ...extra };
  }

  it('IMDSv2: takes a session token first, then the role and its keys, all with the token', async () => {
    const creds = await new Session({ env: env() }).getCredentials();
    expect(creds).toMatchObject({ method: 'iam-role', accessKey: 'ASIAIMDS' });
    expect(creds!.token).toBe('imds-token');
    expect(imds.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/',
      'GET /latest/meta-data/iam/security-credentials/demo-instance-role',
    ]);
    expect(imds.seen[0].ttl).toBe('21600');
    expect(imds.seen.slice(1).every((r) => r.token === 'imds-session-token')).toBe(true);
    expect(imds.seen[0].userAgent).toMatch(/^botojs\//);
  });

  it('falls back to IMDSv1 when the token call is refused (403/404/405) or times out', async () => {
    for (const status of [403, 404, 405]) {
      imds.behaviour = { token: status };
      imds.seen.length = 0;
      expect(await new Session({ env: env() }).getCredentials()).toMatchObject({ accessKey: 'ASIAIMDS' });
      expect(imds.seen.slice(1).every((r) => r.token === undefined)).toBe(true);
    }
    imds.behaviour = { token: 'hang' };
    const started = Date.now();
    expect(await new Session({ env: env({ AWS_METADATA_SERVICE_TIMEOUT: '0.2' }) }).getCredentials()).toMatchObject({ accessKey: 'ASIAIMDS' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('does not fall back when IMDSv1 is disabled (environment or profile)', async () => {
    imds.behaviour = { token: 404 };
    await expect(new Session({ env: env({ AWS_EC2_METADATA_V1_DISABLED: 'true' }) }).getCredentials()).rejects.toThrow(MetadataRetrievalError);
    const h = tempHome({ config: '[default]\nec2_metadata_v1_disabled = true\n' });
    const { AWS_EC2_METADATA_DISABLED: _off, ...base } = h.env;
    await expect(new Session({ env: { ...base, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } }).getCredentials()).rejects.toThrow(/IMDSv1 has been disabled/);
  });

  it('AWS_EC2_METADATA_DISABLED=true: never contacted, no credentials', async () => {
    expect(await new Session({ env: env({ AWS_EC2_METADATA_DISABLED: 'true' }) }).getCredentials()).toBeNull();
    expect(imds.seen).toHaveLength(0);
  });

  it('an unreachable IMDS means no credentials (null)', async () => {
    const fetcher = new ImdsFetcher({ ...imdsSettings({}, undefined), endpoint: 'http://127.0.0.1:9/' });
    expect(await fetcher.retrieveRoleCredentials()).toBeNull();
    expect(await new Session({ env: env({ AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9' }) }).getCredentials()).toBeNull();
  });

  it('keys missing a field are not credentials', async () => {
    imds.behaviour = { keys: { AccessKeyId: 'A', SecretAccessKey: 'S', Token: 'T' } as never };
    expect(await new Session({ env: env() }).getCredentials()).toBeNull();
  });

  it('retries each request up to AWS_METADATA_SERVICE_NUM_ATTEMPTS times', async () => {
    const settings = imdsSettings({ AWS_METADATA_SERVICE_TIMEOUT: '0.5', AWS_METADATA_SERVICE_NUM_ATTEMPTS: '3', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url }, undefined);
    expect(settings).toMatchObject({ timeoutMs: 500, attempts: 3, endpoint: imds.url, disabled: false });
    imds.behaviour = { failKeys: 2 };
    expect(await new ImdsFetcher(settings).retrieveRoleCredentials()).toMatchObject({ accessKey: 'ASIAIMDS' });
    expect(imds.seen.filter((r) => r.url.endsWith('/demo-instance-role'))).toHaveLength(3);
    imds.behaviour = { failKeys: 1 };
    expect(await new ImdsFetcher({ ...settings, attempts: 1 }).retrieveRoleCredentials()).toBeNull();
  });

  it('reads settings from the environment, then the profile', () => {
    expect(imdsSettings({}, undefined)).toEqual({ disabled: false, v1Disabled: false, endpoint: 'http://169.254.169.254/', timeoutMs: 1000, attempts: 1 });
    expect(imdsSettings({ AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' }, undefined).endpoint).toBe('http://[fd00:ec2::254]/');
    expect(imdsSettings({}, { metadata_service_timeout: '3', metadata_service_num_attempts: '2', ec2_metadata_service_endpoint: 'http://127.0.0.1:1/' })).toMatchObject({ timeoutMs: 3000, attempts: 2, endpoint: 'http://127.0.0.1:1/' });
    expect(imdsSettings({ AWS_METADATA_SERVICE_TIMEOUT: '5' }, { metadata_service_timeout: '3' }).timeoutMs).toBe(5000);
    expect(() => imdsSettings({ AWS_METADATA_SERVICE_NUM_ATTEMPTS: 'many' }, undefined)).toThrow(/metadata_service_num_attempts/);
  });

  it('is guarded: tests can never reach a non-loopback address', async () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('169.254.169.254')).toBe(false);
    await expect(metadataRequest({ method: 'GET', url: 'http://169.254.169.254/latest/meta-data/', timeoutMs: 50 })).rejects.toThrow(/only loopback metadata endpoints/);
    const p = new InstanceMetadataProvider({}, () => undefined);
    expect(await p.load()).toBeNull();
  });

  it('comes last in the chain: anything else wins over it', async () => {
    const s = new Session({ env: env({ AWS_ACCESS_KEY_ID: 'AKENV', AWS_SECRET_ACCESS_KEY: 's' }) });
    expect(await s.getCredentials()).toMatchObject({ method: 'env' });
    expect(imds.seen).toHaveLength(0);
  });
});
