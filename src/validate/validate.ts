/**
 * Parameter validation against an operation's input shape, before anything is sent.
 *
 * Collects every problem (required, unknown with the closest name, type, min/max, enum, pattern)
 * and returns them as lines; the caller raises one ParamValidationError. Patterns in AWS models
 * are Java regexes: each is compiled once with the `u` flag, and one JS cannot compile is skipped
 * rather than rejecting valid input.
 *
 * Messages stay small whatever the input: values and keys are quoted as bounded excerpts, and
 * after MAX_PROBLEMS lines the rest are only counted. Integer shapes take a number that is an
 * integer or a bigint (every serializer writes a bigint exactly); float shapes take any number,
 * NaN and Infinity included (sent as "NaN"/"Infinity", as botocore does); a document takes JSON
 * values only, so a bigint, NaN or Infinity in one is refused (JSON has no way to write them).
 */
import { Readable } from 'stream';
import { closeMatches } from '../models/naming';
import type { Shape } from '../models/shape';
import { excerpt, keyExcerpt, typeName } from '../util/excerpt';
import { isReadable } from '../util/is-readable';

/** Problem lines kept; a pathological input (a million bad list items) only counts the rest. */
export const MAX_PROBLEMS = 50;

/** The problem lines found so far, capped at MAX_PROBLEMS. */
class Report {
  readonly lines: string[] = [];
  private dropped = 0;

  add(line: string): void {
    if (this.lines.length < MAX_PROBLEMS) this.lines.push(line);
    else this.dropped++;
  }

  finish(): string[] {
    if (this.dropped) this.lines.push(`... and ${this.dropped} more problem(s) not listed`);
    return this.lines;
  }
}

/** How values are shown: a sensitive member's value (keys, passwords) never appears. */
type Show = (value: unknown) => string;
const showValue: Show = (value) => excerpt(value);
const showSensitive: Show = () => '<sensitive>';

const patternCache = new Map<string, RegExp | null>();

function compilePattern(p: string): RegExp | null {
  let re = patternCache.get(p);
  if (re !== undefined) return re;
  try {
    re = new RegExp(p, 'u');
  } catch {
    re = null;
  }
  patternCache.set(p, re);
  return re;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date)
    && !(v instanceof Uint8Array) && !(v instanceof Readable);
}

/** Validates `params` against `shape`; returns every problem found (empty when valid). */
export function validateParams(params: unknown, shape: Shape | undefined, rootName = 'input'): string[] {
  const report = new Report();
  if (!shape) {
    if (isPlainObject(params)) {
      const keys = Object.keys(params);
      if (keys.length > 0) {
        const shown = keys.slice(0, 10).map((k) => `"${keyExcerpt(k)}"`).join(', ');
        const more = keys.length > 10 ? ` (and ${keys.length - 10} more)` : '';
        report.add(`Unknown parameter(s) in ${rootName}: ${shown}${more}, this operation takes no parameters`);
      }
    }
    return report.finish();
  }
  validate(params ?? {}, shape, rootName, report, showValue);
  return report.finish();
}

function validate(value: unknown, shape: Shape, name: string, out: Report, show: Show): void {
  validateValue(value, shape, name, out, shape.isSensitive ? showSensitive : show);
}

