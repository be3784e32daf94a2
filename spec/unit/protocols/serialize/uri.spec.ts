import { encodeQuery, percentEncode, percentEncodeGreedy, renderUriTemplate } from '../../../../src/protocols/serialize/uri';
import { ParamValidationError } from '../../../../src/errors';

describe('percentEncode (Python quote with safe "-._~")', () => {
  it('keeps unreserved characters', () => {
    expect(percentEncode('AZaz09-._~')).toBe('AZaz09-._~');
  });

  it("escapes what encodeURIComponent leaves alone: !'()*", () => {
    expect(percentEncode("!'()*")).toBe('%21%27%28%29%2A');
  });

  it('escapes space, slash, reserved characters and UTF-8 bytes', () => {
    expect(percentEncode('a b/c?d&e=f+g:h@i')).toBe('a%20b%2Fc%3Fd%26e%3Df%2Bg%3Ah%40i');
    expect(percentEncode('ü€')).toBe('%C3%BC%E2%82%AC');
  });

  it('stringifies non-strings', () => {
    expect(percentEncode(42)).toBe('42');
  });

  it('greedy labels keep slashes', () => {
    expect(percentEncodeGreedy('a/b c/d*')).toBe('a/b%20c/d%2A');
    expect(percentEncodeGreedy('a//b/./../c')).toBe('a//b/./../c');
  });

  it('the unreserved fast path gives what the full encoding gives, for every character', () => {
    // The full encoding, written out: encodeURIComponent plus !'()*, and the greedy slash.
    const full = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    for (let c = 0; c < 0x800; c++) {
      // With and without a slash: percentEncode's fast path takes only the second.
      for (const s of [`k${String.fromCharCode(c)}/x`, `k${String.fromCharCode(c)}x`]) {
        expect(percentEncode(s)).toBe(full(s));
        expect(percentEncodeGreedy(s)).toBe(full(s).replace(/%2F/g, '/'));
      }
    }
    expect(percentEncode('')).toBe('');
    expect(percentEncodeGreedy('\u{1F600}/k')).toBe('%F0%9F%98%80/k');
    expect(percentEncodeGreedy(7)).toBe('7');
  });
});

describe('renderUriTemplate', () => {
  it('expands plain and greedy labels with their encodings', () => {
    const v = new Map<string, unknown>([
      ['Bucket', 'my bucket'],
      ['Key', 'dir/sub dir/file~1.txt'],
    ]);
    expect(renderUriTemplate('/{Bucket}/{Key+}', v)).toBe('/my%20bucket/dir/sub%20dir/file~1.txt');
  });

  it('encodes a slash in a non-greedy label', () => {
    expect(renderUriTemplate('/{Id}', new Map([['Id', 'a/b']]))).toBe('/a%2Fb');
  });

  it('keeps a query part of the requestUri as botocore does', () => {
    expect(renderUriTemplate('/{Bucket}?versioning', new Map([['Bucket', 'b']]))).toBe('/b?versioning');
  });

  it('reuses a compiled template across calls', () => {
    const t = '/x/{A}/y/{B}';
    expect(renderUriTemplate(t, new Map([['A', 1], ['B', 2]]))).toBe('/x/1/y/2');
    expect(renderUriTemplate(t, new Map([['A', 'p'], ['B', 'q']]))).toBe('/x/p/y/q');
  });

  it('fails with ParamValidationError when a label has no value', () => {
    expect(() => renderUriTemplate('/{Missing}', new Map())).toThrow(ParamValidationError);
  });
});

describe('encodeQuery', () => {
  it('repeats keys and encodes keys and values', () => {
    expect(encodeQuery([['a b', 'x/y'], ['l', '1'], ['l', '2']])).toBe('a%20b=x%2Fy&l=1&l=2');
  });
});
