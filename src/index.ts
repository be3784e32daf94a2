/**
 * botojs public API. Everything a user imports comes from here; see shared/API.md.
 *
 * The session, clients, config, credentials and errors load with the package. Paginators,
 * waiters, resources, the Stubber, S3 transfers, DynamoDB types/conditions and help() load on
 * first use, through the lazy exports at the end of this file: a Lambda that only calls
 * `client('s3').putObject()` never reads their modules (STYLE: lazy on the cold path).
 */
import type * as PaginateModule from './paginate';
import type * as WaitersModule from './waiters';
import type * as ResourcesModule from './resources';
import type * as HelpModule from './help';
import type * as StubberModule from './client/stubber';
import type * as TransferModule from './customizations/s3/transfer';
import type * as DynamoTypesModule from './customizations/dynamodb/types';
import type * as DynamoNumberModule from './customizations/dynamodb/number';
import type * as ConditionsModule from './customizations/dynamodb/conditions';
import type * as DynamoErrorsModule from './customizations/dynamodb/errors';
export { Session } from './session/session';
export type { SessionOptions } from './session/session';
export { client, resource, setupDefaultSession, getDefaultSession } from './session/default-session';
export { Config, UNSIGNED } from './config/config';
export type { ConfigInput, ConfigOptions, ParameterValidation, ProtocolName, RetriesOptions, S3Options } from './config/config';
export type { DefaultsMode } from './config/defaults-mode';
export type { Client, ClientCore, ClientMeta, OperationMethod } from './client/proxy';
export type { ClientErrorClass } from './client/exceptions';
export type { PresignedUrlOptions } from './client/presign';
export type { PresignedPostOptions } from './customizations/s3/presign-post';
export type { PresignedPost } from './signing/presign-post';
// What the declarations `botojs types` generates are written with (docs/types.md).
export type { ServiceClients, ServiceResources } from './session/typed-services';
export type { ResponseFields, OperationResult, ParamsArgs, DocumentValue, TypedEventStream, TypedPageIterator, TypedPaginator, TypedWaiter } from './client/typed';
export type { TypedResource, ResourceAttribute, ResourceReference, TypedCollection, ActionParams } from './resources/typed';
export type { CallOptions } from './pipeline/call-options';
export type { ClientErrorStub } from './client/stubber';
export type { ClientOptions } from './session/create-client';
export { Credentials } from './credentials/credentials';
export { RefreshableCredentials } from './credentials/refreshable';
export type { CredentialProvider } from './credentials/credentials';
export type { ProviderChain } from './credentials/providers';
export {
  CredentialRetrievalError,
  InvalidConfigError,
  InfiniteLoopConfigError,
  MfaRequiredError,
  SSOTokenLoadError,
  TokenRetrievalError,
  UnauthorizedSSOTokenError,
  PendingAuthorizationExpiredError,
  MetadataRetrievalError,
} from './credentials/errors';
export { StreamingBody } from './util/streaming-body';
export { EventStream } from './protocols/parse/event-stream';
export type { CollectableGenerator } from './util/to-array';
export type { Page, PaginationConfig, PaginateParams } from './paginate';
export type { WaiterConfig, WaitParams } from './waiters';
export type { Resource, ServiceResource, ResourceMeta, CreatingResourceClassEvent, ClassMember } from './resources';
export { HierarchicalEmitter } from './events/emitter';
export type { EventPayloads, EventPayload, EventPayloadOf, EventHandlerOf } from './events/emitter';
export type { CallContext, CallEndpoint, AuthPlan } from './pipeline/call-context';
export type {
  CallEventBase, ProvideClientParamsEvent, BeforeParameterBuildEvent, BeforeCallEvent, BeforeEndpointResolutionEvent,
  BeforeChecksumEvent, RequestCreatedEvent, BeforeSignEvent, BeforeSendEvent, BeforeParseEvent, NeedsRetryEvent,
  AfterCallEvent, AfterCallErrorEvent, GetAuthTokenEvent,
} from './pipeline/call-events';
export type { ChooseServiceNameEvent, CreatingClientClassEvent, CreatingSerializerEvent } from './client/client-events';
export type { TransferConfigOptions, TransferOptions, CopyOptions, CopySource, ProgressCallback, S3TransferMethods, BucketTransferMethods, ObjectTransferMethods, ProgressBar, ProgressBarOptions } from './customizations/s3/transfer';
export type { AttributeValue, NativeAttributeValue } from './customizations/dynamodb/types';
export type { BuiltConditionExpression, ConditionKind } from './customizations/dynamodb/conditions';
export type { BatchWriter, BatchWriterOptions, WriteRequest } from './customizations/dynamodb/batch-writer';
export { xformName, canonicalName } from './models/naming';
export * from './errors';

