/**
 * One GetObject whose body is streamed into a target, retried as s3transfer's GetObjectTask
 * does: when the body fails while it is read (reset, timeout, short body), the request is made
 * again, up to `attempts` times, and the progress it had reported is taken back (a negative
 * increment). Progress is reported every `ioChunksize` bytes read, as s3transfer reads. A 412 PreconditionFailed means the object changed since HeadObject (the ranged
 * requests carry IfMatch): that is an S3DownloadFailedError, never retried. Errors writing to
 * the target are never retried either. Nor is anything once the caller's signal fired: the
 * transfer was aborted, whatever error that left on the stream.
 */
import { Readable } from 'stream';
import { ClientError, HTTPClientError, ResponseStreamingError } from '../../../errors';
import { abortError, throwIfAborted } from '../../../util/abort';
import { RetriesExceededError, S3DownloadFailedError, S3ValidationError } from './errors';
import type { ProgressReporter } from './progress';
import type { S3Call } from './types';
import { readBehind, WriteBehind, type PositionalSink } from './write-behind';

export interface StreamTarget {
  /** Called before each attempt: the target forgets what a failed attempt wrote. */
  begin?(): void;
  /** Writes a chunk that belongs at `position` of the object. */
  write(chunk: Buffer, position: number): Promise<void>;
  /**
   * Writes consecutive chunks starting at `position` in one go. A target that has it (a file)
   * is written behind the read (write-behind.ts): the chunks that arrive during one write go out
   * together in the next, one system call for several socket reads.
   */
  writev?(chunks: Buffer[], position: number): Promise<void>;
}

/** Bytes of a part allowed to wait for its running write before its read is held back. */
const WRITE_BEHIND_LIMIT = 1024 * 1024;
/**
 * Bytes a part gathers before it starts a write when none runs: one full socket read. Written
 * this soon, a chunk is still in the CPU's cache when the kernel copies it into the page cache,
 * which is most of a download's system time: at 256 KiB, a 1 GiB download with ten parts spent
 * 1.51-2.07 s of system CPU in a process holding 32 MiB of data and ran at 350-462 MiB/s; at
 * 64 KiB, 1.14-1.26 s and 534-550 MiB/s (bare: medians 539 -> 583 MiB/s; docs/PERFORMANCE.md,
 * "Transfers: one run is not a number"). With no minimum at all, a write per chunk whenever
 * none runs measured like 64 KiB on this machine and 10% more CPU on an earlier one.
 */
const WRITE_BEHIND_MINIMUM = 64 * 1024;

export interface RangedGet {
  call: S3Call;
  params: Record<string, unknown>;
  /** Object offset of the first byte this request returns. */
  start: number;
  attempts: number;
  progress: ProgressReporter;
  /** Bytes read between two progress reports (TransferConfig.ioChunksize). */
  ioChunksize: number;
  target: StreamTarget;
  /** The transfer's signal (the requests carry it through `call` already). */
  signal?: AbortSignal;
}

/** Failures of the connection or of reading the body: worth another attempt. */
function isRetryable(e: unknown): boolean {
  return e instanceof HTTPClientError || e instanceof ResponseStreamingError;
}

/** `bytes=0-99` asked for must come back as `bytes 0-99/size` (the last part is open-ended). */
function checkContentRange(requested: unknown, contentRange: unknown): void {
  if (typeof requested !== 'string' || typeof contentRange !== 'string') return;
  const [got, total] = contentRange.split('/');
  let want = requested;
  if (want.endsWith('-')) want += String(Number(total) - 1);
  if (want.slice(6) !== got.slice(6)) {
    throw new S3ValidationError(`Requested range: \`${want.slice(6)}\` does not match content range in response: \`${got.slice(6)}\``);
  }
}

interface BodyLike {
  [Symbol.asyncIterator](): AsyncIterator<Buffer>;
}

/**
 * The Node stream behind a response body, when it hands out Buffers: a StreamingBody's own (not
 * consumed through it: this body is never handed to the caller) or a Readable as is. Anything
 * else (a stream in object mode or with an encoding, whose chunks StreamingBody's iterator turns
 * into Buffers; a stubbed response's async iterable) is read through its iterator.
 */
function bodyStream(body: BodyLike): Readable {
  const inner = body instanceof Readable ? body : (body as { stream?: unknown }).stream;
  if (inner instanceof Readable && !inner.readableObjectMode && inner.readableEncoding == null) return inner;
  return Readable.from(body, { objectMode: false });
}

export async function rangedGet(g: RangedGet): Promise<void> {
  let last: unknown;
  const bucket = g.params.Bucket as string;
  const key = g.params.Key as string;
  for (let attempt = 0; attempt < g.attempts; attempt++) {
    let position = g.start;
    let targetFailed = false;
    const progress = g.progress.download(g.ioChunksize);
    try {
      throwIfAborted(g.signal);
      g.target.begin?.();
      const r = await g.call('getObject', g.params);
      const body = r.Body as (BodyLike & { close?: () => void }) | undefined;
      try {
        checkContentRange(g.params.Range, r.ContentRange);
      } catch (e) {
        // The body will not be read: let its connection go now, not at the read timeout.
        body?.close?.();
        throw e;
      }
      const target = g.target;
      // A file (writev) is written behind the read; anything else gets each chunk in turn.
      const writer = target.writev ? new WriteBehind(target as PositionalSink, WRITE_BEHIND_LIMIT, WRITE_BEHIND_MINIMUM) : undefined;
      let readError: { error: unknown } | undefined;
      if (body) {
        try {
          if (writer) {
            position = await readBehind(bodyStream(body), writer, position, (n) => progress.read(n));
          } else {
            for await (const chunk of body) {
              try {
                await target.write(chunk, position);
              } catch (e) {
                targetFailed = true;
                throw e;
              }
              position += chunk.length;
              progress.read(chunk.length);
            }
          }
        } catch (e) {
          if (targetFailed) throw e;
          readError = { error: e };
        }
      }
      // Nothing of this attempt may still be writing when it ends, whatever ended it: a retry
      // rewrites the same range, and the caller closes (or deletes) the file next.
      if (writer) {
        try {
          await (readError ? writer.abandon() : writer.finish());
        } catch (e) {
          targetFailed = true;
          throw e;
        }
      }
      if (readError) throw readError.error;
      const expected = r.ContentLength;
      if (typeof expected === 'number' && position - g.start < expected) {
        throw new ResponseStreamingError(`Incomplete read: got ${position - g.start} of ${expected} bytes`);
      }
      progress.end();
      return;
    } catch (e) {
      if (g.signal?.aborted) throw abortError(g.signal);
      if (e instanceof ClientError && e.code === 'PreconditionFailed') {
        throw new S3DownloadFailedError(`Contents of stored object "${key}" in bucket "${bucket}" did not match expected ETag.`, { cause: e });
      }
      if (targetFailed || !isRetryable(e)) throw e;
      last = e;
      progress.rewind();
    }
  }
  throw new RetriesExceededError(last);
}
