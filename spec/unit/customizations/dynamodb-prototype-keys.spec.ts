/**
 * DynamoDB attribute names and map keys `__proto__`, `constructor` and `prototype` are data:
 * they round-trip exactly through the low-level client (json protocol), the Table resource
 * (native values) and TypeSerializer/TypeDeserializer. Results stay plain objects with the
 * names as own enumerable keys; a `__proto__` attribute never becomes an item's prototype.
 */
import { Session, TypeDeserializer, TypeSerializer } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

/** The wire item: `__proto__` at the top, and inside a map under `constructor`. */
const WIRE_ITEM = '{"__proto__":{"S":"x"},"constructor":{"M":{"__proto__":{"N":"1"}}},"prototype":{"L":[{"M":{"__proto__":{"BOOL":true}}}]}}';
// The same item as a request body carries it (json.dumps's separators, json-text.ts).
const SENT_ITEM = '{"__proto__": {"S": "x"}, "constructor": {"M": {"__proto__": {"N": "1"}}}, "prototype": {"L": [{"M": {"__proto__": {"BOOL": true}}}]}}';

/** Own enumerable keys of a plain object (and that it is one). */
function ownKeys(value: unknown): string[] {
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  return Object.keys(value as object);
}
const at = (value: unknown, key: string): unknown => {
  expect(Object.prototype.hasOwnProperty.call(value, key)).toBe(true);
  return (value as Record<string, unknown>)[key];
};

/** The native item with the same names, built so that `__proto__` is an own key. */
const nativeItem = (): Record<string, unknown> => JSON.parse('{"__proto__":"x","constructor":{"__proto__":1},"prototype":[{"__proto__":true}]}');

describe('TypeSerializer and TypeDeserializer', () => {
  it('serialize a plain object and a Map with prototype-named keys into own keys of M', () => {
    const s = new TypeSerializer();
    const m = s.serialize(nativeItem()) as { M: Record<string, unknown> };
    expect(ownKeys(m.M)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(JSON.stringify(m)).toBe(`{"M":${WIRE_ITEM}}`);
    const fromMap = s.serialize(new Map<string, unknown>([['__proto__', 'x'], ['constructor', 1]])) as { M: Record<string, unknown> };
    expect(ownKeys(fromMap.M)).toEqual(['__proto__', 'constructor']);
    expect(at(fromMap.M, '__proto__')).toEqual({ S: 'x' });
    const top = s.map(nativeItem());
    expect(ownKeys(top)).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it('deserialize M and an item into own keys of plain objects', () => {
    const d = new TypeDeserializer();
    const item = d.map(JSON.parse(WIRE_ITEM));
    expect(ownKeys(item)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(at(item, '__proto__')).toBe('x');
    expect(ownKeys(at(item, 'constructor'))).toEqual(['__proto__']);
    expect(at(at(item, 'constructor'), '__proto__')).toBe(1);
    expect(ownKeys((at(item, 'prototype') as unknown[])[0])).toEqual(['__proto__']);
    expect(ownKeys(d.deserialize({ M: JSON.parse(WIRE_ITEM) }))).toEqual(['__proto__', 'constructor', 'prototype']);
  });
});

describe('through the wire (canned loopback server)', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => (server.requests.length = 0));
  const reply = (body: string) => server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body });

  it('low-level client: GetItem gives an Item whose own keys are exactly the attribute names', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url });
    reply(`{"Item":${WIRE_ITEM}}`);
    const r = await ddb.getItem({ TableName: 't', Key: { k: { S: 'v' } } });
    expect(ownKeys(r.Item)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(at(r.Item, '__proto__')).toEqual({ S: 'x' });
    const ctor = at(r.Item, 'constructor') as { M: unknown };
    expect(ownKeys(ctor.M)).toEqual(['__proto__']);
    expect(at(ctor.M, '__proto__')).toEqual({ N: '1' });
    ddb.close();
  });

  it('low-level client: PutItem sends the prototype-named attributes', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url });
    reply('{}');
    await ddb.putItem({ TableName: 't', Item: JSON.parse(WIRE_ITEM) });
    expect(server.requests[0].body.toString()).toBe(`{"TableName": "t", "Item": ${SENT_ITEM}}`);
    ddb.close();
  });

  it('Table resource: native values with prototype-named keys go out and come back exactly', async () => {
    const table = session.resource('dynamodb', { endpointUrl: url }).Table('t');
    reply('{}');
    await table.putItem({ Item: nativeItem() });
    expect(JSON.parse(server.requests[0].body.toString())).toEqual({ TableName: 't', Item: JSON.parse(WIRE_ITEM) });
    expect(server.requests[0].body.toString()).toContain(`"Item": ${SENT_ITEM}`);

    reply(`{"Item":${WIRE_ITEM}}`);
    const r = await table.getItem({ Key: { k: 'v' } });
    expect(ownKeys(r.Item)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(at(r.Item, '__proto__')).toBe('x');
    expect(ownKeys(at(r.Item, 'constructor'))).toEqual(['__proto__']);
    expect(at(at(r.Item, 'constructor'), '__proto__')).toBe(1);
  });

  it('batch writer: prototype-named key attributes dedupe, and an item without one is refused', async () => {
    const table = session.resource('dynamodb', { endpointUrl: url }).Table('t');
    const item = (v: string) => JSON.parse(`{"__proto__":"k","constructor":"${v}"}`) as Record<string, unknown>;
    reply('{"UnprocessedItems":{}}');
    await table.batchWriter(async (batch: { putItem(p: unknown): Promise<void> }) => {
      await batch.putItem({ Item: item('a') });
      await batch.putItem({ Item: { ...item('a'), n: 2 } });
      expect(() => batch.putItem({ Item: JSON.parse('{"__proto__":"k"}') })).toThrow("overwriteByPkeys names 'constructor', which this item does not have");
    }, { overwriteByPkeys: ['__proto__', 'constructor'] });
    const sent = JSON.parse(server.requests[0].body.toString()).RequestItems.t;
    expect(sent).toEqual([{ PutRequest: { Item: JSON.parse('{"__proto__":{"S":"k"},"constructor":{"S":"a"},"n":{"N":"2"}}') } }]);
  });
});
