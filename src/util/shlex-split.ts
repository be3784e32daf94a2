/**
 * Python's `shlex.split(s)` (POSIX mode, no comments), which botocore uses to read section names
 * (`[profile "my name"]`) and to split `credential_process` commands.
 *
 * Rules, as Python's shlex applies them: words are separated by space, tab, CR or LF only; a
 * backslash outside quotes takes the next character literally; inside single quotes nothing is
 * special; inside double quotes a backslash escapes only `"` and `\` (before any other character
 * it is kept); adjacent quoted and unquoted parts join into one word; `''` is an empty word. An
 * unclosed quote or a trailing backslash is an error, reported as a result (not thrown) so each
 * caller raises its own error type or, as botocore's section-name reading does, ignores it.
 */

export type ShlexResult = { words: string[]; problem?: undefined } | { words?: undefined; problem: string };

const WHITESPACE = ' \t\r\n';

export function shlexSplit(s: string): ShlexResult {
  const words: string[] = [];
  let word = '';
  let inWord = false; // a word has started (it may still be empty: `""`)
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\') {
        if (i + 1 >= s.length) return { problem: 'No escaped character' };
        const next = s[++i];
        word += next === '"' || next === '\\' ? next : `\\${next}`;
      } else word += ch;
    } else if (WHITESPACE.includes(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '\\') {
        if (i + 1 >= s.length) return { problem: 'No escaped character' };
        word += s[++i];
      } else word += ch;
    }
  }
  if (quote) return { problem: 'No closing quotation' };
  if (inWord) words.push(word);
  return { words };
}
