/**
 * A typed view of one resource definition in resources-1.json (boto3's ResourceModel).
 *
 * Raw JSON stays as written (PascalCase model names); this view adds the JS names each member
 * gets on a resource: canonicalName() of the model name, with boto3's collision renaming
 * applied (an attribute named like an action becomes `<name>Attribute`, and so on). The
 * precedence, most important first: load, identifiers, actions, sub-resources, references,
 * collections, waiters, attributes. Sub-resources keep their model name (`bucket.Object(...)`).
 */
import { camelize, xformName } from '../models/naming';
import type { Shape } from '../models/shape';
import { needsLoadedData } from './params';

/** A parameter or identifier source as resources-1.json writes it. */
export interface RawParam {
  target: string;
  source: 'identifier' | 'data' | 'string' | 'integer' | 'boolean' | 'input' | 'response' | 'requestParameter' | string;
  name?: string;
  path?: string;
  value?: unknown;
}

export interface RawRequest {
  operation: string;
  params?: RawParam[];
}

export interface RawResponseResource {
  type: string;
  identifiers?: RawParam[];
  path?: string;
}

export interface RawAction {
  request?: RawRequest;
  resource?: RawResponseResource;
  path?: string;
}

export interface RawWaiter {
  waiterName: string;
  params?: RawParam[];
}

export interface RawResourceDefinition {
  identifiers?: Array<{ name: string; memberName?: string }>;
  shape?: string;
  load?: RawAction;
  actions?: Record<string, RawAction>;
  batchActions?: Record<string, RawAction>;
  has?: Record<string, RawAction>;
  hasMany?: Record<string, RawAction>;
  waiters?: Record<string, RawWaiter>;
}

/** A whole resources-1.json document. */
export interface RawResourceDocument {
  service: RawResourceDefinition;
  resources: Record<string, RawResourceDefinition>;
}

export type MemberCategory = 'identifier' | 'action' | 'subresource' | 'reference' | 'collection' | 'waiter' | 'attribute';

/** boto3's prefix for resource waiter names (`WaitUntilExists`). */
export const WAITER_PREFIX = 'WaitUntil';

/** An action, load, sub-resource, reference or collection: a request and/or a resource response. */
export interface ActionModel {
  /** The JS name (renamed on collision). */
  name: string;
  /** The model name as written (`PutObject`, `Objects`). */
  modelName: string;
  request?: RawRequest;
  resource?: RawResponseResource;
  /** Raw-response search path (plain actions and load). */
  path?: string;
}

export interface IdentifierModel {
  /** JS property name (`bucketName`). */
  name: string;
  /** Model name (`BucketName`). */
  modelName: string;
  /** JS name of the shape member that aliases this identifier (`instanceId`), if any. */
  memberName?: string;
}

export interface WaiterModel {
  name: string;
  modelName: string;
  waiterName: string;
  params: RawParam[];
}

export interface AttributeModel {
  name: string;
  /** The shape member name (`ContentLength`). */
  memberName: string;
  shape: Shape;
}

/** Whether a `has` entry needs the resource's loaded data (a reference) or not (a sub-resource). */
function needsData(def: RawAction): boolean {
  return needsLoadedData(def.resource?.identifiers);
}

export class ResourceModel {
  private readonly renamed = new Map<string, string>();
  private renamesLoaded = false;

  /**
   * @param name the resource name (`Bucket`), or the service name for the service resource
   * @param definition its definition
   * @param resourceDefs every resource definition of the service
   */
  constructor(
    readonly name: string,
    readonly definition: RawResourceDefinition,
    readonly resourceDefs: Record<string, RawResourceDefinition>,
  ) {}

  get shapeName(): string | undefined {
    return this.definition.shape;
  }

  /** Whether this is the service resource (its name is not one of the resource definitions). */
  get isServiceResource(): boolean {
    return !(this.name in this.resourceDefs);
  }

  /**
   * Computes the collision renames, as boto3's load_rename_map (names compared in snake_case,
   * then camelized). Must run before the name-bearing getters; the factory calls it once.
   */
  loadRenameMap(shape?: Shape): void {
    const names = new Set<string>(['meta']);
    this.renamed.clear();
    const d = this.definition;
    if (d.load) names.add('load');
    for (const item of d.identifiers ?? []) this.claim(names, item.name, 'identifier');
    for (const name of Object.keys(d.actions ?? {})) this.claim(names, name, 'action');
    for (const [name, ref] of Object.entries(this.hasDefinition())) {
      if (needsData(ref)) this.claim(names, name, 'reference');
      else this.claim(names, name, 'subresource', false);
    }
    for (const name of Object.keys(d.hasMany ?? {})) this.claim(names, name, 'collection');
    for (const name of Object.keys(d.waiters ?? {})) this.claim(names, WAITER_PREFIX + name, 'waiter');
    if (shape) for (const name of shape.memberNames) this.claim(names, name, 'attribute');
    this.renamesLoaded = true;
  }

