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
        Name: { shape: 'Name' },
        Count: { shape: 'Count' },
        Tags: { shape: 'Tags' },
        Color: { shape: 'Color' },
        When: { shape: 'When' },
        Data: { shape: 'Data' },
        Attrs: { shape: 'Attrs' },
        Choice: { shape: 'Choice' },
        Ratio: { shape: 'Ratio' },
        Flag: { shape: 'Flag' },
      },
    },
    Name: { type: 'string', min: 3, max: 8, pattern: '^[a-z]+$' },
    Count: { type: 'integer', min: 1, max: 10 },
    Tags: { type: 'list', member: { shape: 'Name' }, max: 2 },
    Color: { type: 'string', enum: ['red', 'green', 'blue'] },
    When: { type: 'timestamp' },
    Data: { type: 'blob' },
    Attrs: { type: 'map', key: { shape: 'Name' }, value: { shape: 'Count' } },
    Choice: { type: 'structure', union: true, members: { A: { shape: 'Name' }, B: { shape: 'Count' } } },
    Ratio: { type: 'double' },
    Flag: { type: 'boolean' },
  },
});
const input = model.shape('Input');

describe('validateParams', () => {
  it('accepts valid input', () => {
    expect(validateParams({ Name: 'abc', Count: 3, Tags: ['abc'], Color: 'red', When: new Date(), Data: Buffer.from('x'), Attrs: { abc: 2 }, Choice: { A: 'abc' }, Ratio: 0.5, Flag: true }, input)).toEqual([]);
    expect(validateParams({ Name: 'abc', Count: 3, When: '2020-01-01T00:00:00Z', Data: 'text' }, input)).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateParams({ Nmae: 'abc', Count: 'three', Color: 'rde', Flag: 'yes' }, input);
    expect(problems).toEqual([
      'Missing required parameter in input: "Name"',
      expect.stringMatching(/Unknown parameter in input: "Nmae".*did you mean "Name"/),
      expect.stringMatching(/Invalid type for parameter Count, value: "three", type: string, valid types: integer/),
      expect.stringMatching(/Invalid type for parameter Flag/),
    ]);
    // The enum is checked in strict mode only, with the closest values.
    expect(validateParams({ Nmae: 'abc', Count: 'three', Color: 'rde', Flag: 'yes' }, input, 'input', { strict: true })).toContainEqual(
      expect.stringMatching(/Invalid value for parameter Color.*did you mean "red"/),
    );
  });

  it('checks min lengths and ranges; strict also max and patterns', () => {
    const params = { Name: 'ab', Count: 11, Tags: ['abc', 'abd', 'abe'] };
    expect(validateParams(params, input)).toEqual(['Invalid length for parameter Name, value: 2, valid min length: 3']);
    const problems = validateParams(params, input, 'input', { strict: true });
    expect(problems).toContain('Invalid length for parameter Name, value: 2, valid min length: 3');
    expect(problems).toContain('Invalid value for parameter Count, value: 11, valid max value: 10');
    expect(problems).toContain('Invalid length for parameter Tags, value: 3, valid max length: 2');
    expect(validateParams({ Name: 'ABC', Count: 1 }, input)).toEqual([]);
    expect(validateParams({ Name: 'ABC', Count: 1 }, input, 'input', { strict: true })).toEqual([expect.stringMatching(/does not match pattern/)]);
  });

  it('checks nested lists, maps and unions', () => {
    const problems = validateParams({ Name: 'abc', Count: 1, Tags: ['ok', 5], Attrs: { abc: 'x' }, Choice: { A: 'abc', B: 2 } }, input);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Tags\[0\], value: 2, valid min length: 3/),
        expect.stringMatching(/Invalid type for parameter Tags\[1\]/),
        expect.stringMatching(/Invalid type for parameter Attrs.abc/),
        expect.stringMatching(/tagged union structure Choice/),
      ]),
    );
  });

  it('rejects parameters for an operation without input', () => {
    expect(validateParams({ X: 1 }, undefined)).toEqual([expect.stringMatching(/takes no parameters/)]);
    expect(validateParams({}, undefined)).toEqual([]);
  });
});

describe('sensitive values', () => {
  const m = new ServiceModel({
    metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' },
    operations: {},
    shapes: {
      In: { type: 'structure', members: { Password: { shape: 'Secret' }, Pin: { shape: 'Pin' } } },
      Secret: { type: 'string', sensitive: true, min: 20 },
      Pin: { type: 'string', sensitive: true, pattern: '^[0-9]+$' },
    },
  });
  it('never shows them in messages', () => {
    const problems = validateParams({ Password: 'hunter2' }, m.shape('In'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toContain('hunter2');
    const typed = validateParams({ Password: 12345678 }, m.shape('In'));
    expect(typed[0]).toMatch(/Invalid type for parameter Password, value: <sensitive>, type: number/);
    expect(typed[0]).not.toContain('12345678');
  });

  it('never shows them, even when the value reads like the rest of the message', () => {
    const problems = validateParams({ Pin: '12, does-not-match 9876' }, m.shape('In'), 'input', { strict: true });
    expect(problems).toEqual(['Invalid value for parameter Pin, value: <sensitive>, does not match pattern: ^[0-9]+$']);
  });
});
