/**
 * Whether an `xn--` host label is real punycode (an IDNA A-label). Node's URL parser used to
 * refuse labels like `xn--a` (Node 20, 22) but accepts them from Node 24 on, so botojs checks
 * them itself: the same endpoint or bucket name is refused the same way on every Node release.
 *
 * The rule is IDNA's round trip: the label must decode as RFC 3492 punycode to a name with a
 * non-ASCII character, and that name must encode back to the same label (Node's domainToASCII
 * does the encoding, with the UTS 46 mapping that refuses disallowed code points).
 */
import { domainToASCII } from 'url';

// RFC 3492 section 5 parameters for punycode.
const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_INT = 0x7fffffff;

/** Bias adaptation (RFC 3492 section 6.1). */
function adapt(delta: number, numPoints: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - TMIN) * TMAX) >> 1) {
    delta = Math.floor(delta / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
}

/** A punycode digit's value: a-z (either case) are 0-25, 0-9 are 26-35; -1 for anything else. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return -1;
}

/** Decodes RFC 3492 punycode (a label without its `xn--`), or undefined when it is not valid. */
export function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < delimiter; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  // The encoded deltas follow the last delimiter when basic code points were copied.
  let pos = delimiter > 0 ? delimiter + 1 : 0;
  while (pos < input.length) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= input.length) return undefined;
      const digit = digitValue(input.charCodeAt(pos++));
      if (digit < 0) return undefined;
      i += digit * w;
      if (i > MAX_INT) return undefined;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
      if (w > MAX_INT) return undefined;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    n += Math.floor(i / length);
    if (n > 0x10ffff) return undefined;
    i %= length;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** False for an `xn--` label that is not a valid A-label; true for every other label. */
export function isValidPunycodeLabel(label: string): boolean {
  if (!/^xn--/i.test(label)) return true;
  const decoded = decodePunycode(label.slice(4));
  if (decoded === undefined || !/[^\x00-\x7f]/.test(decoded)) return false;
  return domainToASCII(decoded) === label.toLowerCase();
}
