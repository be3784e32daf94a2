/**
 * The DynamoDB resource's request and response transformation (boto3.dynamodb.transform):
 *
 * - before-parameter-build: every condition object under a `ConditionExpression`-shaped member
 *   (ConditionExpression, FilterExpression) and then every one under a `KeyExpression`-shaped
 *   member (KeyConditionExpression) becomes an expression string, its placeholders merged into
 *   the request's ExpressionAttributeNames/Values; then every `AttributeValue`-shaped member is
 *   serialized from native JS (TypeSerializer).
 * - after-call: every `AttributeValue`-shaped member of the output is deserialized.
 *
 * Members are found by walking the operation's shapes (by shape name, as boto3 does), never by
 * operation name. The caller's objects are never modified: what changes is copied on the way
 * down (boto3 deep-copies the params for the same reason), and only top-level keys of the
 * pipeline's own params/parsed objects are replaced.
 *
 * One difference from boto3, where boto3 would send an invalid request: placeholders go to the
 * nearest enclosing structure that has ExpressionAttributeNames (a TransactWriteItems
 * `Put`/`Update`/...), and to the top level only when none has (boto3 always uses the top level).
 */
import type { OperationModel, ServiceModel } from '../../models/service-model';
import type { CallContext } from '../../pipeline/call-context';
import type { ShapeReaders } from '../../protocols/types';
import type { Shape } from '../../models/shape';
import { ConditionBase, ConditionExpressionBuilder } from './conditions';
import { childPath, TypeDeserializer, TypeSerializer, withPaths } from './types';
import { isRecord, setOwn } from '../../util/objects';
import { readAttributeValue } from './wire-reader';

type Params = Record<string, unknown>;
type Apply = (value: unknown, path: string) => unknown;

const ATTRIBUTE_VALUE = 'AttributeValue';
const CONDITION_EXPRESSION = 'ConditionExpression';
const KEY_EXPRESSION = 'KeyExpression';

const isObject = (v: unknown): v is Params => isRecord(v);

// Per service, per target shape, per starting shape (nested maps: no key string built per lookup).
const reachCache = new WeakMap<ServiceModel, Map<string, Map<string, boolean>>>();

/**
 * Whether a value of shape `from` can hold a `target` shape somewhere below it (without passing
 * through `target` itself). A graph search over shape names, cached per service, so recursive
 * shapes terminate and branches without targets are never walked.
 */
function reaches(service: ServiceModel, from: string, target: string): boolean {
  let byTarget = reachCache.get(service);
  if (!byTarget) reachCache.set(service, (byTarget = new Map()));
  let cache = byTarget.get(target);
  if (!cache) byTarget.set(target, (cache = new Map()));
  let found = cache.get(from);
  if (found !== undefined) return found;
  found = false;
  const shapes = service.resolver.shapes;
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length && !found) {
    const raw = shapes[queue.shift() as string];
    if (!raw) continue;
    const refs = [...Object.values(raw.members ?? {}), raw.member, raw.value].filter((r) => r !== undefined);
    for (const ref of refs) {
      if (ref.shape === target) {
        found = true;
        break;
      }
      if (!seen.has(ref.shape)) {
        seen.add(ref.shape);
        queue.push(ref.shape);
      }
    }
  }
  cache.set(from, found);
  return found;
}

/**
 * One member of a transformed value: `apply` where it is a `target`, deeper where one may be
 * below. A function of its own, not a closure made per transformByShape call: it runs for every
 * value of every item.
 */
function visitMember(service: ServiceModel, v: unknown, s: Shape, target: string, apply: Apply, p: string): unknown {
  if (s.name === target) return v === undefined ? v : apply(v, p);
  return reaches(service, s.name, target) ? transformByShape(service, v, s, target, apply, p) : v;
}

/**
 * A copy of `value` (shape `shape`) with `apply` run on every member of shape `target`; parts
 * that contain none are shared, not copied. An undefined map entry where a target belongs is
 * left out (as JSON would); an undefined structure member stays absent.
 */
export function transformByShape(service: ServiceModel, value: unknown, shape: Shape, target: string, apply: Apply, path = ''): unknown {
  switch (shape.type) {
    case 'structure': {
      if (!isObject(value)) return value;
      let out: Params | undefined;
      for (const key of Object.keys(value)) {
        const member = shape.member(key);
        if (!member) continue;
        const next = visitMember(service, value[key], member, target, apply, childPath(path, key));
        if (next !== value[key]) setOwn((out ??= { ...value }), key, next);
      }
      return out ?? value;
    }
    case 'map': {
      if (!isObject(value)) return value;
      const valueShape = shape.mapValue;
      let out: Params | undefined;
      for (const key of Object.keys(value)) {
        const v = value[key];
        if (v === undefined && valueShape.name === target) {
          out ??= { ...value };
          delete out[key];
          continue;
        }
        // Map keys are attribute names: `__proto__` is one like any other (setOwn).
        const next = visitMember(service, v, valueShape, target, apply, childPath(path, key));
        if (next !== v) setOwn((out ??= { ...value }), key, next);
      }
      return out ?? value;
    }
    case 'list': {
      if (!Array.isArray(value)) return value;
      const memberShape = shape.listMember;
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        // In a list an undefined element is a NULL, as JSON.stringify writes it.
        const next = memberShape.name === target ? apply(v, childPath(path, i)) : visitMember(service, v, memberShape, target, apply, childPath(path, i));
        if (next !== v) (out ??= [...value])[i] = next;
      }
      return out ?? value;
    }
    default:
      return value;
  }
}

