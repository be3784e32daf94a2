/**
 * CRC32 (zlib's) for the bench's own processes: zlib.crc32 where Node has it (20.15 and later),
 * else a table-driven loop, since the bench runs on any Node 20. The bench files run transpiled
 * outside the repo, so they cannot import src/util/crc.
 */
import * as zlib from 'node:zlib';

let table: Uint32Array | undefined;

function crc32ByTable(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// Read through a record: @types/node declares zlib.crc32 even where the running Node lacks it.
const native = (zlib as unknown as Record<string, unknown>).crc32 as ((data: Uint8Array) => number) | undefined;

export const crc32: (data: Uint8Array) => number = typeof native === 'function' ? (data) => native(data) : crc32ByTable;
