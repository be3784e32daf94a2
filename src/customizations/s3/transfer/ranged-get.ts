/**
 * One GetObject whose body is streamed into a target, retried as s3transfer's GetObjectTask
 * does: when the body fails while it is read (reset, timeout, short body), the request is made
 * again, up to `attempts` times, and the progress it had reported is taken back (a negative
 * increment). Progress is reported every `ioChunksize` bytes read, as s3transfer reads. A 412 PreconditionFailed means the object changed since HeadObject (the ranged
 * requests carry IfMatch): that is an S3DownloadFailedError, never retried. Errors writing to
 * the target are never retried either. Nor is anything once the caller's signal fired: the
 * transfer was aborted, whatever error that left on the stream.
 */
import { ClientError, HTTPClientError, ResponseStreamingError } from '../../../errors';
import { abortError, throwIfAborted } from '../../../util/abort';
import { RetriesExceededError, S3DownloadFailedError, S3ValidationError } from './errors';
import type { ProgressReporter } from './progress';
import type { S3Call } from './types';

export interface StreamTarget {
  /** Called before each attempt: the target forgets what a failed attempt wrote. */
  begin?(): void;
  /** Writes a chunk that belongs at `position` of the object. */
  write(chunk: Buffer, position: number): Promise<void>;
  /**
   * Writes consecutive chunks starting at `position` in one go. A target that has it (a file)
   * gets the body in batches of WRITE_BATCH bytes: one system call instead of one per socket
   * read (about 16 per MiB), which made a file download cost twice v3's CPU.
   */
  writev?(chunks: Buffer[], position: number): Promise<void>;
}

/** Bytes gathered before a batched write (per part: 10 parts in flight hold 10 MiB at most). */
const WRITE_BATCH = 1024 * 1024;

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
      // Batched when the target can take several chunks at once (writev); chunk by chunk otherwise.
      const batchLimit = target.writev ? WRITE_BATCH : 1;
      let batch: Buffer[] = [];
      let batchStart = position;
      let batchBytes = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const chunks = batch;
        batch = [];
        batchBytes = 0;
        try {
          await (chunks.length === 1 || !target.writev ? target.write(chunks[0], batchStart) : target.writev(chunks, batchStart));
        } catch (e) {
          targetFailed = true;
          throw e;
        }
      };
      if (body) {
        for await (const chunk of body) {
          if (batch.length === 0) batchStart = position;
          batch.push(chunk);
          batchBytes += chunk.length;
          if (batchBytes >= batchLimit) await flush();
          position += chunk.length;
          progress.read(chunk.length);
        }
        await flush();
      }
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
