/**
 * Python's idea of whitespace, for code that must read text exactly as botocore (Python) does.
 *
 * Python's `str.isspace()`, `strip()` and regex `\s` accept U+001C..U+001F and U+0085, which
 * JavaScript's `\s` and `trim()` do not, and JavaScript's accept U+FEFF (the byte-order mark),
 * which Python's do not. A file botocore reads one way must not read another way here, so these
 * helpers never use `trim()` or `\s`.
 */

const PY_SPACE = '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's `ch.isspace()` for one UTF-16 code unit (every Python space is in the BMP). */
export function isPySpace(ch: string): boolean {
  return ch.length === 1 && PY_SPACE.includes(ch);
}

/** Python's `s.lstrip()` with no argument. */
export function pyLstrip(s: string): string {
  let i = 0;
  while (i < s.length && isPySpace(s[i])) i++;
  return s.slice(i);
}

/** Python's `s.rstrip()` with no argument. */
export function pyRstrip(s: string): string {
  let j = s.length;
  while (j > 0 && isPySpace(s[j - 1])) j--;
  return s.slice(0, j);
}

/** Python's `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

/** Where Python's `\S` first matches in `s` (the indentation width configparser measures), or -1. */
export function firstNonPySpace(s: string): number {
  for (let i = 0; i < s.length; i++) if (!isPySpace(s[i])) return i;
  return -1;
}

/**
 * Python's `s.splitlines()`: besides \n, \r and \r\n it breaks at \v, \f, U+001C..U+001E,
 * U+0085, U+2028 and U+2029. A final line break does not start an empty last line.
 */
export function pySplitlines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return s === '' ? [] : lines;
}
