/**
 * S3 Control puts the account id in the host once (botocore's remove_accid_host_prefix_from_model):
 * the rule set adds `{AccountId}.`, so the model's hostPrefix is dropped. The calls go over plain
 * http through a loopback forward proxy, which sees the absolute URL the client asked for.
 * Expected values are boto3 1.43.11's requests, captured the same way (use_ssl=False, proxies).
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('S3 Control account id host prefix', () => {
  const proxy = new CannedServer();
  let proxyUrl: string;
  beforeAll(async () => {
    proxyUrl = await proxy.start();
  });
  afterAll(() => proxy.stop());
  beforeEach(() => proxy.requests.splice(0));

  it('is in the host once', async () => {
    proxy.reply({ status: 200, headers: { 'content-type': 'application/xml' }, body: '<ListAccessPointsResult/>' });
    const s3control = session.client('s3control', { useSsl: false, config: { proxies: { http: proxyUrl }, retries: { maxAttempts: 1 } } });
    await s3control.listAccessPoints({ AccountId: '123456789012', MaxResults: 3 });
    const sent = proxy.requests[0];
    // boto3: GET http://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/accesspoint?maxResults=3
    expect(`${sent.method} ${sent.url}`).toBe('GET http://123456789012.s3-control.us-east-1.amazonaws.com/v20180820/accesspoint?maxResults=3');
    expect(sent.headers.host).toBe('123456789012.s3-control.us-east-1.amazonaws.com');
    expect(sent.headers['x-amz-account-id']).toBe('123456789012');
  });

  it('is in the host once in other regions and for every client of the model', async () => {
    proxy.reply({ status: 200, headers: { 'content-type': 'application/xml' }, body: '<PublicAccessBlockConfiguration/>' });
    const s3control = session.client('s3control', { regionName: 'eu-west-1', useSsl: false, config: { proxies: { http: proxyUrl }, retries: { maxAttempts: 1 } } });
    await s3control.getPublicAccessBlock({ AccountId: '123456789012' });
    // boto3: GET http://123456789012.s3-control.eu-west-1.amazonaws.com/v20180820/configuration/publicAccessBlock
    expect(proxy.requests[0].url).toBe('http://123456789012.s3-control.eu-west-1.amazonaws.com/v20180820/configuration/publicAccessBlock');
  });
});
