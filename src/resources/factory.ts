/**
 * ResourceFactory: builds resource classes from one service's resources-1.json (boto3's
 * ResourceFactory), each class once, on first use. A class is a prototype of members plus the
 * Proxy handler its instances share; instances are created by sub-resource constructors
 * (`s3.Bucket('b')`), actions, references and collections.
 *
 * Before a class is sealed, `creating-resource-class.<service>.<Resource>` is emitted on the
 * session's events with `{ classAttributes, resourceModel, serviceContext }` so customizations
 * can add or replace members (boto3's hook, e.g. for `s3.Bucket.load`). Handlers run
 * synchronously (their return values are ignored): building a class never waits.
 */
import { inspect } from 'util';
import type { Client } from '../client/proxy';
import type { HierarchicalEmitter } from '../events/emitter';
import { canonicalName, lookupKey } from '../models/naming';
import type { ServiceModel } from '../models/service-model';
import { ServiceAction } from './actions';
import type { CollectionDefinition } from './collection';
import { identifiersFromArgs, instantiate, makeProxyHandler, resourceRepr, type MemberKind, type ResourceClass } from './instance';
import {
  actionMember,
  attributeMember,
  ClassMember,
  collectionMember,
  identifierAliasMember,
  identifierMember,
  loadMember,
  referenceMember,
  relatedSubresourceMember,
  subresourceMember,
  waiterMember,
} from './members';
import { ResourceModel, type ActionModel, type RawResourceDefinition, type RawResourceDocument } from './model';
import { ResourceResponseHandler, type ResourceCreator } from './response';
import type { Resource, ResourceLike, ServiceResource } from './types';

/** What the factory knows about the service (boto3's ServiceContext). */
export interface ServiceContext {
  /** botocore's service name (`s3`). */
  readonly serviceName: string;
  readonly serviceModel: ServiceModel;
  readonly document: RawResourceDocument;
  /** The session's events; `creating-resource-class.*` is emitted here. */
  readonly events?: HierarchicalEmitter;
}

/** Payload of `creating-resource-class.<service>.<Resource>`. */
export interface CreatingResourceClassEvent {
  /** Members by JS name, in order; add, replace or delete entries. */
  classAttributes: Record<string, ClassMember>;
  resourceModel: ResourceModel;
  serviceContext: ServiceContext;
  /**
   * Run on every new instance, before anyone sees it (boto3's customizations do this with an
   * `__init__` on an injected base class): e.g. DynamoDB's value transformation on the client.
   */
  initializers: Array<(resource: Resource) => void>;
}

declare module '../events/emitter' {
  interface EventPayloads {
    'creating-resource-class': CreatingResourceClassEvent;
  }
}

/** `Object.keys(resource)` order, by kind. */
const KIND_ORDER: MemberKind[] = ['identifier', 'attribute', 'load', 'action', 'subresource', 'reference', 'collection', 'waiter', 'custom'];

export class ResourceFactory implements ResourceCreator {
  private readonly classes = new Map<string, ResourceClass>();

  constructor(readonly context: ServiceContext) {}

  /** The service resource's class (`s3.ServiceResource`). */
  serviceResourceClass(): ResourceClass {
    return this.classFor(this.context.serviceName);
  }

  /** The class of a resource type (`Bucket`), built on first use. */
  classFor(typeName: string): ResourceClass {
    let cls = this.classes.get(typeName);
    if (!cls) {
      const isService = typeName === this.context.serviceName && !(typeName in this.context.document.resources);
      const def = isService ? this.context.document.service : this.context.document.resources[typeName];
      if (!def) throw new Error(`The ${this.context.serviceName} resource model has no resource '${typeName}'`);
      cls = this.buildClass(typeName, def, isService);
      this.classes.set(typeName, cls);
    }
    return cls;
  }

  /** A new service resource bound to `client`. */
  createServiceResource(client: Client): ServiceResource {
    return instantiate(this.serviceResourceClass(), {}, client, null);
  }

  /** A resource from constructor arguments (positional and/or named identifiers). */
  construct(typeName: string, args: readonly unknown[], client: Client): Resource {
    const cls = this.classFor(typeName);
    return instantiate(cls, identifiersFromArgs(cls, args), client, null);
  }

  /** ResourceCreator: a resource from identifier values keyed by model target name. */
  createResource(typeName: string, identifiers: Record<string, unknown>, parent: ResourceLike, data: Record<string, unknown> | null): Resource {
    const cls = this.classFor(typeName);
    return instantiate(cls, identifiersFromArgs(cls, [identifiers]), parent.meta.client, data);
  }

