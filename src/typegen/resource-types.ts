/**
 * The resource declarations of one service: an interface per resource class (the service
 * resource included) and per collection, member for member what the run-time class has. The
 * member names and kinds are read from the classes the ResourceFactory builds (customizations
 * included), so they match the run time exactly; their types come from the model through the
 * same ResourceModel the factory uses, and from the customizations' type hints.
 */
import type { ServiceTypeHints } from '../customizations/type-hints';
import { canonicalName } from '../models/naming';
import type { ServiceModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import type { ResourceFactory } from '../resources/factory';
import type { ActionModel, RawParam, ResourceModel } from '../resources/model';
import { docBlock } from './docs';
import { propertyName } from './names';
import type { OtherNames } from './other-names';
import type { Mode, ShapeTypes } from './shapes';

export interface ResourceFacts {
  serviceName: string;
  prefix: string;
  service: ServiceModel;
  factory: ResourceFactory;
  /** Resource type names (resources-1.json `resources`). */
  resourceNames: string[];
  hints: ServiceTypeHints;
  /** Model waiter name (`BucketExists`) -> the API operation it polls. */
  waiterOperations: Record<string, string>;
}

/** The name in `%Name%` placeholders (and the hints' keys) for the service resource. */
const SERVICE_RESOURCE = 'ServiceResource';

export function resourceDeclarations(f: ResourceFacts, shapes: ShapeTypes, names: OtherNames): string {
  return new ResourceWriter(f, shapes, names).write();
}

class ResourceWriter {
  private readonly native: boolean;
  private readonly inMode: Mode;
  private readonly outMode: Mode;
  private readonly out: string[] = [];

  constructor(
    private readonly f: ResourceFacts,
    private readonly shapes: ShapeTypes,
    private readonly names: OtherNames,
  ) {
    this.native = f.hints.resourceShapeTypes !== undefined;
    this.inMode = { dir: 'in', native: this.native };
    this.outMode = { dir: 'out', native: this.native };
  }

  write(): string {
    this.writeClass(SERVICE_RESOURCE);
    for (const name of this.f.resourceNames) this.writeClass(name);
    return this.out.join('');
  }

  /** The interface name of a resource type (`S3Bucket`), or of the service resource. */
  private resourceRef(typeName: string): string {
    return this.names.ref(`x:r:${typeName}`, `${this.f.prefix}${typeName}`);
  }

  private writeClass(typeName: string): void {
    const isService = typeName === SERVICE_RESOURCE;
    const cls = isService ? this.f.factory.serviceResourceClass() : this.f.factory.classFor(typeName);
    const model = cls.model;
    const shape = model.shapeName ? this.f.service.shape(model.shapeName) : undefined;
    const hintDecls = (this.f.hints.resourceMembers?.[typeName] ?? []).map((d) => d.replace(/%(\w+)%/g, (_m, n: string) => this.resourceRef(n)));
    const covered = new Set<string>([
      ...hintDecls.map((d) => /^(\w+)\s*[<(:?]/.exec(d)?.[1]).filter((n): n is string => n !== undefined),
      ...(this.f.hints.resourceExtends?.[typeName]?.members ?? []),
    ]);
    const ifaces = ['$TypedResource', ...(this.f.hints.resourceExtends?.[typeName]?.interfaces ?? []).map((i) => `$${i}`)];
    const lines: string[] = [];
    for (const key of cls.keys) {
      if (covered.has(key)) continue;
      lines.push(...this.member(key, cls.kinds.get(key) as string, model, shape, typeName));
    }
    lines.push(...hintDecls);
    this.out.push(docBlock([`\`${cls.className}\`${isService ? `: \`resource('${this.f.serviceName}')\`` : ''}`]));
    this.out.push(`export interface ${this.resourceRef(typeName)} extends ${ifaces.join(', ')} {\n${lines.map((l) => `  ${l}\n`).join('')}}\n\n`);
  }

  private member(key: string, kind: string, model: ResourceModel, shape: Shape | undefined, typeName: string): string[] {
    const p = propertyName(key);
    switch (kind) {
      case 'identifier':
        return [`readonly ${p}: ${identifierType(model, shape, key)};`];
      case 'attribute': {
        const alias = model.identifiers.find((i) => i.memberName === key);
        if (alias) return [`readonly ${p}: ${identifierType(model, shape, alias.name)};`];
        const attr = shape ? model.attributes(shape).find((a) => a.name === key) : undefined;
        return [`readonly ${p}: $ResourceAttribute<${attr ? this.shapes.typeOf(attr.shape, this.outMode) : 'unknown'}>;`];
      }
      case 'load': {
        const load = model.load;
        const params = load?.request ? `Partial<${this.params(load)}>` : '{ [key: string]: unknown }';
        return ['/** Loads (again) the attributes from the service. */', `${p}(params?: ${params}, options?: $CallOptions): Promise<void>;`];
      }
      case 'action': {
        const action = model.actions.find((a) => a.name === key);
        if (action?.request) return [this.actionSignature(p, action, false)];
        break;
      }
      case 'subresource': {
        const sub = model.subresources.find((s) => s.name === key);
        if (sub) return this.subresource(p, sub);
        break;
      }
      case 'reference': {
        const ref = model.references.find((r) => r.name === key);
        if (ref?.resource) {
          const r = this.resourceRef(ref.resource.type);
          return [`readonly ${p}: $ResourceReference<${isPlural(ref.resource.identifiers, ref.resource.path) ? `${r}[]` : r}>;`];
        }
        // A sub-resource that needs no caller identifiers, as a property (factory.ts).
        const related = model.subresources.find((s) => canonicalName(s.name) === key);
        if (related) return [`readonly ${p}: ${this.resourceRef(related.resource?.type ?? related.modelName)};`];
        break;
      }
      case 'collection': {
        const coll = model.collections.find((c) => c.name === key);
        if (coll?.request && coll.resource) return [`readonly ${p}: ${this.collection(coll, typeName)};`];
        break;
      }
      case 'waiter': {
        const w = model.waiters.find((x) => x.name === key);
        if (w) {
          const opName = this.f.waiterOperations[w.waiterName];
          const input = opName ? this.f.service.operation(opName).input : undefined;
          const params = input ? `Partial<${actionParams(this.shapes.typeOf(input, this.inMode), w.params)}>` : '{}';
          return [`/** Waits until the \`${w.waiterName}\` waiter succeeds for this resource. */`, `${p}(params?: ${params} & { WaiterConfig?: $WaiterConfig }, options?: $CallOptions): Promise<void>;`];
        }
        break;
      }
    }
    // A member added at run time that no hint describes: present, but untyped.
    return [`readonly ${p}: unknown;`];
  }

  /** `params` type of an action's (or load's) request, with the resource's own params taken out. */
  private params(action: ActionModel): string {
    const opName = action.request?.operation as string;
    const input = this.f.service.operation(opName).input;
    if (!input) return '{}';
    return actionParams(this.shapes.typeOf(input, this.inMode), action.request?.params);
  }

  /** Whether a caller must pass params: a required member the resource does not fill. */
  private paramsRequired(action: ActionModel): boolean {
    const input = this.f.service.operation(action.request?.operation as string).input;
    if (!input) return false;
    const raw = action.request?.params ?? [];
    const filled = new Set([...filledTargets(raw), ...loosenedTargets(raw)]);
    return this.shapes.requiredInputMembers(input).some((m) => !filled.has(m));
  }

  private actionSignature(p: string, action: ActionModel, batch: boolean): string {
    const required = !batch && this.paramsRequired(action);
    const result = this.actionResult(action);
    return `${p}(params${required ? '' : '?'}: ${this.params(action)}, options?: $CallOptions): Promise<${batch ? `Array<${result}>` : result}>;`;
  }

  /** What an action resolves to (response.ts): its resource(s), the part its path selects, or the result. */
  private actionResult(action: ActionModel): string {
    if (action.resource) {
      const r = this.resourceRef(action.resource.type);
      return isPlural(action.resource.identifiers, action.resource.path) ? `${r}[]` : r;
    }
    const opName = action.request?.operation as string;
    const output = this.f.service.operation(opName).output;
    if (!action.path || action.path === '$') return `$OperationResult<${output ? this.shapes.typeOf(output, this.outMode) : '{}'}>`;
    let shape: Shape | undefined = output;
    for (const part of action.path.split('.')) {
      if (!shape || shape.type !== 'structure' || !/^\w+$/.test(part)) return 'unknown';
      shape = shape.member(part);
    }
    return shape ? `${this.shapes.typeOf(shape, this.outMode)} | undefined` : 'unknown';
  }

  /** Constructor overloads: the identifiers the parent does not give, positional or named. */
  private subresource(p: string, sub: ActionModel): string[] {
    const type = sub.resource?.type ?? sub.modelName;
    const inherited = (sub.resource?.identifiers ?? []).filter((i) => i.source !== 'input').length;
    const target = this.f.factory.classFor(type).model;
    const targetShape = target.shapeName ? this.f.service.shape(target.shapeName) : undefined;
    const ids = target.identifiers.slice(inherited).map((i): [string, string] => [i.name, identifierType(target, targetShape, i.name)]);
    const r = this.resourceRef(type);
    if (ids.length === 0) return [`${p}(): ${r};`];
    return [
      `${p}(${ids.map(([i, t]) => `${i}: ${t}`).join(', ')}): ${r};`,
      `${p}(identifiers: { ${ids.map(([i, t]) => `${propertyName(i)}: ${t}`).join('; ')} }): ${r};`,
    ];
  }

  /** The interface of a collection (with the item type's batch actions); returns its name. */
  private collection(coll: ActionModel, parentType: string): string {
    const itemType = coll.resource?.type as string;
    const parentPart = parentType === SERVICE_RESOURCE ? '' : parentType;
    const name = this.names.ref(`x:c:${parentType}:${coll.name}`, `${this.f.prefix}${parentPart}${coll.name.charAt(0).toUpperCase()}${coll.name.slice(1)}Collection`);
    const itemModel = this.f.factory.classFor(itemType).model;
    const batch = itemModel.batchActions.filter((b) => b.request).map((b) => `  ${this.actionSignature(propertyName(b.name), b, true)}\n`);
    const item = this.resourceRef(itemType);
    this.out.push(docBlock([`\`${coll.name}\` of \`${this.f.serviceName}.${parentType}\`: ${itemType} resources.`]));
    this.out.push(`export interface ${name} extends $TypedCollection<${item}, Partial<${this.params(coll)}>> {\n${batch.join('')}}\n\n`);
    return name;
  }
}

/** A request param target that names a top-level member: the resource fills it. */
const SIMPLE = /^\w+$/;

function filledTargets(params: readonly RawParam[] | undefined): string[] {
  return (params ?? []).map((p) => p.target).filter((t) => SIMPLE.test(t));
}

/** Top-level members a nested target (`Delete.Objects[].Key`, `Filters[0].Name`) fills in part. */
function loosenedTargets(params: readonly RawParam[] | undefined): string[] {
  const out = new Set<string>();
  for (const p of params ?? []) if (!SIMPLE.test(p.target)) out.add(/^\w+/.exec(p.target)?.[0] ?? p.target);
  return [...out];
}

function union(names: readonly string[]): string {
  return names.length ? [...new Set(names)].map((n) => `'${n}'`).join(' | ') : 'never';
}

/** The operation's params type less what the resource's request params fill. */
function actionParams(input: string, params: readonly RawParam[] | undefined): string {
  const filled = filledTargets(params);
  const loosened = loosenedTargets(params);
  if (filled.length === 0 && loosened.length === 0) return input;
  return `$ActionParams<${input}, ${union(filled)}${loosened.length ? `, ${union(loosened)}` : ''}>`;
}

/**
 * An identifier's type: that of the shape member it names when that is a number (S3's
 * MultipartUploadPart `partNumber`), else string (identifiers are ids and names).
 */
function identifierType(model: ResourceModel, shape: Shape | undefined, jsName: string): string {
  const id = model.identifiers.find((i) => i.name === jsName);
  const raw = (model.definition.identifiers ?? []).find((i) => i.name === id?.modelName);
  const member = raw && shape ? shape.member(raw.memberName ?? raw.name) : undefined;
  return member && ['integer', 'long', 'short', 'byte'].includes(member.type) ? 'number' : 'string';
}

/** Whether a response resource is a list: an identifier (or the data path) selects many. */
function isPlural(identifiers: readonly RawParam[] | undefined, path: string | undefined): boolean {
  return (identifiers ?? []).some((i) => i.path?.includes('[')) || (path?.includes('[]') ?? false);
}
