/**
 * The two host checks botocore makes, each case's verdict taken from botocore 1.43.11:
 * `boto3.client('sqs', endpoint_url=...)` for endpointUrlProblem (ValueError "Invalid endpoint"
 * or not), and Predict with a PredictEndpoint for dnsNameProblem (HTTPClientError "label empty
 * or too long" before connecting, or a connection attempt).
 */
import { dnsNameProblem, endpointUrlProblem } from '../../../src/util/hostnames';

describe('endpointUrlProblem (botocore refuses the client)', () => {
  it.each([
    ['https://.amazon.com', '', /the host "\.amazon\.com" has an empty label/],
    ['https://a..b.com', '', /empty label/],
    ['https://-a.com', '-a', /the host label "-a" is not a valid hostname label/],
    ['https://a-.com', 'a-', /not a valid hostname label/],
    ['https://a_b.com', 'a_b', /not a valid hostname label/],
    ['https://a b.com', 'a b', /not a valid hostname label/],
    [`https://${'a'.repeat(64)}.com`, 'a'.repeat(64), /not a valid hostname label/],
    ['localhost:4566', undefined, /names no host/],
    ['http://[zz]:1', undefined, /"zz" is not a valid IPv6 address/],
    ['http://h\n.com', undefined, /tab or line break/],
  ])('%j is refused', (url, label, message) => {
    const problem = endpointUrlProblem(url);
    expect(problem?.label).toBe(label);
    expect(problem?.problem).toMatch(message);
  });

  it.each([
    'https://xn--zz.com', // botocore takes it (and fails later); botojs's URL parser refuses it at the call
    'http://[::1]:80',
    'http://[fe80::1%25eth0]:80',
    'https://a.com.',
    'http://u:p@host:1/',
    'http://127.0.0.1:4566',
    'http://LocalHost:4566/path?x=1',
  ])('%j is taken', (url) => {
    expect(endpointUrlProblem(url)).toBeUndefined();
  });
});

describe('dnsNameProblem (the HTTP client refuses before connecting)', () => {
  it.each([
    ['.amazon.com', '', /the host "\.amazon\.com" has an empty label/],
    ['a..b', '', /empty label/],
    [`${'a'.repeat(64)}.com`, 'a'.repeat(64), /is longer than 63 characters/],
    ['', undefined, /names no host/],
  ])('%j is refused', (host, label, message) => {
    const problem = dnsNameProblem(host);
    expect(problem?.label).toBe(label);
    expect(problem?.problem).toMatch(message);
  });

  it.each(['a_b', 'a.com.', '127.0.0.1', '::1', `${'a'.repeat(63)}.com`])('%j is looked up', (host) => {
    expect(dnsNameProblem(host)).toBeUndefined();
  });

  it('answers the same when asked again (passed hosts are remembered, refused ones are not)', () => {
    for (let i = 0; i < 3; i++) {
      expect(dnsNameProblem('again.example.com')).toBeUndefined();
      expect(dnsNameProblem('again..example.com')?.label).toBe('');
    }
    // Past its bound the memory starts over; answers do not change.
    for (let i = 0; i < 1100; i++) expect(dnsNameProblem(`h${i}.example.com`)).toBeUndefined();
    expect(dnsNameProblem('again.example.com')).toBeUndefined();
  });
});
