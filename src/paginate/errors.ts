/**
 * Pagination failures: a paginator that cannot go on (the service repeated its token, a bad
 * StartingToken, PageSize on an operation without a limit key), and asking for a paginator an
 * operation does not have.
 */
import { BotojsError } from '../errors';

/** Pagination cannot continue; the message says why. Pages already yielded stay valid. */
export class PaginationError extends BotojsError {}

/** `getPaginator(name)` for an operation with no paginator in paginators-1.json. */
export class OperationNotPageableError extends BotojsError {
  constructor(readonly operationName: string) {
    super(`Operation cannot be paginated: ${operationName}`);
  }
}
