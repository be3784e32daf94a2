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
 * `bucketTransferMethods` / `objectTransferMethods` build them for given identifiers;
 * `installTransferResourceMembers` adds them to the Bucket and Object classes through the
 * `creating-resource-class.s3.Bucket` / `.s3.Object` events (boto3's inject.py does the same).
 */
import type { Client } from '../../../client/proxy';
import type { HierarchicalEmitter } from '../../../events/emitter';
import type { CopySource } from './copy';
import type { WritableLike } from './download';
import type { CopyOptions, TransferOptions } from './types';
import type * as Operations from './operations';
import type { UploadInput } from './upload-sources';

// The implementation loads on the first transfer, not with every S3 client.
const ops = () => require('./operations') as typeof Operations;

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

export function bucketTransferMethods(client: Client, bucketName: string): BucketTransferMethods {
  return {
    uploadFile: (filename, key, options) => ops().uploadFile(client, filename, bucketName, key, options),
    downloadFile: (key, filename, options) => ops().downloadFile(client, bucketName, key, filename, options),
    uploadFileobj: (fileobj, key, options) => ops().uploadFileobj(client, fileobj, bucketName, key, options),
    downloadFileobj: (key, fileobj, options) => ops().downloadFileobj(client, bucketName, key, fileobj, options),
    copy: (copySource, key, options) => ops().copy(client, copySource, bucketName, key, options),
  };
}

export function objectTransferMethods(client: Client, bucketName: string, key: string): ObjectTransferMethods {
  return {
    uploadFile: (filename, options) => ops().uploadFile(client, filename, bucketName, key, options),
    downloadFile: (filename, options) => ops().downloadFile(client, bucketName, key, filename, options),
    uploadFileobj: (fileobj, options) => ops().uploadFileobj(client, fileobj, bucketName, key, options),
    downloadFileobj: (fileobj, options) => ops().downloadFileobj(client, bucketName, key, fileobj, options),
    copy: (copySource, options) => ops().copy(client, copySource, bucketName, key, options),
  };
}

/** The resource as the methods see it (`this`): its client and identifiers. */
interface ResourceThis {
  meta: { client: Client; identifiers: Readonly<Record<string, unknown>> };
}

interface MemberLike {
  kind: 'custom';
  descriptor: PropertyDescriptor;
}

const METHOD_NAMES = ['uploadFile', 'downloadFile', 'uploadFileobj', 'downloadFileobj', 'copy'] as const;

/**
 * Members for the Bucket or Object class: each method reads the instance's client and identifiers when called. Bucket uses
 * identifier `name`; Object uses `bucketName` and `key`.
 */
export function transferMembers(resourceName: 'Bucket' | 'Object'): Record<string, MemberLike> {
  const out: Record<string, MemberLike> = {};
  for (const name of METHOD_NAMES) {
    out[name] = {
      kind: 'custom',
      descriptor: {
        value: function (this: ResourceThis, ...args: unknown[]): Promise<void> {
          const { client, identifiers } = this.meta;
          const methods =
            resourceName === 'Bucket'
              ? bucketTransferMethods(client, identifiers.name as string)
              : objectTransferMethods(client, identifiers.bucketName as string, identifiers.key as string);
          return (methods[name] as (...a: unknown[]) => Promise<void>)(...args);
        },
        writable: false,
      },
    };
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
