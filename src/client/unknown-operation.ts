/**
 * The TypeError for a name a service has no operation for: the client proxy's and presigning's.
 * The name is quoted bounded (a caller may index a client with any string, of any length).
 */
import { didYouMean } from '../models/naming';
import { nameExcerpt } from '../util/excerpt';

export function unknownOperationError(serviceName: string, operations: readonly string[], name: string): TypeError {
  return new TypeError(`'${serviceName}' client has no operation ${nameExcerpt(name)}.${didYouMean(name, operations)}`);
}
