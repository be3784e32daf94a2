/**
 * The one writer of Python's `json.dumps` text, byte for byte as botocore writes it: with its
 * defaults (`jsonText`), or with `separators=(',', ':')` for jsonvalue headers
 * (`jsonText(v, 'compact')`). Request bodies, paginator resume tokens and POST policies all
 * use it, so the bytes (and signatures over them) agree with botocore's, bigints included.
 *
 * Contract, in the order the writer checks:
 * - JsonNumber: its text, bare (exact bigints past 2^53; Python floats such as `1704164645.0`).
 * - strings: `"..."` with ensure_ascii=True: `\" \\ \b \f \n \r \t`, every other character
 *   outside space..`~` as `\uXXXX` (lower-case hex; an astral character as its surrogate pair,
 *   which is what a UTF-16 string holds anyway).
 * - numbers: integers as digits (Python's int); other finite numbers as Python's float repr
 *   (`0.5`, `1e-05`, `1.5e-07`); NaN and ±Infinity as `null`, as JSON.stringify writes them
 *   (botocore sends the strings "NaN"/"Infinity" for float shapes, handleFloat; the validator
 *   refuses them in documents).
 * - bigint: digits. booleans, null: as JSON.
 * - objects with toJSON (Date, Buffer in documents): their JSON form, as JSON.stringify would.
 * - arrays: undefined/function/symbol elements as `null`; objects: own enumerable keys, those
 *   whose value is undefined/function/symbol left out (JSON.stringify's rules).
 * - separators `, ` and `: ` (python) or `,` and `:` (compact); nothing between `[]`, `{}`.
 *
 * Why a writer of our own rather than JSON.stringify plus a pass over its text: the separators
 * can only be rewritten outside strings, which takes a second tokenizing pass; measured in
 * docs/DESIGN.md ("JSON request bodies"), the writer is the faster of the two.
 * A cycle or a tree deeper than MAX_DEPTH throws a TypeError (the validator reports cycles in
 * documents before this runs).
 */

/** A number written into JSON text as `text` (digits, with an optional fraction/exponent); String() gives the text too. */
export class JsonNumber {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    // Outside jsonText (JSON.stringify of a value tree): the nearest plain number.
    return Number(this.text);
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

/**
 * Python's repr of a float: the shortest round-trip digits (as JavaScript's), fixed notation
 * for decimal exponents -4..15 (with `.0` when whole), else `d.ddde±XX` (two exponent digits at least).
 */
export function pyFloatRepr(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'nan' : n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  if (abs >= 1e-4 && abs < 1e16) {
    // JavaScript writes fixed notation for 1e-7 <= |n| < 1e21, so this range is fixed already.
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  const e = n.toExponential(); // shortest digits: "1.5e-7", "1e+16"
  const at = e.indexOf('e');
  const exp = e.slice(at + 2);
  return `${e.slice(0, at)}e${e[at + 1]}${exp.length < 2 ? `0${exp}` : exp}`;
}

// Characters a Python ensure_ascii string escapes: `"`, `\`, and everything outside space..~.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\uffff]/;
const NON_ASCII = /[\u007f-\uffff]/g;
const MAX_DEPTH = 1000;

function hex4(c: string): string {
  const h = c.charCodeAt(0).toString(16);
  return `\\u${'0000'.slice(h.length)}${h}`;
}

function quote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  // JSON.stringify escapes quotes, backslashes and control characters exactly as Python does
  // (short forms, else \u00xx) and lone surrogates as \udxxx; the rest of non-ASCII is ours.
  return JSON.stringify(s).replace(NON_ASCII, hex4);
}

function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return Number.isFinite(n) ? pyFloatRepr(n) : 'null';
}

/** undefined when the value has no JSON form (left out of objects, `null` in arrays). */
function write(v: unknown, comma: string, colon: string, depth: number): string | undefined {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return numberText(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (v === null) return 'null';
  if (v instanceof JsonNumber) return v.text;
  if (depth > MAX_DEPTH) throw new TypeError(`JSON body nested deeper than ${MAX_DEPTH} levels (a circular structure?)`);
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return write((v as { toJSON(key: string): unknown }).toJSON(''), comma, colon, depth + 1);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i) out += comma;
      out += write(v[i], comma, colon, depth + 1) ?? 'null';
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const k of Object.keys(v)) {
    const text = write((v as Record<string, unknown>)[k], comma, colon, depth + 1);
    if (text === undefined) continue;
    out += first ? quote(k) : comma + quote(k);
    out += colon + text;
    first = false;
  }
  return `${out}}`;
}

/** The JSON text Python's json.dumps writes for `value` (`compact`: separators `,` and `:`). */
export function jsonText(value: unknown, style: 'python' | 'compact' = 'python'): string {
  return write(value, style === 'python' ? ', ' : ',', style === 'python' ? ': ' : ':', 0) ?? 'null';
}
