/**
 * The DynamoDB resource against dynalite: the Table's lifecycle (create, wait, attributes, the
 * tables collection, delete) and boto3's high-level layer on it: native JS values in and out,
 * Key/Attr conditions, updateItem with a ConditionExpression, a batchWriter of 60 items, a
 * low-level client that stays raw, and the same query sent by boto3 for comparison.
 */
import { inspect } from 'util';
import { Attr, ClientError, DynamoNumber, Key } from '../../src';
import type { BatchWriter, Resource, ServiceResource } from '../../src';
import { dynamodbEndpoint, isolatedSession, localDynamoDb, uniqueName } from '../helpers/local';
import { Call, jsonSafe, recordCalls, runBoto3, toArray } from './resources-support';

async function createTable(ddb: ServiceResource, name: string, withSortKey = false): Promise<Resource> {
  const table = (await ddb.createTable({
    TableName: name,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, ...(withSortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' }] : [])],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, ...(withSortKey ? [{ AttributeName: 'sk', AttributeType: 'N' }] : [])],
    BillingMode: 'PAY_PER_REQUEST',
  })) as Resource;
  await table.waitUntilExists({ WaiterConfig: { Delay: 1, MaxAttempts: 10 } });
  return table;
}

/** Records each request's params after the transformation (what goes on the wire). */
function recordWire(table: Resource): Call[] {
  const calls: Call[] = [];
  table.meta.client.meta.events.register('before-parameter-build', (p) => {
    calls.push([(p.operation as { name: string }).name, jsonSafe(p.params) as Record<string, unknown>]);
  });
  return calls;
}

describe('DynamoDB resources (dynalite)', () => {
  it('Table: create, waitUntilExists, attributes, putItem/getItem, tables collection, delete', async () => {
    const ddb = isolatedSession().resource('dynamodb', { endpointUrl: dynamodbEndpoint() });
    const name = uniqueName('tbl');
    const table = (await ddb.createTable({
      TableName: name,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    })) as Resource;
    expect(inspect(table)).toBe(`dynamodb.Table(name='${name}')`);
    expect(table.meta.data).not.toBeNull(); // from the CreateTable response's TableDescription
    const calls = recordCalls(ddb.meta.client);
    await table.waitUntilExists({ WaiterConfig: { Delay: 1, MaxAttempts: 10 } });
    const same = ddb.Table(name);
    expect(await same.tableStatus).toBe('ACTIVE');
    expect(same.keySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(same.creationDateTime).toBeInstanceOf(Date);
    await same.putItem({ Item: { pk: 'a', n: 3 } });
    const got = (await same.getItem({ Key: { pk: 'a' } })) as { Item: unknown };
    expect(got.Item).toEqual({ pk: 'a', n: 3 });
    const names = (await toArray(ddb.tables.all() as AsyncIterable<Resource>)).map((t) => t.name);
    expect(names).toContain(name);
    await same.delete();
    expect(calls.map((c) => c[0])).toEqual(['DescribeTable', 'DescribeTable', 'PutItem', 'GetItem', 'ListTables', 'DeleteTable']);
    // Recorded at provide-client-params: what the resource passed, native values.
    expect(calls[2][1]).toEqual({ TableName: name, Item: { pk: 'a', n: 3 } });
  });

  it('native values, Key/Attr conditions, a conditional update, scan; a low-level client stays raw', async () => {
    const session = isolatedSession();
    const ddb = session.resource('dynamodb', { endpointUrl: dynamodbEndpoint() });
    const table = await createTable(ddb, uniqueName('native'), true);
    const wire = recordWire(table);
    const item = {
      pk: 'a',
      sk: 1,
      n: 3,
      price: 9.99,
      big: 2n ** 70n,
      precise: new DynamoNumber('0.12345678901234567890123'),
      tags: new Set(['x', 'y']),
      nums: new Set([1, 2]),
      bin: Buffer.from([0, 1, 2]),
      ok: true,
      nothing: null,
      nested: { list: [1, 'two', { three: [3] }], empty: {} },
    };
    await table.putItem({ Item: item });
    await table.putItem({ Item: { pk: 'a', sk: 2, n: 1 } });
    await table.putItem({ Item: { pk: 'b', sk: 1, n: 5 } });
    expect(wire[0][1]).toMatchObject({ Item: { pk: { S: 'a' }, sk: { N: '1' }, tags: { SS: ['x', 'y'] }, big: { N: '1180591620717411303424' } } });

    const got = await table.getItem({ Key: { pk: 'a', sk: 1 } });
    expect(got.Item).toEqual(item);

    const queried = await table.query({ KeyConditionExpression: Key('pk').eq('a'), FilterExpression: Attr('n').gt(2) });
    expect(queried.Items.map((i: { sk: number }) => i.sk)).toEqual([1]);
    expect(queried.ScannedCount).toBe(2);
    const ranged = await table.query({ KeyConditionExpression: Key('pk').eq('a').and(Key('sk').between(1, 2)), ScanIndexForward: false });
    expect(ranged.Items.map((i: { sk: number }) => i.sk)).toEqual([2, 1]);
    const scanned = await table.scan({ FilterExpression: Attr('tags').contains('x').or(Attr('n').eq(5)) });
    expect(scanned.Items.map((i: { pk: string }) => i.pk).sort()).toEqual(['a', 'b']);

    const updated = await table.updateItem({
      Key: { pk: 'a', sk: 1 },
      UpdateExpression: 'SET n = n + :one',
      ConditionExpression: Attr('n').eq(3).and(Attr('nested.list[2].three').exists()),
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(updated.Attributes).toEqual({ n: 4 });
    const failed = table.updateItem({ Key: { pk: 'a', sk: 1 }, UpdateExpression: 'SET n = :z', ConditionExpression: Attr('n').eq(3), ExpressionAttributeValues: { ':z': 0 } });
    await expect(failed).rejects.toBeInstanceOf(table.meta.client.exceptions.ConditionalCheckFailedException);
    await expect(failed).rejects.toBeInstanceOf(ClientError);

    const raw = localDynamoDb(session);
    const rawItem = await raw.getItem({ TableName: table.name, Key: { pk: { S: 'a' }, sk: { N: '1' } } });
    expect(rawItem.Item.n).toEqual({ N: '4' });
    expect(rawItem.Item.tags.SS.sort()).toEqual(['x', 'y']);
    await table.delete();
  });

  it('batchWriter: 60 puts in 3 BatchWriteItem calls, then a scan counts them; deletes too', async () => {
    const ddb = isolatedSession().resource('dynamodb', { endpointUrl: dynamodbEndpoint() });
    const table = await createTable(ddb, uniqueName('batch'));
    const wire = recordWire(table);
    await table.batchWriter(async (batch: BatchWriter) => {
      for (let i = 0; i < 60; i++) await batch.putItem({ Item: { pk: `item-${String(i).padStart(2, '0')}`, n: i, tags: new Set([`t${i % 3}`]) } });
    });
    expect(wire.filter((c) => c[0] === 'BatchWriteItem').map((c) => (c[1].RequestItems as Record<string, unknown[]>)[table.name].length)).toEqual([25, 25, 10]);
    const all = await table.scan({ Select: 'COUNT' });
    expect(all.Count).toBe(60);
    const some = await table.scan({ FilterExpression: Attr('n').gte(50).and(Attr('tags').contains('t0')) });
    expect(some.Items.map((i: { n: number }) => i.n).sort((a: number, b: number) => a - b)).toEqual([51, 54, 57]);

    const writer = table.batchWriter({ overwriteByPkeys: ['pk'] }) as BatchWriter;
    for (let i = 0; i < 30; i++) await writer.deleteItem({ Key: { pk: `item-${String(i).padStart(2, '0')}` } });
    // 25 deletes went out; the buffered delete of item-29 is replaced by this put (without
    // overwriteByPkeys DynamoDB would refuse a batch naming one key twice).
    await writer.putItem({ Item: { pk: 'item-29', n: 'kept' } });
    await writer.close();
    expect((await table.scan({ Select: 'COUNT' })).Count).toBe(31);
    expect((await table.getItem({ Key: { pk: 'item-29' } })).Item).toEqual({ pk: 'item-29', n: 'kept' });
    await table.delete();
  });

  it('a query with conditions sends what boto3 sends', async () => {
    const ddb = isolatedSession().resource('dynamodb', { endpointUrl: dynamodbEndpoint() });
    const name = uniqueName('parity');
    const table = await createTable(ddb, name, true);
    const wire = recordWire(table);
    await table.putItem({ Item: { pk: 'a', sk: 1, n: 3, tags: new Set(['x']) } });
    await table.query({
      KeyConditionExpression: Key('pk').eq('a').and(Key('sk').gte(1)),
      FilterExpression: Attr('n').gt(2).and(Attr('tags').contains('x')).or(Attr('meta.owner').notExists()),
      ProjectionExpression: '#p, n',
      ExpressionAttributeNames: { '#p': 'pk' },
    });
    await table.updateItem({ Key: { pk: 'a', sk: 1 }, UpdateExpression: 'SET #c = :c', ConditionExpression: Attr('n').isIn([3, 4]), ExpressionAttributeNames: { '#c': 'c' }, ExpressionAttributeValues: { ':c': 'x' } });
    const script = `
from boto3.dynamodb.conditions import Key, Attr
session.events.unregister('provide-client-params', _rec)
def _wire(params, model, **kw):
    calls.append([model.name, json.loads(json.dumps(params))])
session.events.register('before-parameter-build', _wire)
t = resource('dynamodb').Table('${name}')
t.put_item(Item={'pk': 'a', 'sk': 1, 'n': 3, 'tags': {'x'}})
t.query(KeyConditionExpression=Key('pk').eq('a') & Key('sk').gte(1), FilterExpression=(Attr('n').gt(2) & Attr('tags').contains('x')) | Attr('meta.owner').not_exists(), ProjectionExpression='#p, n', ExpressionAttributeNames={'#p': 'pk'})
t.update_item(Key={'pk': 'a', 'sk': 1}, UpdateExpression='SET #c = :c', ConditionExpression=Attr('n').is_in([3, 4]), ExpressionAttributeNames={'#c': 'c'}, ExpressionAttributeValues={':c': 'x'})
`;
    const theirs = await runBoto3(script, dynamodbEndpoint());
    if (theirs) {
      expect(theirs.map((c) => c[0])).toEqual(['PutItem', 'Query', 'UpdateItem']);
      expect(wire).toEqual(theirs);
    }
    expect(wire[1][1]).toMatchObject({ FilterExpression: '((#n0 > :v0 AND contains(#n1, :v1)) OR attribute_not_exists(#n2.#n3))' });
    await table.delete();
  });
});
