/**
 * Where upload bytes come from, one part at a time and never the whole input at once:
 * a file read at offsets, or a stream cut into parts of exactly `size` bytes (the last shorter).
 */
import type { FileHandle } from 'fs/promises';
import { ParamValidationError } from '../../../errors';

/** Yields successive parts; undefined once the input is exhausted. */
export interface PartSource {
  next(): Promise<Buffer | undefined>;
  /** Takes back a part whose request succeeded: its memory may be reused for a later part. */
  release?(part: Buffer): void;
}

/**
 * Parts of a file already opened, read with positional reads into buffers that are used again:
 * a part's buffer, once its request succeeded, takes a later part. A new 8 MiB buffer per part
 * was a fresh mapping for the kernel to fault in page by page and, to V8, external memory
 * grown since its last full collection, which started one every few parts (docs/PERFORMANCE.md).
 * At most `concurrency` parts exist at once, so at most that many buffers are kept.
 */
export class FilePartSource implements PartSource {
  private offset = 0;
  private readonly spare: Buffer[] = [];

  constructor(private readonly handle: FileHandle, private readonly size: number, private readonly partSize: number) {}

  release(part: Buffer): void {
    // Only buffers of a whole part's size (a short last part read into a buffer of its own,
    // smaller, is not kept); a short part read into a spare gives the whole spare back.
    if (part.byteOffset === 0 && part.buffer.byteLength === this.partSize) this.spare.push(Buffer.from(part.buffer, 0, this.partSize));
  }

  async next(): Promise<Buffer | undefined> {
    if (this.offset >= this.size) return undefined;
    const length = Math.min(this.partSize, this.size - this.offset);
    // allocUnsafeSlow: a buffer of its own (not a slice of Node's shared pool), so that its
    // ArrayBuffer is the part's alone when it comes back. A short last part with no spare at
    // hand gets a buffer of its own length, not a whole part's.
    const spare = this.spare.pop();
    const buf = spare ? spare.subarray(0, length) : Buffer.allocUnsafeSlow(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await this.handle.read(buf, filled, length - filled, this.offset + filled);
      // The file shrank while it was being uploaded: fail rather than send a short object.
      if (bytesRead === 0) throw new Error(`File shrank during upload: expected ${this.size} bytes, read ${this.offset + filled}`);
      filled += bytesRead;
    }
    this.offset += length;
    return buf;
  }
}

export type UploadInput = NodeJS.ReadableStream | AsyncIterable<unknown> | Iterable<unknown> | Buffer | Uint8Array | string;

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new ParamValidationError([`uploadFileobj read a chunk of type ${typeof chunk}; the stream must yield Buffers, Uint8Arrays or strings`]);
}

/** The input as an async iterator of chunks. @throws ParamValidationError for anything else */
export function chunksOf(input: unknown, method: string): AsyncIterator<unknown> {
  if (typeof input === 'string' || Buffer.isBuffer(input) || input instanceof Uint8Array) {
    const one = [input];
    return (async function* () {
      yield* one;
    })();
  }
  if (input && typeof input === 'object') {
    const ai = (input as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
    if (typeof ai === 'function') return ai.call(input);
    const it = (input as Partial<Iterable<unknown>>)[Symbol.iterator];
    if (typeof it === 'function') {
      const sync = it.call(input);
      return (async function* () {
        for (let r = sync.next(); !r.done; r = sync.next()) yield r.value;
      })();
    }
  }
  throw new ParamValidationError([`${method} needs a readable stream, an async iterable of Buffers, or a Buffer; got ${input === null ? 'null' : typeof input}`]);
}

/** Cuts a stream into parts of `size` bytes, holding at most one part plus one chunk. */
export class StreamPartSource implements PartSource {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private done = false;

  constructor(private readonly chunks: AsyncIterator<unknown>, public partSize: number) {}

  /** Up to `size` bytes (fewer only at the end of the stream). */
  async take(size: number): Promise<Buffer> {
    while (this.pendingBytes < size && !this.done) {
      const r = await this.chunks.next();
      if (r.done) {
        this.done = true;
        break;
      }
      const b = toBuffer(r.value);
      if (b.length) {
        this.pending.push(b);
        this.pendingBytes += b.length;
      }
    }
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    const out = all.subarray(0, Math.min(size, all.length));
    const rest = all.subarray(out.length);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    return out;
  }

  /** Puts bytes back in front (the threshold probe's bytes become the first parts). */
  unshift(buf: Buffer): void {
    if (!buf.length) return;
    this.pending.unshift(buf);
    this.pendingBytes += buf.length;
  }

  async next(): Promise<Buffer | undefined> {
    const b = await this.take(this.partSize);
    return b.length ? b : undefined;
  }
}