// ---- Lazy exports: each group's module is required on the first read of one of its names.
// The declarations give the types (and the values' types); lazyExports defines the values.

export declare const Stubber: typeof StubberModule.Stubber;
export type Stubber = StubberModule.Stubber;
export declare const ANY: typeof StubberModule.ANY;

export declare const Paginator: typeof PaginateModule.Paginator;
export type Paginator = PaginateModule.Paginator;
export declare const PageIterator: typeof PaginateModule.PageIterator;
export type PageIterator = PaginateModule.PageIterator;
export declare const PaginationError: typeof PaginateModule.PaginationError;
export type PaginationError = PaginateModule.PaginationError;
export declare const OperationNotPageableError: typeof PaginateModule.OperationNotPageableError;
export type OperationNotPageableError = PaginateModule.OperationNotPageableError;

export declare const Waiter: typeof WaitersModule.Waiter;
export type Waiter = WaitersModule.Waiter;
export declare const WaiterError: typeof WaitersModule.WaiterError;
export type WaiterError = WaitersModule.WaiterError;
export declare const WaiterConfigError: typeof WaitersModule.WaiterConfigError;
export type WaiterConfigError = WaitersModule.WaiterConfigError;

export declare const ResourceCollection: typeof ResourcesModule.ResourceCollection;
export type ResourceCollection = ResourcesModule.ResourceCollection;
export declare const ResourceLoadError: typeof ResourcesModule.ResourceLoadError;
export type ResourceLoadError = ResourcesModule.ResourceLoadError;
export declare const ResourceNotExistsError: typeof ResourcesModule.ResourceNotExistsError;
export type ResourceNotExistsError = ResourcesModule.ResourceNotExistsError;
export declare const isResource: typeof ResourcesModule.isResource;

export declare const help: typeof HelpModule.help;
export declare const helpText: typeof HelpModule.helpText;

export declare const TransferConfig: typeof TransferModule.TransferConfig;
export type TransferConfig = TransferModule.TransferConfig;
export declare const S3TransferFailedError: typeof TransferModule.S3TransferFailedError;
export type S3TransferFailedError = TransferModule.S3TransferFailedError;
export declare const S3UploadFailedError: typeof TransferModule.S3UploadFailedError;
export type S3UploadFailedError = TransferModule.S3UploadFailedError;
export declare const S3DownloadFailedError: typeof TransferModule.S3DownloadFailedError;
export type S3DownloadFailedError = TransferModule.S3DownloadFailedError;
export declare const S3ValidationError: typeof TransferModule.S3ValidationError;
export type S3ValidationError = TransferModule.S3ValidationError;
export declare const RetriesExceededError: typeof TransferModule.RetriesExceededError;
export type RetriesExceededError = TransferModule.RetriesExceededError;
export declare const progressBar: typeof TransferModule.progressBar;

