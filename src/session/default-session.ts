/**
 * The module-level default session (boto3's `boto3.client(...)`): created lazily on first use,
 * replaced by setupDefaultSession().
 */
import type { ClientOptions } from './create-client';
import type { Client } from '../client/proxy';
import type { ServiceResource } from '../resources/types';
import { Session, SessionOptions } from './session';
import type { ServiceClients, ServiceResources } from './typed-services';

let defaultSession: Session | undefined;

/** Replaces the default session: `setupDefaultSession({ profileName: 'dev' })`. */
export function setupDefaultSession(options: SessionOptions = {}): Session {
  defaultSession = new Session(options);
  return defaultSession;
}

export function getDefaultSession(): Session {
  if (!defaultSession) defaultSession = new Session();
  return defaultSession;
}

/** A client from the default session (typed for services with generated declarations). */
export function client<K extends keyof ServiceClients>(serviceName: K, options?: ClientOptions): ServiceClients[K];
export function client(serviceName: string, options?: ClientOptions): Client;
export function client(serviceName: string, options?: ClientOptions): Client {
  return getDefaultSession().client(serviceName, options);
}

/** A resource from the default session (typed for services with generated declarations). */
export function resource<K extends keyof ServiceResources>(serviceName: K, options?: ClientOptions): ServiceResources[K];
export function resource(serviceName: string, options?: ClientOptions): ServiceResource;
export function resource(serviceName: string, options?: ClientOptions): ServiceResource {
  return getDefaultSession().resource(serviceName, options);
}