  private buildClass(typeName: string, def: RawResourceDefinition, isService: boolean): ResourceClass {
    const { serviceName, serviceModel } = this.context;
    const model = new ResourceModel(typeName, def, this.context.document.resources);
    const shape = model.shapeName ? serviceModel.shape(model.shapeName) : undefined;
    model.loadRenameMap(shape);
    const resourceName = isService ? 'ServiceResource' : typeName;
    const className = `${serviceName}.${resourceName}`;
    let built: ResourceClass | undefined;
    const self = (): ResourceClass => built as ResourceClass;
    const handlerFor = (m: ActionModel): ResourceResponseHandler | undefined =>
      m.resource ? new ResourceResponseHandler(this, m.resource, serviceModel, m.request?.operation) : undefined;

    const attrs: Record<string, ClassMember> = {};
    const identifiers = model.identifiers;
    for (const id of identifiers) attrs[id.name] = identifierMember(id.name, id.modelName);
    const load = model.load;
    if (load) {
      attrs.load = loadMember(new ServiceAction(load));
      attrs.reload = { ...attrs.load };
    }
    for (const a of model.actions) attrs[a.name] = actionMember(self, new ServiceAction(a, handlerFor(a)));
    if (shape) {
      const aliases = new Map(identifiers.filter((i) => i.memberName).map((i) => [i.memberName as string, i.name]));
      for (const at of model.attributes(shape)) {
        const alias = aliases.get(at.name);
        attrs[at.name] = alias ? identifierAliasMember(alias, at.memberName) : attributeMember(self, at.name, at.memberName);
      }
    }
    for (const c of model.collections) attrs[c.name] = collectionMember(c, this.collectionDefinition(className, c));
    for (const r of model.references) attrs[r.name] = referenceMember(self, r, handlerFor(r) as ResourceResponseHandler);
    const construct = (t: string, args: unknown[], parent: Resource) => this.construct(t, args, parent.meta.client);
    for (const s of model.subresources) attrs[s.name] = subresourceMember(s, construct);
    // A sub-resource that needs no further identifiers is also a plain property (`obj.bucket`,
    // `bucket.versioning`): the related resource, built from identifiers, no request.
    const taken = new Set(Object.keys(attrs).map(lookupKey));
    for (const s of model.subresources) {
      if ((s.resource?.identifiers ?? []).some((i) => i.source === 'input')) continue;
      const alias = canonicalName(s.name);
      const others = Object.keys(attrs).filter((n) => n !== s.name && lookupKey(n) === lookupKey(alias));
      if (alias in attrs || others.length > 0 || (taken.has(lookupKey(alias)) && lookupKey(s.name) !== lookupKey(alias))) continue;
      attrs[alias] = relatedSubresourceMember(s, construct);
    }
    for (const w of model.waiters) attrs[w.name] = waiterMember(w);

    const event: CreatingResourceClassEvent = { classAttributes: attrs, resourceModel: model, serviceContext: this.context, initializers: [] };
    this.context.events?.emitSync(`creating-resource-class.${className}`, { ...event });

    const prototype: Record<string | symbol, unknown> = {};
    const kinds = new Map<string, MemberKind>();
    for (const [name, member] of Object.entries(event.classAttributes)) {
      Object.defineProperty(prototype, name, { ...member.descriptor, enumerable: false, configurable: false });
      kinds.set(name, member.kind);
    }
    Object.defineProperty(prototype, inspect.custom, { value: function (this: Resource) { return resourceRepr(this); } });
    Object.defineProperty(prototype, 'toJSON', { value: function (this: Resource) { return { ...this.meta.identifiers }; } });
    Object.defineProperty(prototype, Symbol.toStringTag, { value: className });
    const keys = KIND_ORDER.flatMap((k) => [...kinds].filter(([, kind]) => kind === k).map(([n]) => n));
    // boto3's get_available_subresources(): not listed by Object.keys, as boto3 lists only model members.
    const subresourceNames = keys.filter((n) => kinds.get(n) === 'subresource').sort();
    if (!('getAvailableSubresources' in prototype)) {
      Object.defineProperty(prototype, 'getAvailableSubresources', { value: function getAvailableSubresources() { return [...subresourceNames]; } });
    }
    const lookup = new Map<string, string>();
    // Exact JS names first, so a forgiving spelling never shadows a member's own name; then the
    // members every resource has (`Meta`, `get_available_subresources` resolve like the rest).
    for (const n of [...keys, 'meta', 'getAvailableSubresources']) if (!lookup.has(lookupKey(n))) lookup.set(lookupKey(n), n);
    built = {
      serviceName,
      resourceName,
      className,
      model,
      identifiers,
      identifierNames: Object.freeze(Object.fromEntries(identifiers.map((i) => [i.modelName, i.name]))),
      prototype,
      keys,
      kinds,
      lookup,
      hasLoad: typeof prototype.load === 'function',
      initializers: [...event.initializers],
      handler: makeProxyHandler(self),
    };
    return built;
  }

  /** A collection's definition, built on first access (it needs the item type's batch actions). */
  private collectionDefinition(parentClassName: string, c: ActionModel): () => CollectionDefinition {
    let def: CollectionDefinition | undefined;
    return () => {
      if (!def) {
        const itemType = c.resource?.type;
        if (!itemType || !c.request) throw new Error(`Collection ${parentClassName}.${c.name} needs a request and a resource type`);
        const itemModel = new ResourceModel(itemType, this.context.document.resources[itemType] ?? {}, this.context.document.resources);
        def = {
          name: c.name,
          className: `${parentClassName}.${c.name}Collection`,
          itemClassName: `${this.context.serviceName}.${itemType}`,
          model: c,
          handler: new ResourceResponseHandler(this, c.resource as NonNullable<ActionModel['resource']>, this.context.serviceModel, c.request.operation),
          batchActions: itemModel.batchActions.map((b) => ({
            model: b,
            handler: b.resource ? new ResourceResponseHandler(this, b.resource, this.context.serviceModel, b.request?.operation) : undefined,
          })),
        };
      }
      return def;
    };
  }
}
