/**
 * botojs public API. Everything a user imports comes from here; see shared/API.md.
 */
// Registers boto3's per-service customizations (S3 addressing, ...) on every new Session.
import './customizations';
export { Session } from './session/session';
export type { SessionOptions } from './session/session';
export { client, resource, setupDefaultSession, getDefaultSession } from './session/default-session';
export { Config, UNSIGNED } from './session/config';
export type { ConfigOptions, RetriesOptions, S3Options } from './session/config';
export type { Client, ClientMeta, OperationMethod } from './client/proxy';
export type { ClientOptions } from './client/create-client';
export { Credentials } from './credentials/credentials';
export { StreamingBody } from './util/streaming-body';
export { HierarchicalEmitter } from './events/emitter';
export { xformName, canonicalName } from './models/naming';
export * from './errors';
