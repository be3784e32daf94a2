/**
 * Each stage's object for one call of every protocol, printed and compared with a golden file
 * (spec/golden/stages/<protocol>.txt): a change in any stage (params after events and
 * validation, endpoint, serialized request, prepared request, signed request, raw response,
 * parsed result) shows up as a readable diff.
 *
 * The stages are read from the call's context and the events' payloads, as a user's handler
 * would read them; the response is a canned one a `before-send` handler supplies, so the
 * endpoints are the rule sets' real ones and nothing is sent. The clock is fixed, and the two
 * values that differ per machine or per call (User-Agent, amz-sdk-invocation-id) are masked.
 *
 * After an intended change: UPDATE_GOLDEN=1 npx jest spec/unit/pipeline/stages-golden.spec.ts,
 * then read the diff in git before committing it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Session, type CallContext } from '../../../src';
import type { RawResponse } from '../../../src/types/http';
import { crc32 } from '../../../src/util/crc';
import { encodeCbor } from '../../../src/protocols/cbor-writer';

const GOLDEN_DIR = path.join(__dirname, '..', '..', 'golden', 'stages');
const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const NOW = new Date('2026-01-02T03:04:05Z');

interface Case {
  protocol: string;
  service: string;
  operation: string;
  params: Record<string, unknown>;
  response: RawResponse;
}

function xml(body: string, headers: Record<string, string> = {}): RawResponse {
  return { statusCode: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'req-1', ...headers }, body: Buffer.from(body) };
}

function json(body: string, headers: Record<string, string> = {}, statusCode = 200): RawResponse {
  const bytes = Buffer.from(body);
  return { statusCode, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'req-1', 'x-amz-crc32': String(crc32(bytes)), ...headers }, body: bytes };
}

const CASES: Case[] = [
  {
    protocol: 'query',
    service: 'sns',
    operation: 'publish',
    params: { TopicArn: 'arn:aws:sns:us-east-1:123456789012:t', Message: 'hello & <world>', MessageAttributes: { n: { DataType: 'Number', StringValue: '3' } } },
    response: xml('<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>'),
  },
  {
    protocol: 'ec2',
    service: 'ec2',
    operation: 'describeInstances',
    params: { Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending'] }], MaxResults: 5 },
    response: xml(
      '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><reservationSet><item><reservationId>r-1</reservationId>' +
        '<instancesSet><item><instanceId>i-1</instanceId><instanceState><code>16</code><name>running</name></instanceState><launchTime>2026-01-01T00:00:00.000Z</launchTime>' +
        '<tagSet><item><key>Name</key><value>web</value></item></tagSet></item></instancesSet></item></reservationSet></DescribeInstancesResponse>',
    ),
  },
  {
    protocol: 'json',
    service: 'dynamodb',
    operation: 'getItem',
    params: { TableName: 'users', Key: { pk: { S: 'u#1' } }, ConsistentRead: true },
    response: json('{"Item":{"pk":{"S":"u#1"},"age":{"N":"42"},"tags":{"SS":["a","b"]},"blob":{"B":"AAEC"}}}'),
  },
  {
    protocol: 'smithy-rpc-v2-cbor',
    service: 'cloudwatch',
    operation: 'getMetricData',
    params: {
      MetricDataQueries: [{ Id: 'q1', MetricStat: { Metric: { Namespace: 'App', MetricName: 'Latency' }, Period: 60, Stat: 'Average' } }],
      StartTime: new Date('2026-01-01T00:00:00Z'),
      EndTime: new Date('2026-01-01T01:00:00Z'),
    },
    response: {
      statusCode: 200,
      headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-requestid': 'req-1' },
      body: encodeCbor({ MetricDataResults: [{ Id: 'q1', Timestamps: [new Date('2026-01-01T00:00:00Z')], Values: [1.5], StatusCode: 'Complete' }] }),
    },
  },
  {
    protocol: 'rest-json',
    service: 'lambda',
    operation: 'publishVersion',
    params: { FunctionName: 'my fn', Description: 'v2' },
    response: json('{"FunctionName":"my-fn","Version":"2","LastModified":"2026-01-01T00:00:00.000+0000","MemorySize":128}', { 'content-type': 'application/json' }, 201),
  },
  {
    protocol: 'rest-xml',
    service: 's3',
    operation: 'putObject',
    params: { Bucket: 'my-bucket', Key: 'dir/a b+c.txt', Body: 'hello', ContentType: 'text/plain', Metadata: { Owner: 'me' } },
    response: { statusCode: 200, headers: { etag: '"5d41402abc4b2a76b9719d911017c592"', 'x-amz-request-id': 'req-1', 'x-amz-id-2': 'host-1', 'x-amz-checksum-crc32': 'NhCmhg==' }, body: Buffer.alloc(0) },
  },
];

/** JSON with bytes shown as text (or base64 when not text), and the per-machine values masked. */
function print(value: unknown): string {
  return JSON.stringify(
    value,
    function (key, v: unknown) {
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
        const bytes = Buffer.from((v as { data: number[] }).data);
        const text = bytes.toString('utf8');
        return /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text) ? `<${bytes.length} bytes> ${text}` : `<${bytes.length} bytes base64> ${bytes.toString('base64')}`;
      }
      if (typeof v === 'string' && /^user-agent$/i.test(key)) return '<user-agent>';
      if (typeof v === 'string' && key === 'amz-sdk-invocation-id') return '<uuid>';
      return v;
    },
    2,
  );
}

async function stages(c: Case): Promise<string> {
  const session = new Session({ env, awsAccessKeyId: 'AKIDEXAMPLE', awsSecretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', regionName: 'us-east-1' });
  const client = session.client(c.service);
  const out: string[] = [`== ${c.protocol}: ${c.service}.${c.operation}`];
  const section = (name: string, value: unknown) => out.push(`-- ${name}`, print(value));
  let seen: CallContext | undefined;
  client.meta.events.register('before-call', (p) => {
    seen = p.context;
    section('params (after events, idempotency tokens and validation)', p.context.params);
  });
  client.meta.events.register('before-sign', (p) => {
    section('endpoint', p.context.endpoint);
    section('serialized', p.context.serialized);
    section('prepared request (unsigned)', p.request);
  });
  client.meta.events.register('before-send', (p) => {
    section('signed request', p.request);
    section('raw response', c.response);
    return c.response;
  });
  client.meta.events.register('after-call', (p) => {
    expect(p.context).toBe(seen);
    section('parsed', p.parsed);
    section('retry', p.context.retry);
  });
  await (client as unknown as Record<string, (p: unknown) => Promise<unknown>>)[c.operation](c.params);
  return out.join('\n') + '\n';
}

describe('the stages of one call, per protocol (golden files)', () => {
  beforeAll(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
  });
  afterAll(() => jest.useRealTimers());

  it.each(CASES.map((c) => [c.protocol, c] as const))('%s', async (protocol, c) => {
    const actual = await stages(c);
    const file = path.join(GOLDEN_DIR, `${protocol}.txt`);
    if (process.env.UPDATE_GOLDEN) {
      fs.mkdirSync(GOLDEN_DIR, { recursive: true });
      fs.writeFileSync(file, actual);
    }
    expect(fs.existsSync(file) ? actual : undefined).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('covers every protocol the protocol table speaks', () => {
    const { SUPPORTED_PROTOCOLS } = jest.requireActual('../../../src/protocols') as { SUPPORTED_PROTOCOLS: readonly string[] };
    expect([...SUPPORTED_PROTOCOLS].sort()).toEqual(CASES.map((c) => c.protocol).sort());
  });
});
