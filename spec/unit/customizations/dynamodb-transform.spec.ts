/**
 * The DynamoDB resource's transformation, through a Stubber (no network): native values and
 * condition objects in, AttributeValues and expression strings on the request; AttributeValues
 * in responses back to native values; low-level clients untouched. The expected requests of
 * the first three tests were recorded from boto3 1.43.11 (a Table resource, same calls, params
 * captured at before-parameter-build after its handlers) and are hard-coded here.
 */
import { ANY, Attr, DynamoNumber, Key, Session, Stubber } from '../../../src';
import type { Client, Resource } from '../../../src';

function session(): Session {
  return new Session({ awsAccessKeyId: 'k', awsSecretAccessKey: 's', regionName: 'us-east-1', env: {} } as never);
}

/** The params as the request will carry them (after every before-parameter-build handler). */
function recordFinal(client: Client): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  client.meta.events.register('before-parameter-build', (p) => {
    // Transformed parts are fresh objects, so a shallow copy is a stable record.
    seen.push({ ...(p.params as Record<string, unknown>) });
  });
  return seen;
}

function tableWithStub(): { table: Resource; stub: Stubber; sent: Array<Record<string, unknown>> } {
  const ddb = session().resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' });
  const table = ddb.Table('t');
  const stub = new Stubber(table.meta.client);
  stub.activate();
  return { table, stub, sent: recordFinal(table.meta.client) };
}

describe('DynamoDB resource transformation (requests compared with boto3)', () => {
  it('query: key and filter conditions, placeholders merged with the caller\'s', async () => {
    const { table, stub, sent } = tableWithStub();
    stub.addResponse('query', { Items: [] });
    await table.query({
      KeyConditionExpression: Key('pk').eq('a').and(Key('sk').between(1, 5)),
      FilterExpression: Attr('n').gt(2).and(Attr('tags').contains('x')),
      ProjectionExpression: '#p',
      ExpressionAttributeNames: { '#p': 'pk' },
    });
    expect(sent[0]).toEqual({
      TableName: 't',
      KeyConditionExpression: '(#n2 = :v2 AND #n3 BETWEEN :v3 AND :v4)',
      FilterExpression: '(#n0 > :v0 AND contains(#n1, :v1))',
      ProjectionExpression: '#p',
      ExpressionAttributeNames: { '#p': 'pk', '#n0': 'n', '#n1': 'tags', '#n2': 'pk', '#n3': 'sk' },
      ExpressionAttributeValues: { ':v0': { N: '2' }, ':v1': { S: 'x' }, ':v2': { S: 'a' }, ':v3': { N: '1' }, ':v4': { N: '5' } },
    });
  });

  it('putItem: every type, and a ConditionExpression', async () => {
    const { table, stub, sent } = tableWithStub();
    stub.addResponse('putItem', {});
    const Item = { pk: 'a', n: 3, d: new DynamoNumber('1.5'), tags: new Set(['x', 'y']), ns: new Set([1]), b: Buffer.from('xy'), ok: true, no: null, l: [1, 'x', [true]], m: { k: { z: 1 } } };
    await table.putItem({ Item, ConditionExpression: Attr('pk').notExists() });
    expect(sent[0]).toEqual({
      TableName: 't',
      Item: {
        pk: { S: 'a' },
        n: { N: '3' },
        d: { N: '1.5' },
        tags: { SS: ['x', 'y'] },
        ns: { NS: ['1'] },
        b: { B: Buffer.from('xy') },
        ok: { BOOL: true },
        no: { NULL: true },
        l: { L: [{ N: '1' }, { S: 'x' }, { L: [{ BOOL: true }] }] },
        m: { M: { k: { M: { z: { N: '1' } } } } },
      },
      ConditionExpression: 'attribute_not_exists(#n0)',
      ExpressionAttributeNames: { '#n0': 'pk' },
    });
  });

  it('updateItem: the caller\'s names and values are kept and serialized too; strings pass through', async () => {
    const { table, stub, sent } = tableWithStub();
    stub.addResponse('updateItem', {});
    stub.addResponse('scan', {});
    stub.addResponse('scan', {});
    await table.updateItem({
      Key: { pk: 'a' },
      UpdateExpression: 'SET #c = :c',
      ConditionExpression: Attr('n').eq(3).or(Attr('a.b[0]').exists()),
      ExpressionAttributeNames: { '#c': 'count' },
      ExpressionAttributeValues: { ':c': 5 },
    });
    await table.scan({ FilterExpression: Key('pk').eq('a') });
    await table.scan({ FilterExpression: 'attribute_exists(pk)' });
    expect(sent).toEqual([
      {
        TableName: 't',
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET #c = :c',
        ConditionExpression: '(#n0 = :v0 OR attribute_exists(#n1.#n2[0]))',
        ExpressionAttributeNames: { '#c': 'count', '#n0': 'n', '#n1': 'a', '#n2': 'b' },
        ExpressionAttributeValues: { ':c': { N: '5' }, ':v0': { N: '3' } },
      },
      { TableName: 't', FilterExpression: '#n0 = :v0', ExpressionAttributeNames: { '#n0': 'pk' }, ExpressionAttributeValues: { ':v0': { S: 'a' } } },
      { TableName: 't', FilterExpression: 'attribute_exists(pk)' },
    ]);
  });
});

