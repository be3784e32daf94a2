/** Paginators interpreted from paginators-1.json; see docs/paginators-and-waiters.md. */
export { Paginator } from './paginator';
export type { PaginatorSpec, PaginationConfig, PaginateParams } from './paginator';
export { PageIterator } from './page-iterator';
export type { Page, CallOperation } from './page-iterator';
export { PaginatorModel } from './paginator-model';
export { PaginationError, OperationNotPageableError } from './errors';
export { encodeToken, decodeToken } from './token-codec';
export { paginatorsAndWaitersExtension } from './client-extension';
