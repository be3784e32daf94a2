/**
 * STS's customization (src/customizations/sts):
 * - its endpoint built-in: with `sts_regional_endpoints = legacy`, the regions botocore lists
 *   still use the global endpoint; `regional` (the default) and other regions the regional one;
 * - standard and adaptive retries retry IDPCommunicationError, for STS clients only.
 */
import { Config, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

async function stsHost(region: string, mode?: string): Promise<string> {
  const env: Record<string, string> = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
  if (mode) env.AWS_STS_REGIONAL_ENDPOINTS = mode;
  const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: region });
  return new URL(await session.client('sts').generatePresignedUrl('getCallerIdentity')).host;
}

describe('STS endpoints', () => {
  it.each([
    ['us-west-2', 'legacy', 'sts.amazonaws.com'],
    ['us-west-2', 'regional', 'sts.us-west-2.amazonaws.com'],
    ['us-west-2', undefined, 'sts.us-west-2.amazonaws.com'],
    ['ap-east-1', 'legacy', 'sts.ap-east-1.amazonaws.com'],
  ])('%s with sts_regional_endpoints=%s -> %s', async (region, mode, host) => {
    expect(await stsHost(region, mode)).toBe(host);
  });

  it('the STS built-in is STS\'s alone: other clients never see it', async () => {
    const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, regionName: 'us-west-2' });
    expect(Object.keys(session.client('sqs').meta.context.endpoint.builtIns).filter((k) => k.includes('::STS::') || k.includes('::S3'))).toEqual([]);
    expect(session.client('sts').meta.context.endpoint.builtIns['AWS::STS::UseGlobalEndpoint']).toBe(false);
  });
});

describe('STS retries', () => {
  const server = new CannedServer();
  let endpointUrl: string;
  beforeAll(async () => {
    endpointUrl = await server.start();
  });
  afterAll(() => server.stop());
  // No backoff: the jitter is random() seconds.
  beforeEach(() => jest.spyOn(Math, 'random').mockReturnValue(0));
  afterEach(() => jest.restoreAllMocks());

  const idpError = {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: '<ErrorResponse><Error><Type>Sender</Type><Code>IDPCommunicationError</Code><Message>try again</Message></Error><RequestId>r</RequestId></ErrorResponse>',
  };
  const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

  it.each(['standard', 'adaptive'] as const)('%s mode: an STS IDPCommunicationError is retried; the same code from another service is not', async (mode) => {
    const config = new Config({ retries: { mode, totalMaxAttempts: 2 } });
    server.requests.length = 0;
    server.reply(idpError, {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>',
    });
    const out = await session.client('sts', { endpointUrl, config }).getCallerIdentity();
    expect(out.Account).toBe('123456789012');
    expect(out.ResponseMetadata.RetryAttempts).toBe(1);

    server.requests.length = 0;
    server.reply(idpError);
    await expect(session.client('iam', { endpointUrl, config }).listUsers()).rejects.toMatchObject({ code: 'IDPCommunicationError' });
    expect(server.requests).toHaveLength(1);
  });
});
