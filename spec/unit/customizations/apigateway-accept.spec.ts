/**
 * API Gateway requests carry `Accept: application/json` (botocore's add_accept_header), signed,
 * unless the call set Accept itself. Expected values are boto3 1.43.11's requests, captured by a
 * loopback server from the same calls (method, raw path, Accept, SignedHeaders).
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('API Gateway Accept header', () => {
  const server = new CannedServer();
  let apigw: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    apigw = session.client('apigateway', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  it('is application/json on every request, and signed', async () => {
    await apigw.getRestApis({ limit: 2 });
    const sent = server.requests[0];
    // boto3: GET /restapis?limit=2, Accept: application/json, SignedHeaders=accept;host;x-amz-date
    expect(`${sent.method} ${sent.url}`).toBe('GET /restapis?limit=2');
    expect(sent.headers.accept).toBe('application/json');
    expect(sent.headers.authorization).toContain('SignedHeaders=accept;host;x-amz-date,');
  });

  it('keeps the Accept a call sets (GetExport accepts)', async () => {
    await apigw.getExport({ restApiId: 'r', stageName: 's', exportType: 'oas30', accepts: 'application/yaml' });
    await apigw.getExport({ restApiId: 'r', stageName: 's', exportType: 'oas30' });
    // boto3: application/yaml when given, application/json otherwise; one Accept header either way.
    expect(server.requests.map((r) => r.headers.accept)).toEqual(['application/yaml', 'application/json']);
    expect(server.requests[0].rawHeaders.filter((h) => h.toLowerCase() === 'accept')).toHaveLength(1);
  });
});
