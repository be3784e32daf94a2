/**
 * Default validation is botocore's ParamValidator. The model below is the one
 * botocore.model.ServiceModel was given to produce each expected line (botocore 1.43.11,
 * `ParamValidator().validate(params, shape).generate_report()`); type names are JS's where
 * botocore prints Python's (`<class 'str'>` -> string).
 */
import { ServiceModel } from '../../../src/models/service-model';
import { validateParams } from '../../../src/validate/validate';

const model = new ServiceModel({
  metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' },
  operations: {},
  shapes: {
    Input: {
      type: 'structure',
      required: ['Name', 'Count'],
      members: {
        Name: { shape: 'Name' }, Count: { shape: 'Count' }, Tags: { shape: 'Tags' }, Color: { shape: 'Color' },
        When: { shape: 'When' }, Data: { shape: 'Data' }, Attrs: { shape: 'Attrs' }, Choice: { shape: 'Choice' },
        Ratio: { shape: 'Ratio' }, Flag: { shape: 'Flag' }, Label: { shape: 'Label' }, Route: { shape: 'Plain', hostLabel: true },
      },
    },
    Name: { type: 'string', min: 3, max: 8, pattern: '^[a-z]+$' },
    Count: { type: 'integer', min: 1, max: 10 },
    Tags: { type: 'list', member: { shape: 'Name' }, min: 1, max: 2 },
    Color: { type: 'string', enum: ['red', 'green', 'blue'] },
    When: { type: 'timestamp' },
    Data: { type: 'blob', min: 2, max: 3 },
    Attrs: { type: 'map', key: { shape: 'Name' }, value: { shape: 'Count' }, min: 1, max: 1 },
    Choice: { type: 'structure', union: true, members: { A: { shape: 'Name' }, B: { shape: 'Count' } } },
    Ratio: { type: 'double', min: 0.5, max: 2 },
    Flag: { type: 'boolean' },
    Label: { type: 'string', min: 2 },
    Plain: { type: 'string' },
  },
});
const input = model.shape('Input');
const ok = { Name: 'abc', Count: 1 };

describe('default validation checks what botocore checks', () => {
  it('no max, enum or pattern (botocore: no problem); strict reports each', () => {
    const params = { Name: 'abcdefghijk', Count: 11, Tags: ['abc', 'abd', 'ABE'], Color: 'rde', Ratio: 5, Data: Buffer.from('abcdef'), Attrs: { abc: 1, abd: 2 } };
    expect(validateParams(params, input)).toEqual([]);
    expect(validateParams(params, input, 'input', { strict: true })).toEqual([
      'Invalid length for parameter Name, value: 11, valid max length: 8',
      'Invalid value for parameter Count, value: 11, valid max value: 10',
      'Invalid length for parameter Tags, value: 3, valid max length: 2',
      'Invalid value for parameter Tags[2], value: "ABE", does not match pattern: ^[a-z]+$',
      'Invalid value for parameter Color, value: "rde", valid values: red, green, blue (did you mean "red"?)',
      'Invalid value for parameter Ratio, value: 5, valid max value: 2',
    ]);
  });

  it('a string length is counted in code points, as Python len()', () => {
    expect(validateParams({ ...ok, Label: '\u{1F600}' }, input)).toEqual(['Invalid length for parameter Label, value: 1, valid min length: 2']);
    expect(validateParams({ ...ok, Label: '\u{1F600}\u{1F600}' }, input)).toEqual([]);
  });

  it('a host label member without a min has min 1', () => {
    expect(validateParams({ ...ok, Route: '' }, input)).toEqual(['Invalid length for parameter Route, value: 0, valid min length: 1']);
  });

  it('null is present but of the wrong type: no "Missing required" line', () => {
    expect(validateParams({ Name: null, Count: 1 }, input)).toEqual(['Invalid type for parameter Name, value: null, type: null, valid types: string']);
  });

  it('a union with no member set, with several, and with a member the SDK does not know', () => {
    expect(validateParams({ ...ok, Choice: {} }, input)).toEqual(['Must set one of the following keys for tagged union structure Choice: A, B.']);
    expect(validateParams({ ...ok, Choice: { A: 'abc', B: 2 } }, input)).toEqual([
      'Invalid number of parameters set for tagged union structure Choice. Can only set one of the following keys: A, B.',
    ]);
    expect(validateParams({ ...ok, Choice: { A: 'abc', SDK_UNKNOWN_MEMBER: { name: 'x' } } }, input)).toEqual([
      'Invalid number of parameters set for tagged union structure Choice. Can only set one of the following keys: A, B.',
      // botojs adds the closest member names to botocore's line.
      expect.stringMatching(/^Unknown parameter in Choice: "SDK_UNKNOWN_MEMBER", must be one of: A, B( \(did you mean .*\?\))?$/),
    ]);
    expect(validateParams({ ...ok, Choice: { C: 1 } }, input)).toEqual([expect.stringMatching(/^Unknown parameter in Choice: "C", must be one of: A, B\b/)]);
  });

  it('a timestamp that does not parse is an invalid type', () => {
    expect(validateParams({ ...ok, When: 'not a date' }, input)).toEqual([
      'Invalid type for parameter When, value: "not a date", type: string, valid types: Date, number (epoch seconds), timestamp string',
    ]);
    expect(validateParams({ ...ok, When: new Date(NaN) }, input)).toEqual([
      'Invalid type for parameter When, value: Invalid Date, type: Date, valid types: Date, number (epoch seconds), timestamp string',
    ]);
  });
});

describe('header jsonvalue strings take any JSON value (botocore: json.dumps must succeed)', () => {
  const m = new ServiceModel({
    metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'rest-json', serviceId: 'X' },
    operations: {},
    shapes: {
      In: { type: 'structure', members: { Attrs: { shape: 'AttributesString', jsonvalue: true, location: 'header', locationName: 'x-attrs' } } },
      AttributesString: { type: 'string', sensitive: true },
    },
  });
  const shape = m.shape('In');

  it('an object, a list, a number are accepted', () => {
    expect(validateParams({ Attrs: { a: 'b' } }, shape)).toEqual([]);
    expect(validateParams({ Attrs: [1, 'x'] }, shape)).toEqual([]);
    expect(validateParams({ Attrs: 'text' }, shape)).toEqual([]);
  });

  it('a value JSON cannot write is refused', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(validateParams({ Attrs: { n: 1n } }, shape)).toEqual([expect.stringMatching(/^Invalid parameter Attrs must be json serializable: .*BigInt/)]);
    const [line] = validateParams({ Attrs: cyclic }, shape);
    expect(line).toMatch(/^Invalid parameter Attrs must be json serializable: Converting circular structure to JSON/);
    expect(line).not.toContain('\n');
    expect(validateParams({ Attrs: () => 1 }, shape)).toEqual(['Invalid parameter Attrs must be json serializable: function has no JSON form']);
  });
});
