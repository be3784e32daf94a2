/**
 * The DynamoDB resource reads result AttributeValues to native values in one pass, while the
 * JSON is parsed (wire-reader.ts). These tests hold it to the two passes it replaces (the
 * low-level client's parse, then TypeDeserializer, as boto3 does), over a loopback server
 * answering real JSON bodies: every type, nesting, awkward numbers and keys, and unusual forms
 * that must end in the same result or the same error, with its path.
 */
import { Session, TypeDeserializer } from '../../../src';
import type { AfterCallEvent, BeforeParseEvent, Client, NeedsRetryEvent } from '../../../src';
import { crc32Portable } from '../../../src/util/crc';
import { CannedServer } from '../../helpers/canned-server';

const server = new CannedServer();
let endpointUrl = '';

beforeAll(async () => {
  endpointUrl = await server.start();
});
afterAll(() => server.stop());

function session(): Session {
  return new Session({ awsAccessKeyId: 'k', awsSecretAccessKey: 's', regionName: 'us-east-1', env: {} } as never);
}

function answer(body: unknown): void {
  const text = Buffer.from(JSON.stringify(body));
  server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': String(crc32Portable(text) >>> 0) }, body: text });
}

/** What the resource's client saw after the call: whether the parser read the values itself. */
function watchReaders(client: Client): boolean[] {
  const seen: boolean[] = [];
  // After the resource's own conversion (registered when the resource was made).
  client.meta.events.register('after-call.dynamodb', (p) => {
    seen.push(p.context.shapeReaders !== undefined);
  });
  return seen;
}

/** The same body through the resource (one pass) and through the low-level client plus TypeDeserializer (two). */
async function bothWays(items: unknown[]): Promise<{ fused: unknown; twoPass: unknown; readersUsed: boolean[] }> {
  const s = session();
  const table = s.resource('dynamodb', { endpointUrl }).Table('t');
  const readersUsed = watchReaders(table.meta.client);
  answer({ Items: items, Count: items.length });
  const fused = ((await table.query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'a' } })) as { Items: unknown }).Items;
  const low = s.client('dynamodb', { endpointUrl });
  answer({ Items: items, Count: items.length });
  const raw = (await low.query({ TableName: 't' })) as { Items: Array<Record<string, unknown>> };
  const d = new TypeDeserializer();
  return { fused, twoPass: raw.Items.map((item) => d.map(item)), readersUsed };
}

const EVERY_TYPE = {
  s: { S: 'text' },
  empty: { S: '' },
  n: { N: '42' },
  neg: { N: '-7' },
  frac: { N: '12.5' },
  padded: { N: '0.50' },
  negZero: { N: '-0' },
  expo: { N: '1.5e+21' },
  big: { N: '123456789012345678901234567890' },
  exact: { N: '3.14159265358979323846' },
  tiny: { N: '1.5E-7' },
  b: { B: Buffer.from('bytes\u0000\u00ff').toString('base64') },
  yes: { BOOL: true },
  no: { BOOL: false },
  nil: { NULL: true },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2.5', '99999999999999999999'] },
  bs: { BS: [Buffer.from('x').toString('base64'), Buffer.from('y').toString('base64')] },
  l: { L: [{ S: 'x' }, { N: '1' }, { L: [{ BOOL: true }] }, { M: { k: { NULL: true } } }] },
  m: { M: { inner: { M: { deep: { SS: ['z'] } } }, list: { L: [] } } },
};

