/**
 * The managed-transfer methods on S3 clients (boto3 injects them into S3.Client):
 * `uploadFile`, `downloadFile`, `uploadFileobj`, `downloadFileobj`, `copy`, added at
 * `creating-client-class.s3`; other services get nothing.
 */
import type { Client } from '../../../client/proxy';
import type { HierarchicalEmitter } from '../../../events/emitter';
import type { ClientBuild } from '../../../client/client-build';
import type { CopySource } from './copy';
import type { WritableLike } from './download';
import type { CopyOptions, TransferOptions } from './types';
import type * as Operations from './operations';
import type { UploadInput } from './upload-sources';

// The implementation loads on the first transfer, not with every S3 client.
const ops = () => require('./operations') as typeof Operations;

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

export function s3TransferExtension(_ctx: unknown, client: Client): Record<string, unknown> {
  const methods: S3TransferMethods = {
    uploadFile: named('uploadFile', (filename, bucket, key, options) => ops().uploadFile(client, filename, bucket, key, options)),
    downloadFile: named('downloadFile', (bucket, key, filename, options) => ops().downloadFile(client, bucket, key, filename, options)),
    uploadFileobj: named('uploadFileobj', (fileobj, bucket, key, options) => ops().uploadFileobj(client, fileobj, bucket, key, options)),
    downloadFileobj: named('downloadFileobj', (bucket, key, fileobj, options) => ops().downloadFileobj(client, bucket, key, fileobj, options)),
    copy: named('copy', (copySource, bucket, key, options) => ops().copy(client, copySource, bucket, key, options)),
  };
  return { ...methods };
}

/** Adds the transfer methods to every S3 client a session creates. */
export function installS3TransferMethods(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => void (p.build as ClientBuild).methods.extensions.push(s3TransferExtension));
}
