/**
 * Python's `urllib.parse.unquote(s)` (utf-8, errors='replace'), for botocore handlers that use
 * it. Unlike decodeURIComponent it never throws: a `%` not followed by two hex digits stays as
 * it is, `+` is not a space, and bytes that are not UTF-8 become U+FFFD. Python decodes each
 * run of ASCII characters on its own (non-ASCII characters are kept as they are and split the
 * runs), so `%C3` next to a literal `é` is a replacement character there too.
 */

const HEX = /^[0-9A-Fa-f]{2}$/;

/** The bytes of an ASCII run with its %XX escapes decoded (Python's unquote_to_bytes). */
function runToBytes(run: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const c = run.charCodeAt(i);
    const hex = run.slice(i + 1, i + 3);
    if (c === 37 /* % */ && HEX.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c);
    }
  }
  return Buffer.from(bytes);
}

export function pythonUnquote(value: string): string {
  if (!value.includes('%')) return value;
  // Runs of ASCII (decoded) alternate with runs of anything else (kept).
  return value.replace(/[\x00-\x7f]+/g, (run) => runToBytes(run).toString('utf8'));
}
