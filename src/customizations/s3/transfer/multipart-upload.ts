/**
 * The multipart upload s3transfer performs: CreateMultipartUpload, UploadPart for each part
 * with at most `concurrency` in flight, CompleteMultipartUpload with the parts' ETags (and
 * checksums) in part order. If anything fails, the upload is aborted (AbortMultipartUpload)
 * after the in-flight parts settle, so no orphaned parts are left billed; the first error is
 * rethrown. An abort that itself fails is swallowed (the original error matters more).
 */
import { TaskGroup } from './concurrency';
import { COMPLETE_MULTIPART_ARGS, CREATE_MULTIPART_BLOCKLIST, FULL_OBJECT_CHECKSUM_ARGS, omit, pick, UPLOAD_PART_ARGS, type ExtraArgs } from './extra-args';
import type { ProgressReporter } from './progress';
import type { PartSource } from './upload-sources';
import type { S3Call } from './types';

export interface MultipartUploadArgs {
  call: S3Call;
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
  const created = await a.call('createMultipartUpload', { Bucket: a.bucket, Key: a.key, ...omit(extra, CREATE_MULTIPART_BLOCKLIST) });
  const uploadId = created.UploadId as string;
  const partArgs = pick(extra, UPLOAD_PART_ARGS);
  const algorithm = typeof partArgs.ChecksumAlgorithm === 'string' ? partArgs.ChecksumAlgorithm.toUpperCase() : undefined;
  const parts: CompletedPart[] = [];
  const group = new TaskGroup(a.concurrency);
  try {
    try {
      for (let partNumber = 1; ; partNumber++) {
        await group.ready();
        const body = await a.source.next();
        if (body === undefined) break;
        group.start(async () => {
          const r = await a.call('uploadPart', { Bucket: a.bucket, Key: a.key, UploadId: uploadId, PartNumber: partNumber, Body: body, ...partArgs });
          const part: CompletedPart = { ETag: r.ETag, PartNumber: partNumber };
          if (algorithm && r[`Checksum${algorithm}`] !== undefined) part[`Checksum${algorithm}`] = r[`Checksum${algorithm}`];
          parts.push(part);
          a.progress.report(body.length);
        });
      }
    } catch (e) {
      group.fail(e);
    }
    await group.wait();
    parts.sort((x, y) => x.PartNumber - y.PartNumber);
    await a.call('completeMultipartUpload', {
      Bucket: a.bucket,
      Key: a.key,
      UploadId: uploadId,
      MultipartUpload: { Parts: parts },
      ...pick(extra, COMPLETE_MULTIPART_ARGS),
    });
  } catch (e) {
    await a.call('abortMultipartUpload', { Bucket: a.bucket, Key: a.key, UploadId: uploadId }).catch(() => undefined);
    throw e;
  }
}
