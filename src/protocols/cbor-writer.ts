/**
 * A CBOR (RFC 8949) writer for request bodies: the serializer drives it by shape, item by item,
 * so each value gets the encoding botocore's RpcV2CBORSerializer gives it (a float member as a
 * 4-byte float, a double as 8 bytes, NaN and the infinities as 2-byte half floats, every length
 * definite and in its shortest form). `writeCborValue` encodes untyped data (documents, tests).
 *
 * The buffer grows by doubling and is handed out once, cut to the bytes written.
 */
import { Buffer } from 'buffer';

const MAJOR = { unsigned: 0, negative: 1, bytes: 2, text: 3, array: 4, map: 5, tag: 6, simple: 7 } as const;

const TWO_32 = 0x100000000;
const MAX_U64 = (1n << 64n) - 1n;

export class CborWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** An item's head: the major type and `n` (a length, count, tag or integer), shortest form. */
  head(major: number, n: number): void {
    this.ensure(9);
    const m = major << 5;
    const b = this.buf;
    if (n < 24) b[this.pos++] = m | n;
    else if (n < 0x100) {
      b[this.pos++] = m | 24;
      b[this.pos++] = n;
    } else if (n < 0x10000) {
      b[this.pos++] = m | 25;
      b.writeUInt16BE(n, this.pos);
      this.pos += 2;
    } else if (n < TWO_32) {
      b[this.pos++] = m | 26;
      b.writeUInt32BE(n, this.pos);
      this.pos += 4;
    } else {
      b[this.pos++] = m | 27;
      b.writeUInt32BE(Math.floor(n / TWO_32), this.pos);
      b.writeUInt32BE(n % TWO_32, this.pos + 4);
      this.pos += 8;
    }
  }

  private bigHead(major: number, n: bigint): void {
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return this.head(major, Number(n));
    this.ensure(9);
    this.buf[this.pos++] = (major << 5) | 27;
    this.buf.writeBigUInt64BE(n, this.pos);
    this.pos += 8;
  }

  /**
   * An integer as major type 0 or 1 (as botocore for integer and long members). A value outside
   * CBOR's 64-bit range is refused with a RangeError (botocore fails there with OverflowError).
   */
  integer(value: number | bigint): void {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new RangeError(`${value} is not an integer`);
      if (Number.isSafeInteger(value)) {
        if (value >= 0) this.head(MAJOR.unsigned, value);
        else this.head(MAJOR.negative, -1 - value);
        return;
      }
      value = BigInt(value);
    }
    const magnitude = value >= 0n ? value : -1n - value;
    if (magnitude > MAX_U64) throw new RangeError(`${value} does not fit a 64-bit CBOR integer`);
    this.bigHead(value >= 0n ? MAJOR.unsigned : MAJOR.negative, magnitude);
  }

  /** An integer of any size: a plain one within 64 bits, else a bignum (tag 2 or 3 over its magnitude's bytes). */
  bigInteger(value: number | bigint): void {
    const n = BigInt(value);
    const magnitude = n >= 0n ? n : -1n - n;
    if (magnitude <= MAX_U64) return this.integer(n);
    let hex = magnitude.toString(16);
    if (hex.length % 2) hex = `0${hex}`;
    this.tag(n >= 0n ? 2 : 3);
    this.bytes(Buffer.from(hex, 'hex'));
  }

  /** NaN and the infinities as botocore writes them for float and double members: 2-byte halves. */
  private special(value: number): boolean {
    if (Number.isFinite(value)) return false;
    this.ensure(3);
    this.buf[this.pos++] = 0xf9;
    this.buf.writeUInt16BE(Number.isNaN(value) ? 0x7e00 : value > 0 ? 0x7c00 : 0xfc00, this.pos);
    this.pos += 2;
    return true;
  }

  /** A float member: 4 bytes (botocore's struct `>f`). */
  float32(value: number): void {
    if (this.special(value)) return;
    // botocore's struct.pack fails the same way; a 4-byte Infinity would be a different value.
    if (!Number.isFinite(Math.fround(value))) throw new RangeError(`${value} is too large for a 4-byte float`);
    this.ensure(5);
    this.buf[this.pos++] = 0xfa;
    this.buf.writeFloatBE(value, this.pos);
    this.pos += 4;
  }

  /** A double member: 8 bytes (botocore's struct `>d`). */
  float64(value: number): void {
    if (this.special(value)) return;
    this.ensure(9);
    this.buf[this.pos++] = 0xfb;
    this.buf.writeDoubleBE(value, this.pos);
    this.pos += 8;
  }

  text(value: string): void {
    const n = value.length;
    // Short ASCII (member names, most values) is copied byte by byte, without measuring first.
    if (n < 64) {
      let ascii = true;
      for (let i = 0; i < n; i++) {
        if (value.charCodeAt(i) > 0x7f) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        this.head(MAJOR.text, n);
        this.ensure(n);
        const b = this.buf;
        let p = this.pos;
        for (let i = 0; i < n; i++) b[p++] = value.charCodeAt(i);
        this.pos = p;
        return;
      }
    }
    const length = Buffer.byteLength(value, 'utf8');
    this.head(MAJOR.text, length);
    this.ensure(length);
    this.pos += this.buf.write(value, this.pos, length, 'utf8');
  }

  bytes(value: Uint8Array): void {
    this.head(MAJOR.bytes, value.length);
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
  }

  boolean(value: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = value ? 0xf5 : 0xf4;
  }

  null(): void {
    this.ensure(1);
    this.buf[this.pos++] = 0xf6;
  }

  tag(tag: number): void {
    this.head(MAJOR.tag, tag);
  }

  arrayHead(length: number): void {
    this.head(MAJOR.array, length);
  }

  mapHead(length: number): void {
    this.head(MAJOR.map, length);
  }

  /** The bytes written so far (a view of the writer's buffer: write nothing after this). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/**
 * Untyped data as CBOR, the encoding Smithy gives a document: null (and undefined), booleans,
 * integers (numbers that are whole and safe, bigints) as integers, other numbers as 8-byte
 * floats, strings, bytes, Dates as tag 1 epoch seconds, arrays, and plain objects as maps of
 * their own enumerable keys (undefined values left out).
 */
export function writeCborValue(w: CborWriter, value: unknown): void {
  if (value === null || value === undefined) return w.null();
  switch (typeof value) {
    case 'boolean':
      return w.boolean(value);
    case 'number':
      return Number.isSafeInteger(value) ? w.integer(value) : w.float64(value);
    case 'bigint':
      return w.integer(value);
    case 'string':
      return w.text(value);
    default:
  }
  if (value instanceof Uint8Array) return w.bytes(value);
  if (value instanceof Date) {
    w.tag(1);
    const ms = value.getTime();
    return ms % 1000 === 0 ? w.integer(ms / 1000) : w.float64(ms / 1000);
  }
  if (Array.isArray(value)) {
    w.arrayHead(value.length);
    for (const item of value) writeCborValue(w, item);
    return;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    w.mapHead(entries.length);
    for (const [k, v] of entries) {
      w.text(k);
      writeCborValue(w, v);
    }
    return;
  }
  throw new TypeError(`Cannot encode a ${typeof value} as CBOR`);
}

/** `value` as one CBOR data item. */
export function encodeCbor(value: unknown): Buffer {
  const w = new CborWriter();
  writeCborValue(w, value);
  return w.finish();
}
