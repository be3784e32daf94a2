/**
 * The multipart loop s3transfer runs for uploads and copies alike: CreateMultipartUpload, one
 * part request per part (UploadPart, or UploadPartCopy) with at most `concurrency` in flight,
 * CompleteMultipartUpload with the parts' ETags (and checksums) in part order. If anything
 * fails, the upload is aborted (AbortMultipartUpload) after the in-flight parts settle, so no
 * orphaned parts are left billed; the first error is rethrown. An abort that itself fails is
 * swallowed (the original error matters more).
 *
 * When the caller's signal fires, the parts in flight are cancelled with it (they carry it), no
 * new part starts, and the upload is aborted as for any failure: the AbortError is rethrown
 * once AbortMultipartUpload went out. CreateMultipartUpload and AbortMultipartUpload are sent
 * without the signal: an upload created while the signal fired must still be found and
 * aborted, or it would be left behind, invisible and billed.
 *
 * `runMultipart` is that loop; `multipartUpload` feeds it parts of a body (copy.ts feeds it
 * byte ranges of the source object).
 */
import { abortable, throwIfAborted } from '../../../util/abort';
import { TaskGroup } from './concurrency';
import { COMPLETE_MULTIPART_ARGS, CREATE_MULTIPART_BLOCKLIST, FULL_OBJECT_CHECKSUM_ARGS, omit, pick, UPLOAD_PART_ARGS, type ExtraArgs } from './extra-args';
import type { ProgressReporter } from './progress';
import type { PartSource } from './upload-sources';
import type { S3Call } from './types';

/** One part to send: resolves with the part's result, its ETag and checksums at the top level. */
export type PartRequest = () => Promise<Record<string, unknown>>;

export interface MultipartArgs {
  /** Sends the part requests and CompleteMultipartUpload (with the caller's signal). */
  call: S3Call;
  /** Sends CreateMultipartUpload and AbortMultipartUpload, which must not be cancelled. */
  uncancellable: S3Call;
  signal?: AbortSignal;
  bucket: string;
  key: string;
  /** CreateMultipartUpload's params besides Bucket and Key. */
  createArgs: ExtraArgs;
  /** CompleteMultipartUpload's params besides Bucket, Key, UploadId and MultipartUpload. */
  completeArgs: ExtraArgs;
  /** The checksum algorithm whose `Checksum<ALG>` each part's result carries, if any. */
  checksumAlgorithm?: string;
  concurrency: number;
  /**
   * The request for part `partNumber` of upload `uploadId`, or undefined after the last part.
   * Called only when a part may start (at most `concurrency` are prepared at once).
   */
  nextPart(uploadId: string, partNumber: number): Promise<PartRequest | undefined> | PartRequest | undefined;
}

type CompletedPart = Record<string, unknown> & { PartNumber: number };

export async function runMultipart(a: MultipartArgs): Promise<void> {
  throwIfAborted(a.signal);
  const created = await a.uncancellable('createMultipartUpload', { Bucket: a.bucket, Key: a.key, ...a.createArgs });
  const uploadId = created.UploadId as string;
  const algorithm = a.checksumAlgorithm?.toUpperCase();
  const parts: CompletedPart[] = [];
  const group = new TaskGroup(a.concurrency);
  try {
    try {
      for (let partNumber = 1; ; partNumber++) {
        await group.ready();
        throwIfAborted(a.signal);
        // A stream may take its time to give the next part: the abort does not wait for it.
        const send = await abortable(Promise.resolve(a.nextPart(uploadId, partNumber)), a.signal);
        if (send === undefined) break;
        group.start(async () => {
          const r = await send();
          const part: CompletedPart = { ETag: r.ETag, PartNumber: partNumber };
          if (algorithm && r[`Checksum${algorithm}`] !== undefined) part[`Checksum${algorithm}`] = r[`Checksum${algorithm}`];
          parts.push(part);
        });
      }
    } catch (e) {
      group.fail(e);
    }
    await group.wait();
    // Every part is in, but the caller gave up: abort rather than complete.
    throwIfAborted(a.signal);
    parts.sort((x, y) => x.PartNumber - y.PartNumber);
    await a.call('completeMultipartUpload', { Bucket: a.bucket, Key: a.key, UploadId: uploadId, MultipartUpload: { Parts: parts }, ...a.completeArgs });
  } catch (e) {
    await a.uncancellable('abortMultipartUpload', { Bucket: a.bucket, Key: a.key, UploadId: uploadId }).catch(() => undefined);
    throw e;
  }
}

export interface MultipartUploadArgs {
  call: S3Call;
  uncancellable: S3Call;
  signal?: AbortSignal;
  bucket: string;
  key: string;
  extraArgs: ExtraArgs;
  source: PartSource;
  concurrency: number;
  progress: ProgressReporter;
}

/** Uploads `source` in parts. */
export async function multipartUpload(a: MultipartUploadArgs): Promise<void> {
  const extra = { ...a.extraArgs };
  // A caller-supplied full-object checksum makes it a FULL_OBJECT checksum upload.
  for (const name of FULL_OBJECT_CHECKSUM_ARGS) {
    if (name in extra) {
      extra.ChecksumType = 'FULL_OBJECT';
      extra.ChecksumAlgorithm = name.slice('Checksum'.length);
    }
  }
  const partArgs = pick(extra, UPLOAD_PART_ARGS);
  await runMultipart({
    call: a.call,
    uncancellable: a.uncancellable,
    signal: a.signal,
    bucket: a.bucket,
    key: a.key,
    createArgs: omit(extra, CREATE_MULTIPART_BLOCKLIST),
    completeArgs: pick(extra, COMPLETE_MULTIPART_ARGS),
    checksumAlgorithm: typeof partArgs.ChecksumAlgorithm === 'string' ? partArgs.ChecksumAlgorithm : undefined,
    concurrency: a.concurrency,
    nextPart: async (uploadId, partNumber) => {
      const body = await a.source.next();
      if (body === undefined) return undefined;
      return async () => {
        // Progress while the part's body goes out, not once it is in (s3transfer's ReadFileChunk).
        const sent = a.progress.upload(body.length);
        const r = await a.call('uploadPart', { Bucket: a.bucket, Key: a.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ...partArgs }, a.progress.followed ? sent.onBody : undefined);
        sent.complete();
        // Only after success: S3 answered once it had the whole body, so no write of it is
        // pending anywhere. A failed part ends the upload; its buffer is not needed again.
        a.source.release?.(body);
        return r;
      };
    },
  });
}
