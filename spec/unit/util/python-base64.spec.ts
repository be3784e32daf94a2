/**
 * pythonB64decode is Python's base64.b64decode (no validation): every expected value below is
 * what Python 3.11 returns (as latin-1 text), or null where it raises binascii.Error or, for a
 * character beyond latin-1, UnicodeEncodeError. Node's Buffer.from(s, 'base64') accepts all of
 * these, reads `-`/`_` as url-safe digits and ignores bad padding.
 */
import { pythonB64decode } from '../../../src/util/python-base64';

function decode(s: string): string | null {
  try {
    return pythonB64decode(s).toString('latin1');
  } catch {
    return null;
  }
}

describe('pythonB64decode', () => {
  it.each([
    ['aGVsbG8=', 'hello'],
    ['aGVsbG8', null],
    ['aGVsbA', null],
    ['aGVsbG', null],
    ['aGVs\nbG8=', 'hello'],
    ['aGVs bG8=', 'hello'],
    ['a-G_V sbG8=', 'hello'],
    ['aGVsbA==aGVsbA==', 'hell'],
    ['aGVsbA=x=', 'hell\f'],
    ['', ''],
    ['====', ''],
    ['QQ=x=', 'A\f'],
    ['aGVsbG8=\u0100', null],
  ])('%j -> %j', (input, expected) => {
    expect(decode(input)).toBe(expected);
  });
});