interface Placeholders {
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** Merges generated placeholders over the ones the caller gave, into a (copied) structure. */
function mergePlaceholders(target: Params, generated: Placeholders): void {
  if (Object.keys(generated.names).length) target.ExpressionAttributeNames = { ...(target.ExpressionAttributeNames as Params | undefined), ...generated.names };
  if (Object.keys(generated.values).length) target.ExpressionAttributeValues = { ...(target.ExpressionAttributeValues as Params | undefined), ...generated.values };
}

/** Injects the transformations into a DynamoDB resource client's requests and responses. */
export class TransformationInjector {
  /** The parser's readers for a result: AttributeValues straight to native values. */
  readonly outputReaders: ShapeReaders = new Map([[ATTRIBUTE_VALUE, readAttributeValue]]);

  constructor(
    private readonly serializer = new TypeSerializer(),
    private readonly deserializer = new TypeDeserializer(),
  ) {}

  /** Rewrites `params` (the pipeline's own top-level copy) in place: conditions, then values. */
  injectInput(params: Params, operation: OperationModel): void {
    const input = operation.input;
    if (!input) return;
    const service = operation.service;
    // One builder per request: placeholder numbers run on across all its expressions.
    const builder = new ConditionExpressionBuilder();
    let out: unknown = params;
    for (const [target, isKey] of [[CONDITION_EXPRESSION, false], [KEY_EXPRESSION, true]] as const) {
      if (!reaches(service, input.name, target)) continue;
      const topLevel: Placeholders = { names: {}, values: {} };
      out = this.conditions(service, out, input, target, isKey, builder, topLevel);
      // Only when no structure on the way had ExpressionAttributeNames (boto3's behaviour).
      if (isObject(out) && (Object.keys(topLevel.names).length || Object.keys(topLevel.values).length)) {
        if (out === params) out = { ...params };
        mergePlaceholders(out as Params, topLevel);
      }
    }
    if (reaches(service, input.name, ATTRIBUTE_VALUE)) {
      const from = out;
      out = withPaths((root) => transformByShape(service, from, input, ATTRIBUTE_VALUE, (v, path) => this.serializer.serialize(v, path), root));
    }
    if (out !== params) Object.assign(params, out);
  }

  /**
   * Deserializes the AttributeValues of `parsed` (the pipeline's own result) in place, unless
   * the parser already read them with outputReaders.
   */
  injectOutput(parsed: Params, operation: OperationModel, context?: CallContext): void {
    if (context?.shapeReaders === this.outputReaders) return;
    const output = operation.output;
    if (!output || !reaches(operation.service, output.name, ATTRIBUTE_VALUE)) return;
    const out = withPaths((root) => transformByShape(operation.service, parsed, output, ATTRIBUTE_VALUE, (v, path) => this.deserializer.deserialize(v, path), root));
    if (out !== parsed) Object.assign(parsed, out);
  }

  /**
   * Builds each condition under a `target`-shaped member. A structure with its own
   * ExpressionAttributeNames member collects the placeholders of everything below it;
   * otherwise they go to `pending`, the enclosing collector.
   */
  private conditions(service: ServiceModel, value: unknown, shape: Shape, target: string, isKey: boolean, builder: ConditionExpressionBuilder, pending: Placeholders): unknown {
    const recurse = (v: unknown, s: Shape, into: Placeholders) => (reaches(service, s.name, target) ? this.conditions(service, v, s, target, isKey, builder, into) : v);
    if (shape.type === 'structure' && isObject(value)) {
      const own: Placeholders = shape.member('ExpressionAttributeNames') ? { names: {}, values: {} } : pending;
      let out: Params | undefined;
      for (const key of Object.keys(value)) {
        const member = shape.member(key);
        if (!member) continue;
        const v = value[key];
        let next = v;
        if (member.name === target) {
          if (v instanceof ConditionBase) {
            const built = builder.buildExpression(v, isKey);
            Object.assign(own.names, built.attributeNamePlaceholders);
            Object.assign(own.values, built.attributeValuePlaceholders);
            next = built.conditionExpression;
          }
        } else {
          next = recurse(v, member, own);
        }
        if (next !== v) setOwn((out ??= { ...value }), key, next);
      }
      if (own !== pending && (Object.keys(own.names).length || Object.keys(own.values).length)) {
        out ??= { ...value };
        mergePlaceholders(out, own);
      }
      return out ?? value;
    }
    if (shape.type === 'list' && Array.isArray(value)) {
      let out: unknown[] | undefined;
      value.forEach((v, i) => {
        const next = recurse(v, shape.listMember, pending);
        if (next !== v) (out ??= [...value])[i] = next;
      });
      return out ?? value;
    }
    if (shape.type === 'map' && isObject(value)) {
      let out: Params | undefined;
      for (const [k, v] of Object.entries(value)) {
        const next = recurse(v, shape.mapValue, pending);
        if (next !== v) setOwn((out ??= { ...value }), k, next);
      }
      return out ?? value;
    }
    return value;
  }
}