describe('DynamoDB resource transformation', () => {
  it('responses come back as native values (Item, Items, LastEvaluatedKey, Attributes)', async () => {
    const { table, stub } = tableWithStub();
    stub.addResponse('getItem', { Item: { pk: { S: 'a' }, n: { N: '3' }, tags: { SS: ['x'] }, big: { N: '12345678901234567890' } } });
    stub.addResponse('query', { Items: [{ pk: { S: 'a' } }], Count: 1, LastEvaluatedKey: { pk: { S: 'a' } } });
    stub.addResponse('updateItem', { Attributes: { n: { N: '4' } } });
    expect((await table.getItem({ Key: { pk: 'a' } })).Item).toEqual({ pk: 'a', n: 3, tags: new Set(['x']), big: 12345678901234567890n });
    const page = await table.query({ KeyConditionExpression: Key('pk').eq('a') });
    expect(page.Items).toEqual([{ pk: 'a' }]);
    expect(page.LastEvaluatedKey).toEqual({ pk: 'a' });
    expect(page.Count).toBe(1);
    expect((await table.updateItem({ Key: { pk: 'a' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' })).Attributes).toEqual({ n: 4 });
    stub.assertNoPendingResponses();
  });

  it('the Stubber sees the native params (as in boto3) and the caller\'s objects are not modified', async () => {
    const { table, stub, sent } = tableWithStub();
    const Item = { pk: 'a', inner: { list: [1, 2] } };
    const names = { '#p': 'pk' };
    stub.addResponse('putItem', {}, { TableName: 't', Item, ConditionExpression: ANY, ExpressionAttributeNames: names });
    await table.putItem({ Item, ConditionExpression: Attr('pk').notExists(), ExpressionAttributeNames: names });
    expect(Item).toEqual({ pk: 'a', inner: { list: [1, 2] } });
    expect(names).toEqual({ '#p': 'pk' });
    expect(sent[0].ExpressionAttributeNames).toEqual({ '#p': 'pk', '#n0': 'pk' });
  });

  it('the service resource and its client are transformed too (batchGetItem, batchWriteItem)', async () => {
    const ddb = session().resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' });
    // Transformed from creation: the client's first call, before any resource member, is native.
    const early = new Stubber(ddb.meta.client);
    early.activate();
    const earlySent = recordFinal(ddb.meta.client);
    early.addResponse('putItem', {});
    await ddb.meta.client.putItem({ TableName: 't', Item: { pk: 'first', n: 1 } });
    expect(earlySent[0]).toEqual({ TableName: 't', Item: { pk: { S: 'first' }, n: { N: '1' } } });
    early.deactivate();
    const stub = new Stubber(ddb.meta.client);
    stub.activate();
    const sent = recordFinal(ddb.meta.client);
    stub.addResponse('batchGetItem', { Responses: { t: [{ pk: { S: 'a' }, n: { N: '1' } }] }, UnprocessedKeys: {} });
    const got = await ddb.batchGetItem({ RequestItems: { t: { Keys: [{ pk: 'a' }] } } });
    expect(got.Responses).toEqual({ t: [{ pk: 'a', n: 1 }] });
    expect(sent[0]).toEqual({ RequestItems: { t: { Keys: [{ pk: { S: 'a' } }] } } });
    // ddb.meta.client takes native values too, as in boto3.
    stub.addResponse('batchWriteItem', { UnprocessedItems: {} });
    await ddb.meta.client.batchWriteItem({ RequestItems: { t: [{ DeleteRequest: { Key: { pk: 'b' } } }] } });
    expect(sent[1]).toEqual({ RequestItems: { t: [{ DeleteRequest: { Key: { pk: { S: 'b' } } } }] } });
  });

  it('conditions inside TransactWriteItems get placeholders in their own item', async () => {
    const ddb = session().resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' });
    const stub = new Stubber(ddb.meta.client);
    stub.activate();
    const sent = recordFinal(ddb.meta.client);
    stub.addResponse('transactWriteItems', {});
    await ddb.meta.client.transactWriteItems({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: 'a' }, ConditionExpression: Attr('pk').notExists() } },
        { Update: { TableName: 't', Key: { pk: 'b' }, UpdateExpression: 'SET #x = :x', ExpressionAttributeNames: { '#x': 'x' }, ExpressionAttributeValues: { ':x': 1 }, ConditionExpression: Attr('n').lt(5) } },
      ],
    });
    expect(sent[0]).toEqual({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(#n0)', ExpressionAttributeNames: { '#n0': 'pk' } } },
        {
          Update: {
            TableName: 't',
            Key: { pk: { S: 'b' } },
            UpdateExpression: 'SET #x = :x',
            ExpressionAttributeNames: { '#x': 'x', '#n1': 'n' },
            ExpressionAttributeValues: { ':x': { N: '1' }, ':v0': { N: '5' } },
            ConditionExpression: '#n1 < :v0',
          },
        },
      ],
    });
  });

  it('a value DynamoDB cannot store fails before sending, naming its path', async () => {
    const table = session().resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' }).Table('t');
    await expect(table.putItem({ Item: { pk: 'a', score: [1, NaN] } })).rejects.toThrow('NaN cannot be stored in DynamoDB at Item.score[1]');
    await expect(table.query({ KeyConditionExpression: Attr('pk').eq('a') })).rejects.toThrow("Attribute 'pk' is an Attr: a KeyConditionExpression only takes Key attributes");
  });

  it("a Stubber's mismatch message shows bigint params instead of failing on them", async () => {
    const { table, stub } = tableWithStub();
    stub.addResponse('getItem', {}, { TableName: 't', Key: { pk: 12345678901234567890n } });
    await expect(table.getItem({ Key: { pk: 12345678901234567891n } })).rejects.toThrow(/Expected parameters:[\s\S]*12345678901234567890n[\s\S]*but received:[\s\S]*12345678901234567891n/);
  });

  it('a low-level client stays raw, as in boto3', async () => {
    const s = session();
    s.resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' }).Table('t');
    const raw = s.client('dynamodb', { endpointUrl: 'http://127.0.0.1:1' });
    const stub = new Stubber(raw);
    stub.activate();
    const sent = recordFinal(raw);
    stub.addResponse('getItem', { Item: { pk: { S: 'a' } } });
    const got = await raw.getItem({ TableName: 't', Key: { pk: { S: 'a' } } });
    expect(got.Item).toEqual({ pk: { S: 'a' } });
    expect(sent[0]).toEqual({ TableName: 't', Key: { pk: { S: 'a' } } });
    expect(raw.meta.events.hasHandlers('after-call.dynamodb.GetItem')).toBe(false);
  });

  it('resources of other services are not touched', () => {
    const s = session();
    const sqs = s.resource('sqs', { endpointUrl: 'http://127.0.0.1:1' });
    void sqs.Queue('http://q');
    expect(sqs.meta.client.meta.events.hasHandlers('before-parameter-build.sqs.SendMessage')).toBe(false);
  });
});
