import { Session } from '../../../src';
import { ContainerProvider, validateContainerUrl } from '../../../src/credentials/container';
import { CredentialRetrievalError } from '../../../src/credentials/errors';
import { CannedServer } from '../../helpers/canned-server';
import { isoIn, tempHome } from './fake-aws';

const KEYS = (id: string, ttl = 3600) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ RoleArn: 'arn:aws:iam::123456789012:role/task', AccessKeyId: id, SecretAccessKey: `secret-${id}`, Token: `token-${id}`, Expiration: isoIn(ttl), AccountId: '123456789012' }),
});

describe('container credentials (loopback endpoint)', () => {
  const server = new CannedServer();
  let url = '';
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server.handler = undefined;
  });

  it('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (ECS): GET base + relative path, Accept JSON', async () => {
    server.reply(KEYS('ASIAECS'));
    const h = tempHome();
    const s = new Session({ env: { ...h.env, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc-123', BOTOJS_CONTAINER_METADATA_ENDPOINT: url } });
    expect(await s.getCredentials()).toMatchObject({ method: 'container-role', accessKey: 'ASIAECS', accountId: '123456789012' });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/v2/credentials/abc-123' });
    expect(server.requests[0].headers.accept).toBe('application/json');
    expect(server.requests[0].headers.authorization).toBeUndefined();
  });

  it('defaults the relative URI to 169.254.170.2 (never contacted from tests)', () => {
    expect(new ContainerProvider({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds' }).fullUrl()).toBe('http://169.254.170.2/v2/creds');
  });

  it('AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN', async () => {
    server.reply(KEYS('ASIAFULL'));
    const h = tempHome();
    const env = { ...h.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/creds?id=1`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'Basic abc' };
    expect(await new Session({ env }).getCredentials()).toMatchObject({ accessKey: 'ASIAFULL' });
    expect(server.requests[0]).toMatchObject({ url: '/creds?id=1' });
    expect(server.requests[0].headers.authorization).toBe('Basic abc');
  });

  it('the token file (EKS Pod Identity) wins over the token and is re-read on refresh', async () => {
    const h = tempHome();
    const tokenFile = h.write('eks-token', 'pod-token-1');
    server.reply(KEYS('ASIAPOD1', 11 * 60), KEYS('ASIAPOD2'));
    const env = { ...h.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/pod`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'ignored', AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile };
    const s = new Session({ env });
    const loaded = await s.credentialProvider().load();
    expect(server.requests[0].headers.authorization).toBe('pod-token-1');
    require('fs').writeFileSync(tokenFile, 'pod-token-2');
    // 11 minutes left: inside the refresh window, so the next use fetches again with the new token.
    const { frozenCredentials } = await import('../../../src/credentials/credentials');
    expect((await frozenCredentials(loaded))!.accessKey).toBe('ASIAPOD2');
    expect(server.requests[1].headers.authorization).toBe('pod-token-2');
  });

  it('allows https anywhere, http only to loopback and the ECS/EKS hosts', () => {
    expect(() => validateContainerUrl('https://creds.example.com/x')).not.toThrow();
    expect(() => validateContainerUrl('http://127.0.0.1:8080/x')).not.toThrow();
    expect(() => validateContainerUrl('http://127.9.9.9/x')).not.toThrow();
    expect(() => validateContainerUrl('http://[::1]:80/x')).not.toThrow();
    expect(() => validateContainerUrl('http://localhost/x')).not.toThrow();
    expect(() => validateContainerUrl('http://169.254.170.23/v1/credentials')).not.toThrow();
    expect(() => validateContainerUrl('http://[fd00:ec2::23]/v1/credentials')).not.toThrow();
    expect(() => validateContainerUrl('http://192.168.1.10/creds')).toThrow(/Unsupported host '192.168.1.10'/);
    expect(() => validateContainerUrl('http://evil.example.com/creds')).toThrow(CredentialRetrievalError);
  });

  it('rejects a token with a line break, retries failures, and reports the last status', async () => {
    const h = tempHome();
    const bad = new Session({ env: { ...h.env, AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/x`, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'abc\r\nX-Injected: 1' } });
    await expect(bad.getCredentials()).rejects.toThrow(/not a legal header value/);
    expect(server.requests).toHaveLength(0);

    server.reply({ status: 500, body: 'boom' }, { status: 500, body: 'boom' }, KEYS('ASIARETRY'));
    const p = new ContainerProvider({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/x` }, { retryDelayMs: 1 });
    expect((await p.load())!.toJSON()).toMatchObject({ accessKey: 'ASIARETRY' });
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    server.handler = () => ({ status: 403, body: 'denied' });
    const failing = new ContainerProvider({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/x` }, { retryDelayMs: 1 });
    await expect(failing.load()).rejects.toThrow(/container-role: Received non 200 response 403 from container metadata/);
    expect(server.requests).toHaveLength(3);
  });
});
