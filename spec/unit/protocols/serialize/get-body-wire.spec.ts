/**
 * A GET whose input has body members (EFS DescribeAccountPreferences, the only one in the
 * models) sends its JSON body, with Content-Type and Content-Length, as boto3 does; with no
 * member set the body is `{}`. Expected values are boto3 1.43.11's for the same calls, captured
 * by a loopback server (boto3 writes `", "` / `": "` separators, botojs none: bodies are compared
 * parsed). A regression pin: botojs already matched when it was written.
 */
import { Session } from '../../../../src';
import { CannedServer } from '../../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('GET with body members', () => {
  const server = new CannedServer();
  let efs: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    efs = session.client('efs', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  it.each([
    [{ MaxResults: 5, NextToken: 'tok' }, { MaxResults: 5, NextToken: 'tok' }],
    [{}, {}],
  ])('DescribeAccountPreferences(%j) sends its body', async (params, expected) => {
    await efs.describeAccountPreferences(params);
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('GET /2015-02-01/account-preferences');
    expect(JSON.parse(sent.body.toString('utf8'))).toEqual(expected);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.headers['content-length']).toBe(String(sent.body.length));
    expect(sent.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date,');
  });
});
