/**
 * json-text.ts writes JSON as Python's json.dumps does with its defaults (the bytes botocore
 * sends): `, ` and `: ` separators, ensure_ascii escapes, floats as Python's repr. Expected texts
 * are python3's json.dumps output for the same values.
 */
import { JsonNumber, jsonText, pyFloatRepr } from '../../../../src/util/json-text';
import { makeOp } from './model-helper';
import { serializeJson } from '../../../../src/protocols/serialize/json';

describe('jsonText', () => {
  it('uses json.dumps default separators, and none inside empty containers', () => {
    expect(jsonText({ a: [1, 2], b: {}, c: [], d: { e: null, f: true } })).toBe('{"a": [1, 2], "b": {}, "c": [], "d": {"e": null, "f": true}}');
    expect(jsonText({ a: [1, { b: 'x:y, z' }] }, 'compact')).toBe('{"a":[1,{"b":"x:y, z"}]}');
  });

  it('escapes as ensure_ascii does: non-ASCII and DEL as \\uXXXX (surrogate pairs for astral), controls short where Python has them', () => {
    expect(jsonText(['é', '日本', '😀', '\u007f', '\u0000\u001f\b\f\n\r\t', '"\\/', '\u2028', 'a\ud800b', '<>&\''])).toBe(
      '["\\u00e9", "\\u65e5\\u672c", "\\ud83d\\ude00", "\\u007f", "\\u0000\\u001f\\b\\f\\n\\r\\t", "\\"\\\\/", "\\u2028", "a\\ud800b", "<>&\'"]',
    );
    expect(jsonText({ 'ü': 1 })).toBe('{"\\u00fc": 1}');
  });

  it('writes numbers as Python does: integers as ints, fractions as float repr', () => {
    expect(jsonText([5, -3, 0, 1.5, 0.1 + 0.2, 1e-5, 1.5e-7, 1e21, 12345678901234567890n, new JsonNumber('1704164645.0')])).toBe(
      '[5, -3, 0, 1.5, 0.30000000000000004, 1e-05, 1.5e-07, 1000000000000000000000, 12345678901234567890, 1704164645.0]',
    );
    expect(jsonText([NaN, Infinity])).toBe('[null, null]');
  });

  it('follows JSON.stringify for toJSON, undefined and functions', () => {
    expect(jsonText({ d: new Date(Date.UTC(2024, 0, 2)), u: undefined, f: () => 1, l: [undefined] })).toBe('{"d": "2024-01-02T00:00:00.000Z", "l": [null]}');
  });

  it('throws a TypeError on a cycle', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(() => jsonText(a)).toThrow(TypeError);
  });
});

describe('pyFloatRepr', () => {
  it.each([
    [0.5, '0.5'], [10.75, '10.75'], [1, '1.0'], [-0, '-0.0'], [0.0001, '0.0001'], [0.00012345, '0.00012345'],
    [1e-5, '1e-05'], [5e-324, '5e-324'], [1e16, '1e+16'], [1.2345e20, '1.2345e+20'], [1e300, '1e+300'],
    [123456789.123, '123456789.123'], [9007199254740993.5, '9007199254740994.0'], [-1e-10, '-1e-10'],
  ])('%p -> %s', (n, text) => expect(pyFloatRepr(n)).toBe(text));
});

describe('json protocol numbers by shape', () => {
  const op = makeOp(
    'json',
    { Input: { type: 'structure', members: { Limit: { shape: 'Int' }, Score: { shape: 'Dbl' } } }, Int: { type: 'integer' }, Dbl: { type: 'double' } } as never,
    {},
    { jsonVersion: '1.0', targetPrefix: 'T' },
  );
  const body = (params: Record<string, unknown>) => serializeJson(op, params, { service: op.service }).body;

  it('writes a whole double as a Python caller passes it (an int), a fraction as float repr, past 1e16 as a float', () => {
    expect(body({ Limit: 5, Score: 5 })).toBe('{"Limit": 5, "Score": 5}');
    expect(body({ Score: 2.25 })).toBe('{"Score": 2.25}');
    expect(body({ Score: 1e-7 })).toBe('{"Score": 1e-07}');
    expect(body({ Score: 1e17 })).toBe('{"Score": 1e+17}');
    expect(body({ Score: NaN })).toBe('{"Score": "NaN"}');
  });
});
