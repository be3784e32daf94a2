/**
 * Bedrock AgentCore sends timestamps with millisecond precision (botocore's
 * enable_millisecond_timestamp_precision on creating-serializer.bedrock-agentcore): epoch
 * seconds as a float with the milliseconds (`.0` when whole, as Python's json writes it), iso8601
 * with three fraction digits. Expected body text is boto3 1.43.11's for the same calls, captured
 * by a loopback server; both write json.dumps's `, ` / `: ` separators.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('Bedrock AgentCore timestamps', () => {
  const server = new CannedServer();
  let agentcore: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    agentcore = session.client('bedrock-agentcore', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  const body = (): string => server.requests[0].body.toString('utf8');

  it.each([
    ['2024-01-02T03:04:05.678901Z', '"eventTimestamp": 1704164645.678,'],
    ['2024-01-02T03:04:05Z', '"eventTimestamp": 1704164645.0,'],
  ])('epoch seconds carry the milliseconds (%s)', async (iso, field) => {
    await agentcore.createEvent({ memoryId: 'mem-0123456789', actorId: 'a', eventTimestamp: iso, payload: [] });
    expect(body()).toContain(field);
  });

  it('iso8601 has three fraction digits', async () => {
    await agentcore.startBatchEvaluation({
      batchEvaluationName: 'n',
      evaluators: [],
      dataSourceConfig: { cloudWatchLogs: { serviceNames: ['s'], logGroupNames: ['g'], filterConfig: { timeRange: { startTime: new Date('2024-01-02T03:04:05Z'), endTime: new Date('2024-01-02T03:04:05.5Z') } } } },
      clientToken: 'tok-0123456789abcdef0123456789abcdef',
    });
    expect(body()).toContain('"timeRange": {"startTime": "2024-01-02T03:04:05.000Z", "endTime": "2024-01-02T03:04:05.500Z"}');
  });
});
