/**
 * TypeSerializer / TypeDeserializer: the JS <-> AttributeValue mapping, the number rule
 * (number when exact, bigint for big integers, DynamoNumber otherwise), round trips, and
 * errors that name the problem and the path of the offending value.
 */
import { DynamoNumber, TypeDeserializer, TypeSerializer } from '../../../src';

const ser = new TypeSerializer();
const de = new TypeDeserializer();

describe('TypeSerializer', () => {
  it.each([
    ['a string', 'x', { S: 'x' }],
    ['an empty string', '', { S: '' }],
    ['an integer', 3, { N: '3' }],
    ['a negative float', -1.5, { N: '-1.5' }],
    ['0.1 (its shortest form)', 0.1, { N: '0.1' }],
    ['a large float (as Decimal prints it)', 1e21, { N: '1E+21' }],
    ['a small float', 1.5e-7, { N: '1.5E-7' }],
    ['-0', -0, { N: '0' }],
    ['a bigint', 123456789012345678901234567890n, { N: '123456789012345678901234567890' }],
    ['a DynamoNumber (kept as written)', new DynamoNumber('19.990'), { N: '19.990' }],
    ['true', true, { BOOL: true }],
    ['false', false, { BOOL: false }],
    ['null', null, { NULL: true }],
    ['undefined', undefined, { NULL: true }],
    ['a Buffer', Buffer.from('hi'), { B: Buffer.from('hi') }],
    ['a Uint8Array (as a Buffer)', new Uint8Array([1, 2]), { B: Buffer.from([1, 2]) }],
    ['an ArrayBuffer', new Uint8Array([3]).buffer, { B: Buffer.from([3]) }],
    ['a Set of strings', new Set(['a', 'b']), { SS: ['a', 'b'] }],
    ['a Set of numbers and bigints', new Set([1, 2n, 2.5]), { NS: ['1', '2', '2.5'] }],
    ['a Set of 1 and 1n (one number)', new Set([1, 1n]), { NS: ['1'] }],
    ['a Set of Buffers', new Set([Buffer.from('a')]), { BS: [Buffer.from('a')] }],
    ['an array (undefined is NULL, as JSON writes it)', [1, 'x', undefined], { L: [{ N: '1' }, { S: 'x' }, { NULL: true }] }],
    ['an object (undefined properties left out)', { a: 1, b: undefined, c: { d: [true] } }, { M: { a: { N: '1' }, c: { M: { d: { L: [{ BOOL: true }] } } } } }],
    ['an object without prototype', Object.assign(Object.create(null), { a: 'x' }), { M: { a: { S: 'x' } } }],
    ['a Map', new Map<string, unknown>([['k', 1]]), { M: { k: { N: '1' } } }],
  ])('%s', (_, value, expected) => {
    expect(ser.serialize(value)).toEqual(expected);
  });

  it.each([
    ['NaN', { n: NaN }, 'NaN cannot be stored in DynamoDB at n: Infinity and NaN are not supported'],
    ['Infinity', { a: [1, Infinity] }, 'Infinity cannot be stored in DynamoDB at a[1]'],
    ['a mixed Set', { s: new Set(['a', 1]) }, 'must hold only strings, only numbers or only binary values at s; this one holds string, number'],
    ['a Date', { when: new Date(0) }, 'Unsupported type Date for a DynamoDB value at when (store a Date as an ISO string or an epoch number)'],
    ['a class instance', { x: { y: new (class Point {})() } }, 'Unsupported type Point for a DynamoDB value at x.y'],
    ['a function', { f: () => 1 }, 'Unsupported type function for a DynamoDB value at f'],
    ['a symbol', { 'odd key': Symbol('s') }, 'Unsupported type symbol for a DynamoDB value at ["odd key"]'],
    ['a non-string Map key', new Map([[1, 'x']]), 'DynamoDB map keys must be strings, got number'],
    ['more than 38 digits', 123456789012345678901234567890123456789n, 'has 39 significant digits (DynamoDB keeps at most 38)'],
    ['a number over DynamoDB range', 1e200, 'The number 1E+200 cannot be stored in DynamoDB: it is larger than DynamoDB numbers can be'],
    ['a number under DynamoDB range', 1e-200, 'closer to zero than DynamoDB numbers can be'],
  ])('refuses %s, naming the path', (_, value, message) => {
    expect(() => ser.serialize(value)).toThrow(TypeError);
    expect(() => ser.serialize(value)).toThrow(message);
  });

  it('serializes an empty Set as { NS: [] }, as boto3 (TypeSerializer().serialize(set()) == {"NS": []})', () => {
    // boto3 1.43.11 tests for a number set first, and all() of no elements holds.
    expect(ser.serialize(new Set())).toEqual({ NS: [] });
    expect(ser.serialize({ tags: new Set<string>() })).toEqual({ M: { tags: { NS: [] } } });
  });

  it('uses the path it is given (the transformation passes Item.x)', () => {
    expect(() => ser.serialize(NaN, 'Item.score')).toThrow('at Item.score');
  });
});

