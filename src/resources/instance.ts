/**
 * Resource instances: a plain object whose prototype holds the class's members, wrapped in a
 * Proxy so any spelling of a member resolves (`content_length`, `ContentLength` ->
 * `contentLength`), `Object.keys(resource)` lists the members for REPL completion, and
 * `util.inspect(bucket)` prints `s3.Bucket(name='b')`.
 *
 * Loading is single-flight: concurrent readers of unloaded attributes share one `load()`.
 * Listing, spreading or deep-comparing an instance reads its members and so must never send a
 * request: every member getter (members.ts) answers without I/O, unloaded attributes with a
 * LazyPromise that loads only when awaited.
 */
import { inspect } from 'util';
import type { Client } from '../client/proxy';
import { didYouMean, lookupKey } from '../models/naming';
import { nameExcerpt } from '../util/excerpt';
import { isProbe } from '../util/spelling';
import { isPlainObject } from '../util/objects';
import { ResourceLoadError } from './errors';
import type { IdentifierModel, ResourceModel } from './model';
import type { Resource, ResourceLike, ResourceMeta } from './types';

/** Where a member comes from; `help()` groups by it. */
export type MemberKind = 'identifier' | 'attribute' | 'load' | 'action' | 'subresource' | 'reference' | 'collection' | 'waiter' | 'custom';

/** One built resource class (boto3 builds a Python class per resource type). */
export interface ResourceClass {
  readonly serviceName: string;
  /** `Bucket`, or `ServiceResource` for the service resource. */
  readonly resourceName: string;
  /** `s3.Bucket` */
  readonly className: string;
  readonly model: ResourceModel;
  readonly identifiers: IdentifierModel[];
  /** Model name -> JS name of each identifier. */
  readonly identifierNames: Record<string, string>;
  /** Holds every member (getters and methods). */
  readonly prototype: object;
  /** Enumerable member names, in `Object.keys` order. */
  readonly keys: string[];
  /** JS member name -> kind. */
  readonly kinds: Map<string, MemberKind>;
  /** lookupKey(spelling) -> JS member name. */
  readonly lookup: Map<string, string>;
  /** Whether instances have a `load` (from the model or a customization). */
  readonly hasLoad: boolean;
  /** Customizations' per-instance setup (CreatingResourceClassEvent.initializers). */
  readonly initializers: ReadonlyArray<(resource: Resource) => void>;
  readonly handler: ProxyHandler<object>;
}

const classOfMeta = new WeakMap<ResourceMeta, ResourceClass>();
const pendingLoads = new WeakMap<ResourceMeta, Promise<Record<string, unknown> | null>>();

/** The class a resource was built from. */
export function classOf(resource: ResourceLike): ResourceClass {
  const cls = classOfMeta.get(resource.meta);
  if (!cls) throw new TypeError('Not a botojs resource');
  return cls;
}

/** Whether `value` is a botojs resource instance. */
export function isResource(value: unknown): value is Resource {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const meta = (value as { meta?: unknown }).meta;
  return typeof meta === 'object' && meta !== null && classOfMeta.has(meta as ResourceMeta);
}

/** `typeof r.load` asks whether a resource can load: undefined answers it, as for the names tools probe. */
const LOAD_PROBES = new Set(['load', 'reload']);

/** The Proxy handler shared by every instance of a class. */
export function makeProxyHandler(cls: () => ResourceClass): ProxyHandler<object> {
  return {
    get(target, prop, receiver) {
      if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop, receiver);
      const c = cls();
      const name = c.lookup.get(lookupKey(prop));
      if (name !== undefined) return Reflect.get(target, name, receiver);
      if (LOAD_PROBES.has(prop) || isProbe(prop)) return undefined;
      throw new TypeError(`'${c.className}' resource has no attribute ${nameExcerpt(prop)}.${didYouMean(prop, [...c.keys, 'meta', 'getAvailableSubresources'])}`);
    },
    has(target, prop) {
      return prop in target || (typeof prop === 'string' && cls().lookup.has(lookupKey(prop)));
    },
    ownKeys(target) {
      return [...new Set<string | symbol>([...cls().keys, ...Reflect.ownKeys(target)])];
    },
    getOwnPropertyDescriptor(target, prop) {
      const own = Reflect.getOwnPropertyDescriptor(target, prop);
      if (own) return own;
      if (typeof prop !== 'string' || !cls().kinds.has(prop)) return undefined;
      // Reported as own so Object.keys lists it; an accessor, so listing never loads anything.
      const d = Reflect.getOwnPropertyDescriptor(cls().prototype, prop);
      return d ? { ...d, enumerable: true, configurable: true } : undefined;
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'string' && !(prop in target)) {
        const name = cls().lookup.get(lookupKey(prop));
        if (name !== undefined) throw new TypeError(`Cannot assign to '${name}' of ${cls().className}: resource members are read-only`);
      }
      return Reflect.set(target, prop, value, receiver);
    },
  };
}

