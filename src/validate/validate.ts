/**
 * Parameter validation against an operation's input shape, before anything is sent.
 *
 * Collects every problem (required, unknown with the closest name, type, min/max, enum, pattern)
 * and returns them as lines; the caller raises one ParamValidationError. Patterns in AWS models
 * are Java regexes: each is compiled once with the `u` flag, and one JS cannot compile is skipped
 * rather than rejecting valid input.
 */
import { Readable } from 'stream';
import { closeMatches } from '../models/naming';
import type { Shape } from '../models/shape';
import { isReadable } from '../util/is-readable';

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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof Date) return 'Date';
  return typeof value;
}

function show(value: unknown): string {
  try {
    const s = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return describe(value);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v) && !(v instanceof Date)
    && !(v instanceof Uint8Array) && !(v instanceof Readable);
}

/** Validates `params` against `shape`; returns every problem found (empty when valid). */
export function validateParams(params: unknown, shape: Shape | undefined, rootName = 'input'): string[] {
  const problems: string[] = [];
  if (!shape) {
    if (isPlainObject(params) && Object.keys(params).length > 0) {
      problems.push(`Unknown parameter(s) in ${rootName}: ${Object.keys(params).map((k) => `"${k}"`).join(', ')}, this operation takes no parameters`);
    }
    return problems;
  }
  validate(params ?? {}, shape, rootName, problems);
  return problems;
}

function validate(value: unknown, shape: Shape, name: string, out: string[]): void {
  // A sensitive member's value (keys, passwords) never appears in a message.
  if (shape.isSensitive) {
    const before = out.length;
    validateValue(value, shape, name, out);
    for (let i = before; i < out.length; i++) out[i] = redactValue(out[i]);
    return;
  }
  validateValue(value, shape, name, out);
}

function redactValue(line: string): string {
  return line.replace(/value: .*?, (type|valid|does)/, 'value: <sensitive>, $1');
}

function validateValue(value: unknown, shape: Shape, name: string, out: string[]): void {
  switch (shape.type) {
    case 'structure':
      return validateStructure(value, shape, name, out);
    case 'list':
      if (!Array.isArray(value)) return void out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: array`);
      checkLength(value.length, shape, name, out, 'length');
      value.forEach((v, i) => validate(v, shape.listMember, `${name}[${i}]`, out));
      return;
    case 'map':
      if (!isPlainObject(value)) return void out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: object`);
      for (const [k, v] of Object.entries(value)) {
        validate(k, shape.mapKey, `${name} (key: ${k})`, out);
        validate(v, shape.mapValue, `${name}.${k}`, out);
      }
      return;
    case 'string':
      if (typeof value !== 'string') return void out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: string`);
      checkLength(value.length, shape, name, out, 'length');
      if (shape.enum && !shape.enum.includes(value)) {
        const close = closeMatches(value, shape.enum, 3);
        const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
        out.push(`Invalid value for parameter ${name}, value: ${show(value)}, valid values: ${shape.enum.slice(0, 20).join(', ')}${shape.enum.length > 20 ? ', ...' : ''}${hint}`);
      }
      if (shape.pattern) {
        const re = compilePattern(shape.pattern);
        if (re && !re.test(value)) out.push(`Invalid value for parameter ${name}, value: ${show(value)}, does not match pattern: ${shape.pattern}`);
      }
      return;
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'biginteger':
      if (typeof value === 'bigint') return;
      if (typeof value !== 'number' || !Number.isInteger(value)) return void out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: integer`);
      checkRange(value, shape, name, out);
      return;
    case 'float':
    case 'double':
    case 'bigdecimal':
      if (typeof value !== 'number') return void out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: number`);
      checkRange(value, shape, name, out);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: boolean`);
      return;
    case 'timestamp':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) out.push(`Invalid timestamp for parameter ${name}: Invalid Date`);
      } else if (typeof value === 'number') {
        if (!Number.isFinite(value)) out.push(`Invalid timestamp for parameter ${name}, value: ${show(value)}`);
      } else if (typeof value === 'string') {
        if (Number.isNaN(Date.parse(value)) && !/^\d+(\.\d+)?$/.test(value)) out.push(`Invalid timestamp for parameter ${name}, value: ${show(value)}, valid types: Date, number (epoch seconds), ISO 8601 string`);
      } else {
        out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: Date, number, string`);
      }
      return;
    case 'blob':
      if (typeof value === 'string' || Buffer.isBuffer(value) || value instanceof Uint8Array) return;
      if (isReadable(value)) return;
      out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: string, Buffer, Uint8Array, Readable`);
      return;
    default:
      return;
  }
}

function validateStructure(value: unknown, shape: Shape, name: string, out: string[]): void {
  if (shape.isDocument) return;
  if (!isPlainObject(value)) {
    out.push(`Invalid type for parameter ${name}, value: ${show(value)}, type: ${describe(value)}, valid types: object`);
    return;
  }
  for (const req of shape.required) {
    if (value[req] === undefined || value[req] === null) {
      out.push(`Missing required parameter in ${name}: "${req}"`);
    }
  }
  const memberNames = shape.memberNames;
  let setCount = 0;
  for (const [key, v] of Object.entries(value)) {
    const member = shape.member(key);
    if (!member) {
      const close = closeMatches(key, memberNames, 3);
      const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
      out.push(`Unknown parameter in ${name}: "${key}", must be one of: ${memberNames.join(', ')}${hint}`);
      continue;
    }
    if (v === undefined) continue;
    setCount++;
    validate(v, member, name === 'input' ? key : `${name}.${key}`, out);
  }
  if (shape.isUnion && setCount !== 1) {
    out.push(`Invalid number of parameters set for tagged union structure ${name}. Can only set one of the following keys: ${memberNames.join(', ')}.`);
  }
}

function checkLength(length: number, shape: Shape, name: string, out: string[], what: string): void {
  const min = shape.min;
  const max = shape.max;
  if (min !== undefined && length < min) out.push(`Invalid ${what} for parameter ${name}, value: ${length}, valid min ${what}: ${min}`);
  if (max !== undefined && length > max) out.push(`Invalid ${what} for parameter ${name}, value: ${length}, valid max ${what}: ${max}`);
}

function checkRange(value: number, shape: Shape, name: string, out: string[]): void {
  const min = shape.min;
  const max = shape.max;
  if (min !== undefined && value < min) out.push(`Invalid value for parameter ${name}, value: ${value}, valid min value: ${min}`);
  if (max !== undefined && value > max) out.push(`Invalid value for parameter ${name}, value: ${value}, valid max value: ${max}`);
}
