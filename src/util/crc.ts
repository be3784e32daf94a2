/**
 * Incremental CRCs, for flexible checksums and the retry check of DynamoDB's `x-amz-crc32`:
 * CRC32 (zlib's, native via `zlib.crc32` when Node has it, 20.15+, once past the cold start), CRC32C (Castagnoli) and CRC64/NVME. Each update takes the running
 * value and returns the new one; results are unsigned (bigint for CRC64).
 *
 * The 32-bit CRCs are table driven, eight bytes per step (slicing-by-8); CRC64/NVME keeps its
 * state as two 32-bit halves so the hot loop stays in small integers.
 */
import type * as Zlib from 'zlib';

function makeTables32(poly: number): Uint32Array[] {
  const tables: Uint32Array[] = [];
  const t0 = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t0[i] = c >>> 0;
  }
  tables.push(t0);
  for (let t = 1; t < 8; t++) {
    const prev = tables[t - 1];
    const next = new Uint32Array(256);
    for (let i = 0; i < 256; i++) next[i] = (prev[i] >>> 8) ^ t0[prev[i] & 0xff];
    tables.push(next);
  }
  return tables;
}

function crc32Sliced(tables: Uint32Array[], data: Uint8Array, previous: number): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = tables;
  let crc = ~previous >>> 0;
  let i = 0;
  const end8 = data.length - 8;
  for (; i <= end8; i += 8) {
    crc ^= data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    crc =
      t7[crc & 0xff] ^
      t6[(crc >>> 8) & 0xff] ^
      t5[(crc >>> 16) & 0xff] ^
      t4[crc >>> 24] ^
      t3[data[i + 4]] ^
      t2[data[i + 5]] ^
      t1[data[i + 6]] ^
      t0[data[i + 7]];
  }
  for (; i < data.length; i++) crc = t0[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

let crc32Tables: Uint32Array[] | undefined;
let crc32cTables: Uint32Array[] | undefined;
type NativeCrc32 = (data: Uint8Array, value?: number) => number;
let nativeCrc32: NativeCrc32 | null | undefined;
// node:zlib takes several ms to load: a cold start whose bodies are small (a 1 KiB PutObject, a
// DynamoDB answer) checksums them with the tables instead (about 1 us per KiB slower). A large
// body, or a process past its first few dozen CRCs (steady state), loads it for good.
const NATIVE_MIN_BYTES = 2 * 1024;
const CALLS_BEFORE_NATIVE = 64;
let tableCalls = 0;

/** CRC32 (ISO-HDLC, as zlib / binascii.crc32). */
export function crc32(data: Uint8Array, previous = 0): number {
  if (nativeCrc32 === undefined && (data.length >= NATIVE_MIN_BYTES || ++tableCalls > CALLS_BEFORE_NATIVE)) {
    nativeCrc32 = (require('zlib') as typeof Zlib & { crc32?: NativeCrc32 }).crc32 ?? null;
  }
  if (nativeCrc32) return nativeCrc32(data, previous) >>> 0;
  crc32Tables ??= makeTables32(0xedb88320);
  return crc32Sliced(crc32Tables, data, previous);
}

/** The table-driven CRC32, exported so tests cover the fallback on Node versions with zlib.crc32. */
export function crc32Portable(data: Uint8Array, previous = 0): number {
  crc32Tables ??= makeTables32(0xedb88320);
  return crc32Sliced(crc32Tables, data, previous);
}

/** CRC32C (Castagnoli). */
export function crc32c(data: Uint8Array, previous = 0): number {
  crc32cTables ??= makeTables32(0x82f63b78);
  return crc32Sliced(crc32cTables, data, previous);
}

// CRC-64/NVME: reflected polynomial 0x9a6c9329ac4bc9b5, init and xorout all ones.
let crc64Lo: Uint32Array | undefined;
let crc64Hi: Uint32Array | undefined;

function makeCrc64Tables(): void {
  const polyLo = 0xac4bc9b5;
  const polyHi = 0x9a6c9329;
  crc64Lo = new Uint32Array(256);
  crc64Hi = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let lo = i;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ polyLo) >>> 0;
        hi = (hi ^ polyHi) >>> 0;
      }
    }
    crc64Lo[i] = lo;
    crc64Hi[i] = hi;
  }
}

/** Running CRC64/NVME state as [lo, hi] 32-bit halves of the *un-finalized* register. */
export type Crc64State = [number, number];

export function crc64NvmeInit(): Crc64State {
  return [0xffffffff, 0xffffffff];
}

export function crc64NvmeUpdate(state: Crc64State, data: Uint8Array): void {
  if (!crc64Lo || !crc64Hi) makeCrc64Tables();
  const tLo = crc64Lo as Uint32Array;
  const tHi = crc64Hi as Uint32Array;
  let lo = state[0];
  let hi = state[1];
  for (let i = 0; i < data.length; i++) {
    const idx = (lo ^ data[i]) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ tLo[idx]) >>> 0;
    hi = ((hi >>> 8) ^ tHi[idx]) >>> 0;
  }
  state[0] = lo;
  state[1] = hi;
}

/** The finished CRC64 as 8 big-endian bytes (the form checksums are base64-encoded from). */
export function crc64NvmeDigest(state: Crc64State): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeUInt32BE(~state[1] >>> 0, 0);
  out.writeUInt32BE(~state[0] >>> 0, 4);
  return out;
}
