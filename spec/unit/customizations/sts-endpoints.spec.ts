/**
 * STS's endpoint built-in, set by its customization (src/customizations/sts): with
 * `sts_regional_endpoints = legacy`, the regions botocore lists still use the global endpoint;
 * `regional` (the default) and other regions use the regional one.
 */
import { Session } from '../../../src';

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
