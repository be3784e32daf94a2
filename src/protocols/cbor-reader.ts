/**
 * A strict CBOR (RFC 8949) decoder for response bodies: one data item to plain values, as
 * botocore's BaseCBORParser reads it, but refusing whatever is not well-formed where botocore
 * lets some of it through (bytes after the item, chunks of another type inside an indefinite
 * string, text that is not UTF-8) and whatever a Smithy response never holds.
 *
 * What comes out:
 * - integers as numbers, or as bigints past 2^53 (as event-stream headers); tags 2 and 3
 *   (bignums) as bigints; tag 4 (a decimal fraction) as the nearest number
 * - floats of 2, 4 and 8 bytes as numbers (half floats included: NaN, infinities, subnormals)
 * - byte strings as Buffers, text strings as strings, definite or indefinite (chunked) length
 * - arrays; maps as plain objects keyed by text (a key that is not text is refused; a repeated
 *   key keeps its last value, as Python's dict and JSON.parse; `__proto__` is a key like any other)
 * - true, false, null; `undefined` (simple 23) as null, as botocore
 * - tag 1 (epoch seconds, integer or float) as a Date
 *
 * Refused with a CborSyntaxError naming the byte offset: data cut short, bytes after the item,
 * reserved additional information (28-30), an indefinite length where none is allowed, a break
 * outside an indefinite item, simple values other than 20-23, other tags, nesting past
 * MAX_DEPTH, and lengths larger than what is left of the body (checked before anything is
 * allocated).
 */
import { Buffer, isUtf8 } from 'buffer';
import { setOwn } from '../util/objects';

export type CborValue = null | boolean | number | bigint | string | Buffer | Date | CborValue[] | CborMap;
export interface CborMap {
  [key: string]: CborValue;
}

/** Deeper than any Smithy shape nests; bounds the recursion a hostile body could ask for. */
export const MAX_DEPTH = 512;

export class CborSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
    this.name = 'CborSyntaxError';
  }
}

const BREAK = 0xff;
const INDEFINITE = 31;
const TWO_32 = 0x100000000;
const MAX_SAFE_HIGH = 0x1fffff; // the high 32 bits of Number.MAX_SAFE_INTEGER
const MAX_DATE_MS = 8.64e15; // the range of a Date

/** A length or integer argument: a number when it is safe, else a bigint. */
type Argument = number | bigint;

class Reader {
  private pos = 0;

  constructor(private readonly data: Buffer) {}