describe('TypeDeserializer', () => {
  it.each([
    ['S', { S: 'x' }, 'x'],
    ['BOOL', { BOOL: false }, false],
    ['NULL', { NULL: true }, null],
    ['N integer', { N: '42' }, 42],
    ['N negative fraction', { N: '-2.5' }, -2.5],
    ['N 0.1 (prints back the same)', { N: '0.1' }, 0.1],
    ['N with exponent', { N: '1.5E+3' }, 1500],
    ['N max safe integer', { N: '9007199254740991' }, Number.MAX_SAFE_INTEGER],
    ['N past the safe range -> bigint', { N: '9007199254740993' }, 9007199254740993n],
    ['N large negative -> bigint', { N: '-123456789012345678901234567890' }, -123456789012345678901234567890n],
    ['N 1E+21 -> bigint', { N: '1E+21' }, 10n ** 21n],
    ['B (Buffer)', { B: Buffer.from('hi') }, Buffer.from('hi')],
    ['B as base64 text (streams)', { B: 'aGk=' }, Buffer.from('hi')],
    ['SS', { SS: ['a', 'b'] }, new Set(['a', 'b'])],
    ['NS', { NS: ['1', '2.5'] }, new Set([1, 2.5])],
    ['BS', { BS: [Buffer.from('a')] }, new Set([Buffer.from('a')])],
    ['L', { L: [{ S: 'a' }, { N: '1' }] }, ['a', 1]],
    ['M', { M: { a: { M: { b: { L: [] } } } } }, { a: { b: [] } }],
  ])('%s', (_, value, expected) => {
    expect(de.deserialize(value)).toEqual(expected);
  });

  it('keeps fractions a double cannot hold as an exact DynamoNumber', () => {
    const v = de.deserialize({ N: '3.14159265358979323846' });
    expect(v).toBeInstanceOf(DynamoNumber);
    expect(String(v)).toBe('3.14159265358979323846');
    expect((v as DynamoNumber).toNumber()).toBeCloseTo(Math.PI);
    expect(JSON.stringify({ v })).toBe('{"v":"3.14159265358979323846"}');
    expect(de.deserialize({ N: '0.30000000000000000001' })).toEqual(new DynamoNumber('0.30000000000000000001'));
  });

  it.each([
    ['a non-object', 'x', "Expected a DynamoDB AttributeValue (an object such as { S: 'x' }) at Item.a, got string"],
    ['an empty object', {}, 'Expected a DynamoDB AttributeValue at Item.a, got an empty object'],
    ['an unknown type', { Q: 1 }, "DynamoDB type 'Q' at Item.a is not supported"],
    ['a bad number', { N: 'abc' }, "'abc' is not a DynamoDB number at Item.a"],
    ['a non-array list', { L: 'x' }, 'A DynamoDB L value must be an array at Item.a'],
  ])('refuses %s, naming the path', (_, value, message) => {
    expect(() => de.deserialize(value, 'Item.a')).toThrow(message);
  });
});

describe('round trips', () => {
  it.each([
    ['a nested item', { pk: 'a', n: 3, f: -0.25, ok: true, none: null, tags: new Set(['x', 'y']), nums: new Set([1, 2]), list: [1, ['a', { b: false }]], bin: Buffer.from([0, 255]) }],
    ['big and precise numbers', { big: 2n ** 100n, exact: new DynamoNumber('1.000000000000000000000000000000000001'), max: Number.MAX_SAFE_INTEGER }],
    ['empty containers', { l: [], m: {}, s: '' }],
  ])('%s', (_, item) => {
    expect(de.deserialize(ser.serialize(item))).toEqual(item);
  });

  it('DynamoNumber validates and compares by value', () => {
    expect(() => new DynamoNumber('1.2.3')).toThrow("DynamoNumber: '1.2.3' is not a decimal number");
    expect(() => new DynamoNumber(NaN)).toThrow('DynamoNumber: NaN is not a finite number');
    expect(new DynamoNumber('1.50').equals('1.5')).toBe(true);
    expect(new DynamoNumber('15E-1').equals(1.5)).toBe(true);
    expect(new DynamoNumber('1E+2').toBigInt()).toBe(100n);
    expect(() => new DynamoNumber('1.5').toBigInt()).toThrow(RangeError);
  });
});
