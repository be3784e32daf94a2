/**
 * Role profiles whose keys come from the instance or the container (`credential_source =
 * Ec2InstanceMetadata | EcsContainer`), the chain's order between the container endpoint and
 * IMDS when both answer, and keys given to one client winning over the session's chain.
 * Loopback servers stand in for IMDS, the container endpoint and STS.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';
import { FakeImds, FakeSts, isoIn, tempHome } from './fake-aws';

const containerKeys = (id: string) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ AccessKeyId: id, SecretAccessKey: `secret-${id}`, Token: `token-${id}`, Expiration: isoIn(3600) }),
});

describe('credential sources and chain order', () => {
  const sts = new FakeSts();
  const imds = new FakeImds();
  const container = new CannedServer();
  let containerUrl = '';
  beforeAll(async () => {
    await sts.start();
    await imds.start();
    containerUrl = await container.start();
  });
  afterAll(async () => {
    await sts.stop();
    await imds.stop();
    await container.stop();
  });
  beforeEach(() => {
    sts.calls.length = 0;
    sts.counter = 0;
    imds.seen.length = 0;
    container.requests.length = 0;
  });

  // tempHome() turns IMDS off (AWS_EC2_METADATA_DISABLED); these tests want it on.
  function home(files: Parameters<typeof tempHome>[0] = {}): Record<string, string | undefined> {
    const { AWS_EC2_METADATA_DISABLED: _off, ...env } = tempHome(files).env;
    return env;
  }

  function roleSession(source: string, extraEnv: Record<string, string>) {
    const env = home({ config: `[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\ncredential_source = ${source}\n` });
    return new Session({ env: { ...env, AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1', ...extraEnv }, profileName: 'r' });
  }

  it('credential_source = Ec2InstanceMetadata: STS is signed with the instance role keys', async () => {
    const s = roleSession('Ec2InstanceMetadata', { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    expect(await s.getCredentials()).toMatchObject({ method: 'assume-role', accessKey: 'ASIAR1' });
    expect(sts.calls[0].signedWith).toBe('ASIAIMDS');
    expect(imds.seen.map((r) => `${r.method} ${r.url}`)).toContain('PUT /latest/api/token');
  });

  it('credential_source = EcsContainer: STS is signed with the task role keys', async () => {
    container.reply(containerKeys('ASIATASK'));
    const s = roleSession('EcsContainer', { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${containerUrl}/creds` });
    expect(await s.getCredentials()).toMatchObject({ method: 'assume-role', accessKey: 'ASIAR1' });
    expect(sts.calls[0].signedWith).toBe('ASIATASK');
    expect(container.requests.map((r) => r.url)).toEqual(['/creds']);
  });

  it('asks the container endpoint before IMDS, and IMDS only when there is no container', async () => {
    const env = home();
    container.reply(containerKeys('ASIATASK'));
    const both = new Session({ env: { ...env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${containerUrl}/creds`, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } });
    expect(await both.getCredentials()).toMatchObject({ method: 'container-role', accessKey: 'ASIATASK' });
    expect(imds.seen).toHaveLength(0);
    const imdsOnly = new Session({ env: { ...env, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } });
    expect(await imdsOnly.getCredentials()).toMatchObject({ method: 'iam-role', accessKey: 'ASIAIMDS' });
  });

  it('keys given to one client sign its calls, whatever the session chain would find', async () => {
    const h = tempHome({ credentials: '[default]\naws_access_key_id = AKFILE\naws_secret_access_key = file-secret\n' });
    const s = new Session({ env: { ...h.env, AWS_DEFAULT_REGION: 'us-east-1' } });
    container.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    container.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    await s.client('dynamodb', { endpointUrl: containerUrl, awsAccessKeyId: 'AKCLIENT', awsSecretAccessKey: 'client-secret' }).listTables();
    await s.client('dynamodb', { endpointUrl: containerUrl }).listTables();
    const signers = container.requests.map((r) => /Credential=(\w+)\//.exec(String(r.headers.authorization))?.[1]);
    expect(signers).toEqual(['AKCLIENT', 'AKFILE']);
  });
});
