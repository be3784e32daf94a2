/**
 * botocore 1.43.11's auth_scheme_preference and bearer tokens from the environment (the
 * choose-signer handler `_set_auth_scheme_preference_signer`, src/pipeline/choose-auth.ts). The
 * expected signers are what boto3 1.43.11 sent for the same settings against a loopback server:
 * with AWS_BEARER_TOKEN_BEDROCK=sweep-env-token, Bedrock Runtime InvokeModel went out with
 * `Authorization: Bearer sweep-env-token` and no X-Amz-Date or security token.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, Session, UnsupportedSignatureVersionError } from '../../../src';
import { bearerTokenVariable } from '../../../src/credentials/env-bearer-token';
import { parseAuthSchemePreference } from '../../../src/config/config-resolver';
import { resolveAuthSchemePreference } from '../../../src/pipeline/choose-auth';
import { CannedServer } from '../../helpers/canned-server';

const BASE_ENV = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

describe('auth scheme preference and environment bearer tokens', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  });
  afterAll(() => server.stop());

  function session(env: Record<string, string> = {}): Session {
    return new Session({ env: { ...BASE_ENV, ...env }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
  }

  /** The Authorization header of one InvokeModel (or another call) made as given. */
  async function authorization(s: Session, config: Config = new Config(), service = 'bedrock-runtime'): Promise<string | undefined> {
    const client = s.client(service, { endpointUrl: url, config: config.merge({ retries: { totalMaxAttempts: 1 } }) });
    const before = server.requests.length;
    if (service === 'bedrock-runtime') await client.invokeModel({ modelId: 'm', body: '{"a":1}', contentType: 'application/json' });
    else if (service === 'bedrock') await client.listFoundationModels({});
    else await client.listQueues({});
    const req = server.requests[before];
    return req.headers.authorization;
  }

  it('Bedrock Runtime signs with AWS_BEARER_TOKEN_BEDROCK, as boto3 does', async () => {
    const before = server.requests.length;
    expect(await authorization(session({ AWS_BEARER_TOKEN_BEDROCK: 'sweep-env-token' }))).toBe('Bearer sweep-env-token');
    const sent = server.requests[before];
    expect(sent.url).toBe('/model/m/invoke');
    expect(sent.headers['x-amz-date']).toBeUndefined();
    expect(sent.body.toString()).toBe('{"a":1}');
  });

  it('Bedrock (control plane) too: its signing name is bedrock', async () => {
    expect(await authorization(session({ AWS_BEARER_TOKEN_BEDROCK: 'tok' }), new Config(), 'bedrock')).toBe('Bearer tok');
  });

  it('without the variable, or for another service, SigV4 as before', async () => {
    expect(await authorization(session())).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(await authorization(session({ AWS_BEARER_TOKEN_SQS: 'tok', AWS_BEARER_TOKEN_BEDROCK: 'tok' }), new Config(), 'sqs')).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('signatureVersion or a preference set in Config keeps SigV4 unless the preference picks bearer', async () => {
    const env = { AWS_BEARER_TOKEN_BEDROCK: 'tok' };
    expect(await authorization(session(env), new Config({ signatureVersion: 'v4' }))).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(await authorization(session(env), new Config({ authSchemePreference: 'sigv4' }))).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(await authorization(session(env), new Config({ authSchemePreference: 'httpBearerAuth,sigv4' }))).toBe('Bearer tok');
    // botocore normalizes the list: blanks and spaces inside names go.
    expect(await authorization(session(env), new Config({ authSchemePreference: ' http BearerAuth , ,sigv4' }))).toBe('Bearer tok');
  });

  it('a preference from the environment does not stop the token (it is not set in code)', async () => {
    expect(await authorization(session({ AWS_BEARER_TOKEN_BEDROCK: 'tok', AWS_AUTH_SCHEME_PREFERENCE: 'sigv4' }))).toBe('Bearer tok');
    // Config's signatureVersion still wins over an environment preference for bearer.
    expect(await authorization(session({ AWS_BEARER_TOKEN_BEDROCK: 'tok', AWS_AUTH_SCHEME_PREFERENCE: 'httpBearerAuth' }), new Config({ signatureVersion: 'v4' }))).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('a bearer preference with no token anywhere is NoCredentialsError before sending', async () => {
    const s = session({ AWS_AUTH_SCHEME_PREFERENCE: 'httpBearerAuth' });
    const client = s.client('bedrock-runtime', { endpointUrl: url });
    const before = server.requests.length;
    await expect(client.invokeModel({ modelId: 'm', body: '{}' })).rejects.toMatchObject({ name: 'NoCredentialsError' });
    expect(server.requests.length).toBe(before);
  });

  it('a preference for a scheme the service does not offer changes nothing', async () => {
    expect(await authorization(session(), new Config({ authSchemePreference: 'httpBearerAuth,sigv4' }), 'sqs')).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(await authorization(session(), new Config({ authSchemePreference: 'foo' }), 'sqs')).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it("the profile's auth_scheme_preference is read too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-auth-pref-'));
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, '[default]\nauth_scheme_preference = httpBearerAuth\n');
    try {
      const s = new Session({ env: { ...BASE_ENV, AWS_CONFIG_FILE: file }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
      await expect(s.client('bedrock-runtime', { endpointUrl: url }).invokeModel({ modelId: 'm', body: '{}' })).rejects.toMatchObject({ name: 'NoCredentialsError' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bearer-auth service takes its token from AWS_BEARER_TOKEN_<signing name> before SSO', async () => {
    const client = session({ AWS_BEARER_TOKEN_CODECATALYST: 'cc-tok' }).client('codecatalyst', { endpointUrl: url });
    const before = server.requests.length;
    await client.listSpaces({});
    expect(server.requests[before].headers.authorization).toBe('Bearer cc-tok');
    // An explicit authTokenProvider replaces the whole chain, as a custom token_provider does in botocore.
    const explicit = new Session({ env: { ...BASE_ENV, AWS_BEARER_TOKEN_CODECATALYST: 'cc-tok' }, authTokenProvider: async () => 'given', regionName: 'us-east-1' });
    await explicit.client('codecatalyst', { endpointUrl: url }).listSpaces({});
    expect(server.requests[before + 1].headers.authorization).toBe('Bearer given');
  });

  it('normalizes the list as botocore does', () => {
    expect(parseAuthSchemePreference('httpBearerAuth, sigv4')).toEqual(['httpBearerAuth', 'sigv4']);
    expect(parseAuthSchemePreference(' , ')).toBeUndefined();
    expect(parseAuthSchemePreference(undefined)).toBeUndefined();
  });

  it('presigning a call that would be signed with a bearer token is refused', async () => {
    const client = session({ AWS_BEARER_TOKEN_BEDROCK: 'tok' }).client('bedrock-runtime', { endpointUrl: url });
    await expect(client.generatePresignedUrl('invokeModel', { Params: { modelId: 'm', body: '{}' } })).rejects.toThrow(UnsupportedSignatureVersionError);
  });

  it('refuses an authSchemePreference that is not a string', () => {
    expect(() => new Config({ authSchemePreference: ['sigv4'] as unknown as string })).toThrow(/authSchemePreference must be a comma-delimited string/);
  });
});

describe('resolveAuthSchemePreference (botocore.auth.resolve_auth_scheme_preference, with awscrt: botojs signs SigV4a natively)', () => {
  const BOTH = ['aws.auth#sigv4', 'smithy.api#httpBearerAuth'];
  it.each([
    [['httpBearerAuth'], BOTH, 'bearer'],
    [['sigv4'], BOTH, 'v4'],
    [['foo', 'noAuth'], BOTH, 'v4'],
    [[], BOTH, 'v4'],
    [['sigv4'], ['smithy.api#noAuth'], 'none'],
    // SigV4a is signed natively (botocore needs awscrt): preferred or listed first, it is chosen.
    [['sigv4a'], ['aws.auth#sigv4a', 'aws.auth#sigv4'], 'v4a'],
    [['sigv4'], ['aws.auth#sigv4a', 'aws.auth#sigv4'], 'v4'],
    [[], ['aws.auth#sigv4a', 'aws.auth#sigv4'], 'v4a'],
  ])('%j over %j is %j', (preference, options, expected) => {
    expect(resolveAuthSchemePreference(preference, options)).toBe(expected);
  });

  it('raises when nothing offered can be signed', () => {
    expect(() => resolveAuthSchemePreference(['sigv4'], ['smithy.api#httpApiKeyAuth'])).toThrow('Signature version(s) are not supported: httpApiKeyAuth');
  });

  it('names the variable from the signing name as botocore does', () => {
    expect(bearerTokenVariable('bedrock')).toBe('AWS_BEARER_TOKEN_BEDROCK');
    expect(bearerTokenVariable('execute-api')).toBe('AWS_BEARER_TOKEN_EXECUTE_API');
    expect(bearerTokenVariable('my service')).toBe('AWS_BEARER_TOKEN_MY_SERVICE');
  });
});
