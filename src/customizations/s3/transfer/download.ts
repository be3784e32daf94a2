/**
 * downloadFile and downloadFileobj (boto3's download_file / download_fileobj), as
 * s3transfer's DownloadSubmissionTask: HeadObject first (size and ETag), then one GetObject
 * below `multipartThreshold`, or ranged GetObjects of `multipartChunksize` bytes (each with
 * IfMatch: the ETag) with at most `maxConcurrency` in flight.
 *
 * A file is written under a temporary name beside the target (`<name>.<8 hex>`) at each part's
 * offset and renamed over the target only when everything arrived; on any failure the temporary
 * file is deleted, so the target name never holds a partial download. A Writable gets the bytes
 * in order (parts that finish early wait their turn, at most `maxConcurrency` of them); it is
 * not ended, as boto3 leaves the file object open.
 *
 * When the caller's signal fires, the ranged requests in flight are cancelled with it (their
 * bodies end with AbortError), no new range starts, and the download rejects with AbortError
 * once they settled; downloadFile then deletes its temporary file, so nothing is left under
 * either name.
 */
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import type { FileHandle } from 'fs/promises';
import type { Client } from '../../../client/proxy';
import { ParamValidationError } from '../../../errors';
import { abortable, throwIfAborted } from '../../../util/abort';
import { rangeFor } from './config';
import { TaskGroup } from './concurrency';
import { ALLOWED_DOWNLOAD_ARGS, checkBucket, checkExtraArgs, checkKey, type ExtraArgs } from './extra-args';
import { rangedGet, type StreamTarget } from './ranged-get';
import { callerOf, resolveOptions, type ResolvedOptions, type S3Call, type TransferOptions } from './types';
import { checkFilename } from './upload';

/** What downloadFileobj writes to: a Node Writable, or anything with `write(chunk, callback)`. */
export interface WritableLike {
  write(chunk: Buffer, callback: (error?: Error | null) => void): unknown;
}

interface Plan {
  call: S3Call;
  bucket: string;
  key: string;
  extra: ExtraArgs;
  o: ResolvedOptions;
}

/** How a download places bytes: positional (a file) or in order (a stream). */
interface Output {
  /** Told the object's size (from HeadObject) before any ranged part is fetched. */
  sized?(size: number): void;
  /** Target for the single GetObject of a small object. */
  whole(): StreamTarget;
  /** Runs one ranged part; `fetch` streams it into the given target. */
  part(index: number, start: number, fetch: (t: StreamTarget) => Promise<void>): Promise<void>;
}

async function runDownload(p: Plan, out: Output): Promise<void> {
  const head = await p.call('headObject', { Bucket: p.bucket, Key: p.key, ...p.extra });
  const size = Number(head.ContentLength ?? 0);
  const etag = head.ETag as string | undefined;
  const attempts = p.o.config.numDownloadAttempts;
  const signal = p.o.signal;
  const base = { Bucket: p.bucket, Key: p.key };
  if (size < p.o.config.multipartThreshold) {
    await rangedGet({ call: p.call, params: { ...base, ...p.extra }, start: 0, attempts, progress: p.o.progress, ioChunksize: p.o.config.ioChunksize, target: out.whole(), signal });
    return;
  }
  // Only here: the ranged GETs carry IfMatch, so the object is the one HeadObject measured. The
  // single GET above does not (nor does s3transfer's), and may bring another length.
  out.sized?.(size);
  const partSize = p.o.config.multipartChunksize;
  const count = Math.ceil(size / partSize);
  const group = new TaskGroup(p.o.config.concurrency);
  try {
    for (let i = 0; i < count; i++) {
      await group.ready();
      throwIfAborted(signal);
      const params: Record<string, unknown> = { ...base, Range: rangeFor(partSize, i, count) };
      if (etag !== undefined) params.IfMatch = etag;
      Object.assign(params, p.extra);
      const start = i * partSize;
      group.start(() => out.part(i, start, (target) => rangedGet({ call: p.call, params, start, attempts, progress: p.o.progress, ioChunksize: p.o.config.ioChunksize, target, signal })));
    }
  } catch (e) {
    group.fail(e);
  }
  await group.wait();
}

function plan(client: Client, bucket: string, key: string, options: TransferOptions | undefined, method: string): Plan {
  checkBucket(bucket);
  checkKey(key);
  const o = resolveOptions(client, options, method);
  const extra = checkExtraArgs(o.extraArgs, ALLOWED_DOWNLOAD_ARGS, method);
  return { call: callerOf(client, o.signal), bucket, key, extra, o };
}

/**
 * Downloads `bucket/key` to a file; the file appears only once the download is complete.
 * @example await s3.downloadFile('my-bucket', 'reports/2024.csv', '/tmp/2024.csv')
 * @throws ParamValidationError for bad arguments (before any request), ClientError (e.g.
 *   NoSuchKey / 404 from HeadObject), RetriesExceededError, S3DownloadFailedError
 */
