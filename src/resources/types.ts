/**
 * Public types of resources: what `session.resource('s3')`, `s3.Bucket('b')` and friends are.
 * Resource members are built from the model at run time, so the types describe the fixed part
 * (`meta`) and leave model members open, as the Client type does.
 */
import type { Client } from '../client/proxy';
import type { ResourceModel } from './model';

/** Per-instance state of a resource (boto3's ResourceMeta). */
export interface ResourceMeta {
  /** The service (`s3`). */
  readonly serviceName: string;
  /** The resource name in the model (`Bucket`), or `ServiceResource`. */
  readonly resourceName: string;
  /** `s3.Bucket` */
  readonly className: string;
  /** Identifier values by JS name: `{ bucketName: 'b', key: 'k' }`. */
  readonly identifiers: Readonly<Record<string, unknown>>;
  /** JS identifier name by model name: `{ BucketName: 'bucketName' }`. */
  readonly identifierNames: Readonly<Record<string, string>>;
  /** The low-level client every request of this resource goes through. */
  readonly client: Client;
  /** The loaded attributes (the load response, or an item of the listing that made this resource); null until loaded. */
  data: Record<string, unknown> | null;
  /** The resource's view of resources-1.json. */
  readonly resourceModel: ResourceModel;
}

/** What the resource internals need from a resource. */
export interface ResourceLike {
  readonly meta: ResourceMeta;
}

/**
 * A resource instance: identifiers are plain properties, attributes read `meta.data` (a Promise
 * that loads once while unloaded), actions and waiters are async methods, collections are
 * lazy `ResourceCollection`s, references are resources.
 */
export type Resource = ResourceLike & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- members come from the model at run time

/** The service-level resource (`session.resource('s3')`): sub-resource constructors, service actions and collections. */
export type ServiceResource = Resource;
