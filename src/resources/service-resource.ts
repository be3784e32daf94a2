/**
 * `session.resource(serviceName, options)`: the service resource over a new client. The
 * resources-1.json document is read on the first call for a service, and its classes are built
 * once per service (and API version) per session, then shared by every resource() call.
 */
import type { Client } from '../client/proxy';
import type { HierarchicalEmitter } from '../events/emitter';
import type { ModelLoader } from '../models/loader';
import { ResourceNotExistsError } from './errors';
import { ResourceFactory } from './factory';
import type { RawResourceDocument } from './model';
import type { ServiceResource } from './types';
import { noteCodePath } from '../util/code-paths';

/** What resources need from a session (kept structural: resources/ never imports session/). */
export interface ResourceSession {
  readonly loader: ModelLoader;
  readonly events: HierarchicalEmitter;
  client(serviceName: string, options: { apiVersion?: string } & Record<string, unknown>): Client;
}

const factories = new WeakMap<object, Map<string, ResourceFactory>>();

/** The cached factory of one service for one session (created with the first resource). */
export function resourceFactoryFor(session: ResourceSession, serviceName: string, apiVersion: string, client: Client): ResourceFactory {
  let perSession = factories.get(session);
  if (!perSession) {
    perSession = new Map();
    factories.set(session, perSession);
  }
  const key = `${serviceName}/${apiVersion}`;
  let factory = perSession.get(key);
  if (!factory) {
    const document = session.loader.loadServiceModel(serviceName, 'resources-1', apiVersion) as RawResourceDocument;
    factory = new ResourceFactory({ serviceName, serviceModel: client.meta.serviceModel, document, events: session.events });
    perSession.set(key, factory);
  }
  return factory;
}

/**
 * A service resource. The client uses the resource model's API version, as boto3 does.
 * @throws ResourceNotExistsError when the service has no resource model
 */
export function createServiceResource(session: ResourceSession, serviceName: string, options: { apiVersion?: string } & Record<string, unknown> = {}): ServiceResource {
  const loader = session.loader;
  const versions = loader.listApiVersions(serviceName, 'resources-1');
  if (versions.length === 0) {
    throw new ResourceNotExistsError(serviceName, loader.listAvailableServices('resources-1'), loader.hasModel(serviceName, 'service-2'));
  }
  const apiVersion = options.apiVersion ?? versions[versions.length - 1];
  const client = session.client(serviceName, { ...options, apiVersion });
  noteCodePath(`resource ${serviceName}`);
  return resourceFactoryFor(session, serviceName, apiVersion, client).createServiceResource(client);
}
