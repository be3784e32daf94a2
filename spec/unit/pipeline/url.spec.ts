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