  private claim(names: Set<string>, modelName: string, category: MemberCategory, snakeCase = true): void {
    let name = snakeCase ? xformName(modelName) : modelName;
    if (names.has(name)) {
      const renamed = `${name}_${category}`;
      this.renamed.set(`${category}\0${name}`, renamed);
      name = renamed;
      if (names.has(name)) throw new Error(`Problem renaming ${this.name} ${category} to ${name}!`);
    }
    names.add(name);
  }

  /** The JS name of a model name in a category (camelCase unless a sub-resource). */
  jsName(category: MemberCategory, modelName: string, snakeCase = true): string {
    if (!this.renamesLoaded) this.loadRenameMap();
    const base = snakeCase ? xformName(modelName) : modelName;
    const final = this.renamed.get(`${category}\0${base}`) ?? base;
    return snakeCase || final !== base ? camelize(final) : final;
  }

  get identifiers(): IdentifierModel[] {
    return (this.definition.identifiers ?? []).map((item) => ({
      name: this.jsName('identifier', item.name),
      modelName: item.name,
      memberName: item.memberName ? this.jsName('attribute', item.memberName) : undefined,
    }));
  }

  get load(): ActionModel | undefined {
    const l = this.definition.load;
    return l ? { name: 'load', modelName: 'load', ...l } : undefined;
  }

  get actions(): ActionModel[] {
    return Object.entries(this.definition.actions ?? {}).map(([n, a]) => ({ ...a, name: this.jsName('action', n), modelName: n }));
  }

  get batchActions(): ActionModel[] {
    // Batch actions live on collections only, so boto3 never renames them.
    return Object.entries(this.definition.batchActions ?? {}).map(([n, a]) => ({ ...a, name: camelize(xformName(n)), modelName: n }));
  }

  /**
   * `has` entries. The service resource also has one for every resource type it does not name
   * itself, with every identifier from input, so `s3.Object('b', 'k')` works (as in boto3).
   */
  hasDefinition(): Record<string, RawAction> {
    if (!this.isServiceResource) return this.definition.has ?? {};
    const out: Record<string, RawAction> = {};
    const has = Object.entries(this.definition.has ?? {});
    for (const [typeName, def] of Object.entries(this.resourceDefs)) {
      let found = false;
      for (const [hasName, hasDef] of has) {
        if (hasDef.resource?.type === typeName) {
          out[hasName] = hasDef;
          found = true;
        }
      }
      if (!found) {
        out[typeName] = {
          resource: { type: typeName, identifiers: (def.identifiers ?? []).map((i) => ({ target: i.name, source: 'input' })) },
        };
      }
    }
    return out;
  }

  get subresources(): ActionModel[] {
    return Object.entries(this.hasDefinition())
      .filter(([, d]) => !needsData(d))
      .map(([n, d]) => ({ ...d, name: this.jsName('subresource', n, false), modelName: n }));
  }

  get references(): ActionModel[] {
    return Object.entries(this.hasDefinition())
      .filter(([, d]) => needsData(d))
      .map(([n, d]) => ({ ...d, name: this.jsName('reference', n), modelName: n }));
  }

  get collections(): ActionModel[] {
    return Object.entries(this.definition.hasMany ?? {}).map(([n, c]) => ({ ...c, name: this.jsName('collection', n), modelName: n }));
  }

  get waiters(): WaiterModel[] {
    return Object.entries(this.definition.waiters ?? {}).map(([n, w]) => ({
      name: this.jsName('waiter', WAITER_PREFIX + n),
      modelName: n,
      waiterName: w.waiterName,
      params: w.params ?? [],
    }));
  }

  /** Shape members that become attributes (those named like an identifier are skipped). */
  attributes(shape: Shape): AttributeModel[] {
    const identifierSnake = new Set((this.definition.identifiers ?? []).map((i) => xformName(this.jsNameSnake('identifier', i.name))));
    const out: AttributeModel[] = [];
    for (const [memberName, member] of Object.entries(shape.members)) {
      if (identifierSnake.has(xformName(memberName))) continue;
      out.push({ name: this.jsName('attribute', memberName), memberName, shape: member });
    }
    return out;
  }

  /** The snake_case name after renaming (what boto3 compares attribute names against). */
  private jsNameSnake(category: MemberCategory, modelName: string): string {
    const base = xformName(modelName);
    return this.renamed.get(`${category}\0${base}`) ?? base;
  }
}
