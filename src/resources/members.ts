/**
 * The members of a resource class, one builder per kind (boto3's factory `_create_*`): each
 * returns a property descriptor for the class prototype. `this` is the resource (the Proxy).
 *
 * - identifiers: plain synchronous values;
 * - attributes: `meta.data[Member]` once loaded, else a Promise that loads once when awaited
 *   (a LazyPromise: enumerating the resource copies it and sends nothing);
 * - load/reload: fill `meta.data`; other actions clear it (the resource may have changed);
 * - references: the related resource from loaded data (a LazyPromise while unloaded);
 * - sub-resources: constructors taking the remaining identifiers (`bucket.Object('k')`);
 * - collections: a fresh lazy ResourceCollection on each access;
 * - waiters: `waitUntilX(params?)` through the client waiter.
 *
 * Loads, actions and waiters take the per-call options (`{ abortSignal }`) after their params.
 */
import type { CallOptions } from '../pipeline/call-options';
import type { ServiceAction } from './actions';
import { runWaiter } from './actions';
import { ResourceCollection, type CollectionDefinition } from './collection';
import { loadOnce, noLoadError, type MemberKind, type ResourceClass } from './instance';
import { LazyPromise } from './lazy-promise';
import type { ActionModel, WaiterModel } from './model';
import { buildIdentifiers, type ResourceResponseHandler } from './response';
import type { Resource } from './types';

/** A class member before it is put on the prototype; customizations may add their own. */
export interface ClassMember {
  kind: MemberKind;
  /** The model name it comes from (for help()). */
  modelName?: string;
  descriptor: PropertyDescriptor;
}

type Params = Record<string, unknown>;

export function identifierMember(name: string, modelName: string): ClassMember {
  return {
    kind: 'identifier',
    modelName,
    descriptor: {
      get(this: Resource) {
        return this.meta.identifiers[name];
      },
    },
  };
}

export function attributeMember(cls: () => ResourceClass, name: string, memberName: string): ClassMember {
  return {
    kind: 'attribute',
    modelName: memberName,
    descriptor: {
      get(this: Resource) {
        const data = this.meta.data;
        if (data !== null) return data[memberName];
        // Not yet started: spreading or deep-comparing the resource copies it without a request.
        return new LazyPromise(() => {
          if (!cls().hasLoad) return Promise.reject(noLoadError(cls(), name));
          return loadOnce(this).then((d) => (d === null ? undefined : d[memberName]));
        });
      },
    },
  };
}

/** An attribute that is one of the identifiers under its shape member name (`instanceId`). */
export function identifierAliasMember(identifier: string, memberName: string): ClassMember {
  return {
    kind: 'attribute',
    modelName: memberName,
    descriptor: {
      get(this: Resource) {
        return this.meta.identifiers[identifier];
      },
    },
  };
}

function method(name: string, fn: (this: Resource, ...args: never[]) => unknown): PropertyDescriptor {
  Object.defineProperty(fn, 'name', { value: name });
  return { value: fn, writable: false };
}

export function loadMember(action: ServiceAction): ClassMember {
  return {
    kind: 'load',
    modelName: action.operation,
    descriptor: method('load', async function load(this: Resource, params?: Params, options?: CallOptions) {
      const data = await action.call(this, params ?? {}, options);
      this.meta.data = (data ?? null) as Record<string, unknown> | null;
    }),
  };
}

export function actionMember(cls: () => ResourceClass, action: ServiceAction): ClassMember {
  return {
    kind: 'action',
    modelName: action.model.modelName,
    descriptor: method(action.model.name, async function (this: Resource, params?: Params, options?: CallOptions) {
      const result = await action.call(this, params ?? {}, options);
      // boto3 forgets loaded data after any action of a loadable resource.
      if (cls().hasLoad) this.meta.data = null;
      return result;
    }),
  };
}

export function waiterMember(waiter: WaiterModel): ClassMember {
  return {
    kind: 'waiter',
    modelName: waiter.waiterName,
    descriptor: method(waiter.name, async function (this: Resource, params?: Params, options?: CallOptions) {
      await runWaiter(this, waiter.waiterName, waiter.params, params ?? {}, options);
    }),
  };
}

export function referenceMember(cls: () => ResourceClass, model: ActionModel, handler: ResourceResponseHandler): ClassMember {
  return {
    kind: 'reference',
    modelName: model.modelName,
    descriptor: {
      get(this: Resource) {
        if (handler.needsParentData && this.meta.data === null && cls().hasLoad) {
          return new LazyPromise(() => loadOnce(this).then(() => handler.handle(this, {}, this.meta.data)));
        }
        return handler.handle(this, {}, this.meta.data);
      },
    },
  };
}

export function subresourceMember(
  model: ActionModel,
  construct: (typeName: string, args: unknown[], parent: Resource) => Resource,
): ClassMember {
  const typeName = model.resource?.type ?? model.modelName;
  return {
    kind: 'subresource',
    modelName: typeName,
    descriptor: method(model.name, function (this: Resource, ...args: unknown[]) {
      // The parent's identifiers come first, positionally, as boto3's partial() does.
      const inherited = buildIdentifiers(model.resource?.identifiers ?? [], this).map(([, v]) => v);
      return construct(typeName, [...inherited, ...args], this);
    } as (this: Resource, ...args: never[]) => unknown),
  };
}

export function collectionMember(model: ActionModel, definition: () => CollectionDefinition): ClassMember {
  return {
    kind: 'collection',
    modelName: model.modelName,
    descriptor: {
      get(this: Resource) {
        return new ResourceCollection(definition(), this);
      },
    },
  };
}

/** A sub-resource that needs no caller identifiers, as a property (`obj.bucket`). */
export function relatedSubresourceMember(
  model: ActionModel,
  construct: (typeName: string, args: unknown[], parent: Resource) => Resource,
): ClassMember {
  const typeName = model.resource?.type ?? model.modelName;
  return {
    kind: 'reference',
    modelName: typeName,
    descriptor: {
      get(this: Resource) {
        const inherited = buildIdentifiers(model.resource?.identifiers ?? [], this).map(([, v]) => v);
        return construct(typeName, inherited, this);
      },
    },
  };
}