/**
 * A new instance. `identifiers` are by JS name and already validated.
 */
export function instantiate(cls: ResourceClass, identifiers: Record<string, unknown>, client: Client, data: Record<string, unknown> | null): Resource {
  const target = Object.create(cls.prototype) as Record<string, unknown>;
  const meta: ResourceMeta = {
    serviceName: cls.serviceName,
    resourceName: cls.resourceName,
    className: cls.className,
    identifiers: Object.freeze({ ...identifiers }),
    identifierNames: cls.identifierNames,
    client,
    data,
    resourceModel: cls.model,
  };
  classOfMeta.set(meta, cls);
  Object.defineProperty(target, 'meta', { value: meta, enumerable: false, writable: false, configurable: true });
  const resource = new Proxy(target, cls.handler) as Resource;
  for (const init of cls.initializers) init(resource);
  return resource;
}

/**
 * Identifier values by JS name from constructor arguments: positional values in model order,
 * optionally followed by (or replaced with) an object of named ones (`{ bucketName, key }`,
 * any spelling). Missing or extra identifiers are a TypeError naming them.
 */
export function identifiersFromArgs(cls: ResourceClass, args: readonly unknown[]): Record<string, unknown> {
  const names = cls.identifiers.map((i) => i.name);
  const out: Record<string, unknown> = {};
  let positional = args;
  const last = args[args.length - 1];
  if (args.length > 0 && isPlainObject(last)) {
    positional = args.slice(0, -1);
    const byKey = new Map(names.map((n) => [lookupKey(n), n]));
    for (const [k, v] of Object.entries(last as Record<string, unknown>)) {
      const n = byKey.get(lookupKey(k));
      if (n === undefined) {
        throw new TypeError(`${cls.className}() got an unknown identifier '${k}' (identifiers: ${names.join(', ') || 'none'})`);
      }
      out[n] = v;
    }
  }
  if (positional.length > names.length) {
    throw new TypeError(
      `${cls.className}() takes ${names.length} identifier${names.length === 1 ? '' : 's'} (${names.join(', ') || 'none'}) but got ${positional.length}: ${positional.map((v) => inspect(v)).join(', ')}`,
    );
  }
  positional.forEach((v, i) => {
    if (names[i] in out) throw new TypeError(`${cls.className}() got identifier '${names[i]}' twice`);
    out[names[i]] = v;
  });
  const missing = names.filter((n) => out[n] === undefined || out[n] === null);
  if (missing.length) {
    throw new TypeError(`${cls.className}() is missing required identifier${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}`);
  }
  return out;
}

/** Loads the resource once for all concurrent callers; resolves to `meta.data`. */
export function loadOnce(resource: Resource): Promise<Record<string, unknown> | null> {
  const meta = resource.meta;
  let p = pendingLoads.get(meta);
  if (!p) {
    const load = resource.load as (() => Promise<void>) | undefined;
    if (typeof load !== 'function') return Promise.reject(noLoadError(classOf(resource)));
    p = load.call(resource).then(() => resource.meta.data);
    pendingLoads.set(meta, p);
    const clear = () => {
      if (pendingLoads.get(meta) === p) pendingLoads.delete(meta);
    };
    p.then(clear, clear);
  }
  return p;
}

export function noLoadError(cls: ResourceClass, what?: string): ResourceLoadError {
  return new ResourceLoadError(
    `${cls.className} has no load method${what ? `, so '${what}' is only known when the resource came with data (from a listing or an action's response)` : ''}`,
  );
}

/** Makes sure `meta.data` is loaded (loading once if needed); throws when there is no load. */
export async function ensureData(resource: ResourceLike): Promise<void> {
  if (resource.meta.data !== null) return;
  const cls = classOf(resource);
  if (!cls.hasLoad) throw noLoadError(cls);
  await loadOnce(resource as Resource);
}

/** Python-style repr of an identifier value (`'b'`), as boto3 prints resources. */
export function reprValue(v: unknown): string {
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return inspect(v, { breakLength: Infinity });
}

/** `s3.Bucket(name='b')` */
export function resourceRepr(resource: ResourceLike): string {
  const ids = Object.entries(resource.meta.identifiers).map(([k, v]) => `${k}=${reprValue(v)}`);
  return `${resource.meta.className}(${ids.join(', ')})`;
}
