/**
 * Value conversions shared by every request serializer (botocore's Serializer base class):
 * blobs to base64, special floats, host-prefix expansion, and the "is this param set" rule.
 */
import { Buffer } from 'buffer';
import { ParamValidationError } from '../../errors';
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import { formatTimestamp, TimestampPrecision } from './timestamp';

/** A param counts as absent when undefined or null (botocore's validator rejects None anyway). */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Own enumerable entries of a params object, without absent values. */
export function presentEntries(value: unknown): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object') return [];
  const out: Array<[string, unknown]> = [];
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (isSet(v)) out.push([k, v]);
  }
  return out;
}

/** Blob input (string | Buffer | Uint8Array | ArrayBuffer) as a Buffer, without copying. */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  throw new TypeError(`Invalid blob value: expected string, Buffer or Uint8Array, got ${typeof value}`);
}

export function toBase64(value: unknown): string {
  return toBuffer(value).toString('base64');
}

/** botocore sends non-finite floats as the strings Infinity, -Infinity and NaN. */
export function handleFloat(value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/** Python's str() of a scalar, for the places botocore stringifies (query, headers, XML text). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

export function isFloatType(shape: Shape): boolean {
  return shape.type === 'float' || shape.type === 'double';
}

const HOST_LABEL_VALUE = /^[A-Za-z0-9.-]+$/;
const HOST_TEMPLATE_LABEL = /\{([^}]+)\}/g;

/**
 * Expands the operation's `endpoint.hostPrefix` (`{AccountId}.`) from the input members marked
 * `hostLabel`. Undefined when the operation has no host prefix.
 */
export function expandHostPrefix(op: OperationModel, params: Record<string, unknown>): string | undefined {
  const template = op.hostPrefix;
  if (template === undefined) return undefined;
  const input = op.input;
  if (!input) return template;
  const values: Record<string, string> = {};
  const bad: string[] = [];
  for (const [name, member] of Object.entries(input.members)) {
    if (!member.serialization.hostLabel) continue;
    const v = params[name];
    const s = isSet(v) ? pyStr(v) : '';
    if (!HOST_LABEL_VALUE.test(s)) bad.push(name);
    values[name] = s;
  }
  if (bad.length) {
    throw new ParamValidationError([
      `Invalid value for parameter(s): ${bad.join(', ')}. Must contain only alphanumeric characters, hyphen, or period.`,
    ]);
  }
  return template.replace(HOST_TEMPLATE_LABEL, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole,
  );
}

/**
 * A scalar as the text the query and rest-xml bodies carry: booleans as true/false, blobs
 * base64, timestamps in the member's format (iso8601 by default), floats as Python prints them.
 */
export function scalarText(shape: Shape, value: unknown, precision: TimestampPrecision = 'default'): string {
  switch (shape.type) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'blob':
      return toBase64(value);
    case 'timestamp':
      return String(formatTimestamp(value, shape.serialization.timestampFormat ?? 'iso8601', precision));
    case 'float':
    case 'double':
      return pyStr(handleFloat(value));
    default:
      return pyStr(value);
  }
}
