/**
 * CloudSearch Domain Search is sent as a form POST (botocore's change_get_to_post): the query
 * string becomes the body, with `Content-Type: application/x-www-form-urlencoded`, both signed.
 * Other operations stay GETs. Expected values are boto3 1.43.11's requests for the same calls,
 * captured by a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('CloudSearch Domain Search', () => {
  const server = new CannedServer();
  let domain: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
    domain = session.client('cloudsearchdomain', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  it('is a POST with the query as a signed form body', async () => {
    await domain.search({ query: 'hello world', size: 3 });
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('POST /2013-01-01/search');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.body.toString('utf8')).toBe('format=sdk&pretty=true&q=hello%20world&size=3');
    expect(sent.headers['content-length']).toBe('45');
    expect(sent.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date,');
  });

  it('keeps the parameters in the order and encoding boto3 sends', async () => {
    await domain.search({ size: 3, query: 'a&b=c+d/é', start: 1, queryParser: 'simple', facet: '{"f":{}}', partial: true });
    expect(server.requests[0].body.toString('utf8')).toBe(
      'format=sdk&pretty=true&size=3&q=a%26b%3Dc%2Bd%2F%C3%A9&start=1&q.parser=simple&facet=%7B%22f%22%3A%7B%7D%7D&partial=true',
    );
  });

  it('leaves Suggest a GET', async () => {
    await domain.suggest({ query: 'q', suggester: 's' });
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('GET /2013-01-01/suggest?format=sdk&pretty=true&q=q&suggester=s');
    expect(sent.body.length).toBe(0);
  });
});
