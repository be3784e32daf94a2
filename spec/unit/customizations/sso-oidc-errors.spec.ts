/**
 * SSO OIDC's OAuth 2 errors (botocore's _map_oauth2_errors): `error_description` becomes the
 * Message when the body has none. Expected values are boto3 1.43.11's results for the same
 * responses (loopback server).
 */
import { ClientError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('SSO OIDC error_description', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const createToken = async (headers: Record<string, string>, body: string): Promise<ClientError> => {
    server.reply({ status: 400, headers: { 'content-type': 'application/json', ...headers }, body });
    const client = session.client('sso-oidc', { endpointUrl: url });
    return (await client.createToken({ clientId: 'c', clientSecret: 's', grantType: 'g' }).catch((e: unknown) => e)) as ClientError;
  };

  it('is the Message when the body has none', async () => {
    const err = await createToken({}, '{"error":"invalid_grant","error_description":"bad grant"}');
    // boto3: {'Message': 'bad grant', 'Code': '400'}, "An error occurred (400) when calling the CreateToken operation: bad grant"
    expect(err.response.Error).toEqual({ Message: 'bad grant', Code: '400' });
    expect(err.message).toBe('An error occurred (400) when calling the CreateToken operation: bad grant');
  });

  it("does not replace the body's own Message", async () => {
    const err = await createToken({ 'x-amzn-errortype': 'InvalidGrantException' }, '{"error":"invalid_grant","error_description":"bad grant","Message":"kept"}');
    // boto3: {'Message': 'kept', 'Code': 'InvalidGrantException'}, plus the modeled error and error_description members
    expect(err.response.Error).toEqual({ Message: 'kept', Code: 'InvalidGrantException' });
    expect(err.response).toMatchObject({ error: 'invalid_grant', error_description: 'bad grant' });
  });

  it('an empty "message" still takes precedence in the parse, as in boto3', async () => {
    const err = await createToken({ 'x-amzn-errortype': 'InvalidGrantException' }, '{"error":"invalid_grant","error_description":"bad grant","message":""}');
    // boto3: {'Message': '', 'Code': 'InvalidGrantException'}
    expect(err.response.Error).toEqual({ Message: '', Code: 'InvalidGrantException' });
  });
});
