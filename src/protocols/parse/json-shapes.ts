/**
 * Walks a parsed JSON body by shape, as botocore's BaseJSONParser: members by locationName,
 * nulls skipped in structures but kept in lists and maps, documents passed through untouched,
 * timestamps to Date, blobs from base64 to Buffer, float/double 'NaN'/'Infinity' strings to
 * numbers. In `rest` mode (rest-json) scalars are also coerced from strings (botocore's
 * RestJSONParser int()/float()/ensure_boolean), which header values rely on.
 *
 * `readers` replace the walk for the shapes they name (ParseContext.readers); a reader's `walk`
 * reads without them.
 */
import type { Shape } from '../../models/shape';
import type { ShapeReaders } from '../types';
import { ResponseParserError } from '../../errors';
import { onlyOwnKey, setOwn } from '../../util/objects';
import { Dict, fromBase64, isDict, toFloat, toInteger, unknownUnionMember } from './common';
import { parseTimestamp } from './timestamps';

export function parseJsonShape(shape: Shape, value: unknown, rest: boolean, readers?: ShapeReaders): unknown {
  // A reader sees a list's or map's nulls too (a structure's are skipped before this).
  if (readers !== undefined) {
    const reader = readers.get(shape.name);
    if (reader !== undefined) return reader(value, shape, rest ? walkRest : walkPlain);
  }
  if (value === null || value === undefined) return null;
  switch (shape.type) {
    case 'structure':
      return shape.isDocument ? value : parseStructure(shape, value, rest, readers);
    case 'list': {
      if (!Array.isArray(value)) throw new ResponseParserError(`Expected a list for ${shape.name}`);
      const member = shape.listMember;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = parseJsonShape(member, value[i], rest, readers);
      return out;
    }
    case 'map': {
      if (!isDict(value)) throw new ResponseParserError(`Expected an object for ${shape.name}`);
      const keyShape = shape.mapKey;
      const valueShape = shape.mapValue;
      // A string key reads as itself (the walk below would return it unchanged).
      const plainKeys = keyShape.type === 'string';
      const out: Dict = {};
      // Map keys are data: `__proto__` is a key like any other (setOwn), not the result's prototype.
      for (const k in value) {
        if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
        const key = plainKeys ? k : String(parseJsonShape(keyShape, k, rest));
        setOwn(out, key, parseJsonShape(valueShape, value[k], rest, readers));
      }
      return out;
    }
    case 'timestamp':
      return parseTimestamp(value);
    case 'blob':
      return fromBase64(value);
    case 'float':
    case 'double':
      return toFloat(value);
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      return rest || typeof value === 'string' ? toInteger(value) : value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      return rest ? typeof value === 'string' && value.toLowerCase() === 'true' : value;
    default:
      return value;
  }
}

// A reader's `walk`: the standard reading, without readers.
const walkPlain = (shape: Shape, wire: unknown): unknown => parseJsonShape(shape, wire, false);
const walkRest = (shape: Shape, wire: unknown): unknown => parseJsonShape(shape, wire, true);

/** A structure's members as the wire names them, worked out once per shape. */
interface StructurePlan {
  members: Array<[name: string, key: string, member: Shape]>;
  byKey: Map<string, [name: string, member: Shape]>;
}

const plans = new WeakMap<Shape, StructurePlan>();

function planOf(shape: Shape): StructurePlan {
  let plan = plans.get(shape);
  if (!plan) {
    const members = shape.members;
    plan = { members: [], byKey: new Map() };
    for (const name of shape.memberNames) {
      const member = members[name];
      const key = member.serialization.name ?? name;
      plan.members.push([name, key, member]);
      plan.byKey.set(key, [name, member]);
    }
    plans.set(shape, plan);
  }
  return plan;
}

function parseStructure(shape: Shape, value: unknown, rest: boolean, readers: ShapeReaders | undefined): Dict {
  if (!isDict(value)) throw new ResponseParserError(`Expected an object for ${shape.name}`);
  const plan = planOf(shape);
  // A value with one key that is a member (every DynamoDB AttributeValue) is read by that key
  // alone; a union so set needs none of the checks below (they would pass).
  const only = onlyOwnKey(value);
  const hit = only === undefined ? undefined : plan.byKey.get(only);
  if (hit && only !== undefined) {
    const raw = value[only];
    if (raw !== null && raw !== undefined) {
      const one: Dict = {};
      one[hit[0]] = parseJsonShape(hit[1], raw, rest, readers);
      return one;
    }
  }
  if (shape.isUnion) {
    const present = Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined);
    const unknown = unknownUnionMember(shape, present);
    if (unknown) return unknown;
  }
  const out: Dict = {};
  for (const [name, key, member] of plan.members) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const raw = value[key];
    if (raw !== null && raw !== undefined) out[name] = parseJsonShape(member, raw, rest, readers);
  }
  return out;
}
