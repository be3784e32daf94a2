/**
 * JSON text for a serializer's value tree, with integers written exactly.
 *
 * Integer members may be given as bigint (a `long` past 2^53 has no exact double). JSON.stringify
 * throws on a bigint, so jsonInteger() turns one into a number when that is exact, and otherwise
 * into an ExactInteger whose JSON form is a marker string; jsonText() replaces each marker with
 * the bare digits. The marker holds a random per-process nonce after a NUL, so no string the
 * caller sends can be taken for one; bodies without a marker pay one `includes` scan.
 */
import { randomBytes } from 'crypto';

const NONCE = randomBytes(8).toString('hex');
// JSON.stringify writes the NUL as \u0000: the marker in the text starts with that escape.
const MARKER_PREFIX = `\u0000bigint-${NONCE}:`;
const MARKER_IN_TEXT = new RegExp(`"\\\\u0000bigint-${NONCE}:(-?\\d+)"`, 'g');

/** An integer too large for a double, written as its digits. */
class ExactInteger {
  constructor(private readonly digits: string) {}

  toJSON(): string {
    return MARKER_PREFIX + this.digits;
  }
}

/** A JSON-ready integer: numbers as given, a bigint as a number when exact, else an ExactInteger. */
export function jsonInteger(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : new ExactInteger(value.toString());
}

/** JSON.stringify(value), with every ExactInteger written as a bare number. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(NONCE) ? text.replace(MARKER_IN_TEXT, '$1') : text;
}
