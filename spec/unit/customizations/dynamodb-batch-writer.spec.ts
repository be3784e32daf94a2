/**
 * table.batchWriter(): batches of 25, UnprocessedItems re-sent, overwriteByPkeys dedupe, the
 * callback and close() forms, ordering of un-awaited calls, and argument errors. Runs over a
 * Stubber on the resource's client, so the expected params are the native ones (as boto3's
 * Stubber sees them) and the recorded final params show what goes on the wire.
 */
import { Session, Stubber } from '../../../src';
import type { BatchWriter, Resource } from '../../../src';

type Req = Record<string, unknown>;

function setup(): { table: Resource; stub: Stubber; sent: Req[] } {
  const s = new Session({ awsAccessKeyId: 'k', awsSecretAccessKey: 's', regionName: 'us-east-1', env: {} } as never);
  const table: Resource = s.resource('dynamodb', { endpointUrl: 'http://127.0.0.1:1' }).Table('t');
  const stub = new Stubber(table.meta.client);
  stub.activate();
  const sent: Req[] = [];
  table.meta.client.meta.events.register('before-parameter-build', (p) => {
    sent.push({ ...(p.params as Req) });
  });
  return { table, stub, sent };
}

const put = (Item: Req) => ({ PutRequest: { Item } });
const del = (Key: Req) => ({ DeleteRequest: { Key } });
const batchOf = (sent: Req) => (sent.RequestItems as Record<string, unknown[]>).t;

