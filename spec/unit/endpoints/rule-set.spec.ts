/** The rules engine on tiny inline rule sets: parameters, rule kinds, assign, templates, caching. */
import { EndpointResolutionError } from '../../../src/errors';
import { compileRuleSet, resolveEndpoint } from '../../../src/endpoints';

const partitions = {
  partitions: [
    { id: 'aws', regionRegex: '^us\\-\\w+\\-\\d+$', regions: {}, outputs: { dnsSuffix: 'amazonaws.com', supportsFIPS: true } },
    { id: 'aws-cn', regionRegex: '^cn\\-\\w+\\-\\d+$', regions: {}, outputs: { dnsSuffix: 'amazonaws.com.cn', supportsFIPS: false } },
  ],
};

const ruleSet = {
  version: '1.0',
  parameters: {
    Region: { type: 'String', builtIn: 'AWS::Region', required: true },
    UseFIPS: { type: 'Boolean', builtIn: 'AWS::UseFIPS', required: true, default: false },
    Endpoint: { type: 'String', builtIn: 'SDK::Endpoint' },
    Names: { type: 'stringArray', default: ['a', 'b'] },
  },
  rules: [
    {
      type: 'tree',
      conditions: [{ fn: 'isSet', argv: [{ ref: 'Endpoint' }] }],
      rules: [
        {
          type: 'endpoint',
          conditions: [{ fn: 'parseURL', argv: [{ ref: 'Endpoint' }], assign: 'url' }],
          endpoint: { url: '{url#scheme}://{url#authority}{url#normalizedPath}x', properties: {}, headers: {} },
        },
        { type: 'error', conditions: [], error: 'Invalid endpoint: {Endpoint}' },
      ],
    },
    {
      type: 'tree',
      conditions: [{ fn: 'aws.partition', argv: [{ ref: 'Region' }], assign: 'PartitionResult' }],
      rules: [
        {
          type: 'tree',
          conditions: [{ fn: 'booleanEquals', argv: [{ ref: 'UseFIPS' }, true] }],
          rules: [
            {
              type: 'endpoint',
              conditions: [
                { fn: 'booleanEquals', argv: [true, { fn: 'getAttr', argv: [{ ref: 'PartitionResult' }, 'supportsFIPS'] }] },
              ],
              endpoint: {
                url: 'https://svc-fips.{Region}.{PartitionResult#dnsSuffix}',
                properties: { authSchemes: [{ name: 'sigv4', signingRegion: '{Region}', signingName: 'svc' }] },
                headers: { 'x-first': ['{Names}', 'literal'] },
              },
            },
            { type: 'error', conditions: [], error: 'FIPS is not supported in {PartitionResult#name}' },
          ],
        },
        {
          type: 'endpoint',
          conditions: [{ fn: 'stringEquals', argv: [{ fn: 'getAttr', argv: [{ ref: 'Names' }, '[0]'] }, 'a'] }],
          endpoint: { url: 'https://svc.{Region}.{PartitionResult#dnsSuffix}', properties: { k: { nested: ['{Region}'] } } },
        },
      ],
    },
  ],
};

describe('resolveEndpoint', () => {
  it('resolves templates over parameters and assigned values', () => {
    expect(resolveEndpoint(ruleSet, { Region: 'us-west-2' }, partitions)).toEqual({
      url: 'https://svc.us-west-2.amazonaws.com',
      headers: {},
      properties: { k: { nested: ['us-west-2'] } },
    });
  });

  it('resolves headers and properties of the matching endpoint rule', () => {
    const r = resolveEndpoint(ruleSet, { Region: 'us-east-1', UseFIPS: true }, partitions);
    expect(r.url).toBe('https://svc-fips.us-east-1.amazonaws.com');
    expect(r.properties).toEqual({ authSchemes: [{ name: 'sigv4', signingRegion: 'us-east-1', signingName: 'svc' }] });
    expect(r.headers['x-first'][1]).toBe('literal');
  });

  it('throws the error rule message, templated', () => {
    expect(() => resolveEndpoint(ruleSet, { Region: 'cn-north-1', UseFIPS: true }, partitions)).toThrow(
      new EndpointResolutionError('FIPS is not supported in aws-cn'),
    );
  });

  it('uses parseURL results through assign', () => {
    expect(resolveEndpoint(ruleSet, { Region: 'us-east-1', Endpoint: 'http://localhost:4566/base/../p' }, partitions).url).toBe(
      'http://localhost:4566/p/x',
    );
    expect(() => resolveEndpoint(ruleSet, { Region: 'us-east-1', Endpoint: 'localhost' }, partitions)).toThrow(
      'Invalid endpoint: localhost',
    );
  });

  it('enforces required parameters and parameter types', () => {
    expect(() => resolveEndpoint(ruleSet, {}, partitions)).toThrow('Cannot find value for required parameter Region');
    expect(() => resolveEndpoint(ruleSet, { Region: 'us-east-1', UseFIPS: 'yes' }, partitions)).toThrow(
      /Value \(UseFIPS\) is the wrong type/,
    );
  });

  it('reports parameters when no rule matches', () => {
    expect(() => resolveEndpoint(ruleSet, { Region: 'us-east-1', Names: ['z'] }, partitions)).toThrow(
      /No endpoint found for parameters:\nRegion: us-east-1/,
    );
  });

  it('compiles a rule set once per rule-set and partitions object', () => {
    expect(compileRuleSet(ruleSet, partitions)).toBe(compileRuleSet(ruleSet, partitions));
    expect(compileRuleSet(ruleSet, { ...partitions })).not.toBe(compileRuleSet(ruleSet, partitions));
  });

  it('returns fresh property objects, so callers may mutate them', () => {
    const a = resolveEndpoint(ruleSet, { Region: 'us-west-2' }, partitions);
    (a.properties.k as { nested: string[] }).nested.push('mutated');
    expect(resolveEndpoint(ruleSet, { Region: 'us-west-2' }, partitions).properties).toEqual({ k: { nested: ['us-west-2'] } });
  });

  it('rejects unknown rule types and parameter types at compile time', () => {
    expect(() => resolveEndpoint({ parameters: {}, rules: [{ type: 'bogus', conditions: [] }] }, {}, partitions)).toThrow(
      /Unknown rule type: bogus/,
    );
    expect(() => resolveEndpoint({ parameters: { X: { type: 'int' } }, rules: [] }, {}, partitions)).toThrow(
      /Unknown parameter type: int/,
    );
  });
});