export declare const TypeSerializer: typeof DynamoTypesModule.TypeSerializer;
export type TypeSerializer = DynamoTypesModule.TypeSerializer;
export declare const TypeDeserializer: typeof DynamoTypesModule.TypeDeserializer;
export type TypeDeserializer = DynamoTypesModule.TypeDeserializer;
export declare const DynamoNumber: typeof DynamoNumberModule.DynamoNumber;
export type DynamoNumber = DynamoNumberModule.DynamoNumber;
export declare const Key: typeof ConditionsModule.Key;
export type Key = ConditionsModule.Key;
export declare const Attr: typeof ConditionsModule.Attr;
export type Attr = ConditionsModule.Attr;
export declare const ConditionBase: typeof ConditionsModule.ConditionBase;
export type ConditionBase = ConditionsModule.ConditionBase;
export declare const AttributeBase: typeof ConditionsModule.AttributeBase;
export type AttributeBase = ConditionsModule.AttributeBase;
export declare const ConditionExpressionBuilder: typeof ConditionsModule.ConditionExpressionBuilder;
export type ConditionExpressionBuilder = ConditionsModule.ConditionExpressionBuilder;
export declare const DynamoDBOperationNotSupportedError: typeof DynamoErrorsModule.DynamoDBOperationNotSupportedError;
export type DynamoDBOperationNotSupportedError = DynamoErrorsModule.DynamoDBOperationNotSupportedError;
export declare const DynamoDBNeedsConditionError: typeof DynamoErrorsModule.DynamoDBNeedsConditionError;
export type DynamoDBNeedsConditionError = DynamoErrorsModule.DynamoDBNeedsConditionError;
export declare const DynamoDBNeedsKeyConditionError: typeof DynamoErrorsModule.DynamoDBNeedsKeyConditionError;
export type DynamoDBNeedsKeyConditionError = DynamoErrorsModule.DynamoDBNeedsKeyConditionError;

// Plain assignments as well, for Node's ESM loader: `import { Paginator } from 'botojs'` finds
// a CommonJS module's names by scanning for `exports.X =` (cjs-module-lexer), and a
// defineProperty loop is invisible to it. lazyExports then turns each into a getter. (An ESM
// importer reads every export at import time, so ESM programs load these modules eagerly.)
exports.Stubber = exports.ANY = undefined;
exports.Paginator = exports.PageIterator = exports.PaginationError = exports.OperationNotPageableError = undefined;
exports.Waiter = exports.WaiterError = exports.WaiterConfigError = undefined;
exports.ResourceCollection = exports.ResourceLoadError = exports.ResourceNotExistsError = exports.isResource = undefined;
exports.help = exports.helpText = undefined;
exports.TransferConfig = exports.S3TransferFailedError = exports.S3UploadFailedError = undefined;
exports.S3DownloadFailedError = exports.S3ValidationError = exports.RetriesExceededError = exports.progressBar = undefined;
exports.TypeSerializer = exports.TypeDeserializer = exports.DynamoNumber = undefined;
exports.Key = exports.Attr = exports.ConditionBase = exports.AttributeBase = exports.ConditionExpressionBuilder = undefined;
exports.DynamoDBOperationNotSupportedError = exports.DynamoDBNeedsConditionError = exports.DynamoDBNeedsKeyConditionError = undefined;

/** Defines `names` on this module's exports as getters that require `load()` once, on first read. */
function lazyExports(load: () => Record<string, unknown>, names: readonly string[]): void {
  let loaded: Record<string, unknown> | undefined;
  for (const name of names) {
    Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => (loaded ??= load())[name] });
  }
}

lazyExports(() => require('./client/stubber'), ['Stubber', 'ANY']);
lazyExports(() => require('./paginate'), ['Paginator', 'PageIterator', 'PaginationError', 'OperationNotPageableError']);
lazyExports(() => require('./waiters'), ['Waiter', 'WaiterError', 'WaiterConfigError']);
lazyExports(() => require('./resources'), ['ResourceCollection', 'ResourceLoadError', 'ResourceNotExistsError', 'isResource']);
lazyExports(() => require('./help'), ['help', 'helpText']);
lazyExports(() => require('./customizations/s3/transfer'), [
  'TransferConfig',
  'S3TransferFailedError',
  'S3UploadFailedError',
  'S3DownloadFailedError',
  'S3ValidationError',
  'RetriesExceededError',
  'progressBar',
]);
lazyExports(() => require('./customizations/dynamodb/types'), ['TypeSerializer', 'TypeDeserializer']);
lazyExports(() => require('./customizations/dynamodb/number'), ['DynamoNumber']);
lazyExports(() => require('./customizations/dynamodb/conditions'), ['Key', 'Attr', 'ConditionBase', 'AttributeBase', 'ConditionExpressionBuilder']);
lazyExports(() => require('./customizations/dynamodb/errors'), ['DynamoDBOperationNotSupportedError', 'DynamoDBNeedsConditionError', 'DynamoDBNeedsKeyConditionError']);
