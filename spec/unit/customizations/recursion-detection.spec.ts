/**
 * Inside Lambda, requests carry X-Amzn-Trace-Id (botocore's add_recursion_detection_header).
 * The expected header is boto3 1.43.11's for the same _X_AMZN_TRACE_ID (captured at
 * before-send for SQS ListQueues): percent-encoded by quote(safe='-=;:+&[]{}"\','), and not
 * among the SignedHeaders (content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode).
 */
import { Session } from '../../../src';
import { quoteTraceId } from '../../../src/customizations/recursion-detection';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

const TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a b/é|"x{}[]+&,~_.!*()';
// boto3 1.43.11's header for TRACE_ID.
const BOTO3_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a%20b%2F%C3%A9%7C"x{}[]+&,~_.%21%2A%28%29';

describe('recursion detection header', () => {
  const server = new CannedServer();
  let url: string;
  const saved = { name: process.env.AWS_LAMBDA_FUNCTION_NAME, trace: process.env._X_AMZN_TRACE_ID };
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' };
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));
  afterEach(() => {
    for (const [k, v] of [['AWS_LAMBDA_FUNCTION_NAME', saved.name], ['_X_AMZN_TRACE_ID', saved.trace]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('encodes the trace id as botocore does', () => {
    expect(quoteTraceId(TRACE_ID)).toBe(BOTO3_HEADER);
  });

  it('is sent, unsigned, inside Lambda', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'fn';
    process.env._X_AMZN_TRACE_ID = TRACE_ID;
    await session.client('sqs', { endpointUrl: url }).listQueues();
    const sent = server.requests[0];
    expect(sent.headers['x-amzn-trace-id']).toBe(BOTO3_HEADER);
    expect(sent.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-target;x-amzn-query-mode,');
  });

  it('is not sent outside Lambda, or without a trace id', async () => {
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env._X_AMZN_TRACE_ID = TRACE_ID;
    const sqs = session.client('sqs', { endpointUrl: url });
    await sqs.listQueues();
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'fn';
    process.env._X_AMZN_TRACE_ID = '';
    await sqs.listQueues();
    expect(server.requests.map((r) => r.headers['x-amzn-trace-id'])).toEqual([undefined, undefined]);
  });

  it('keeps a trace header the request already has, in any case', async () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'fn';
    process.env._X_AMZN_TRACE_ID = TRACE_ID;
    const sqs = session.client('sqs', { endpointUrl: url });
    // request-created.sqs handlers run before the catch-all request-created one.
    sqs.meta.events.register('request-created.sqs', (p) => {
      (p.request as { headers: Record<string, string> }).headers['x-amzn-trace-id'] = 'Root=mine';
    });
    await sqs.listQueues();
    expect(server.requests[0].headers['x-amzn-trace-id']).toBe('Root=mine');
    expect(server.requests[0].rawHeaders.filter((h) => h.toLowerCase() === 'x-amzn-trace-id')).toHaveLength(1);
  });
});
