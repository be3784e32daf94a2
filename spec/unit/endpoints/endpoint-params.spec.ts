/** buildEndpointParams: botocore's precedence over a tiny inline model. */
import { buildEndpointParams } from '../../../src/endpoints';
import { ServiceModel, RawServiceModel } from '../../../src/models/service-model';

const model = new ServiceModel(
  {
    metadata: { apiVersion: '2020-01-01', endpointPrefix: 'svc', protocol: 'rest-json', serviceId: 'Svc' },
    clientContextParams: { ForcePathStyle: { type: 'boolean' }, Mode: { type: 'string' } },
    operations: {
      Get: {
        name: 'Get',
        http: { method: 'GET', requestUri: '/' },
        input: { shape: 'GetInput' },
        staticContextParams: { UseControl: { value: true } },
        operationContextParams: { Names: { path: 'Items[*].Name' } },
      },
      Plain: { name: 'Plain', http: { method: 'GET', requestUri: '/' } },
    },
    shapes: {
      GetInput: {
        type: 'structure',
        members: {
          Bucket: { shape: 'S', contextParam: { name: 'Bucket' } },
          Other: { shape: 'S', contextParam: { name: 'Region' } },
          Items: { shape: 'ItemList' },
        },
      },
      ItemList: { type: 'list', member: { shape: 'Item' } },
      Item: { type: 'structure', members: { Name: { shape: 'S' } } },
      S: { type: 'string' },
    },
  } as RawServiceModel,
  'svc',
);

const ruleSet = {
  parameters: {
    Region: { type: 'string', builtIn: 'AWS::Region' },
    Bucket: { type: 'string' },
    UseControl: { type: 'boolean' },
    ForcePathStyle: { type: 'boolean', builtIn: 'AWS::S3::ForcePathStyle' },
    Mode: { type: 'string' },
    Names: { type: 'stringArray' },
    Endpoint: { type: 'string', builtIn: 'SDK::Endpoint' },
    Undeclared: { type: 'string' },
  },
  rules: [],
};

describe('buildEndpointParams', () => {
  it('binds static, context, operation-context, client-context and built-in values', () => {
    const params = buildEndpointParams({
      ruleSet,
      operation: model.operation('Get'),
      input: { Bucket: 'b', Items: [{ Name: 'x' }, { Name: 'y' }] },
      builtIns: { 'AWS::Region': 'us-east-1', 'AWS::S3::ForcePathStyle': false, 'SDK::Endpoint': () => 'http://lazy' },
      clientContextParams: { force_path_style: true, mode: 'm', Undeclared: 'not in model' },
    });
    expect(params).toEqual({
      Region: 'us-east-1',
      Bucket: 'b',
      UseControl: true,
      ForcePathStyle: true,
      Mode: 'm',
      Names: ['x', 'y'],
      Endpoint: 'http://lazy',
    });
  });

  it('prefers a context param over the built-in, and omits unset values', () => {
    const params = buildEndpointParams({
      ruleSet,
      operation: model.operation('Get'),
      input: { Other: 'eu-west-1' },
      builtIns: { 'AWS::Region': 'us-east-1' },
      clientContextParams: { forcePathStyle: false },
    });
    expect(params).toEqual({ Region: 'eu-west-1', UseControl: true, ForcePathStyle: false });
  });

  it('works for operations without input', () => {
    expect(
      buildEndpointParams({ ruleSet, operation: model.operation('Plain'), input: {}, builtIns: { 'AWS::Region': 'r' }, clientContextParams: {} }),
    ).toEqual({ Region: 'r' });
  });

  it('refuses a built-in botocore does not know when none is supplied', () => {
    const odd = { parameters: { X: { type: 'string', builtIn: 'AWS::Nope' } }, rules: [] };
    expect(() =>
      buildEndpointParams({ ruleSet: odd, operation: model.operation('Plain'), input: {}, builtIns: {}, clientContextParams: {} }),
    ).toThrow(/Unknown builtin variable name: AWS::Nope/);
    expect(
      buildEndpointParams({ ruleSet: odd, operation: model.operation('Plain'), input: {}, builtIns: { 'AWS::Nope': 'v' }, clientContextParams: {} }),
    ).toEqual({ X: 'v' });
  });
});
