/**
 * URI labels of rest services other than S3 reach the wire byte for byte as boto3 sends them:
 * dot segments (`.`, `..`, `a/../b`) are never removed, a non-greedy label escapes `/`, a greedy
 * one keeps it, and both escape every byte but letters, digits and `-._~`. Expected request
 * targets are boto3 1.43.11's for the same calls, captured by a loopback server. A regression
 * pin: botojs already matched when it was written (the serializer's path is sent as is).
 */
import { Session } from '../../../../src';
import { CannedServer } from '../../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('URI labels on the wire', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  // boto3 validates no patterns; botojs does, so validation is off to send the same values.
  const client = (name: string): ReturnType<Session['client']> => session.client(name, { endpointUrl: url, config: { parameterValidation: false, retries: { maxAttempts: 1 } } });

  it.each([
    ['lambda', 'getFunction', { FunctionName: '..' }, 'GET /2015-03-31/functions/..'],
    ['lambda', 'getFunction', { FunctionName: '.' }, 'GET /2015-03-31/functions/.'],
    ['lambda', 'getFunction', { FunctionName: 'a/../b' }, 'GET /2015-03-31/functions/a%2F..%2Fb'],
    ['lambda', 'getFunction', { FunctionName: "~!*'()[]@:$&+,;= %é" }, 'GET /2015-03-31/functions/~%21%2A%27%28%29%5B%5D%40%3A%24%26%2B%2C%3B%3D%20%25%C3%A9'],
    ['lambda', 'getFunction', { FunctionName: 'a%2F..%2Fb' }, 'GET /2015-03-31/functions/a%252F..%252Fb'],
    ['iot', 'getTopicRuleDestination', { arn: 'a/../b/./c' }, 'GET /destinations/a/../b/./c'],
    ['securityhub', 'getInsightResults', { InsightArn: '../..' }, 'GET /insights/results/../..'],
    ['mediastore-data', 'getObject', { Path: "../a/./b/../~!*'()é c//d/." }, 'GET /../a/./b/../~%21%2A%27%28%29%C3%A9%20c//d/.'],
  ])('%s %s(%j) is sent as %s', async (service, op, params, expected) => {
    await client(service)[op](params);
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe(expected);
  });
});
