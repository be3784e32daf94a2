/**
 * The plain DynamoDB resource (no native-type layer yet) against dynalite: create a table
 * through the service resource, wait for it, load its attributes, put/get raw items, list
 * tables, delete.
 */
import { inspect } from 'util';
import type { Resource } from '../../src';
import { dynamodbEndpoint, isolatedSession, uniqueName } from '../helpers/local';
import { recordCalls, toArray } from './resources-support';

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
    await same.putItem({ Item: { pk: { S: 'a' }, n: { N: '3' } } });
    const got = (await same.getItem({ Key: { pk: { S: 'a' } } })) as { Item: unknown };
    expect(got.Item).toEqual({ pk: { S: 'a' }, n: { N: '3' } });
    const names = (await toArray(ddb.tables.all() as AsyncIterable<Resource>)).map((t) => t.name);
    expect(names).toContain(name);
    await same.delete();
    expect(calls.map((c) => c[0])).toEqual(['DescribeTable', 'DescribeTable', 'PutItem', 'GetItem', 'ListTables', 'DeleteTable']);
    expect(calls[2][1]).toEqual({ TableName: name, Item: { pk: { S: 'a' }, n: { N: '3' } } });
  });
});