describe('table.batchWriter()', () => {
  it('60 puts -> BatchWriteItem of 25, 25 and 10, items serialized on the wire', async () => {
    const { table, stub, sent } = setup();
    const items = Array.from({ length: 60 }, (_, i) => ({ pk: `item-${i}`, n: i, tags: new Set(['x']) }));
    for (const start of [0, 25, 50]) {
      stub.addResponse('batchWriteItem', { UnprocessedItems: {} }, { RequestItems: { t: items.slice(start, start + 25).map(put) } });
    }
    await table.batchWriter(async (batch: BatchWriter) => {
      for (const Item of items) await batch.putItem({ Item });
      expect(sent.length).toBe(2); // the last 10 wait for close
      expect(batch.pendingCount).toBe(10);
    });
    expect(sent.map((r) => batchOf(r).length)).toEqual([25, 25, 10]);
    expect(batchOf(sent[2])[0]).toEqual({ PutRequest: { Item: { pk: { S: 'item-50' }, n: { N: '50' }, tags: { SS: ['x'] } } } });
    stub.assertNoPendingResponses();
  });

  it('re-sends UnprocessedItems with the next batch', async () => {
    const { table, stub, sent } = setup();
    const writer = table.batchWriter() as BatchWriter;
    stub.addResponse('batchWriteItem', {
      UnprocessedItems: { t: [{ PutRequest: { Item: { pk: { S: 'p-3' }, n: { N: '3' } } } }, { DeleteRequest: { Key: { pk: { S: 'gone' } } } }] },
    });
    stub.addResponse('batchWriteItem', { UnprocessedItems: { t: [{ PutRequest: { Item: { pk: { S: 'p-3' }, n: { N: '3' } } } }] } });
    stub.addResponse('batchWriteItem', {});
    for (let i = 0; i < 24; i++) await writer.putItem({ Item: { pk: `p-${i}`, n: i } });
    await writer.deleteItem({ Key: { pk: 'gone' } });
    expect(sent.length).toBe(1);
    expect(writer.pendingCount).toBe(2); // the two unprocessed, deserialized back to native
    await writer.close();
    expect(batchOf(sent[1])).toEqual([put({ pk: { S: 'p-3' }, n: { N: '3' } }), del({ pk: { S: 'gone' } })]);
    expect(batchOf(sent[2])).toEqual([put({ pk: { S: 'p-3' }, n: { N: '3' } })]);
    stub.assertNoPendingResponses();
  });

  it('overwriteByPkeys: a later request replaces a buffered one with the same key', async () => {
    const { table, stub } = setup();
    stub.addResponse('batchWriteItem', {}, {
      RequestItems: { t: [put({ pk: 'b', sk: 1, v: 'other' }), put({ pk: 'a', sk: 1n, v: 'second' }), del({ pk: 'c', sk: 2 })] },
    });
    await table.batchWriter(async (batch: BatchWriter) => {
      await batch.putItem({ Item: { pk: 'a', sk: 1, v: 'first' } });
      await batch.putItem({ Item: { pk: 'b', sk: 1, v: 'other' } });
      await batch.putItem({ Item: { pk: 'a', sk: 1n, v: 'second' } }); // 1n and 1 are the same key
      await batch.putItem({ Item: { pk: 'c', sk: 2 } });
      await batch.deleteItem({ Key: { pk: 'c', sk: 2 } });
    }, { overwriteByPkeys: ['pk', 'sk'] });
    stub.assertNoPendingResponses();
  });

  it('without overwriteByPkeys, duplicates are sent as given (as boto3)', async () => {
    const { table, stub } = setup();
    stub.addResponse('batchWriteItem', {}, { RequestItems: { t: [put({ pk: 'a' }), put({ pk: 'a' })] } });
    await table.batchWriter(async (batch: BatchWriter) => {
      await batch.putItem({ Item: { pk: 'a' } });
      await batch.putItem({ Item: { pk: 'a' } });
    });
    stub.assertNoPendingResponses();
  });

  it('un-awaited calls still send in call order, one batch at a time; flushAmount sets the size', async () => {
    const { table, stub, sent } = setup();
    for (let i = 0; i < 4; i++) stub.addResponse('batchWriteItem', {});
    const writer = table.batchWriter({ flushAmount: 3 }) as BatchWriter;
    const calls = Array.from({ length: 10 }, (_, i) => writer.putItem({ Item: { pk: `k${i}` } }));
    await Promise.all(calls);
    await writer.close();
    expect(sent.map((r) => batchOf(r).map((x) => (x as { PutRequest: { Item: { pk: { S: string } } } }).PutRequest.Item.pk.S))).toEqual([
      ['k0', 'k1', 'k2'],
      ['k3', 'k4', 'k5'],
      ['k6', 'k7', 'k8'],
      ['k9'],
    ]);
  });

  it('the callback form flushes even when the callback throws, and rethrows', async () => {
    const { table, stub, sent } = setup();
    stub.addResponse('batchWriteItem', {});
    await expect(
      table.batchWriter(async (batch: BatchWriter) => {
        await batch.putItem({ Item: { pk: 'a' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(sent.length).toBe(1);
  });

  it('the callback form resolves to what the callback returns; asyncDispose closes', async () => {
    const { table, stub } = setup();
    stub.addResponse('batchWriteItem', {});
    expect(await table.batchWriter(async () => 42)).toBe(42);
    const writer = table.batchWriter() as BatchWriter;
    await writer.putItem({ Item: { pk: 'a' } });
    await writer[Symbol.asyncDispose]();
    stub.assertNoPendingResponses();
    expect(() => writer.putItem({ Item: { pk: 'b' } })).toThrow("This BatchWriter for table 't' is closed");
  });

  it('a failed BatchWriteItem rejects the call that sent it', async () => {
    const { table, stub } = setup();
    stub.addClientError('batchWriteItem', { serviceErrorCode: 'ResourceNotFoundException', serviceMessage: 'no table' });
    const writer = table.batchWriter({ flushAmount: 1 }) as BatchWriter;
    await expect(writer.putItem({ Item: { pk: 'a' } })).rejects.toThrow('ResourceNotFoundException');
    await writer.close(); // nothing left to send
  });

  it('refuses bad arguments clearly', () => {
    const { table } = setup();
    const writer = table.batchWriter({ overwriteByPkeys: ['pk', 'sk'] }) as BatchWriter;
    expect(() => writer.putItem({ pk: 'a' } as never)).toThrow("BatchWriter.putItem takes { Item: { ... } }, got an object with 'pk'");
    expect(() => writer.deleteItem(undefined as never)).toThrow('BatchWriter.deleteItem takes { Key: { ... } }, got undefined');
    void writer.putItem({ Item: { pk: 'a', sk: 1 } });
    expect(() => writer.putItem({ Item: { pk: 'a' } })).toThrow("overwriteByPkeys names 'sk', which this item does not have");
    expect(() => table.batchWriter({ flushAmount: 26 })).toThrow('batchWriter flushAmount must be an integer from 1 to 25, got 26');
    expect(() => table.batchWriter({ overwriteByPkeys: 'pk' as never })).toThrow('overwriteByPkeys must be an array');
  });
});
