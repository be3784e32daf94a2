/**
 * TypeSerializer and TypeDeserializer (boto3.dynamodb.types): native JS values to DynamoDB
 * AttributeValues and back. The DynamoDB resource's client runs every AttributeValue-typed
 * member through them (transform.ts); they are public for streams, exports and low-level use.
 *
 *   JS                                         DynamoDB
 *   string                                     { S }
 *   number (finite), bigint, DynamoNumber      { N: '3' }     NaN/Infinity are refused
 *   boolean                                    { BOOL }
 *   null, undefined                            { NULL: true } (an undefined object property is left out, as JSON does)
 *   Buffer, Uint8Array, ArrayBuffer            { B }          (Buffer when read back)
 *   Set<string> / Set<number|bigint|DynamoNumber> / Set<Buffer|Uint8Array>   { SS } / { NS } / { BS }
 *   Array                                      { L }
 *   plain object, Map<string, ...>             { M }
 *
 * Reading back, `N` becomes a JS number when that loses nothing: an integer within
 * Number.MAX_SAFE_INTEGER, or a fraction whose number prints as the same decimal (`'0.1'`).
 * Larger integers become `bigint`, other fractions a `DynamoNumber` (the exact decimal
 * string). boto3 returns Decimal for all of them; JS has no decimal type, so the common case
 * stays a plain number and nothing is ever rounded silently.
 *
 * Errors are TypeErrors (as boto3's) naming the problem and the path of the value
 * (`Item.tags[2]`). An empty Set serializes as `{ NS: [] }`, exactly as boto3's (its number-set
 * test comes first and holds for no elements); DynamoDB itself refuses empty sets, so the call
 * fails there, with the service's ValidationException, as it does in boto3.
 *
 * Attribute names and map keys are data: `__proto__`, `constructor` and `prototype` are kept
 * as own keys both ways (setOwn), never taken for the object's prototype.
 */
import { types } from 'util';
import { isPlainObject, setOwn } from '../../util/objects';
import { decimalProblem, DynamoNumber, numberFromDynamo, numberToDynamo, parseDecimal } from './number';

/** A DynamoDB AttributeValue, as the low-level client takes and returns it. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: Buffer | Uint8Array }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: Array<Buffer | Uint8Array> }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: boolean }
  | { BOOL: boolean };

/** What the serializer accepts (and, without the input-only forms, what the deserializer returns). */
export type NativeAttributeValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | DynamoNumber
  | Uint8Array
  | ArrayBuffer
  | Set<string>
  | Set<number | bigint | DynamoNumber>
  | Set<Uint8Array>
  | NativeAttributeValue[]
  | Map<string, NativeAttributeValue>
  | { [name: string]: NativeAttributeValue };

/**
 * A path that is not tracked: the resource client converts every value of every call, and
 * building `Items[41].tags[2]` for each one only serves an error message. It converts with this
 * first and, if a TypeError is thrown, again with real paths for the message (withPaths).
 */
export const UNTRACKED_PATH = '\u0000untracked';

/** Runs `convert` without paths, and again with them when it throws a TypeError to report. */
export function withPaths<T>(convert: (root: string) => T): T {
  try {
    return convert(UNTRACKED_PATH);
  } catch (error) {
    if (error instanceof TypeError) return convert('');
    throw error;
  }
}

/** Where a value sits, for error messages: `Item.tags[2]`, `Key["my key"]`. */
export function childPath(path: string, key: string | number): string {
  if (path === UNTRACKED_PATH) return path;
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_][\w-]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

const at = (path: string) => (path ? ` at ${path}` : '');

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const ctor = (value as { constructor?: { name?: string } }).constructor?.name;
  return ctor ? ctor : 'object';
}


const isBinary = (v: unknown): v is Uint8Array | ArrayBuffer => types.isUint8Array(v) || types.isArrayBuffer(v);
const isNumberLike = (v: unknown): v is number | bigint | DynamoNumber => typeof v === 'number' || typeof v === 'bigint' || v instanceof DynamoNumber;
const toBuffer = (v: Uint8Array | ArrayBuffer): Buffer => (Buffer.isBuffer(v) ? v : types.isArrayBuffer(v) ? Buffer.from(v) : Buffer.from(v.buffer, v.byteOffset, v.byteLength));

/** Serializes native JS values to AttributeValues (boto3's TypeSerializer). */
export class TypeSerializer {
  /**
   * @param path where `value` sits, used in error messages only
   * @throws TypeError for a value DynamoDB cannot store (NaN, a mixed Set, a Date, ...)
   */
  serialize(value: unknown, path = ''): AttributeValue {
    if (value === null || value === undefined) return { NULL: true };
    switch (typeof value) {
      case 'boolean':
        return { BOOL: value };
      case 'string':
        return { S: value };
      case 'number':
      case 'bigint':
        return { N: this.number(value, path) };
      case 'object':
        break;
      default:
        throw new TypeError(`Unsupported type ${typeof value} for a DynamoDB value${at(path)}`);
    }
    if (value instanceof DynamoNumber) return { N: this.number(value, path) };
    if (isBinary(value)) return { B: toBuffer(value) };
    if (Array.isArray(value)) return { L: value.map((v, i) => this.serialize(v, childPath(path, i))) };
    if (types.isSet(value)) return this.set(value as Set<unknown>, path);
    if (types.isMap(value)) {
      const out: Record<string, AttributeValue> = {};
      for (const [k, v] of value as Map<unknown, unknown>) {
        if (typeof k !== 'string') throw new TypeError(`DynamoDB map keys must be strings, got ${describe(k)}${at(path)}`);
        if (v !== undefined) setOwn(out, k, this.serialize(v, childPath(path, k)));
      }
      return { M: out };
    }
    if (isPlainObject(value)) return { M: this.map(value, path) };
    const hint = types.isDate(value) ? ' (store a Date as an ISO string or an epoch number)' : '';
    throw new TypeError(`Unsupported type ${describe(value)} for a DynamoDB value${at(path)}${hint}`);
  }

