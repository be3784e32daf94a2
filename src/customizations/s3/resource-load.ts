/**
 * The two loads boto3 adds to S3 resources whose model has none (boto3/s3/inject.py):
 *
 * - `Bucket.load()`: S3 has no "describe bucket", so ListBuckets and keep this bucket's entry
 *   (CreationDate, BucketRegion, ...). Without permission to list (AccessDenied) or when the
 *   bucket is not listed, the data is empty and the attributes read undefined, as in boto3.
 * - `ObjectSummary.load()`: HeadObject, with ContentLength renamed to the summary's `Size`.
 *
 * Attributes of unloaded resources load through them. As in boto3 there is no `reload()` here.
 * Like every load they take `(params?, options?)`; the options (`{ abortSignal }`) go with the
 * request (these loads send no caller params).
 */
import type { Client } from '../../client/proxy';
import type { CallOptions } from '../../pipeline/call-options';
import { ClientError } from '../../errors';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClassMember, CreatingResourceClassEvent } from '../../resources';

interface LoadableResource {
  meta: { client: Client; identifiers: Readonly<Record<string, unknown>>; data: Record<string, unknown> | null };
}

async function bucketLoad(this: LoadableResource, _params?: Record<string, unknown>, options?: CallOptions): Promise<void> {
  const name = this.meta.identifiers.name;
  let data: Record<string, unknown> = {};
  try {
    const listed = (await this.meta.client.listBuckets({}, options)) as { Buckets?: Array<Record<string, unknown>> };
    data = listed.Buckets?.find((b) => b.Name === name) ?? {};
  } catch (err) {
    if (!(err instanceof ClientError && err.code === 'AccessDenied')) throw err;
  }
  this.meta.data = data;
}

async function objectSummaryLoad(this: LoadableResource, _params?: Record<string, unknown>, options?: CallOptions): Promise<void> {
  const { bucketName, key } = this.meta.identifiers;
  const head = (await this.meta.client.headObject({ Bucket: bucketName, Key: key }, options)) as Record<string, unknown>;
  if ('ContentLength' in head) {
    head.Size = head.ContentLength;
    delete head.ContentLength;
  }
  this.meta.data = head;
}

function loadMember(fn: (this: LoadableResource, params?: Record<string, unknown>, options?: CallOptions) => Promise<void>, operation: string): { load: ClassMember } {
  Object.defineProperty(fn, 'name', { value: 'load' });
  return { load: { kind: 'load', modelName: operation, descriptor: { value: fn, writable: false } } };
}

/** Registers Bucket.load and ObjectSummary.load on a session's events. */
export function installS3ResourceLoads(events: HierarchicalEmitter): void {
  events.register('creating-resource-class.s3.Bucket', (payload) => {
    Object.assign((payload as unknown as CreatingResourceClassEvent).classAttributes, loadMember(bucketLoad, 'ListBuckets'));
  });
  events.register('creating-resource-class.s3.ObjectSummary', (payload) => {
    Object.assign((payload as unknown as CreatingResourceClassEvent).classAttributes, loadMember(objectSummaryLoad, 'HeadObject'));
  });
}
