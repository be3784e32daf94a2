/**
 * Parameter validation against an operation's input shape, before anything is sent.
 *
 * By default this is botocore's ParamValidator (botocore/validate.py), rule for rule, with
 * Python's types read as their JS counterparts:
 *
 * - structures and maps are plain objects, lists are arrays; a union has exactly one member
 *   set (none: "Must set one of ...", several: "Invalid number of parameters ..."), any key
 *   counted, an unknown one (SDK_UNKNOWN_MEMBER included) also reported as unknown;
 * - `required` members must be present (undefined is absent; null is present, and refused by
 *   its type, as botocore's None);
 * - unknown members are errors, with the closest member names;
 * - `min` is checked on strings (in code points, as Python's len), lists, integers and floats,
 *   never on maps or blobs; a `hostLabel` member without one has min 1;
 * - strings are strings, integers whole numbers or bigints, floats any number, booleans
 *   booleans, timestamps a valid Date, a finite number or a date string, blobs a string,
 *   Buffer, Uint8Array or Readable; a header `jsonvalue` string takes any JSON-serializable
 *   value; a document takes JSON values (strings, numbers, booleans, null, arrays, objects).
 *
 * botocore never checks `max`, `enum` or `pattern`: with `strict` (parameterValidation:
 * 'strict') those are checked too (max here, enum and pattern in strict.ts).
 *
 * Departures, each because JS differs: a boolean is not an integer (Python's bool is an int);
 * a document refuses a bigint, NaN, Infinity, a cycle, a function, a Map or a Set (JSON cannot
 * write them, or JSON.stringify silently drops or empties them), and takes objects with their
 * own JSON form (Date, Buffer). Problems are collected, not thrown: the caller raises one
 * ParamValidationError. Messages stay small whatever the input: values and keys are bounded
 * excerpts, after MAX_PROBLEMS lines the rest are only counted, and a sensitive shape's value,
 * length and map keys (and everything under it) never appear.
 */
import { Readable } from 'stream';
import { closeMatches } from '../models/naming';
import type { Shape } from '../models/shape';
import { clip, excerpt, keyExcerpt, typeName } from '../util/excerpt';
import { isReadable } from '../util/is-readable';
import { enumProblem, patternProblem } from './strict';

/** Problem lines kept; a pathological input (a million bad list items) only counts the rest. */
export const MAX_PROBLEMS = 50;

export interface ValidateOptions {
  /** Also check `max`, `enum` and `pattern` (botocore checks none of them). */
  strict?: boolean;
}

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

const SENSITIVE = '<sensitive>';

/**
 * A value the validator walks as a structure or map: any object but an array or one of the
 * value classes (Buffer, Date, typed arrays, streams), as botocore accepts any dict-like. Not
 * src/util/objects.ts's isPlainObject: a class instance with fields is validated, not refused.
 */
function isStructureValue(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date)
    && !(v instanceof Uint8Array) && !(v instanceof Readable);
}

const INTEGER_TYPES = new Set(['integer', 'long', 'short', 'byte', 'biginteger']);
const FLOAT_TYPES = new Set(['float', 'double', 'bigdecimal']);

/** Validates `params` against `shape`; returns every problem found (empty when valid). */
export function validateParams(params: unknown, shape: Shape | undefined, rootName = 'input', options: ValidateOptions = {}): string[] {
  const report = new Report();
  if (!shape) {
    // botocore skips validation (and drops the params) when there is no input shape; a
    // parameter that would be silently dropped is reported instead.
    if (isStructureValue(params)) {
      const keys = Object.keys(params);
      if (keys.length > 0) {
        const shown = keys.slice(0, 10).map((k) => `"${keyExcerpt(k)}"`).join(', ');
        const more = keys.length > 10 ? ` (and ${keys.length - 10} more)` : '';
        report.add(`Unknown parameter(s) in ${rootName}: ${shown}${more}, this operation takes no parameters`);
      }
    }
    return report.finish();
  }
  new Validator(report, options.strict === true, rootName).check(params ?? {}, shape, '', false);
  return report.finish();
}

class Validator {
  constructor(private readonly out: Report, private readonly strict: boolean, private readonly rootName: string) {}

