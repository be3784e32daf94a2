/**
 * Reading one model data file from disk.
 *
 * A service-2.json that models:import wrote is in the line layout (line-layout.ts), and its
 * `shapes` section is the last and by far the largest part (EC2: 964 KB of 1.1 MB). Creating a
 * client needs the head and the operations, never a shape, so the file is read only up to the
 * line that opens `shapes`; the rest is read and decoded when a shape is first wanted (the first
 * call, `help`, a resource). Reading, decoding and collecting the whole file was half of EC2's
 * client creation (about 3 of 6 ms); creation no longer grows with the shapes. A file the first
 * reads took whole keeps its remaining bytes in memory until then; a file that changed on disk
 * in between is refused with an error rather than read half old, half new.
 *
 * Any other file (botocore's pretty-printed JSON, a .json.gz, a user's own) is read and parsed
 * whole, as before.
 */
import { isAscii } from 'buffer';
import fs = require('fs');
import type * as Zlib from 'zlib';
import { deferredSection, readHead, readLineLayout, readSections } from './line-layout';

/** The section read on first use, and the line that opens it in the layout. */
const DEFERRED_SECTION = 'shapes';
const DEFERRED_OPEN = Buffer.from(`\n"${DEFERRED_SECTION}":{\n`, 'latin1');
/**
 * First read: the head and operations of most models (S3's are 32 KB of 212, DynamoDB's 22 KB
 * of 100); EC2's 166 KB take two more, each twice the size. Reading less matters: a fresh
 * buffer's pages are faulted in as they are filled.
 */
const FIRST_READ_BYTES = 64 * 1024;

/**
 * The parsed contents of a JSON data file.
 * @throws Error when the file cannot be read or is not JSON (the loader wraps it)
 */
export function parseModelFile(file: string): unknown {
  if (file.endsWith('.gz')) {
    // node:zlib is loaded only for a .json.gz (the shipped models are plain JSON).
    const buf = (require('zlib') as typeof Zlib).gunzipSync(fs.readFileSync(file));
    return parseText(decode(buf), file);
  }
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    const read = readInParts(fd, stat, file);
    if (read instanceof Buffer) return parseText(decode(read), file);
    return read ?? parseText(decode(fs.readFileSync(fd)), file);
  } finally {
    fs.closeSync(fd);
  }
}

function parseText(text: string, file: string): unknown {
  return readLineLayout(text, file) ?? JSON.parse(text);
}

/**
 * The line-layout document with its shapes section deferred; or the whole file's bytes when it
 * has no shapes open line (read to the end looking for it); or undefined when its start is not
 * in the layout (the caller then reads it whole). Reads in growing steps until the line that
 * opens `shapes`: only a section's open line can be exactly that text, since an entry's JSON is
 * on one line and a JSON string holds no raw newline.
 */
function readInParts(fd: number, stat: fs.Stats, file: string): Record<string, unknown> | Buffer | undefined {
  let buf = Buffer.allocUnsafe(Math.min(stat.size, FIRST_READ_BYTES));
  let length = readInto(fd, buf, 0);
  if (length === 0 || buf[0] !== 123 /* { */) return undefined;
  let marker = buf.subarray(0, length).indexOf(DEFERRED_OPEN);
  while (marker < 0 && length < stat.size) {
    const grown = Buffer.allocUnsafe(Math.min(stat.size, buf.length * 2));
    buf.copy(grown, 0, 0, length);
    buf = grown;
    // Search again from just before the old end, in case the marker straddles the two reads.
    const from = Math.max(0, length - DEFERRED_OPEN.length);
    length = readInto(fd, buf, length);
    marker = buf.subarray(0, length).indexOf(DEFERRED_OPEN, from);
  }
  if (marker < 0) return buf.subarray(0, length);
  // The prefix keeps the newline before the open line: it ends right after a section's '},\n'
  // (or the head line's '\n' when shapes is the first section).
  const prefix = decode(buf.subarray(0, marker + 1));
  const head = readHead(prefix);
  if (!head || readSections(prefix, head.next, head.out, file) !== 'more') return undefined;
  const restStart = marker + 1;
  // A file the first read took whole (most models) keeps its remaining bytes until they are
  // wanted, rather than reading them from disk a second time.
  let whole: Buffer | undefined = length === stat.size ? buf : undefined;
  const readRestText = (): string => {
    const text = whole ? decode(whole.subarray(restStart)) : readRest(file, stat, restStart);
    whole = undefined;
    return text;
  };
  head.out[DEFERRED_SECTION] = deferredSection(DEFERRED_SECTION, readRestText, head.out, file);
  return head.out;
}

/** The file's text from `start` to its end, read when the deferred section is first used. */
function readRest(file: string, stat: fs.Stats, start: number): string {
  const fd = fs.openSync(file, 'r');
  try {
    const now = fs.fstatSync(fd);
    if (now.size !== stat.size || now.mtimeMs !== stat.mtimeMs) {
      throw new Error(`${file} changed on disk after its first part was read; create a new Session to read it again`);
    }
    const buf = Buffer.allocUnsafe(stat.size - start);
    let offset = 0;
    while (offset < buf.length) {
      const n = fs.readSync(fd, buf, offset, buf.length - offset, start + offset);
      if (n === 0) throw new Error(`${file} ended early while reading its shapes`);
      offset += n;
    }
    return decode(buf);
  } finally {
    fs.closeSync(fd);
  }
}

/** Fills buf from `from` on with the file's bytes at the same offsets; returns the length read. */
function readInto(fd: number, buf: Buffer, from: number): number {
  let offset = from;
  while (offset < buf.length) {
    const n = fs.readSync(fd, buf, offset, buf.length - offset, offset);
    if (n === 0) break;
    offset += n;
  }
  return offset;
}

/**
 * Most model files are ASCII: decoding them as latin1 gives the same string without UTF-8's
 * validation (about 1 ms less for EC2's 1.1 MB). Only ASCII bytes end a line or a section, so a
 * part cut at a newline never splits a UTF-8 character.
 */
function decode(buf: Buffer): string {
  return isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8');
}
