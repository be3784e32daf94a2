/**
 * DynamoDB numbers in JS: `DynamoNumber`, an exact decimal string for values a JS number cannot
 * hold, and the decimal arithmetic-free helpers the type serializer uses to check and convert
 * `N` strings (parse to sign/digits/exponent, DynamoDB's limits, exact-conversion rules).
 *
 * DynamoDB numbers have up to 38 significant digits and a magnitude between 1E-130 and
 * 9.99...E+125 (or are zero). Nothing here does floating point on a decimal string except the
 * final `Number(s)`, which is only kept when it prints back as the same decimal value.
 */
import { inspect } from 'util';

/** A decimal number in canonical form: `digits` (no leading/trailing zeros) x 10^`exponent`. */
export interface Decimal {
  negative: boolean;
  /** Significant digits; `'0'` for zero. */
  digits: string;
  exponent: number;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** DynamoDB's limits (Developer Guide, "Data types": Number). */
export const MAX_DIGITS = 38;
const MAX_ADJUSTED_EXPONENT = 125;
const MIN_ADJUSTED_EXPONENT = -130;

/** Parses a decimal string (`-12.50`, `1E+21`, `.5`); undefined when it is not one. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const [, sign, whole = '', frac = '', exp = '0'] = m;
  if (whole === '' && frac === '') return undefined;
  let digits = (whole + frac).replace(/^0+/, '');
  let exponent = Number(exp) - frac.length;
  if (digits === '') return { negative: false, digits: '0', exponent: 0 };
  const trailing = /0*$/.exec(digits)?.[0].length ?? 0;
  if (trailing) {
    digits = digits.slice(0, -trailing);
    exponent += trailing;
  }
  return { negative: sign === '-', digits, exponent };
}

/** Why DynamoDB would refuse this number, or undefined when it is acceptable. */
export function decimalProblem(d: Decimal): string | undefined {
  if (d.digits === '0') return undefined;
  if (d.digits.length > MAX_DIGITS) return `it has ${d.digits.length} significant digits (DynamoDB keeps at most ${MAX_DIGITS})`;
  const adjusted = d.exponent + d.digits.length - 1;
  if (adjusted > MAX_ADJUSTED_EXPONENT) return 'it is larger than DynamoDB numbers can be (about 1E+126)';
  if (adjusted < MIN_ADJUSTED_EXPONENT) return 'it is closer to zero than DynamoDB numbers can be (1E-130)';
  return undefined;
}

/** Two decimal strings denote the same value (`1.50` and `15E-1`). */
function sameDecimal(a: Decimal, b: Decimal): boolean {
  return a.negative === b.negative && a.digits === b.digits && a.exponent === b.exponent;
}

/** The JS value of an `N` string: see TypeDeserializer for the rule. Throws on a non-number. */
export function numberFromDynamo(text: string): number | bigint | DynamoNumber {
  // Most numbers are short integers: read those without the general parse (same result).
  if (isShortInteger(text)) return Number(text) || 0;
  // So are fractions that their number prints back as (`12.5`): the rule below, sooner.
  const quick = Number(text);
  if (!Number.isInteger(quick) && Math.abs(quick) < 1e21 && String(quick) === text) return quick;
  const d = parseDecimal(text);
  if (!d) throw new TypeError(`'${text}' is not a DynamoDB number`);
  if (d.exponent >= 0) {
    // Integers below 10^15 are always safe; past that, compare exactly through BigInt.
    // (`-0` comes back as 0: DynamoDB has no negative zero.)
    if (d.digits.length + d.exponent <= 15) return quick || 0;
    const big = BigInt(`${d.negative ? '-' : ''}${d.digits}${'0'.repeat(d.exponent)}`);
    const limit = BigInt(Number.MAX_SAFE_INTEGER);
    return big <= limit && big >= -limit ? Number(big) : big;
  }
  const back = Number.isFinite(quick) ? parseDecimal(String(quick)) : undefined;
  return back && sameDecimal(back, d) ? quick : new DynamoNumber(text);
}

/** Up to 15 digits with an optional minus sign and nothing else: exact as a double. */
function isShortInteger(text: string): boolean {
  const start = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (text.length === start || text.length - start > 15) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The `N` string of a JS number (finite only), in the form Python's Decimal prints (`1E+21`). */
export function numberToDynamo(n: number): string {
  return String(n).replace('e', 'E');
}

/**
 * An exact DynamoDB number kept as its decimal string: what `N` values that a JS number cannot
 * represent exactly come back as, and what to pass when a value needs more precision than a
 * double has (prices, 38-digit ids). The string is validated when the wrapper is made.
 *
 * @example
 * await table.putItem({ Item: { pk: 'a', price: new DynamoNumber('19.999999999999999999') } });
 */
export class DynamoNumber {
  /** The decimal string, as given (`'0.30000000000000000001'`). */
  readonly value: string;

  constructor(value: string | number | bigint) {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError(`DynamoNumber: ${value} is not a finite number`);
    const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? numberToDynamo(value) : value.toString();
    if (!parseDecimal(text)) throw new TypeError(`DynamoNumber: '${text}' is not a decimal number`);
    this.value = text;
  }

  toString(): string {
    return this.value;
  }

  /** JSON carries the decimal string, so nothing is rounded on the way. */
  toJSON(): string {
    return this.value;
  }

  /** The nearest JS number (may round). */
  toNumber(): number {
    return Number(this.value);
  }

  /** The exact integer; a RangeError when the value has a fraction. */
  toBigInt(): bigint {
    const d = parseDecimal(this.value) as Decimal;
    if (d.exponent < 0) throw new RangeError(`DynamoNumber ${this.value} is not an integer`);
    return BigInt(`${d.negative ? '-' : ''}${d.digits}${'0'.repeat(d.exponent)}`);
  }

  /** Whether `other` denotes the same decimal value (`'1.50'` equals `'1.5'`). */
  equals(other: DynamoNumber | string | number | bigint): boolean {
    const a = parseDecimal(this.value) as Decimal;
    const b = parseDecimal(other instanceof DynamoNumber ? other.value : typeof other === 'number' ? numberToDynamo(other) : String(other));
    return b !== undefined && sameDecimal(a, b);
  }

  [inspect.custom](): string {
    return `DynamoNumber('${this.value}')`;
  }
}
