/**
 * Reading one model data file from disk.
 *
 * A service-2.json that models:import wrote is in the line layout (line-layout.ts): operations,
 * then shapes, the last and by far the largest part (EC2: 964 KB of 1.1 MB). Creating a client
 * needs the head and the operations, never a shape, so such a file is read only up to the line
 * that opens `shapes`; the rest is read and decoded when a shape is first wanted (the first call,
 * `help`, a resource). Reading, decoding and collecting the whole file was half of EC2's client
 * creation (about 3 of 6 ms); creation no longer grows with the shapes.
 *
 * The file may change on disk before its shapes are read (a package reinstalled under a running
 * server). The rest is then taken only if the part already read is byte for byte the same;
 * otherwise the shapes are refused with an error that says so, never read half old, half new.
 *
 * Any other file (botocore's pretty-printed JSON, a .json.gz, a user's own, one the first reads
 * took whole) is parsed as before: readLineLayout, else JSON.parse of the whole text.
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
  let read: Buffer | Record<string, unknown>;
  try {
    read = readInParts(fd, fs.fstatSync(fd).size, file);
  } finally {
    fs.closeSync(fd);
  }
  return read instanceof Buffer ? parseText(decode(read), file) : read;
}

function parseText(text: string, file: string): unknown {
  return readLineLayout(text, file) ?? JSON.parse(text);
}

/**
 * The document with its shapes deferred, when the file is in the line layout and has operations
 * before shapes; otherwise the whole file's bytes. Reads in growing steps until the line that
 * opens `shapes`, only while the file starts as the layout does. Only a section's open line can
 * be exactly that text, since an entry's JSON is on one line and a JSON string holds no raw
 * newline.
 */
function readInParts(fd: number, size: number, file: string): Buffer | Record<string, unknown> {
  let buf = Buffer.allocUnsafe(Math.min(size, FIRST_READ_BYTES));
  let length = readInto(fd, buf, 0);
  if (!startsLikeLayout(buf.subarray(0, length))) return readWhole(fd, size, buf, length);
  let marker = buf.subarray(0, length).indexOf(DEFERRED_OPEN);
  while (marker < 0 && length < size) {
    const grown = Buffer.allocUnsafe(Math.min(size, buf.length * 2));
    buf.copy(grown, 0, 0, length);
    buf = grown;
    // Search again from just before the old end, in case the marker straddles the two reads.
    const from = Math.max(0, length - DEFERRED_OPEN.length);
    const before = length;
    length = readInto(fd, buf, length);
    // The file got shorter than its size said (rewritten as we read): take what is there.
    if (length === before) break;
    marker = buf.subarray(0, length).indexOf(DEFERRED_OPEN, from);
  }
  // A file the reads took whole gains nothing from deferring: parsed as it is, lazily anyway.
  if (marker < 0 || length === size) return buf.subarray(0, length);
  // The prefix keeps the newline before the open line: it ends right after a section's '},\n'.
  const restStart = marker + 1;
  const prefix = decode(buf.subarray(0, restStart));
  const head = readHead(prefix);
  // Deferred only after operations: a client reads those at creation, and must find them.
  if (!head || readSections(prefix, head.next, head.out, file) !== 'more' || !('operations' in head.out)) {
    return readWhole(fd, size, buf, length);
  }
  // Held until the shapes are read, to check the file against; then let go.
  let read: Buffer | undefined = buf.subarray(0, restStart);
  const readRestText = (): string => {
    const text = readShapes(file, read as Buffer);
    read = undefined;
    return text;
  };
  head.out[DEFERRED_SECTION] = deferredSection(DEFERRED_SECTION, readRestText, head.out, file);
  return head.out;
}

/** Whether bytes start as a line-layout file: '{', and a first line that is '{' or ends in ','. */
function startsLikeLayout(bytes: Buffer): boolean {
  const firstBreak = bytes.indexOf(10 /* \n */);
  return bytes[0] === 123 /* { */ && firstBreak > 0 && (firstBreak === 1 || bytes[firstBreak - 1] === 44 /* , */);
}

/** The whole file: the `length` bytes of `buf` already read, then the rest. */
function readWhole(fd: number, size: number, buf: Buffer, length: number): Buffer {
  if (length >= size || length < buf.length) return buf.subarray(0, length);
  const whole = Buffer.allocUnsafe(size);
  buf.copy(whole, 0, 0, length);
  return whole.subarray(0, readInto(fd, whole, length));
}

/**
 * The file's text from the shapes open line to the end, read on first use. The bytes before it
 * must be the ones read at creation: a file changed since is refused, not read half old.
 */
function readShapes(file: string, read: Buffer): string {
  let now: Buffer;
  try {
    now = fs.readFileSync(file);
  } catch (err) {
    throw new Error(`Unable to read the shapes of ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (now.length <= read.length || !now.subarray(0, read.length).equals(read)) {
    throw new Error(
      `${file} changed on disk after its operations were read; restart the process (or call the loader's clearCache()) to use the new file`,
    );
  }
  return decode(now.subarray(read.length));
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
