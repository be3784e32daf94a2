/**
 * client.exceptions: one ClientError subclass per modeled exception shape, built on first use,
 * so `err instanceof s3.exceptions.NoSuchKey` works. Classes are cached per service model, so
 * two clients of one service share them.
 */
import { ClientError } from '../errors';
import { didYouMean } from '../models/naming';
import { nameExcerpt } from '../util/excerpt';
import { isProbe, MemberIndex } from '../util/spelling';
import type { ServiceModel } from '../models/service-model';
import type { ParsedResponse } from '../protocols/types';

type ErrorResponse = ParsedResponse & { Error: { Code: string; Message: string | null } };
export type ClientErrorClass = new (response: ErrorResponse, operationName: string) => ClientError;

const classCache = new WeakMap<ServiceModel, Map<string, ClientErrorClass>>();

function classFor(service: ServiceModel, shapeName: string): ClientErrorClass {
  let perService = classCache.get(service);
  if (!perService) classCache.set(service, (perService = new Map()));
  let cls = perService.get(shapeName);
  if (!cls) {
    // A named class expression so stack traces and err.name read `NoSuchKey`.
    cls = { [shapeName]: class extends ClientError {} }[shapeName] as ClientErrorClass;
    Object.defineProperty(cls, 'name', { value: shapeName });
    perService.set(shapeName, cls);
  }
  return cls;
}

// Error codes that choose the exception class instead of Error.Code, per parsed response
// (botocore's context['error_code_override']); Error.Code itself is left as the service sent it.
const codeOverrides = new WeakMap<object, string>();

/** Makes `errorFor` pick the class for `code` for this parsed response (an `after-call` handler's). */
export function overrideErrorCode(parsed: object, code: string): void {
  codeOverrides.set(parsed, code);
}

/**
 * The error to throw for a parsed error response: its modeled class, else ClientError.
 * `shapeName` picks the class by shape where the code is not the shape's name (an event
 * stream's exception event carries the stream member's name, `modelStreamErrorException`).
 */
export function errorFor(service: ServiceModel, parsed: ErrorResponse, operationName: string, shapeName?: string): ClientError {
  const shape = service.errorShapes.get(shapeName || codeOverrides.get(parsed) || parsed.Error.Code);
  const err = shape ? new (classFor(service, shape.name))(parsed, operationName) : new ClientError(parsed, operationName);
  if (shape) err.name = shape.name;
  return err;
}

/** The `exceptions` object of a client: every modeled exception class plus ClientError. */
export function buildExceptions(service: ServiceModel): Record<string, ClientErrorClass> {
  const names = [...new Set([...service.errorShapes.values()].map((s) => s.name))].sort();
  const target: Record<string, ClientErrorClass> = { ClientError: ClientError as unknown as ClientErrorClass };
  // Other spellings resolve by the rule every member follows (src/util/spelling.ts).
  let index: MemberIndex | undefined;
  const resolve = (prop: string) => (index ??= new MemberIndex(['ClientError', ...names])).resolve(prop);
  return new Proxy(target, {
    get(t, prop) {
      if (typeof prop !== 'string') return Reflect.get(t, prop);
      if (prop in t) return t[prop];
      const name = names.includes(prop) ? prop : resolve(prop);
      if (name !== undefined) return name in t ? t[name] : classFor(service, name);
      if (isProbe(prop)) return undefined;
      throw new TypeError(`${service.serviceName} has no exception ${nameExcerpt(prop)}.${didYouMean(prop, names)}`);
    },
    has(t, prop) {
      return prop in t || (typeof prop === 'string' && resolve(prop) !== undefined);
    },
    ownKeys() {
      return ['ClientError', ...names];
    },
    getOwnPropertyDescriptor(t, prop) {
      if (typeof prop === 'string' && (prop === 'ClientError' || names.includes(prop))) {
        return { configurable: true, enumerable: true, writable: false, value: prop === 'ClientError' ? t.ClientError : classFor(service, prop) };
      }
      return undefined;
    },
  });
}
