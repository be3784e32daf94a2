/** The TypeError for a name a service has no operation for: the client proxy's and presigning's. */
import { didYouMean } from '../models/naming';

export function unknownOperationError(serviceName: string, operations: readonly string[], name: string): TypeError {
  return new TypeError(`'${serviceName}' client has no operation '${name}'.${didYouMean(name, operations)}`);
}
