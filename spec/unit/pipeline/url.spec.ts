import { InvalidEndpointError } from '../../../src/errors';
import { joinUrl } from '../../../src/pipeline/url';
import { encodeQuery as buildQueryString } from '../../../src/util/percent-encode';

const spec = (path: string, query: Array<[string, string]> = [], hostPrefix?: string) => ({ method: 'GET', path, query, headers: {}, body: undefined, hostPrefix });

describe('joinUrl', () => {
  it('appends the request path to the endpoint path', () => {
    expect(joinUrl('http://127.0.0.1:9000/bucket', spec('/key/a b'))).toBe('http://127.0.0.1:9000/bucket/key/a b');
    expect(joinUrl('https://b.s3.amazonaws.com', spec('/k'))).toBe('https://b.s3.amazonaws.com/k');
    expect(joinUrl('http://h/bucket', spec('/'))).toBe('http://h/bucket');
    expect(joinUrl('http://h', spec(''))).toBe('http://h/');
  });
  it('keeps a literal requestUri query first and encodes the rest', () => {
    expect(joinUrl('http://h/b', spec('/k?uploads', [['x', 'a b/c']]))).toBe('http://h/b/k?uploads&x=a%20b%2Fc');
    expect(joinUrl('http://h', spec('/?list-type=2', [['prefix', 'images/']]))).toBe('http://h/?list-type=2&prefix=images%2F');
  });
  it('prepends the host prefix', () => {
    expect(joinUrl('https://control.example.com', spec('/v1', [], '123.'))).toBe('https://123.control.example.com/v1');
  });
  it('encodes queries RFC 3986 style', () => {
    expect(buildQueryString([['a', "!'()*~"], ['b', '']])).toBe('a=%21%27%28%29%2A~&b=');
  });
});

describe('joinUrl refuses URLs no HTTP client could send to', () => {
  it('an endpoint URL that does not parse is an InvalidEndpointError, not the parser TypeError', () => {
    for (const bad of ['not a url', 'http://host:99999', 'http://xn--a.example.com']) {
      expect(() => joinUrl(bad, spec('/'))).toThrow(InvalidEndpointError);
    }
    expect(() => joinUrl('not a url', spec('/'))).toThrow('Invalid endpoint "not a url": it is not a URL an HTTP client can send to');
  });

  it('names the host label that does not parse', () => {
    let err: InvalidEndpointError | undefined;
    try {
      joinUrl('https://a..b.xn--zz.example.com/path', spec('/'));
    } catch (e) {
      err = e as InvalidEndpointError;
    }
    expect(err?.hostLabel).toBe('xn--zz');
    expect(err?.message).toBe('Invalid endpoint "https://a..b.xn--zz.example.com/path": the host label "xn--zz" is not valid punycode (labels starting with "xn--" must be)');
  });

  it('refuses a host with an empty label or one longer than 63 characters, naming it', () => {
    expect(() => joinUrl('https://a..b.example.com', spec('/'))).toThrow('Invalid endpoint "https://a..b.example.com": the host "a..b.example.com" has an empty label (it starts with a dot or has two in a row)');
    expect(() => joinUrl('https://control.example.com', spec('/v1', [], '.'))).toThrow(expect.objectContaining({ name: 'InvalidEndpointError', hostLabel: '' }));
    expect(() => joinUrl('https://control.example.com', spec('/v1', [], `${'a'.repeat(64)}.`))).toThrow(/is longer than 63 characters/);
    expect(joinUrl('https://a.example.com.', spec('/'))).toBe('https://a.example.com./');
  });

  it('checks a host the host prefix changed', () => {
    expect(() => joinUrl('https://control.example.com', spec('/v1', [], 'xn--q.'))).toThrow(expect.objectContaining({ name: 'InvalidEndpointError', hostLabel: 'xn--q' }));
    expect(joinUrl('https://control.example.com', spec('/v1', [], 'a-b.'))).toBe('https://a-b.control.example.com/v1');
  });
});