describe('DynamoDB resource: one-pass reading of results', () => {
  it('gives what the parser and TypeDeserializer give, for every type, read in one pass', async () => {
    const { fused, twoPass, readersUsed } = await bothWays([EVERY_TYPE, { pk: { S: 'second' } }]);
    expect(fused).toEqual(twoPass);
    expect(readersUsed).toEqual([true]);
    const first = (fused as Array<Record<string, unknown>>)[0];
    expect(first.frac).toBe(12.5);
    expect(first.padded).toBe(0.5);
    expect(Object.is(first.negZero, 0)).toBe(true);
    expect(typeof first.big).toBe('bigint');
    expect(typeof first.expo).toBe('bigint');
    expect(first.exact).toEqual(expect.objectContaining({}));
    expect(String(first.exact)).toBe('3.14159265358979323846');
    expect(first.b).toEqual(Buffer.from('bytes\u0000\u00ff'));
  });

  it('keeps attribute names that look like prototype keys as own keys', async () => {
    const item = JSON.parse('{"__proto__":{"S":"p"},"constructor":{"M":{"__proto__":{"N":"1"}}}}') as unknown;
    const { fused, twoPass, readersUsed } = await bothWays([item]);
    expect(fused).toEqual(twoPass);
    expect(readersUsed).toEqual([true]);
    const first = (fused as Array<Record<string, unknown>>)[0];
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(first, '__proto__')?.value).toBe('p');
  });

  it('leaves unusual but readable forms to the two passes, value by value, with the same result', async () => {
    // A null sibling (the parser drops it), a set with a non-string element, a B set as numbers.
    const item = { a: { S: 'x', N: null }, ss: { SS: ['a', 1] }, ok: { N: '1' } };
    const { fused, twoPass, readersUsed } = await bothWays([item]);
    expect(fused).toEqual(twoPass);
    expect(readersUsed).toEqual([true]);
  });

  it('reports a value DynamoDB could not have sent as the after-call conversion does, with its path', async () => {
    const table = session().resource('dynamodb', { endpointUrl }).Table('t');
    const readersUsed = watchReaders(table.meta.client);
    answer({ Items: [{ ok: { S: 'x' } }, { bad: { L: [{ S: 'y' }, null] } }] });
    // The readers gave up, so after-call converted (and reported, with the path) as without them.
    await expect(table.scan()).rejects.toThrow(/Expected a DynamoDB AttributeValue .*at Items\[1\]\.bad\[1\], got null/);
    expect(readersUsed).toEqual([]);
    answer({ Items: [{ odd: { X: 'y' } }] });
    await expect(table.scan()).rejects.toThrow(/Expected a DynamoDB AttributeValue at Items\[0\]\.odd, got an empty object/);
  });

  it('handlers that run before the conversion see the AttributeValues boto3 shows them; unregistering the conversion turns the reading off', async () => {
    const item = { pk: { S: 'a' }, n: { N: '1' } };
    const table = session().resource('dynamodb', { endpointUrl }).Table('t');
    const events = table.meta.client.meta.events;
    const seen: unknown[] = [];
    events.register('after-call.dynamodb.GetItem', (p: AfterCallEvent) => void seen.push(JSON.parse(JSON.stringify(p.parsed.Item))));
    answer({ Item: item });
    expect((await table.getItem({ Key: { pk: 'a' } })).Item).toEqual({ pk: 'a', n: 1 });
    events.register('after-call.dynamodb', (p: AfterCallEvent) => void seen.push(JSON.parse(JSON.stringify(p.parsed.Item))), { first: true });
    answer({ Item: item });
    await table.getItem({ Key: { pk: 'a' } });
    // The second call: the operation's own handler and the `first` one, both before the conversion.
    expect(seen).toEqual([item, item, item]);
    // boto3's way to get wire results from the resource: take the conversion off.
    events.unregister('after-call.dynamodb', 'dynamodb-high-level-output');
    answer({ Item: item });
    expect((await table.getItem({ Key: { pk: 'a' } })).Item).toEqual(item);
  });

  it('a needs-retry handler sees the AttributeValues of the response, as in boto3', async () => {
    const item = { pk: { S: 'a' }, n: { N: '1' } };
    const table = session().resource('dynamodb', { endpointUrl }).Table('t');
    const seen: unknown[] = [];
    table.meta.client.meta.events.register('needs-retry.dynamodb', (p: NeedsRetryEvent) => void seen.push(JSON.parse(JSON.stringify((p.response as { Item?: unknown } | undefined)?.Item))));
    answer({ Item: item });
    expect((await table.getItem({ Key: { pk: 'a' } })).Item).toEqual({ pk: 'a', n: 1 });
    expect(seen).toEqual([item]);
  });

  it('a before-parse handler that adds members in wire form gets them converted with the rest', async () => {
    const table = session().resource('dynamodb', { endpointUrl }).Table('t');
    table.meta.client.meta.events.register('before-parse.dynamodb.Query', (p: BeforeParseEvent) => {
      p.customizedResponse.LastEvaluatedKey = { pk: { S: 'z' }, n: { N: '2.5' } };
    });
    answer({ Items: [{ pk: { S: 'a' } }], Count: 1 });
    const r = (await table.query({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'a' } })) as Record<string, unknown>;
    expect(r.Items).toEqual([{ pk: 'a' }]);
    expect(r.LastEvaluatedKey).toEqual({ pk: 'z', n: 2.5 });
  });

  it('reads error responses the standard way (a modeled error keeps its AttributeValues, as in boto3)', async () => {
    const table = session().resource('dynamodb', { endpointUrl }).Table('t');
    const body = Buffer.from(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'no', Item: { pk: { S: 'a' } } }));
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-crc32': String(crc32Portable(body) >>> 0) }, body });
    const error = (await table.putItem({ Item: { pk: 'a' } }).catch((e: unknown) => e)) as { response: { Item?: unknown } };
    expect(error.response.Item).toEqual({ pk: { S: 'a' } });
  });
});
