/**
 * Machine Learning Predict goes to the call's PredictEndpoint (botocore's
 * switch_host_machinelearning): scheme and authority from PredictEndpoint, path and query from
 * the request, switched before signing. boto3 1.43.11, run the same way against a loopback
 * server, sent `POST /` with `Host: <the PredictEndpoint's host:port>` and signed that host.
 */
import { HTTPClientError, Session } from '../../../src';
import { switchedUrl } from '../../../src/customizations/machinelearning';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('Machine Learning Predict', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('is sent to PredictEndpoint, with the host signed', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{"Prediction":{"predictedLabel":"1"}}' });
    // The client's own endpoint has nothing listening: the call must not go there. (botojs checks
    // the model's pattern for PredictEndpoint, *.amazonaws.com, which botocore does not: off here.)
    const ml = session.client('machinelearning', { endpointUrl: 'http://127.0.0.1:1', config: { parameterValidation: false } });
    const r = await ml.predict({ MLModelId: 'm', Record: { a: 'b' }, PredictEndpoint: `${url}/ignored/path?x=1#frag` });
    expect(r.Prediction).toEqual({ predictedLabel: '1' });
    const sent = server.requests[0];
    expect(sent.url).toBe('/');
    expect(sent.headers.host).toBe(url.slice('http://'.length));
    expect(sent.headers.authorization).toMatch(/SignedHeaders=[^,]*\bhost\b/);
    expect(JSON.parse(sent.body.toString('utf8'))).toMatchObject({ PredictEndpoint: `${url}/ignored/path?x=1#frag` });
  });

  it.each([
    ['https://.amazon.com', /Cannot send the request to https:\/\/\.amazon\.com\/: the host "\.amazon\.com" has an empty label/],
    ['http://a..b:1', /the host "a\.\.b" has an empty label/],
    [`http://${'a'.repeat(64)}.com:1`, /is longer than 63 characters/],
    ['realtime.example.com', /the URL names no host/],
  ])('a PredictEndpoint %j no resolver takes is an HTTPClientError, not a failed connection (as botocore)', async (endpoint, message) => {
    // (EndpointConnectionError, what a DNS lookup of such a name gave, is an HTTPClientError too: the name tells them apart.)
    const ml = session.client('machinelearning', { endpointUrl: url, config: { parameterValidation: false, retries: { mode: 'standard', totalMaxAttempts: 1 } } });
    const before = server.requests.length;
    const err = await ml.predict({ MLModelId: 'm', Record: { a: 'b' }, PredictEndpoint: endpoint }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTTPClientError);
    expect((err as Error).name).toBe('HTTPClientError');
    expect((err as Error).message).toMatch(message);
    expect(server.requests.length).toBe(before);
  });

  it.each([
    // Python: urlunsplit((new.scheme, new.netloc, old.path, old.query, ''))
    ['https://machinelearning.us-east-1.amazonaws.com/', 'https://realtime.machinelearning.us-east-1.amazonaws.com', 'https://realtime.machinelearning.us-east-1.amazonaws.com/'],
    ['https://127.0.0.1:9/base?q=1', 'http://user@h:8080/x?y=2#f', 'http://user@h:8080/base?q=1'],
    ['https://a/', 'HTTP://H', 'http://H/'],
    ['https://a/', 'realtime.example.com', '/'],
    ['https://a/p', 'http:', 'http:///p'],
  ])('switchedUrl(%j, %j) is %j', (original, endpoint, expected) => {
    expect(switchedUrl(original, endpoint)).toBe(expected);
  });
});