  /** `path` is '' at the root; `hidden` is true under a sensitive shape. */
  check(value: unknown, shape: Shape, path: string, hidden: boolean): void {
    const secret = hidden || shape.isSensitive;
    const name = path || this.rootName;
    switch (shape.type) {
      case 'structure':
        if (shape.isDocument) return this.document(value, name, secret, new Set());
        return this.structure(value, shape, path, secret);
      case 'list':
        return this.list(value, shape, path, secret);
      case 'map':
        return this.map(value, shape, path, secret);
      case 'string':
        if (shape.serialization.jsonvalue && shape.serialization.location === 'header') return this.jsonValue(value, name);
        return this.string(value, shape, name, secret);
      case 'boolean':
        if (typeof value !== 'boolean') this.invalidType(name, value, secret, 'boolean');
        return;
      case 'timestamp':
        if (!isTimestamp(value)) this.invalidType(name, value, secret, 'Date, number (epoch seconds), timestamp string');
        return;
      case 'blob':
        if (typeof value === 'string' || value instanceof Uint8Array || isReadable(value)) return;
        return this.invalidType(name, value, secret, 'string, Buffer, Uint8Array, Readable');
      default:
        if (INTEGER_TYPES.has(shape.type)) return this.integer(value, shape, name, secret);
        if (FLOAT_TYPES.has(shape.type)) return this.float(value, shape, name, secret);
    }
  }

  private invalidType(name: string, value: unknown, secret: boolean, valid: string): void {
    this.out.add(`Invalid type for parameter ${name}, value: ${secret ? SENSITIVE : excerpt(value)}, type: ${typeName(value)}, valid types: ${valid}`);
  }

  private structure(value: unknown, shape: Shape, path: string, secret: boolean): void {
    const name = path || this.rootName;
    if (!isStructureValue(value)) return this.invalidType(name, value, secret, 'object');
    const memberNames = shape.memberNames;
    if (shape.isUnion) {
      // botocore counts every key given, known or not.
      let set = 0;
      for (const key of Object.keys(value)) if (value[key] !== undefined) set++;
      if (set === 0) this.out.add(`Must set one of the following keys for tagged union structure ${name}: ${memberNames.join(', ')}.`);
      else if (set > 1) this.out.add(`Invalid number of parameters set for tagged union structure ${name}. Can only set one of the following keys: ${memberNames.join(', ')}.`);
    }
    for (const req of shape.required) {
      if (value[req] === undefined) this.out.add(`Missing required parameter in ${name}: "${req}"`);
    }
    // Unknown keys first, then the members, as botocore reports them.
    const keys = Object.keys(value);
    for (const key of keys) {
      if (shape.member(key)) continue;
      const close = closeMatches(key, memberNames, 3);
      const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
      this.out.add(`Unknown parameter in ${name}: "${keyExcerpt(key)}", must be one of: ${memberNames.join(', ')}${hint}`);
    }
    for (const key of keys) {
      const member = shape.member(key);
      const v = value[key];
      if (member && v !== undefined) this.check(v, member, path ? `${path}.${key}` : key, secret);
    }
  }

  private list(value: unknown, shape: Shape, path: string, secret: boolean): void {
    const name = path || this.rootName;
    if (!Array.isArray(value)) return this.invalidType(name, value, secret, 'array');
    this.length(value.length, shape, name, secret);
    const member = shape.listMember;
    for (let i = 0; i < value.length; i++) this.check(value[i], member, `${name}[${i}]`, secret);
  }

  private map(value: unknown, shape: Shape, path: string, secret: boolean): void {
    const name = path || this.rootName;
    // botocore checks no min (or max) on a map's size.
    if (!isStructureValue(value)) return this.invalidType(name, value, secret, 'object');
    const keyShape = shape.mapKey;
    const valueShape = shape.mapValue;
    // A sensitive key (Lambda's environment variable names) is not named in paths either.
    const keyHidden = secret || keyShape.isSensitive;
    for (const k of Object.keys(value)) {
      const shownKey = keyHidden ? SENSITIVE : keyExcerpt(k);
      this.check(k, keyShape, `${name} (key: ${shownKey})`, secret);
      this.check(value[k], valueShape, `${name}.${shownKey}`, secret);
    }
  }

  private string(value: unknown, shape: Shape, name: string, secret: boolean): void {
    if (typeof value !== 'string') return this.invalidType(name, value, secret, 'string');
    this.length(value, shape, name, secret);
    if (!this.strict) return;
    const shown = secret ? SENSITIVE : excerpt(value);
    const problem = enumProblem(value, shape, name, shown, secret);
    if (problem) this.out.add(problem);
    const mismatch = patternProblem(value, shape, name, shown);
    if (mismatch) this.out.add(mismatch);
  }

