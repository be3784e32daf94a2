/**
 * The multipart upload s3transfer performs: CreateMultipartUpload, UploadPart for each part
 * with at most `concurrency` in flight, CompleteMultipartUpload with the parts' ETags (and
 * checksums) in part order. If anything fails, the upload is aborted (AbortMultipartUpload)
 * after the in-flight parts settle, so no orphaned parts are left billed; the first error is
 * rethrown. An abort that itself fails is swallowed (the original error matters more).
 *
 * When the caller's signal fires, the parts in flight are cancelled with it (they carry it), no
 * new part starts, and the upload is aborted as for any failure: the AbortError is rethrown
 * once AbortMultipartUpload went out. CreateMultipartUpload and AbortMultipartUpload are sent
 * without the signal: an upload created while the signal fired must still be found and
 * aborted, or it would be left behind, invisible and billed.
 */
import { abortable, throwIfAborted } from '../../../util/abort';
import { TaskGroup } from './concurrency';
import { COMPLETE_MULTIPART_ARGS, CREATE_MULTIPART_BLOCKLIST, FULL_OBJECT_CHECKSUM_ARGS, omit, pick, UPLOAD_PART_ARGS, type ExtraArgs } from './extra-args';
import type { ProgressReporter } from './progress';
import type { PartSource } from './upload-sources';
import type { S3Call } from './types';

export interface MultipartUploadArgs {
  /** Sends the part requests and CompleteMultipartUpload (with the caller's signal). */
  call: S3Call;
  /** Sends CreateMultipartUpload and AbortMultipartUpload, which must not be cancelled. */
  uncancellable: S3Call;
  signal?: AbortSignal;
  bucket: string;
  key: string;
  extraArgs: ExtraArgs;
  source: PartSource;
  concurrency: number;
  progress: ProgressReporter;
}

type CompletedPart = Record<string, unknown> & { PartNumber: number };

export async function multipartUpload(a: MultipartUploadArgs): Promise<void> {
  const extra = { ...a.extraArgs };
  // A caller-supplied full-object checksum makes it a FULL_OBJECT checksum upload.
  for (const name of FULL_OBJECT_CHECKSUM_ARGS) {
    if (name in extra) {
      extra.ChecksumType = 'FULL_OBJECT';
      extra.ChecksumAlgorithm = name.slice('Checksum'.length);
    }
  }
  throwIfAborted(a.signal);
  const created = await a.uncancellable('createMultipartUpload', { Bucket: a.bucket, Key: a.key, ...omit(extra, CREATE_MULTIPART_BLOCKLIST) });
  const uploadId = created.UploadId as string;
  const partArgs = pick(extra, UPLOAD_PART_ARGS);
  const algorithm = typeof partArgs.ChecksumAlgorithm === 'string' ? partArgs.ChecksumAlgorithm.toUpperCase() : undefined;
  const parts: CompletedPart[] = [];
  const group = new TaskGroup(a.concurrency);
  try {
    try {
      for (let partNumber = 1; ; partNumber++) {
        await group.ready();
        throwIfAborted(a.signal);
        // A stream may take its time to give the next part: the abort does not wait for it.
        const body = await abortable(a.source.next(), a.signal);
        if (body === undefined) break;
        group.start(async () => {
          // Progress while the part's body goes out, not once it is in (s3transfer's ReadFileChunk).
          const sent = a.progress.upload(body.length);
          const r = await a.call('uploadPart', { Bucket: a.bucket, Key: a.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ...partArgs }, a.progress.followed ? sent.onBody : undefined);
          const part: CompletedPart = { ETag: r.ETag, PartNumber: partNumber };
          if (algorithm && r[`Checksum${algorithm}`] !== undefined) part[`Checksum${algorithm}`] = r[`Checksum${algorithm}`];
          parts.push(part);
          sent.complete();
        });
      }
    } catch (e) {
      group.fail(e);
    }
    await group.wait();
    // Every part is in, but the caller gave up: abort rather than complete.
    throwIfAborted(a.signal);
    parts.sort((x, y) => x.PartNumber - y.PartNumber);
    await a.call('completeMultipartUpload', {
      Bucket: a.bucket,
      Key: a.key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
      ...pick(extra, COMPLETE_MULTIPART_ARGS),
    });
  } catch (e) {
    await a.uncancellable('abortMultipartUpload', { Bucket: a.bucket, Key: a.key, UploadId: uploadId }).catch(() => undefined);
    throw e;
  }
}
