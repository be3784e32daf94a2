/**
 * Endpoint-discovery operations carry `x-amz-api-version` (botocore's
 * inject_api_version_header_if_needed), signed; other operations do not. Expected values are
 * boto3 1.43.11's requests for the same calls, captured by a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('x-amz-api-version on endpoint-discovery operations', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' };
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  const client = (name: string): ReturnType<Session['client']> => session.client(name, { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });

  it.each([
    ['dynamodb', '2012-08-10'],
    ['timestream-query', '2018-11-01'],
    ['timestream-write', '2018-11-01'],
  ])('%s DescribeEndpoints sends its apiVersion, signed', async (service, version) => {
    await client(service).describeEndpoints();
    const sent = server.requests[0];
    expect(sent.headers['x-amz-api-version']).toBe(version);
    expect(sent.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-api-version;x-amz-date;x-amz-target,');
  });

  it('is not sent by other operations', async () => {
    await client('dynamodb').listTables();
    expect(server.requests[0].headers['x-amz-api-version']).toBeUndefined();
  });
});
