/**
 * JSON values by shape (botocore's JSONSerializer), shared by the `json` and `rest-json`
 * protocols, plus the `json` protocol itself (`X-Amz-Target`, `application/x-amz-json-1.x`).
 *
 * Members use their locationName when they have one; timestamps default to epoch seconds;
 * blobs are base64; documents pass through as given; unions serialize the member that is set;
 * an integer given as a bigint is written exactly; the text is json.dumps's (src/util/json-text.ts). The timestamp precision
 * (SerializeContext) is passed down to every timestamp.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { setOwn } from '../../util/objects';
import { expandHostPrefix, handleFloat, isSet, presentEntries, toBase64 } from './common';
import { jsonInteger, JsonNumber, jsonText, pyFloatRepr } from '../../util/json-text';
import { formatTimestamp, TimestampPrecision } from './timestamp';

/** The JSON value for `value` under `shape`; undefined means "leave the key out". */
export function jsonValue(value: unknown, shape: Shape, precision: TimestampPrecision = 'default'): unknown {
  switch (shape.type) {
    case 'structure':
      return shape.isDocument ? value : jsonStructure(value, shape, precision);
    case 'list': {
      const member = shape.listMember;
      return (Array.isArray(value) ? value : []).map((el) => (isSet(el) ? jsonValue(el, member, precision) : null));
    }
    case 'map': {
      const valueShape = shape.mapValue;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        // Map keys are data: an own `__proto__` key is sent like any other.
        setOwn(out, k, isSet(v) ? jsonValue(v, valueShape, precision) : null);
      }
      return out;
    }
    case 'timestamp':
      return formatTimestamp(value, shape.serialization.timestampFormat ?? 'unixTimestamp', precision);
    case 'blob':
      return toBase64(value);
    case 'float':
    case 'double':
      return jsonFloat(value);
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'biginteger':
      return jsonInteger(value);
    default:
      return value;
  }
}

/**
 * A float/double member. JavaScript has one number type, so the shape decides: botocore sends
 * what the Python caller gave, and a Python caller writes whole values as ints (`5`), so whole
 * numbers are written as ints; fractions as Python's float repr (jsonText). Past 1e16 a whole
 * number can only have come from a float literal in Python (`1e16`), so it is written as one.
 */
function jsonFloat(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e16) return new JsonNumber(pyFloatRepr(value));
  return handleFloat(value);
}

/** A structure's members as a JSON object (absent members left out). */
export function jsonStructure(value: unknown, shape: Shape, precision: TimestampPrecision = 'default'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of presentEntries(value)) {
    const member = shape.member(key);
    if (!member) continue;
    out[member.serialization.name ?? key] = jsonValue(v, member, precision);
  }
  return out;
}

export function serializeJson(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  const meta = op.service.metadata;
  const headers: Record<string, string> = {
    'X-Amz-Target': `${meta.targetPrefix ?? ''}.${op.name}`,
    'Content-Type': `application/x-amz-json-${meta.jsonVersion ?? '1.0'}`,
  };
  // awsQueryCompatible services accept query-style error codes when told so.
  if (meta.awsQueryCompatible !== undefined) headers['x-amzn-query-mode'] = 'true';
  const input = op.input;
  const spec: HttpRequestSpec = {
    method: op.http?.method ?? 'POST',
    path: '/',
    query: [],
    headers,
    body: jsonText(input ? jsonStructure(params, input, ctx.timestampPrecision) : {}),
  };
  const hostPrefix = expandHostPrefix(op, params);
  if (hostPrefix !== undefined) spec.hostPrefix = hostPrefix;
  return spec;
}