export async function downloadFile(client: Client, bucket: string, key: string, filename: string, options?: TransferOptions): Promise<void> {
  const file = checkFilename(filename, 'downloadFile');
  const p = plan(client, bucket, key, options, 'downloadFile');
  const temp = `${file}.${randomBytes(4).toString('hex')}`;
  let opening: Promise<FileHandle> | undefined;
  let size = 0;
  // Opened lazily, after HeadObject succeeded: a missing object creates no file at all. The
  // promise is shared so that parts writing at once open the file once (not one handle each).
  const open = () => (opening ??= openSized(temp, size));
  const positional: StreamTarget = {
    async write(chunk, position) {
      const h = await open();
      let done = 0;
      while (done < chunk.length) done += (await h.write(chunk, done, chunk.length - done, position + done)).bytesWritten;
    },
    async writev(chunks, position) {
      const h = await open();
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const { bytesWritten } = await h.writev(chunks, position);
      // A short write (rare for files) finishes with plain positional writes.
      if (bytesWritten < total) await this.write(Buffer.concat(chunks).subarray(bytesWritten), position + bytesWritten);
    },
  };
  try {
    throwIfAborted(p.o.signal);
    await runDownload(p, {
      sized: (n) => (size = n),
      whole: () => positional,
      part: async (_i, _start, fetch) => fetch(positional),
    });
    // Everything arrived, but the caller gave up: the target name is not touched.
    throwIfAborted(p.o.signal);
    const handle = await open();
    opening = undefined;
    await handle.close();
    await fsp.rename(temp, file);
  } catch (e) {
    if (opening) await opening.then((h) => h.close()).catch(() => undefined);
    await fsp.unlink(temp).catch(() => undefined);
    throw e;
  }
}

/**
 * Creates the temporary file at its final size (when known: a ranged download) before the parts
 * write into it. Ten parts writing at their own offsets into a file that grows as they go made
 * ext4 allocate it out of order and serialize the writes that extend it: a 1 GiB download ran
 * at 210 MiB/s against 540 with the size set first (docs/PERFORMANCE.md, "Downloads: V8's
 * marking threshold, the write pattern and the file"). The file is sparse until written; a
 * filesystem without sparse files (FAT) fills it with zeros, which the parts then overwrite.
 * Only a speed-up: a filesystem that refuses to extend a file this way gets the writes as before.
 */
async function openSized(file: string, size: number): Promise<FileHandle> {
  const handle = await fsp.open(file, 'w');
  if (size > 0) await handle.truncate(size).catch(() => undefined);
  return handle;
}

function writeTo(w: WritableLike, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    w.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}

/**
 * Downloads `bucket/key` into a Writable (bytes in order). The stream is not ended.
 * @example await s3.downloadFileobj('my-bucket', 'big.bin', fs.createWriteStream('big.bin'))
 */
export async function downloadFileobj(client: Client, bucket: string, key: string, fileobj: WritableLike, options?: TransferOptions): Promise<void> {
  if (!fileobj || typeof (fileobj as Partial<WritableLike>).write !== 'function') {
    throw new ParamValidationError([`downloadFileobj needs a writable stream (an object with write()), got ${fileobj === null ? 'null' : typeof fileobj}`]);
  }
  const p = plan(client, bucket, key, options, 'downloadFileobj');
  // Ranged parts finish in any order; each waits until every earlier part was written. Once a
  // part fails, waiting parts give up too (the group then reports the first error).
  let nextIndex = 0;
  let failure: { error: unknown } | undefined;
  const turns = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  const waitTurn = (i: number): Promise<void> => {
    if (failure) return Promise.reject(failure.error);
    if (i === nextIndex) return Promise.resolve();
    return new Promise<void>((resolve, reject) => turns.set(i, { resolve, reject }));
  };
  const passTurn = () => {
    nextIndex += 1;
    const t = turns.get(nextIndex);
    turns.delete(nextIndex);
    t?.resolve();
  };
  const failAll = (error: unknown) => {
    failure ??= { error };
    for (const t of turns.values()) t.reject(error);
    turns.clear();
  };
  await runDownload(p, {
    // A stalled destination must not outlive an abort: each write ends with the signal.
    whole: () => ({ write: (chunk) => abortable(writeTo(fileobj, chunk), p.o.signal) }),
    part: async (i, _start, fetch) => {
      let chunks: Buffer[] = [];
      try {
        await fetch({
          begin: () => (chunks = []),
          write: async (chunk) => void chunks.push(chunk),
        });
        await waitTurn(i);
        for (const c of chunks) await abortable(writeTo(fileobj, c), p.o.signal);
      } catch (e) {
        failAll(e);
        throw e;
      }
      passTurn();
    },
  });
}
