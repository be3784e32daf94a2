/**
 * CBOR response bodies for the sweep's smithy-rpc-v2-cbor cases: generated output values laid
 * out by shape (members by name, timestamps as tag 1 epoch seconds, blobs as byte strings) and
 * encoded by a small writer of its own, not botojs's (src/protocols/cbor-writer.ts), so a bug
 * there cannot shape the bytes both SDKs are asked to read.
 */
import type { RawModel, RawRef, RawShape } from './model-catalog';
import { isTag, Tagged } from './tagged';

class Timestamp {
  constructor(readonly seconds: number) {}
}

type Wire = null | boolean | number | string | Buffer | Timestamp | Wire[] | { [k: string]: Wire };

function shapeOf(model: RawModel, ref: RawRef): RawShape {
  const s = model.shapes[ref.shape];
  if (!s) throw new Error(`Unknown shape '${ref.shape}'`);
  return s;
}

/** `v` under `ref` as CBOR data (what a service puts on the wire for it). */
export function cborData(model: RawModel, ref: RawRef, v: Tagged): Wire {
  if (v === null) return null;
  const shape = shapeOf(model, ref);
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return v as Wire;
      const out: Record<string, Wire> = {};
      for (const [name, mv] of Object.entries(v as Record<string, Tagged>)) {
        const mref = (shape.members ?? {})[name];
        if (mref) out[name] = cborData(model, mref, mv);
      }
      return out;
    }
    case 'list':
      return (v as Tagged[]).map((x) => cborData(model, shape.member as RawRef, x));
    case 'map': {
      const out: Record<string, Wire> = {};
      for (const [k, x] of Object.entries(v as Record<string, Tagged>)) out[k] = cborData(model, shape.value as RawRef, x);
      return out;
    }
    case 'timestamp':
      return new Timestamp(new Date((v as { $ts: string }).$ts).getTime() / 1000);
    case 'blob':
      return isTag(v, '$bytes') ? Buffer.from(v.$bytes, 'base64') : Buffer.from(String(v));
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    default:
      return v as Wire;
  }
}

function head(out: number[], major: number, n: number): void {
  if (n < 24) out.push((major << 5) | n);
  else if (n < 0x100) out.push((major << 5) | 24, n);
  else if (n < 0x10000) out.push((major << 5) | 25, n >> 8, n & 0xff);
  else if (n < 0x100000000) out.push((major << 5) | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  else {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(n));
    out.push((major << 5) | 27);
    for (const byte of b) out.push(byte);
  }
}

function write(out: number[], v: Wire): void {
  if (v === null) out.push(0xf6);
  else if (v === true) out.push(0xf5);
  else if (v === false) out.push(0xf4);
  else if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) head(out, v >= 0 ? 0 : 1, v >= 0 ? v : -1 - v);
    else {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v);
      out.push(0xfb);
      for (const byte of b) out.push(byte);
    }
  } else if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    head(out, 3, b.length);
    for (const byte of b) out.push(byte);
  } else if (Buffer.isBuffer(v)) {
    head(out, 2, v.length);
    for (const byte of v) out.push(byte);
  } else if (v instanceof Timestamp) {
    out.push(0xc1);
    write(out, v.seconds);
  } else if (Array.isArray(v)) {
    head(out, 4, v.length);
    for (const x of v) write(out, x);
  } else {
    const entries = Object.entries(v);
    head(out, 5, entries.length);
    for (const [k, x] of entries) {
      write(out, k);
      write(out, x);
    }
  }
}

/** One CBOR data item. */
export function cborBytes(v: Wire) {
  const out: number[] = [];
  write(out, v);
  return Buffer.from(out);
}