  private integer(value: unknown, shape: Shape, name: string, secret: boolean): void {
    // NaN, Infinity and fractions are numbers but not integers: no integer shape holds them.
    if (typeof value !== 'bigint' && (typeof value !== 'number' || !Number.isInteger(value))) {
      return this.invalidType(name, value, secret, typeof value === 'number' ? 'integer (a whole, finite number or a bigint)' : 'integer');
    }
    this.range(value, shape, name, secret);
  }

  private float(value: unknown, shape: Shape, name: string, secret: boolean): void {
    // NaN and Infinity are floats (sent as "NaN"/"Infinity", as botocore does).
    if (typeof value !== 'number') return this.invalidType(name, value, secret, 'number');
    this.range(value, shape, name, secret);
  }

  /** Length of a string (in code points) or a list against min, and max when strict. */
  private length(value: string | number, shape: Shape, name: string, secret: boolean): void {
    const min = minOf(shape);
    const max = this.strict ? shape.max : undefined;
    const units = typeof value === 'number' ? value : value.length;
    // A code point is one or two UTF-16 units: count them only when the unit count cannot decide.
    const tooShort = min !== undefined && units < 2 * min;
    const tooLong = max !== undefined && units > max;
    if (!tooShort && !tooLong) return;
    const length = typeof value === 'number' ? value : codePoints(value);
    // A sensitive value's length is not shown either (it says how long a password is).
    const shown = secret ? SENSITIVE : String(length);
    if (min !== undefined && length < min) this.out.add(`Invalid length for parameter ${name}, value: ${shown}, valid min length: ${min}`);
    if (max !== undefined && length > max) this.out.add(`Invalid length for parameter ${name}, value: ${shown}, valid max length: ${max}`);
  }

  private range(value: number | bigint, shape: Shape, name: string, secret: boolean): void {
    const min = minOf(shape);
    const max = this.strict ? shape.max : undefined;
    const shown = secret ? SENSITIVE : excerpt(value);
    if (min !== undefined && value < min) this.out.add(`Invalid value for parameter ${name}, value: ${shown}, valid min value: ${min}`);
    if (max !== undefined && value > max) this.out.add(`Invalid value for parameter ${name}, value: ${shown}, valid max value: ${max}`);
  }

  /** A header `jsonvalue` string is any value JSON can write (the serializer sends its JSON). */
  private jsonValue(value: unknown, name: string): void {
    let reason: string | undefined;
    try {
      if (JSON.stringify(value) === undefined) reason = `${typeName(value)} has no JSON form`;
    } catch (e) {
      // JSON.stringify's messages run to several lines (a cycle's path): the first is enough.
      reason = clip(String((e as Error).message ?? e).split('\n')[0], 200);
    }
    if (reason !== undefined) this.out.add(`Invalid parameter ${name} must be json serializable: ${reason}`);
  }

  /**
   * A document is sent as JSON: strings, finite numbers, booleans, null, arrays and objects.
   * JSON.stringify throws on a bigint and on a cycle, writes NaN/Infinity as null, drops a
   * function and writes a Map or Set as {} (silent changes of value), so those are problems.
   */
  private document(value: unknown, name: string, secret: boolean, path: Set<object>): void {
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number' && Number.isFinite(value)) return;
    if (typeof value !== 'object' || value instanceof Map || value instanceof Set || value instanceof Promise) {
      this.out.add(`Invalid type for document parameter ${name}, value: ${secret ? SENSITIVE : excerpt(value)}, type: ${typeName(value)}, valid types: string, number (finite), boolean, null, array, object`);
      return;
    }
    // Objects with their own JSON form (Date, Buffer) are sent as that form.
    if (!Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') return;
    if (path.has(value)) {
      this.out.add(`Invalid document parameter ${name}: circular reference`);
      return;
    }
    path.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => this.document(v, `${name}[${i}]`, secret, path));
    else for (const [k, v] of Object.entries(value)) this.document(v, `${name}.${secret ? SENSITIVE : keyExcerpt(k)}`, secret, path);
    path.delete(value);
  }
}

/** botocore's min: the shape's, else 1 for a member bound to the host name. */
function minOf(shape: Shape): number | undefined {
  const min = shape.min;
  if (min !== undefined) return min;
  return shape.serialization.hostLabel ? 1 : undefined;
}

/** Python's len(): code points, a lone surrogate counting one. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** botocore's parse_to_aware_datetime accepts it: a valid Date, a finite number, a date string. */
function isTimestamp(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return !Number.isNaN(Date.parse(value)) || /^\d+(\.\d+)?$/.test(value);
  return false;
}
