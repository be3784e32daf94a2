/**
 * DynamoDB against a real local server (dynalite).
 */
import { ClientError } from '../../src';
import { dynamodbEndpoint, isolatedSession, localDynamoDb, uniqueName } from '../helpers/local';

describe('DynamoDB client against dynalite', () => {
  const ddb = localDynamoDb();
  const table = uniqueName('itest');
  afterAll(() => ddb.close());

  it('creates a table, writes, reads, queries, scans and deletes it', async () => {
    const created = await ddb.createTable({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(created.TableDescription.TableName).toBe(table);
    expect(created.TableDescription.CreationDateTime).toBeInstanceOf(Date);
    // A new table is CREATING until the server flips it; writes before that are refused.
    await ddb.getWaiter('tableExists').wait({ TableName: table, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });

    for (let i = 1; i <= 5; i++) {
      await ddb.putItem({ TableName: table, Item: { pk: { S: 'user#1' }, sk: { N: String(i) }, name: { S: `item ${i}` }, tags: { SS: ['a', 'b'] } } });
    }
    await ddb.putItem({ TableName: table, Item: { pk: { S: 'user#2' }, sk: { N: '1' } } });

    const got = await ddb.getItem({ TableName: table, Key: { pk: { S: 'user#1' }, sk: { N: '3' } } });
    expect(got.Item.name).toEqual({ S: 'item 3' });
    expect(got.Item.tags.SS.sort()).toEqual(['a', 'b']);

    const q = await ddb.query({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND sk > :min',
      ExpressionAttributeValues: { ':pk': { S: 'user#1' }, ':min': { N: '2' } },
    });
    expect(q.Count).toBe(3);
    expect(q.Items.map((it: { sk: { N: string } }) => it.sk.N)).toEqual(['3', '4', '5']);

    const scan = await ddb.scan({ TableName: table });
    expect(scan.Count).toBe(6);

    await ddb.deleteTable({ TableName: table });
    const tables = await ddb.listTables();
    expect(tables.TableNames).not.toContain(table);
  });

  it('raises ConditionalCheckFailedException as a modeled exception', async () => {
    const t = uniqueName('cond');
    await ddb.createTable({
      TableName: t,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await ddb.getWaiter('tableExists').wait({ TableName: t, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });
    await ddb.putItem({ TableName: t, Item: { pk: { S: 'a' } } });
    const err = await ddb
      .putItem({ TableName: t, Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(pk)' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ddb.exceptions.ConditionalCheckFailedException);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('ConditionalCheckFailedException');
    expect((err as ClientError).statusCode).toBe(400);
    await ddb.deleteTable({ TableName: t });
  });

  it('round-trips attributes named __proto__, constructor and prototype (client and Table resource)', async () => {
    const t = uniqueName('proto');
    await ddb.createTable({
      TableName: t,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await ddb.getWaiter('tableExists').wait({ TableName: t, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });
    const sent: string[] = [];
    const record = (p: Record<string, unknown>) => void sent.push(String((p.request as { body: unknown }).body));
    ddb.meta.events.register('request-created.dynamodb.PutItem', record);

    // JSON.parse makes `__proto__` an own key, as data read from anywhere would have it.
    const wire = '{"pk":{"S":"k1"},"__proto__":{"S":"x"},"constructor":{"M":{"__proto__":{"N":"1"},"prototype":{"S":"p"}}},"prototype":{"M":{"constructor":{"BOOL":true}}}}';
    await ddb.putItem({ TableName: t, Item: JSON.parse(wire) });
    // The request body is json.dumps's text (`, ` and `: ` separators): the same item.
    expect(sent[0]).toBe(`{"TableName": "${t}", "Item": {"pk": {"S": "k1"}, "__proto__": {"S": "x"}, "constructor": {"M": {"__proto__": {"N": "1"}, "prototype": {"S": "p"}}}, "prototype": {"M": {"constructor": {"BOOL": true}}}}}`);
    const got = await ddb.getItem({ TableName: t, Key: { pk: { S: 'k1' } }, ConsistentRead: true });
    expect(Object.getPrototypeOf(got.Item)).toBe(Object.prototype);
    // dynalite itself drops every `__proto__` key when it stores an item (DynamoDB keeps them);
    // what it does return comes back exactly, `constructor` and `prototype` as own keys.
    expect(got.Item).toEqual(JSON.parse('{"pk":{"S":"k1"},"constructor":{"M":{"prototype":{"S":"p"}}},"prototype":{"M":{"constructor":{"BOOL":true}}}}'));
    expect(Object.keys(got.Item).sort()).toEqual(['constructor', 'pk', 'prototype']);

    const table = isolatedSession().resource('dynamodb', { endpointUrl: dynamodbEndpoint() }).Table(t);
    table.meta.client.meta.events.register('request-created.dynamodb.PutItem', record);
    await table.putItem({ Item: JSON.parse('{"pk":"k2","__proto__":"x","constructor":{"__proto__":2,"prototype":"p"}}') });
    expect(sent[1]).toBe(`{"TableName": "${t}", "Item": {"pk": {"S": "k2"}, "__proto__": {"S": "x"}, "constructor": {"M": {"__proto__": {"N": "2"}, "prototype": {"S": "p"}}}}}`);
    const native = await table.getItem({ Key: { pk: 'k2' }, ConsistentRead: true });
    expect(Object.keys(native.Item).sort()).toEqual(['constructor', 'pk']);
    expect(Object.keys(native.Item.constructor)).toEqual(['prototype']);
    expect(native.Item.constructor.prototype).toBe('p');
    table.meta.client.close();
    await ddb.deleteTable({ TableName: t });
  });

  it('raises ResourceNotFoundException for a missing table', async () => {
    await expect(ddb.describeTable({ TableName: 'no-such-table' })).rejects.toBeInstanceOf(ddb.exceptions.ResourceNotFoundException);
  });
});
