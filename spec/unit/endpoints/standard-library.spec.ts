/** The rules engine's standard functions, pinned to botocore's outputs for the same inputs. */
import { EndpointResolutionError } from '../../../src/errors';
import {
  booleanEquals, compileAttrPath, getAttr, isValidHostLabel, not, parseURL, stringEquals, substring, uriEncode,
} from '../../../src/endpoints/standard-library';

describe('parseURL (botocore parse_url)', () => {
  it.each([
    ['https://example.com', { scheme: 'https', authority: 'example.com', path: '', normalizedPath: '/', isIp: false }],
    [
      'http://example.com:8443/a/./b/../c//d',
      { scheme: 'http', authority: 'example.com:8443', path: '/a/./b/../c//d', normalizedPath: '/a/c/d/', isIp: false },
    ],
    ['https://[::1]:8080/p', { scheme: 'https', authority: '[::1]:8080', path: '/p', normalizedPath: '/p/', isIp: true }],
    ['https://127.0.0.1/x', { scheme: 'https', authority: '127.0.0.1', path: '/x', normalizedPath: '/x/', isIp: true }],
    [
      'https://example.com/a b%20',
      { scheme: 'https', authority: 'example.com', path: '/a b%20', normalizedPath: '/a%20b%2520/', isIp: false },
    ],
    ['https://user@Host.COM:99/', { scheme: 'https', authority: 'user@Host.COM:99', path: '/', normalizedPath: '/', isIp: false }],
  ])('%s', (url, parsed) => {
    expect(parseURL(url)).toEqual(parsed);
  });

  it.each(['https://example.com?x=1', 'ftp://e.com', 'https://example.com:abc', 'https://example.com:70000', undefined])(
    'rejects %s',
    (url) => {
      expect(parseURL(url)).toBeUndefined();
    },
  );
});

describe('other standard functions', () => {
  it('uriEncode leaves only unreserved characters', () => {
    expect(uriEncode("a b/c!*'()~é")).toBe('a%20b%2Fc%21%2A%27%28%29~%C3%A9');
    expect(uriEncode(undefined)).toBeUndefined();
  });

  it('substring counts from the end when reversed and refuses out-of-range or non-ASCII', () => {
    expect(substring('abcdef', 1, 3, true)).toBe('de');
    expect(substring('abcdef', 0, 3, false)).toBe('abc');
    expect(substring('abcdef', 0, 7, false)).toBeUndefined();
    expect(substring('abcdé', 0, 2, false)).toBeUndefined();
    expect(() => substring(3, 0, 1, false)).toThrow(EndpointResolutionError);
  });

  it('getAttr walks dotted paths and stops at an index', () => {
    expect(getAttr({ a: { b: [1, 2] } }, compileAttrPath('a.b[1]'))).toBe(2);
    expect(getAttr({ r: ['x', 'y'] }, compileAttrPath('r[5]'))).toBeUndefined();
    expect(getAttr(['x'], compileAttrPath('[0]'))).toBe('x');
    expect(getAttr({ a: 1 }, compileAttrPath('missing'))).toBeUndefined();
  });

  it('isValidHostLabel checks each label when subdomains are allowed', () => {
    expect(isValidHostLabel('abc-1', false)).toBe(true);
    expect(isValidHostLabel('-abc', false)).toBe(false);
    expect(isValidHostLabel('a.b', false)).toBe(false);
    expect(isValidHostLabel('a.b', true)).toBe(true);
    expect(isValidHostLabel('a..b', true)).toBe(false);
    expect(isValidHostLabel('x'.repeat(64), false)).toBe(false);
  });

  it('equality functions insist on their types, as botocore does', () => {
    expect(booleanEquals(true, true)).toBe(true);
    expect(stringEquals('a', 'b')).toBe(false);
    expect(() => booleanEquals(undefined, true)).toThrow(/Both arguments must be bools/);
    expect(() => stringEquals('a', 1)).toThrow(/Both values must be strings/);
  });

  it('not follows Python truthiness', () => {
    expect(not('')).toBe(true);
    expect(not([])).toBe(true);
    expect(not('x')).toBe(false);
    expect(not(undefined)).toBe(true);
  });
});
