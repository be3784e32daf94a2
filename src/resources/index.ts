/**
 * Resources (boto3's resource layer), interpreted from resources-1.json: the public surface of
 * src/resources. session.resource() calls createServiceResource().
 */
export { createServiceResource, resourceFactoryFor } from './service-resource';
export type { ResourceSession } from './service-resource';
export { ResourceFactory } from './factory';
export type { ServiceContext, CreatingResourceClassEvent } from './factory';
export type { ClassMember } from './members';
export { ResourceCollection } from './collection';
export { ResourceModel } from './model';
export type { RawResourceDocument, RawResourceDefinition, RawAction, RawParam } from './model';
export { ResourceLoadError, ResourceNotExistsError } from './errors';
export { resourceHelpText, describeResourceHelp } from './help';
export { isResource, classOf } from './instance';
export type { Resource, ServiceResource, ResourceMeta } from './types';
