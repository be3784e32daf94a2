/**
 * Python's `base64.b64decode(s)` without `validate` (binascii.a2b_base64, non-strict), for
 * botocore handlers that decode with it. Characters outside the standard alphabet are skipped
 * (`-` and `_` too, which Node's decoder would read as url-safe digits); a complete padding
 * (`==` after two digits of a group, `=` after three) ends the data, whatever follows. Input
 * that Python refuses throws: a character above U+00FF (the handlers encode text as latin-1
 * first), a last group of one digit, or a group of two or three digits without its padding.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((ch, i) => [ch.charCodeAt(0), i]));

export function pythonB64decode(text: string): Buffer {
  // Python encodes the whole text as latin-1 before decoding anything.
  const wide = text.search(/[^\x00-\xff]/);
  if (wide >= 0) throw new RangeError(`'latin-1' codec can't encode character at position ${wide}`);
  const out: number[] = [];
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  let finished = false;
  for (let i = 0; i < text.length && !finished; i++) {
    const code = text.charCodeAt(i);
    if (code === 61 /* = */) {
      // Padding only counts inside a group that has two or three digits.
      if (quadPos >= 2) {
        pads += 1;
        if (quadPos + pads >= 4) finished = true;
      }
      continue;
    }
    const v = VALUES.get(code);
    if (v === undefined) continue;
    pads = 0;
    switch (quadPos) {
      case 0:
        left = v;
        quadPos = 1;
        break;
      case 1:
        out.push(((left << 2) | (v >> 4)) & 0xff);
        left = v & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out.push(((left << 4) | (v >> 2)) & 0xff);
        left = v & 0x03;
        quadPos = 3;
        break;
      default:
        out.push(((left << 6) | v) & 0xff);
        quadPos = 0;
    }
  }
  if (!finished && quadPos === 1) throw new RangeError('Invalid base64-encoded string: number of data characters cannot be 1 more than a multiple of 4');
  if (!finished && quadPos !== 0) throw new RangeError('Incorrect padding');
  return Buffer.from(out);
}
