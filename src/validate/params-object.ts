/**
 * The one check every call's params pass before anything else reads them: they are an object
 * of member names (or absent). botocore cannot get anything else (params are **kwargs); in JS a
 * string, number, array or null can be passed, and spreading one silently sends `{}` (or a
 * million index keys for a long string). This runs whether or not parameterValidation is on:
 * no model makes such params meaningful.
 */
import { ParamValidationError } from '../errors';
import { excerpt, typeName } from '../util/excerpt';
import { isReadable } from '../util/is-readable';

/** `params` itself when it is an object of members, `{}` when undefined; throws otherwise. */
export function paramsObject(params: unknown, what = 'Parameters'): Record<string, unknown> {
  if (params === undefined) return {};
  if (typeof params === 'object' && params !== null && !Array.isArray(params) && !isValueObject(params)) {
    return params as Record<string, unknown>;
  }
  const shown = ['string', 'number', 'bigint', 'boolean'].includes(typeof params) ? ` ${excerpt(params)}` : '';
  const hint = params instanceof Promise ? ' (did you forget an await?)' : '';
  throw new ParamValidationError([`${what} must be an object of member names to values, got ${typeName(params)}${shown}${hint}`]);
}

/** Objects that are one value, not a set of named members: spreading them loses what they hold. */
function isValueObject(v: object): boolean {
  return (
    v instanceof Promise || v instanceof Date || v instanceof Map || v instanceof Set || v instanceof RegExp ||
    v instanceof Uint8Array || v instanceof ArrayBuffer || isReadable(v)
  );
}
