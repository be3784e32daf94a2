/**
 * uploadFile and uploadFileobj (boto3's S3.Client.upload_file / upload_fileobj). Below
 * `multipartThreshold` one PutObject; at or above it a multipart upload (multipart-upload.ts).
 * Files are read part by part at offsets; streams are cut into parts as they are read, so
 * memory holds at most `maxConcurrency` parts, never the whole input.
 */
import { promises as fsp } from 'fs';
import type { Client } from '../../../client/proxy';
import { ClientError, ParamValidationError } from '../../../errors';
import { abortable, throwIfAborted } from '../../../util/abort';
import { adjustChunksize } from './config';
import { S3UploadFailedError } from './errors';
import { addUploadDefaults, ALLOWED_UPLOAD_ARGS, checkBucket, checkExtraArgs, checkKey, omit, PUT_OBJECT_BLOCKLIST, type ExtraArgs } from './extra-args';
import { multipartUpload } from './multipart-upload';
import type { ProgressReporter } from './progress';
import { callerOf, resolveOptions, uncancellableCallerOf, type S3Call, type TransferOptions } from './types';
import { chunksOf, FilePartSource, StreamPartSource, type UploadInput } from './upload-sources';

export function checkFilename(filename: unknown, method: string): string {
  if (typeof filename === 'string' && filename !== '') return filename;
  if (filename instanceof URL && filename.protocol === 'file:') return decodeURIComponent(filename.pathname);
  throw new ParamValidationError([`Filename of ${method} must be a non-empty string path, got ${typeof filename}`]);
}

async function putObject(call: S3Call, bucket: string, key: string, body: Buffer, extra: ExtraArgs, progress: ProgressReporter): Promise<void> {
  const sent = progress.upload(body.length);
  await call('putObject', { Bucket: bucket, Key: key, Body: body, ...omit(extra, PUT_OBJECT_BLOCKLIST) }, progress.followed ? sent.onBody : undefined);
  sent.complete();
}

/** The checks and settings both uploads start with; bad input fails here, before any request. */
function prepareUpload(client: Client, bucket: string, key: string, options: TransferOptions | undefined, method: 'uploadFile' | 'uploadFileobj') {
  checkBucket(bucket);
  checkKey(key);
  const o = resolveOptions(client, options, method);
  const extra = checkExtraArgs(o.extraArgs, ALLOWED_UPLOAD_ARGS, method);
  addUploadDefaults(extra, o.checksumCalculation);
  return { o, extra, call: callerOf(client, o.signal), uncancellable: uncancellableCallerOf(client), signal: o.signal };
}

/**
 * Uploads a file to `bucket/key`.
 * @example await s3.uploadFile('/tmp/report.csv', 'my-bucket', 'reports/2024.csv', { ExtraArgs: { ContentType: 'text/csv' } })
 * @throws ParamValidationError for bad arguments (before any request), the fs error when the
 *   file cannot be read, S3UploadFailedError (cause: the ClientError) when S3 refuses
 */
export async function uploadFile(client: Client, filename: string, bucket: string, key: string, options?: TransferOptions): Promise<void> {
  const file = checkFilename(filename, 'uploadFile');
  const { o, extra, call, uncancellable, signal } = prepareUpload(client, bucket, key, options, 'uploadFile');
  throwIfAborted(signal);
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < o.config.multipartThreshold) {
      const body = size === 0 ? Buffer.alloc(0) : await handle.readFile();
      await putObject(call, bucket, key, body, extra, o.progress);
      return;
    }
    const partSize = adjustChunksize(o.config.multipartChunksize, size);
    await multipartUpload({ call, uncancellable, signal, bucket, key, extraArgs: extra, source: new FilePartSource(handle, size, partSize), concurrency: o.config.concurrency, progress: o.progress });
  } catch (e) {
    if (e instanceof ClientError) throw new S3UploadFailedError(`Failed to upload ${file} to ${bucket}/${key}: ${e.message}`, { cause: e });
    throw e;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Uploads a stream (a Node Readable, any async iterable of Buffers/strings, or a Buffer) to
 * `bucket/key`. The stream is read once, in parts; it is not closed or ended by us.
 * @example await s3.uploadFileobj(fs.createReadStream('big.bin'), 'my-bucket', 'big.bin')
 */
export async function uploadFileobj(client: Client, fileobj: UploadInput, bucket: string, key: string, options?: TransferOptions): Promise<void> {
  const chunks = chunksOf(fileobj, 'uploadFileobj');
  const { o, extra, call, uncancellable, signal } = prepareUpload(client, bucket, key, options, 'uploadFileobj');
  // The size is unknown: read up to the threshold to choose (s3transfer does the same).
  const source = new StreamPartSource(chunks, adjustChunksize(o.config.multipartChunksize));
  const head = await abortable(source.take(o.config.multipartThreshold), signal);
  if (head.length < o.config.multipartThreshold) {
    await putObject(call, bucket, key, head, extra, o.progress);
    return;
  }
  source.unshift(head);
  await multipartUpload({ call, uncancellable, signal, bucket, key, extraArgs: extra, source, concurrency: o.config.concurrency, progress: o.progress });
}
