/** Request params from resource models: boto3's build_param_structure cases, and merge rules. */
import { buildParamStructure, createRequestParameters } from '../../../src/resources/params';
import { mergeDicts } from '../../../src/util/objects';

function build(target: string, value: unknown, index?: number, into: Record<string, unknown> = {}) {
  buildParamStructure(into, target, value, index);
  return into;
}

describe('buildParamStructure', () => {
  it('sets a top-level and a nested key', () => {
    expect(build('Foo', 'v')).toEqual({ Foo: 'v' });
    expect(build('Foo.Bar.Baz', 'v')).toEqual({ Foo: { Bar: { Baz: 'v' } } });
  });

  it('appends with [] and keeps earlier entries', () => {
    const p = build('InstanceIds[]', 'i-1');
    build('InstanceIds[]', 'i-2', undefined, p);
    expect(p).toEqual({ InstanceIds: ['i-1', 'i-2'] });
  });

  it('writes an explicit slot with [n], padding with objects', () => {
    expect(build('Filters[0].Values[0]', 'x')).toEqual({ Filters: [{ Values: ['x'] }] });
    expect(build('Items[2]', 'x')).toEqual({ Items: [{}, {}, 'x'] });
  });

  it('uses the batch index for [*]', () => {
    const p: Record<string, unknown> = {};
    build('Delete.Objects[*].Key', 'a', 0, p);
    build('Delete.Objects[*].VersionId', 'v1', 0, p);
    build('Delete.Objects[*].Key', 'b', 1, p);
    build('Delete.Objects[*].VersionId', 'v2', 1, p);
    expect(p).toEqual({ Delete: { Objects: [{ Key: 'a', VersionId: 'v1' }, { Key: 'b', VersionId: 'v2' }] } });
  });

  it('[] inside a path starts a new item each time (as boto3 for Delete.Objects[].Key)', () => {
    const p: Record<string, unknown> = {};
    build('Delete.Objects[].Key', 'a', 0, p);
    build('Delete.Objects[].Key', 'b', 1, p);
    expect(p).toEqual({ Delete: { Objects: [{ Key: 'a' }, { Key: 'b' }] } });
  });
});

describe('mergeDicts (append_lists)', () => {
  it('merges nested objects, appends lists, replaces scalars', () => {
    const into = { A: { B: 1, L: [1] }, S: 'x' };
    mergeDicts(into, { A: { C: 2, L: [2] }, S: 'y', N: [3] }, { appendLists: true });
    expect(into).toEqual({ A: { B: 1, C: 2, L: [1, 2] }, S: 'y', N: [3] });
  });

  it('treats Buffers and Dates as values', () => {
    const d = new Date(0);
    const into: Record<string, unknown> = { Body: { a: 1 } };
    mergeDicts(into, { Body: Buffer.from('x'), When: d }, { appendLists: true });
    expect(Buffer.isBuffer(into.Body)).toBe(true);
    expect(into.When).toBe(d);
  });
});

describe('createRequestParameters (the sources of a request param)', () => {
  // A resource as the function sees it: identifiers and loaded data on `meta`.
  const parent = {
    meta: { identifiers: { name: 'b' }, identifierNames: { Name: 'name' }, data: { Owner: { Id: 'o-1' } } },
  } as unknown as Parameters<typeof createRequestParameters>[0];

  it('writes identifier, data, string, integer and boolean values at their targets; input is left to the caller', () => {
    const params = createRequestParameters(parent, [
      { target: 'Bucket', source: 'identifier', name: 'Name' },
      { target: 'Owner', source: 'data', path: 'Owner.Id' },
      { target: 'Kind', source: 'string', value: 'text' },
      { target: 'Limits.MaxKeys', source: 'integer', value: 25 },
      { target: 'Flags[]', source: 'boolean', value: true },
      { target: 'Flags[]', source: 'boolean', value: false },
      { target: 'Body', source: 'input' },
    ]);
    expect(params).toEqual({ Bucket: 'b', Owner: 'o-1', Kind: 'text', Limits: { MaxKeys: 25 }, Flags: [true, false] });
  });

  it('refuses a source it does not know', () => {
    expect(() => createRequestParameters(parent, [{ target: 'X', source: 'sideways' as never }])).toThrow(/Unsupported source type: sideways/);
  });
});
