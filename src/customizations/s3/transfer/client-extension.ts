/**
 * The managed-transfer methods on S3 clients (boto3 injects them into S3.Client):
 * `uploadFile`, `downloadFile`, `uploadFileobj`, `downloadFileobj`, `copy`. Registered in
 * CLIENT_EXTENSIONS by src/customizations/index.ts; other services get nothing.
 */
import type { Client } from '../../../client/proxy';
import type { ClientContext } from '../../../pipeline/context';
import { copy, type CopySource } from './copy';
import { downloadFile, downloadFileobj, type WritableLike } from './download';
import type { CopyOptions, TransferOptions } from './types';
import { uploadFile, uploadFileobj } from './upload';
import type { UploadInput } from './upload-sources';

/** The members the extension adds to an S3 client. */
export interface S3TransferMethods {
  uploadFile(filename: string, bucket: string, key: string, options?: TransferOptions): Promise<void>;
  downloadFile(bucket: string, key: string, filename: string, options?: TransferOptions): Promise<void>;
  uploadFileobj(fileobj: UploadInput, bucket: string, key: string, options?: TransferOptions): Promise<void>;
  downloadFileobj(bucket: string, key: string, fileobj: WritableLike, options?: TransferOptions): Promise<void>;
  copy(copySource: CopySource, bucket: string, key: string, options?: CopyOptions): Promise<void>;
}

function named<T extends (...args: never[]) => unknown>(name: string, fn: T): T {
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

export function s3TransferExtension(ctx: ClientContext, client: Client): Record<string, unknown> {
  if (ctx.eventServiceId !== 's3') return {};
  const methods: S3TransferMethods = {
    uploadFile: named('uploadFile', (filename, bucket, key, options) => uploadFile(client, filename, bucket, key, options)),
    downloadFile: named('downloadFile', (bucket, key, filename, options) => downloadFile(client, bucket, key, filename, options)),
    uploadFileobj: named('uploadFileobj', (fileobj, bucket, key, options) => uploadFileobj(client, fileobj, bucket, key, options)),
    downloadFileobj: named('downloadFileobj', (bucket, key, fileobj, options) => downloadFileobj(client, bucket, key, fileobj, options)),
    copy: named('copy', (copySource, bucket, key, options) => copy(client, copySource, bucket, key, options)),
  };
  return { ...methods };
}