  item(depth: number): CborValue {
    if (depth > MAX_DEPTH) throw this.fail(`nesting deeper than ${MAX_DEPTH}`);
    const start = this.pos;
    const initial = this.byte();
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return this.argument(info, start);
      case 1: {
        const n = this.argument(info, start);
        if (typeof n === 'number' && n < Number.MAX_SAFE_INTEGER) return -1 - n;
        return -1n - BigInt(n);
      }
      case 2:
        // A copy: a blob the caller keeps must not hold the whole response body alive.
        return info === INDEFINITE ? this.chunked(2, start) : Buffer.from(this.take(this.length(info, start)));
      case 3:
        return info === INDEFINITE ? this.utf8(this.chunked(3, start), start) : this.text(this.length(info, start), start);
      case 4:
        return this.array(info, start, depth);
      case 5:
        return this.map(info, start, depth);
      case 6:
        return this.tagged(info, start, depth);
      default:
        return this.simple(info, start);
    }
  }

  end(): void {
    if (this.pos !== this.data.length) throw this.fail(`${this.data.length - this.pos} bytes after the data item`);
  }

  fail(message: string, at = this.pos): CborSyntaxError {
    return new CborSyntaxError(message, at);
  }

  private byte(): number {
    if (this.pos >= this.data.length) throw this.fail('unexpected end of data');
    return this.data[this.pos++];
  }

  private need(n: number): void {
    if (this.data.length - this.pos < n) throw this.fail('unexpected end of data');
  }

  /** The argument of a head whose additional information is `info`. */
  private argument(info: number, start: number): Argument {
    if (info < 24) return info;
    const d = this.data;
    switch (info) {
      case 24:
        this.need(1);
        return d[this.pos++];
      case 25:
        this.need(2);
        this.pos += 2;
        return d.readUInt16BE(this.pos - 2);
      case 26:
        this.need(4);
        this.pos += 4;
        return d.readUInt32BE(this.pos - 4);
      case 27: {
        this.need(8);
        const high = d.readUInt32BE(this.pos);
        const low = d.readUInt32BE(this.pos + 4);
        this.pos += 8;
        if (high <= MAX_SAFE_HIGH) return high * TWO_32 + low;
        return (BigInt(high) << 32n) | BigInt(low);
      }
      case INDEFINITE:
        throw this.fail('indefinite length not allowed here', start);
      default:
        throw this.fail(`reserved additional information ${info}`, start);
    }
  }

  /** A definite length or count, at most what is left of the body (each element takes a byte). */
  private length(info: number, start: number): number {
    const n = this.argument(info, start);
    if (typeof n !== 'number' || n > this.data.length - this.pos) throw this.fail(`length ${n} exceeds the ${this.data.length - this.pos} bytes left`, start);
    return n;
  }

  private take(n: number): Buffer {
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private atBreak(): boolean {
    if (this.pos >= this.data.length) throw this.fail('unexpected end of data (missing break)');
    if (this.data[this.pos] !== BREAK) return false;
    this.pos++;
    return true;
  }

  /** An indefinite-length string: definite chunks of the same major type up to the break. */
  private chunked(major: number, start: number): Buffer {
    const chunks: Buffer[] = [];
    while (!this.atBreak()) {
      const at = this.pos;
      const initial = this.byte();
      if (initial >> 5 !== major || (initial & 0x1f) === INDEFINITE) throw this.fail(`chunk of an indefinite-length ${major === 2 ? 'byte' : 'text'} string is not a definite ${major === 2 ? 'byte' : 'text'} string`, at);
      chunks.push(this.take(this.length(initial & 0x1f, at)));
    }
    return Buffer.concat(chunks);
  }

  /** A definite text string of `n` bytes, read in place (no view of it is made for ASCII). */
  private text(n: number, start: number): string {
    const d = this.data;
    const from = this.pos;
    const to = from + n;
    this.pos = to;
    if (n < 64) {
      // Member names and most values: ASCII needs no UTF-8 validation.
      let i = from;
      while (i < to && d[i] < 0x80) i++;
      if (i === to) return d.toString('latin1', from, to);
    }
    return this.utf8(d.subarray(from, to), start);
  }

  private utf8(bytes: Buffer, start: number): string {
    if (!isUtf8(bytes)) throw this.fail('text string is not valid UTF-8', start);
    return bytes.toString('utf8');
  }

  private array(info: number, start: number, depth: number): CborValue[] {
    if (info === INDEFINITE) {
      const out: CborValue[] = [];
      while (!this.atBreak()) out.push(this.item(depth + 1));
      return out;
    }
    const n = this.length(info, start);
    const out = new Array<CborValue>(n);
    for (let i = 0; i < n; i++) out[i] = this.item(depth + 1);
    return out;
  }

  private map(info: number, start: number, depth: number): CborMap {
    const out: CborMap = {};
    const indefinite = info === INDEFINITE;
    const n = indefinite ? Infinity : this.length(info, start);
    for (let i = 0; i < n && !(indefinite && this.atBreak()); i++) {
      const at = this.pos;
      const key = this.item(depth + 1);
      if (typeof key !== 'string') throw this.fail('map key is not a text string', at);
      setOwn(out, key, this.item(depth + 1));
    }
    return out;
  }

  private tagged(info: number, start: number, depth: number): CborValue {
    const tag = this.argument(info, start);
    const at = this.pos;
    const value = this.item(depth + 1);
    switch (tag) {
      case 1: {
        // Epoch seconds (botocore reads an integer or a float and nothing else).
        if (typeof value !== 'number' || !Number.isFinite(value)) throw this.fail('tag 1 (epoch time) does not hold a finite number', at);
        const ms = Math.round(value * 1000);
        if (!(Math.abs(ms) <= MAX_DATE_MS)) throw this.fail(`tag 1 (epoch time) ${value} is out of range`, at);
        return new Date(ms);
      }
      case 2:
      case 3: {
        if (!Buffer.isBuffer(value)) throw this.fail(`tag ${tag} (bignum) does not hold a byte string`, at);
        const n = value.length ? BigInt(`0x${value.toString('hex')}`) : 0n;
        return tag === 2 ? n : -1n - n;
      }
      case 4: {
        const parts = value as CborValue[];
        const isInt = (v: CborValue) => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
        if (!Array.isArray(value) || value.length !== 2 || !isInt(parts[0]) || !isInt(parts[1])) throw this.fail('tag 4 (decimal fraction) is not [exponent, mantissa]', at);
        return Number(`${String(parts[1])}e${String(parts[0])}`);
      }
      default:
        throw this.fail(`unsupported tag ${String(tag)}`, start);
    }
  }

  private simple(info: number, start: number): CborValue {
    const d = this.data;
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
      case 23:
        return null;
      case 25:
        this.need(2);
        this.pos += 2;
        return halfFloat(d.readUInt16BE(this.pos - 2));
      case 26:
        this.need(4);
        this.pos += 4;
        return d.readFloatBE(this.pos - 4);
      case 27:
        this.need(8);
        this.pos += 8;
        return d.readDoubleBE(this.pos - 8);
      case INDEFINITE:
        throw this.fail('break outside an indefinite-length item', start);
      default:
        throw this.fail(`unsupported simple value (additional information ${info})`, start);
    }
  }
}

/** An IEEE 754 half-precision float. */
function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The one data item `data` holds. @throws CborSyntaxError when it is not exactly one well-formed item */
export function decodeCbor(data: Buffer): CborValue {
  const reader = new Reader(data);
  const value = reader.item(0);
  reader.end();
  return value;
}
