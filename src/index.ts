/**
 * botojs public API. Everything a user imports comes from here; see shared/API.md.
 */
export { Session } from './session/session';
export type { SessionOptions } from './session/session';
export { client, resource, setupDefaultSession, getDefaultSession } from './session/default-session';
export { Config, UNSIGNED } from './session/config';
export type { ConfigOptions, RetriesOptions, S3Options } from './session/config';
export type { Client, ClientMeta, OperationMethod } from './client/proxy';
export { Stubber, ANY } from './client/stubber';
export type { ClientErrorStub } from './client/stubber';
export type { ClientOptions } from './session/create-client';
export { Credentials } from './credentials/credentials';
export { RefreshableCredentials } from './credentials/refreshable';
export {
  CredentialRetrievalError,
  InvalidConfigError,
  InfiniteLoopConfigError,
  MfaRequiredError,
  SSOTokenLoadError,
  UnauthorizedSSOTokenError,
  MetadataRetrievalError,
} from './credentials/errors';
export { StreamingBody } from './util/streaming-body';
export { Paginator, PageIterator, PaginationError, OperationNotPageableError } from './paginate';
export type { Page, PaginationConfig, PaginateParams } from './paginate';
export { Waiter, WaiterError, WaiterConfigError } from './waiters';
export type { WaiterConfig, WaitParams } from './waiters';
export { ResourceCollection, ResourceLoadError, ResourceNotExistsError, isResource } from './resources';
export { help, helpText } from './help';
export type { Resource, ServiceResource, ResourceMeta, CreatingResourceClassEvent, ClassMember } from './resources';
export { HierarchicalEmitter } from './events/emitter';
export {
  TransferConfig,
  S3TransferFailedError,
  S3UploadFailedError,
  S3DownloadFailedError,
  S3ValidationError,
  RetriesExceededError,
} from './customizations/s3/transfer';
export type { TransferConfigOptions, TransferOptions, CopyOptions, CopySource, ProgressCallback, S3TransferMethods } from './customizations/s3/transfer';
export { xformName, canonicalName } from './models/naming';
export * from './errors';
