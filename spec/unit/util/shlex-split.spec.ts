/**
 * shlexSplit is Python's shlex.split (POSIX mode). Every expected value below is what
 * `shlex.split(s)` returned for the same string in Python 3.11 (a ValueError is `{ problem }`).
 */
import { shlexSplit } from '../../../src/util/shlex-split';

const FROM_PYTHON: Array<[string, string[] | { problem: string }]> = [
  [`/bin/tool --a "two words" 'single $x' esc\\ aped ""`, ['/bin/tool', '--a', 'two words', 'single $x', 'esc aped', '']],
  ['a "x\\$y" b', ['a', 'x\\$y', 'b']],
  ['a "b\\nc" "q\\"d" "bs\\\\e"', ['a', 'b\\nc', 'q"d', 'bs\\e']],
  ['a\u000bb c\td\re\nf', ['a\u000bb', 'c', 'd', 'e', 'f']],
  ["x''y ''", ['xy', '']],
  ['a\\', { problem: 'No escaped character' }],
  ['"open', { problem: 'No closing quotation' }],
  ["it's", { problem: 'No closing quotation' }],
  ['a "b\\', { problem: 'No escaped character' }],
  ['  lead   trail  ', ['lead', 'trail']],
  ['', []],
  ['profile  "f g"', ['profile', 'f g']],
  ['a\\ b\\"c', ['a b"c']],
  ["sh -c 'a; b'", ['sh', '-c', 'a; b']],
  ['\u00e9\u00a0x', ['\u00e9\u00a0x']],
];

describe('shlexSplit gives what Python shlex.split gives', () => {
  it.each(FROM_PYTHON)('%j', (input, want) => {
    const got = shlexSplit(input);
    expect(Array.isArray(want) ? got.words : { problem: got.problem }).toEqual(want);
  });
});