  /** Serializes each property of `item` (an Item or Key), leaving out undefined ones. */
  map(item: Record<string, unknown>, path = ''): Record<string, AttributeValue> {
    const out: Record<string, AttributeValue> = {};
    for (const [k, v] of Object.entries(item)) if (v !== undefined) setOwn(out, k, this.serialize(v, childPath(path, k)));
    return out;
  }

  private number(value: number | bigint | DynamoNumber, path: string): string {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`${value} cannot be stored in DynamoDB${at(path)}: Infinity and NaN are not supported`);
    }
    const text = typeof value === 'number' ? numberToDynamo(value) : value.toString();
    const problem = decimalProblem(parseDecimal(text) as NonNullable<ReturnType<typeof parseDecimal>>);
    if (problem) throw new TypeError(`The number ${text}${at(path)} cannot be stored in DynamoDB: ${problem}`);
    return text;
  }

  private set(value: Set<unknown>, path: string): AttributeValue {
    const items = [...value];
    // Numbers are tested first, as boto3 does: an empty Set is a number set there too.
    // 1 and 1n are different Set members but one DynamoDB number: send it once.
    if (items.every(isNumberLike)) return { NS: [...new Set(items.map((v, i) => this.number(v, childPath(path, i))))] };
    if (items.every((v) => typeof v === 'string')) return { SS: items as string[] };
    if (items.every(isBinary)) return { BS: items.map(toBuffer) };
    const kinds = [...new Set(items.map(describe))].join(', ');
    throw new TypeError(`A Set stored in DynamoDB must hold only strings, only numbers or only binary values${at(path)}; this one holds ${kinds}`);
  }
}

const TYPE_KEYS = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'];

/** Deserializes AttributeValues to native JS values (boto3's TypeDeserializer). */
export class TypeDeserializer {
  /**
   * @param path where `value` sits, used in error messages only
   * @throws TypeError when `value` is not an AttributeValue
   */
  deserialize(value: unknown, path = ''): NativeAttributeValue {
    if (!isPlainObject(value)) throw new TypeError(`Expected a DynamoDB AttributeValue (an object such as { S: 'x' })${at(path)}, got ${describe(value)}`);
    // The wire format has exactly one member; a parsed union may carry undefined siblings.
    let type: string | undefined;
    for (const k in value) {
      if (Object.prototype.hasOwnProperty.call(value, k) && value[k] !== undefined) {
        type = k;
        break;
      }
    }
    if (type === undefined) throw new TypeError(`Expected a DynamoDB AttributeValue${at(path)}, got an empty object`);
    const v = value[type];
    switch (type) {
      case 'S':
      case 'BOOL':
        return v as string | boolean;
      case 'NULL':
        return null;
      case 'N':
        return this.number(v, path);
      case 'B':
        return this.binary(v, path);
      case 'SS':
        return new Set(this.list(v, type, path) as string[]);
      case 'NS':
        return new Set(this.list(v, type, path).map((n, i) => this.number(n, childPath(path, i))));
      case 'BS':
        return new Set(this.list(v, type, path).map((b, i) => this.binary(b, childPath(path, i))));
      case 'L':
        return this.list(v, type, path).map((x, i) => this.deserialize(x, childPath(path, i)));
      case 'M':
        return this.map(v as Record<string, unknown>, path);
      default:
        throw new TypeError(`DynamoDB type '${type}'${at(path)} is not supported (expected one of ${TYPE_KEYS.join(', ')})`);
    }
  }

  /** Deserializes each attribute of `item` (an Item or Key). */
  map(item: Record<string, unknown>, path = ''): Record<string, NativeAttributeValue> {
    if (!isPlainObject(item)) throw new TypeError(`Expected a map of AttributeValues${at(path)}, got ${describe(item)}`);
    const out: Record<string, NativeAttributeValue> = {};
    for (const k in item) {
      if (Object.prototype.hasOwnProperty.call(item, k)) setOwn(out, k, this.deserialize(item[k], childPath(path, k)));
    }
    return out;
  }

  private number(v: unknown, path: string): number | bigint | DynamoNumber {
    if (typeof v !== 'string') throw new TypeError(`A DynamoDB N value must be a string${at(path)}, got ${describe(v)}`);
    try {
      return numberFromDynamo(v);
    } catch (e) {
      throw new TypeError(`${(e as Error).message}${at(path)}`);
    }
  }

  private binary(v: unknown, path: string): Buffer {
    if (isBinary(v)) return toBuffer(v);
    // Raw JSON (DynamoDB Streams records, exports) carries binary as base64 text.
    if (typeof v === 'string') return Buffer.from(v, 'base64');
    throw new TypeError(`A DynamoDB B value must be binary or base64 text${at(path)}, got ${describe(v)}`);
  }

  private list(v: unknown, type: string, path: string): unknown[] {
    if (!Array.isArray(v)) throw new TypeError(`A DynamoDB ${type} value must be an array${at(path)}, got ${describe(v)}`);
    return v;
  }
}
