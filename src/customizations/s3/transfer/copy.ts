/**
 * copy (boto3's S3.Client.copy), as s3transfer's CopySubmissionTask: HeadObject of the source
 * (through SourceClient when given) for its size and ETag, then one CopyObject below
 * `multipartThreshold`, or a multipart copy: CreateMultipartUpload, UploadPartCopy per part
 * (CopySourceRange, CopySourceIfMatch: the ETag) with at most `maxConcurrency` in flight,
 * CompleteMultipartUpload in part order; aborted on any failure.
 *
 * The multipart copy is multipart-upload.ts's loop (runMultipart) over byte ranges of the
 * source: the caller's signal goes with every request but CreateMultipartUpload and
 * AbortMultipartUpload; once it fires no new part starts and the multipart copy is aborted,
 * then the copy rejects with AbortError.
 */
import type { Client } from '../../../client/proxy';
import { ParamValidationError } from '../../../errors';
import { adjustChunksize, rangeFor } from './config';
import { runMultipart } from './multipart-upload';
import {
  ALLOWED_COPY_ARGS,
  checkBucket,
  checkExtraArgs,
  checkKey,
  COPY_COMPLETE_MULTIPART_ARGS,
  COPY_CREATE_MULTIPART_BLOCKLIST,
  COPY_TO_HEAD_ARGS,
  omit,
  pick,
  UPLOAD_PART_COPY_ARGS,
} from './extra-args';
import { callerOf, resolveOptions, uncancellableCallerOf, type CopyOptions } from './types';

/** The object to copy from (VersionId optional). */
export interface CopySource {
  Bucket: string;
  Key: string;
  VersionId?: string;
}

function checkCopySource(source: unknown): CopySource {
  if (!source || typeof source !== 'object' || Array.isArray(source)) {
    throw new ParamValidationError([`CopySource must be an object { Bucket, Key, VersionId? }, got ${source === null ? 'null' : typeof source}`]);
  }
  const s = source as Record<string, unknown>;
  const unknown = Object.keys(s).filter((k) => !['Bucket', 'Key', 'VersionId'].includes(k));
  if (unknown.length) throw new ParamValidationError([`Unknown CopySource key(s) ${unknown.join(', ')}: CopySource takes Bucket, Key and VersionId`]);
  checkBucket(s.Bucket, 'CopySource.Bucket');
  checkKey(s.Key, 'CopySource.Key');
  if (s.VersionId !== undefined && typeof s.VersionId !== 'string') throw new ParamValidationError(['CopySource.VersionId must be a string']);
  return { ...(s as unknown as CopySource) };
}

/**
 * Copies an object, multipart when it is large.
 * @example await s3.copy({ Bucket: 'src', Key: 'a.bin' }, 'dest', 'b.bin', { ExtraArgs: { StorageClass: 'STANDARD_IA' } })
 */
export async function copy(client: Client, copySource: CopySource, bucket: string, key: string, options?: CopyOptions): Promise<void> {
  const source = checkCopySource(copySource);
  checkBucket(bucket);
  checkKey(key);
  const o = resolveOptions(client, options, 'copy', true);
  const extra = checkExtraArgs(o.extraArgs, ALLOWED_COPY_ARGS, 'copy');
  const signal = o.signal;
  const call = callerOf(client, signal);
  const uncancellable = uncancellableCallerOf(client);
  const headParams: Record<string, unknown> = { ...source };
  for (const [k, v] of Object.entries(extra)) if (COPY_TO_HEAD_ARGS[k]) headParams[COPY_TO_HEAD_ARGS[k]] = v;
  const head = await callerOf(o.sourceClient ?? client, signal)('headObject', headParams);
  const size = Number(head.ContentLength ?? 0);
  const etag = head.ETag as string | undefined;

  if (size < o.config.multipartThreshold) {
    await call('copyObject', { CopySource: source, Bucket: bucket, Key: key, ...extra });
    o.progress.report(size);
    return;
  }

  const partSize = adjustChunksize(o.config.multipartChunksize, size);
  const count = Math.ceil(size / partSize);
  await runMultipart({
    call,
    uncancellable,
    signal,
    bucket,
    key,
    createArgs: omit(extra, COPY_CREATE_MULTIPART_BLOCKLIST),
    completeArgs: pick(extra, COPY_COMPLETE_MULTIPART_ARGS),
    checksumAlgorithm: typeof extra.ChecksumAlgorithm === 'string' ? extra.ChecksumAlgorithm : undefined,
    concurrency: o.config.concurrency,
    nextPart: (uploadId, n) => {
      if (n > count) return undefined;
      const params: Record<string, unknown> = { CopySource: source, Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: n, ...pick(extra, UPLOAD_PART_COPY_ARGS) };
      params.CopySourceRange = rangeFor(partSize, n - 1, count, size);
      if (etag !== undefined) params.CopySourceIfMatch = etag;
      const bytes = n === count ? size - (n - 1) * partSize : partSize;
      return async () => {
        const r = await call('uploadPartCopy', params);
        o.progress.report(bytes);
        return (r.CopyPartResult ?? {}) as Record<string, unknown>;
      };
    },
  });
}
