/**
 * pythonUnquote is Python's urllib.parse.unquote: every expected value below is what Python
 * 3.11 returns for the input (decodeURIComponent would throw on most of them, or decode `+`).
 */
import { pythonUnquote } from '../../../src/util/python-unquote';

describe('pythonUnquote', () => {
  it.each([
    ['%7B%22a%22%3A%201%7D', '{"a": 1}'],
    ['a+b%20c', 'a+b c'],
    ['100%', '100%'],
    ['%zz%4', '%zz%4'],
    ['%C3%A9', '\u00e9'],
    ['%C3', '\ufffd'],
    // A literal non-ASCII character splits the runs Python decodes.
    ['%C3\u00e9%A9', '\ufffd\u00e9\ufffd'],
    ['%E2%82', '\ufffd'],
    ['%F0%9F%98%80', '\u{1F600}'],
    ['no-escapes', 'no-escapes'],
  ])('%j -> %j', (input, expected) => {
    expect(pythonUnquote(input)).toBe(expected);
  });
});
