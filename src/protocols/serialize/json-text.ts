/**
 * JSON text for a serializer's value tree, with numbers written exactly as botocore writes them.
 *
 * Two kinds of number have no JavaScript number that JSON.stringify would write the same way:
 * an integer member given as a bigint past 2^53, and a Python float with no fraction, which
 * Python's json writes as `1704164645.0` (millisecond timestamps, timestamp.ts). Both are a
 * JsonNumber holding the exact text; its JSON form is a marker string, and jsonText() replaces
 * each marker with the bare number. The marker holds a random per-process nonce after a NUL, so
 * no string the caller sends can be taken for one; bodies without a marker pay one `includes` scan.
 */
import { randomBytes } from 'crypto';

const NONCE = randomBytes(8).toString('hex');
// JSON.stringify writes the NUL as \u0000: the marker in the text starts with that escape.
const MARKER_PREFIX = `\u0000number-${NONCE}:`;
const MARKER_IN_TEXT = new RegExp(`"\\\\u0000number-${NONCE}:(-?\\d+(?:\\.\\d+)?)"`, 'g');

/** A number written into JSON text as `text` (digits, with an optional fraction); String() gives the text too. */
export class JsonNumber {
  constructor(readonly text: string) {}

  toJSON(): string {
    return MARKER_PREFIX + this.text;
  }

  toString(): string {
    return this.text;
  }
}

/** A JSON-ready integer: numbers as given, a bigint as a number when exact, else a JsonNumber. */
export function jsonInteger(value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : new JsonNumber(value.toString());
}

/** JSON.stringify(value), with every JsonNumber written as a bare number. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(NONCE) ? text.replace(MARKER_IN_TEXT, '$1') : text;
}
