import { serializeEc2, serializeQuery } from '../../../../src/protocols/serialize';
import { makeOp } from './model-helper';

const shapes = {
  Input: {
    type: 'structure',
    members: {
      Names: { shape: 'Names' },
      Flat: { shape: 'FlatNames' },
      FlatRenamed: { shape: 'FlatRenamed', locationName: 'Outer' },
      Tags: { shape: 'Tags' },
      FlatMap: { shape: 'FlatMap' },
      Renamed: { shape: 'Str', locationName: 'renamed', queryName: 'QN' },
      LowerLoc: { shape: 'Str', locationName: 'lowerLoc' },
      Enabled: { shape: 'Bool' },
      When: { shape: 'Time' },
      Data: { shape: 'Blob' },
      Ratio: { shape: 'Double' },
      Nested: { shape: 'Nested' },
    },
  },
  Str: { type: 'string' },
  Bool: { type: 'boolean' },
  Time: { type: 'timestamp' },
  Blob: { type: 'blob' },
  Double: { type: 'double' },
  Names: { type: 'list', member: { shape: 'Str' } },
  FlatNames: { type: 'list', member: { shape: 'Str' }, flattened: true },
  FlatRenamed: { type: 'list', member: { shape: 'Str', locationName: 'Item' }, flattened: true },
  Tags: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  FlatMap: { type: 'map', key: { shape: 'Str', locationName: 'K' }, value: { shape: 'Str', locationName: 'V' }, flattened: true },
  Nested: { type: 'structure', members: { Inner: { shape: 'Names', locationName: 'inner' } } },
};

function fields(body: unknown): Array<[string, string]> {
  return String(body)
    .split('&')
    .map((kv) => kv.split('=').map((s) => decodeURIComponent(s.replace(/\+/g, ' '))) as [string, string]);
}

describe('serializeQuery', () => {
  const op = makeOp('query', shapes);
  const ctx = { service: op.service };

  it('posts Action and Version first as a form body to /', () => {
    const spec = serializeQuery(op, {}, ctx);
    expect(spec).toMatchObject({ method: 'POST', path: '/', query: [] });
    expect(spec.headers).toEqual({ 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(spec.body).toBe('Action=DoThing&Version=2020-01-01');
  });

  it('serializes wrapped, flattened and renamed flattened lists', () => {
    const spec = serializeQuery(op, { Names: ['a', 'b'], Flat: ['c'], FlatRenamed: ['d', 'e'] }, ctx);
    expect(fields(spec.body).slice(2)).toEqual([
      ['Names.member.1', 'a'],
      ['Names.member.2', 'b'],
      ['Flat.1', 'c'],
      ['Item.1', 'd'],
      ['Item.2', 'e'],
    ]);
  });

  it('sends an empty list as an empty field', () => {
    expect(fields(serializeQuery(op, { Names: [] }, ctx).body).slice(2)).toEqual([['Names', '']]);
  });

  it('serializes maps as entries, flattened maps without .entry and with renamed key/value', () => {
    const spec = serializeQuery(op, { Tags: { a: '1', b: '2' }, FlatMap: { x: 'y' } }, ctx);
    expect(fields(spec.body).slice(2)).toEqual([
      ['Tags.entry.1.key', 'a'],
      ['Tags.entry.1.value', '1'],
      ['Tags.entry.2.key', 'b'],
      ['Tags.entry.2.value', '2'],
      ['FlatMap.1.K', 'x'],
      ['FlatMap.1.V', 'y'],
    ]);
  });

  it('uses locationName (not queryName), and converts scalars', () => {
    const spec = serializeQuery(
      op,
      { Renamed: 'r', Enabled: false, When: new Date(Date.UTC(2014, 3, 29, 18, 30, 38)), Data: 'hi', Ratio: Infinity },
      ctx,
    );
    expect(fields(spec.body).slice(2)).toEqual([
      ['renamed', 'r'],
      ['Enabled', 'false'],
      ['When', '2014-04-29T18:30:38Z'],
      ['Data', 'aGk='],
      ['Ratio', 'Infinity'],
    ]);
  });

  it('form-encodes as urlencode does (space as +, reserved escaped)', () => {
    const spec = serializeQuery(op, { Renamed: "a b&c=d/e*'" }, ctx);
    expect(spec.body).toBe("Action=DoThing&Version=2020-01-01&renamed=a+b%26c%3Dd%2Fe%2A%27");
  });

  it('nests structure prefixes', () => {
    const spec = serializeQuery(op, { Nested: { Inner: ['z'] } }, ctx);
    expect(fields(spec.body).slice(2)).toEqual([['Nested.inner.member.1', 'z']]);
  });

  it('leaves out null and undefined members', () => {
    expect(serializeQuery(op, { Renamed: undefined, Enabled: null }, ctx).body).toBe('Action=DoThing&Version=2020-01-01');
  });
});

describe('serializeEc2', () => {
  const op = makeOp('ec2', shapes);
  const ctx = { service: op.service };

  it('prefers queryName, then the capitalized locationName, then the member name', () => {
    const spec = serializeEc2(op, { Renamed: 'r', LowerLoc: 'l', Enabled: true }, ctx);
    expect(fields(spec.body).slice(2)).toEqual([
      ['QN', 'r'],
      ['LowerLoc', 'l'],
      ['Enabled', 'true'],
    ]);
  });

  it('serializes every list as Name.N and sends nothing for an empty one', () => {
    const spec = serializeEc2(op, { Names: ['a', 'b'], Flat: [], Nested: { Inner: ['x'] } }, ctx);
    expect(fields(spec.body).slice(2)).toEqual([
      ['Names.1', 'a'],
      ['Names.2', 'b'],
      ['Nested.Inner.1', 'x'],
    ]);
  });
});
