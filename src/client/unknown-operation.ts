/**
 * The TypeErrors for names a client does not have: presigning's (the name must be an
 * operation) and the client proxy's (any member: operations, paginators and waiters, presigning,
 * transfers, meta). The name is quoted bounded (a caller may index a client with any string, of
 * any length); the suggestions come from every candidate given.
 */
import { didYouMean } from '../models/naming';
import { nameExcerpt } from '../util/excerpt';

export function unknownOperationError(serviceName: string, operations: readonly string[], name: string): TypeError {
  return new TypeError(`'${serviceName}' client has no operation ${nameExcerpt(name)}.${didYouMean(name, operations)}`);
}

/** `s3.upload_fil`: neither an operation nor another member; suggests from both. */
export function unknownMemberError(serviceName: string, members: Iterable<string>, name: string): TypeError {
  return new TypeError(`'${serviceName}' client has no operation or attribute ${nameExcerpt(name)}.${didYouMean(name, members)}`);
}