function invalidType(out: Report, show: Show, name: string, value: unknown, valid: string): void {
  out.add(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${typeName(value)}, valid types: ${valid}`);
}

function validateValue(value: unknown, shape: Shape, name: string, out: Report, show: Show): void {
  switch (shape.type) {
    case 'structure':
      return validateStructure(value, shape, name, out, show);
    case 'list':
      if (!Array.isArray(value)) return invalidType(out, show, name, value, 'array');
      checkLength(value.length, shape, name, out, 'length', show);
      value.forEach((v, i) => validate(v, shape.listMember, `${name}[${i}]`, out, show));
      return;
    case 'map':
      if (!isPlainObject(value)) return invalidType(out, show, name, value, 'object');
      for (const [k, v] of Object.entries(value)) {
        validate(k, shape.mapKey, `${name} (key: ${keyExcerpt(k)})`, out, show);
        validate(v, shape.mapValue, `${name}.${keyExcerpt(k)}`, out, show);
      }
      return;
    case 'string':
      // A jsonvalue header takes any JSON value, sent JSON-encoded (botocore's _validate_jsonvalue_string).
      if (shape.serialization.jsonvalue && shape.serialization.location === 'header') return validateDocument(value, name, out, show, new Set());
      if (typeof value !== 'string') return invalidType(out, show, name, value, 'string');
      checkLength(value.length, shape, name, out, 'length', show);
      if (shape.enum && !shape.enum.includes(value)) {
        const close = closeMatches(value, shape.enum, 3);
        const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
        out.add(`Invalid value for parameter ${name}, value: ${show(value)}, valid values: ${shape.enum.slice(0, 20).join(', ')}${shape.enum.length > 20 ? ', ...' : ''}${hint}`);
      }
      if (shape.pattern) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(value)) out.add(`Invalid value for parameter ${name}, value: ${show(value)}, does not match pattern: ${shape.pattern}`);
      }
      return;
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'biginteger':
      // NaN, Infinity and fractions are numbers but not integers: no integer shape holds them.
      if (typeof value !== 'bigint' && (typeof value !== 'number' || !Number.isInteger(value))) {
        return invalidType(out, show, name, value, typeof value === 'number' ? 'integer (a whole, finite number or a bigint)' : 'integer');
      }
      checkRange(value, shape, name, out, show);
      return;
    case 'float':
    case 'double':
    case 'bigdecimal':
      if (typeof value !== 'number') return invalidType(out, show, name, value, 'number');
      checkRange(value, shape, name, out, show);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') invalidType(out, show, name, value, 'boolean');
      return;
    case 'timestamp':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) out.add(`Invalid timestamp for parameter ${name}: Invalid Date`);
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value)) out.add(`Invalid timestamp for parameter ${name}, value: ${show(value)}`);
      } else if (typeof value === 'string') {
        if (Number.isNaN(Date.parse(value)) && !/^\d+(\.\d+)?$/.test(value)) out.add(`Invalid timestamp for parameter ${name}, value: ${show(value)}, valid types: Date, number (epoch seconds), ISO 8601 string`);
      } else {
        invalidType(out, show, name, value, 'Date, number, string');
      }
      return;
    case 'blob':
      if (typeof value === 'string' || Buffer.isBuffer(value) || value instanceof Uint8Array) return;
      if (isReadable(value)) return;
      invalidType(out, show, name, value, 'string, Buffer, Uint8Array, Readable');
      return;
    default:
      return;
  }
}

function validateStructure(value: unknown, shape: Shape, name: string, out: Report, show: Show): void {
  if (shape.isDocument) return validateDocument(value, name, out, show, new Set());
  if (!isPlainObject(value)) return invalidType(out, show, name, value, 'object');
  for (const req of shape.required) {
    if (value[req] === undefined || value[req] === null) {
      out.add(`Missing required parameter in ${name}: "${req}"`);
    }
  }
  const memberNames = shape.memberNames;
  let setCount = 0;
  for (const [key, v] of Object.entries(value)) {
    const member = shape.member(key);
    if (!member) {
      const close = closeMatches(key, memberNames, 3);
      const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
      out.add(`Unknown parameter in ${name}: "${keyExcerpt(key)}", must be one of: ${memberNames.join(', ')}${hint}`);
      continue;
    }
    if (v === undefined) continue;
    setCount++;
    validate(v, member, name === 'input' ? key : `${name}.${key}`, out, show);
  }
  if (shape.isUnion && setCount !== 1) {
    out.add(`Invalid number of parameters set for tagged union structure ${name}. Can only set one of the following keys: ${memberNames.join(', ')}.`);
  }
}

/**
 * A document is sent as JSON: strings, finite numbers, booleans, null, arrays and objects.
 * JSON.stringify throws on a bigint and on a cycle, and writes NaN/Infinity as null (a silent
 * change of value), so those are problems here.
 */
function validateDocument(value: unknown, name: string, out: Report, show: Show, path: Set<object>): void {
  if (typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value))) {
    out.add(`Invalid type for document parameter ${name}, value: ${show(value)}, type: ${typeName(value)}, valid types: string, number (finite), boolean, null, array, object`);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  // Objects with their own JSON form (Date, Buffer) are sent as that form.
  if (!Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
  if (path.has(value)) {
    out.add(`Invalid document parameter ${name}: circular reference`);
    return;
  }
  path.add(value);
  if (Array.isArray(value)) value.forEach((v, i) => validateDocument(v, `${name}[${i}]`, out, show, path));
  else for (const [k, v] of Object.entries(value)) validateDocument(v, `${name}.${keyExcerpt(k)}`, out, show, path);
  path.delete(value);
}

function checkLength(length: number, shape: Shape, name: string, out: Report, what: string, show: Show): void {
  const min = shape.min;
  const max = shape.max;
  // A sensitive value's length is not shown either (it says how long a password is).
  const shown = show === showSensitive ? show(length) : String(length);
  if (min !== undefined && length < min) out.add(`Invalid ${what} for parameter ${name}, value: ${shown}, valid min ${what}: ${min}`);
  if (max !== undefined && length > max) out.add(`Invalid ${what} for parameter ${name}, value: ${shown}, valid max ${what}: ${max}`);
}

function checkRange(value: number | bigint, shape: Shape, name: string, out: Report, show: Show): void {
  const min = shape.min;
  const max = shape.max;
  if (min !== undefined && value < min) out.add(`Invalid value for parameter ${name}, value: ${show(value)}, valid min value: ${min}`);
  if (max !== undefined && value > max) out.add(`Invalid value for parameter ${name}, value: ${show(value)}, valid max value: ${max}`);
}
