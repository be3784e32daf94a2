/**
 * The DynamoDB resource's one-pass reading of results: each AttributeValue in a success body
 * goes from its JSON wire form (`{"N":"12.5"}`) straight to the native value (12.5), where
 * boto3 parses it to `{ N: '12.5' }` and then deserializes that (two passes, an object per
 * value in between). It gives exactly what those two passes give; it is handed to the JSON
 * parser as a shape reader (ParseContext.readers) by a before-parse handler (index.ts).
 *
 * Values in unusual form (an unknown type key, a null, several keys, a wrong JSON type) are left
 * to the two passes, value by value: the parser's own walk, then TypeDeserializer. Those throw
 * the usual TypeError for a value DynamoDB could not have sent, and the pipeline then parses the
 * response again without readers, so the after-call conversion reports it with its path.
 */
import type { Shape } from '../../models/shape';
import type { ShapeReader } from '../../protocols/types';
import { onlyOwnKey, setOwn } from '../../util/objects';
import { numberFromDynamo } from './number';
import { NativeAttributeValue, TypeDeserializer } from './types';

/** Returned by readWire for a value it leaves to the two passes. */
const DECLINED: unique symbol = Symbol('declined');
type Read = NativeAttributeValue | typeof DECLINED;

const deserializer = new TypeDeserializer();

function allStrings(values: unknown[]): values is string[] {
  for (const v of values) if (typeof v !== 'string') return false;
  return true;
}

type Walk = (shape: Shape, wire: unknown) => unknown;

// `shape` is the AttributeValue shape: M's values and L's elements are AttributeValues too.
function readWire(wire: unknown, shape: Shape, walk: Walk): Read {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return DECLINED;
  const type = onlyOwnKey(wire);
  if (type === undefined) return DECLINED;
  const v = (wire as Record<string, unknown>)[type];
  switch (type) {
    case 'S':
      return typeof v === 'string' ? v : DECLINED;
    case 'N':
      return typeof v === 'string' ? numberFromDynamo(v) : DECLINED;
    case 'BOOL':
      return typeof v === 'boolean' ? v : DECLINED;
    case 'NULL':
      return typeof v === 'boolean' ? null : DECLINED;
    case 'B':
      return typeof v === 'string' ? Buffer.from(v, 'base64') : DECLINED;
    case 'M': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return DECLINED;
      const out: Record<string, NativeAttributeValue> = {};
      // Attribute names are data: `__proto__` is one like any other (setOwn).
      for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) setOwn(out, k, readValue((v as Record<string, unknown>)[k], shape, walk));
      return out;
    }
    case 'L': {
      if (!Array.isArray(v)) return DECLINED;
      const out = new Array<NativeAttributeValue>(v.length);
      for (let i = 0; i < v.length; i++) out[i] = readValue(v[i], shape, walk);
      return out;
    }
    case 'SS':
      return Array.isArray(v) && allStrings(v) ? new Set(v) : DECLINED;
    case 'NS':
      return Array.isArray(v) && allStrings(v) ? new Set(v.map(numberFromDynamo)) : DECLINED;
    case 'BS':
      return Array.isArray(v) && allStrings(v) ? new Set(v.map((b) => Buffer.from(b, 'base64'))) : DECLINED;
    default:
      return DECLINED;
  }
}

/** One AttributeValue: read in one pass, or by the two passes when its form is unusual. */
function readValue(wire: unknown, shape: Shape, walk: Walk): NativeAttributeValue {
  const read = readWire(wire, shape, walk);
  return read !== DECLINED ? read : deserializer.deserialize(walk(shape, wire));
}

/** The shape reader for `AttributeValue`. */
export const readAttributeValue: ShapeReader = readValue;
