/**
 * The transfer methods boto3 injects into the S3 Bucket and Object resources
 * (boto3/s3/inject.py), as functions of the resource's client and identifiers:
 *
 *   bucket.uploadFile(filename, key, opts)     obj.uploadFile(filename, opts)
 *   bucket.downloadFile(key, filename, opts)   obj.downloadFile(filename, opts)
 *   bucket.uploadFileobj(fileobj, key, opts)   obj.uploadFileobj(fileobj, opts)
 *   bucket.downloadFileobj(key, fileobj, opts) obj.downloadFileobj(fileobj, opts)
 *   bucket.copy(copySource, key, opts)         obj.copy(copySource, opts)
 *
 * Each is the S3 client's own transfer method (client-extension.ts) with the resource's bucket
 * and key filled in. `bucketTransferMethods` / `objectTransferMethods` build them for given
 * identifiers;
 * `installTransferResourceMembers` adds them to the Bucket and Object classes through the
 * `creating-resource-class.s3.Bucket` / `.s3.Object` events (boto3's inject.py does the same).
 */
import type { Client } from '../../../client/proxy';
import type { HierarchicalEmitter } from '../../../events/emitter';
import { documentMethod } from '../../../util/method-docs';
import { transferHelp, type S3TransferMethods } from './client-extension';
import type { CopySource } from './copy';
import type { WritableLike } from './download';
import type { CopyOptions, TransferOptions } from './types';
import type { UploadInput } from './upload-sources';

export interface BucketTransferMethods {
  uploadFile(filename: string, key: string, options?: TransferOptions): Promise<void>;
  downloadFile(key: string, filename: string, options?: TransferOptions): Promise<void>;
  uploadFileobj(fileobj: UploadInput, key: string, options?: TransferOptions): Promise<void>;
  downloadFileobj(key: string, fileobj: WritableLike, options?: TransferOptions): Promise<void>;
  copy(copySource: CopySource, key: string, options?: CopyOptions): Promise<void>;
}

export interface ObjectTransferMethods {
  uploadFile(filename: string, options?: TransferOptions): Promise<void>;
  downloadFile(filename: string, options?: TransferOptions): Promise<void>;
  uploadFileobj(fileobj: UploadInput, options?: TransferOptions): Promise<void>;
  downloadFileobj(fileobj: WritableLike, options?: TransferOptions): Promise<void>;
  copy(copySource: CopySource, options?: CopyOptions): Promise<void>;
}

type MethodName = keyof S3TransferMethods;
const METHOD_NAMES: readonly MethodName[] = ['uploadFile', 'downloadFile', 'uploadFileobj', 'downloadFileobj', 'copy'];

// Where the resource's bucket and key go among the client method's arguments: a resource
// method is the S3 client's transfer method (client-extension.ts) with those filled in.
// `rest` is what the caller passed the resource method.
const BUCKET_ARGS: Record<MethodName, (bucket: string, rest: unknown[]) => unknown[]> = {
  uploadFile: (bucket, [filename, key, options]) => [filename, bucket, key, options],
  downloadFile: (bucket, [key, filename, options]) => [bucket, key, filename, options],
  uploadFileobj: (bucket, [fileobj, key, options]) => [fileobj, bucket, key, options],
  downloadFileobj: (bucket, [key, fileobj, options]) => [bucket, key, fileobj, options],
  copy: (bucket, [source, key, options]) => [source, bucket, key, options],
};
const OBJECT_ARGS: Record<MethodName, (bucket: string, key: string, rest: unknown[]) => unknown[]> = {
  uploadFile: (bucket, key, [filename, options]) => [filename, bucket, key, options],
  downloadFile: (bucket, key, [filename, options]) => [bucket, key, filename, options],
  uploadFileobj: (bucket, key, [fileobj, options]) => [fileobj, bucket, key, options],
  downloadFileobj: (bucket, key, [fileobj, options]) => [bucket, key, fileobj, options],
  copy: (bucket, key, [source, options]) => [source, bucket, key, options],
};

function callClient(client: Client, name: MethodName, args: unknown[]): Promise<void> {
  return (client[name] as (...a: unknown[]) => Promise<void>)(...args);
}

export function bucketTransferMethods(client: Client, bucketName: string): BucketTransferMethods {
  const out: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) out[name] = (...rest: unknown[]) => callClient(client, name, BUCKET_ARGS[name](bucketName, rest));
  return out as unknown as BucketTransferMethods;
}

export function objectTransferMethods(client: Client, bucketName: string, key: string): ObjectTransferMethods {
  const out: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) out[name] = (...rest: unknown[]) => callClient(client, name, OBJECT_ARGS[name](bucketName, key, rest));
  return out as unknown as ObjectTransferMethods;
}

/** The resource as the methods see it (`this`): its client and identifiers. */
interface ResourceThis {
  meta: { client: Client; identifiers: Readonly<Record<string, unknown>> };
}

interface MemberLike {
  kind: 'custom';
  descriptor: PropertyDescriptor;
}

/**
 * Members for the Bucket or Object class: each calls the resource client's method of the same
 * name with the instance's identifiers (Bucket: `name`; Object: `bucketName` and `key`).
 */
export function transferMembers(resourceName: 'Bucket' | 'Object'): Record<string, MemberLike> {
  const out: Record<string, MemberLike> = {};
  for (const name of METHOD_NAMES) {
    const value = function (this: ResourceThis, ...rest: unknown[]): Promise<void> {
      const { client, identifiers } = this.meta;
      const args =
        resourceName === 'Bucket'
          ? BUCKET_ARGS[name](identifiers.name as string, rest)
          : OBJECT_ARGS[name](identifiers.bucketName as string, identifiers.key as string, rest);
      return callClient(client, name, args);
    };
    Object.defineProperty(value, 'name', { value: name });
    documentMethod(value, () => transferHelp(name, resourceName === 'Bucket' ? 'bucket' : 'object'));
    out[name] = { kind: 'custom', descriptor: { value, writable: false } };
  }
  return out;
}

/** Registers the members on a session's events (`classAttributes` of the event payload). */
export function installTransferResourceMembers(events: HierarchicalEmitter): void {
  for (const resourceName of ['Bucket', 'Object'] as const) {
    events.register(`creating-resource-class.s3.${resourceName}`, (payload) => {
      const attrs = payload.classAttributes as Record<string, unknown> | undefined;
      if (attrs) Object.assign(attrs, transferMembers(resourceName));
    });
  }
}
