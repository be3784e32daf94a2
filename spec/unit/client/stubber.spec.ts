import { ANY, ClientError, ParamValidationError, Session, StubAssertionError, Stubber, StubResponseError, UnStubbedResponseError } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'a', awsSecretAccessKey: 'b', regionName: 'us-east-1' });

describe('Stubber', () => {
  it('answers calls from the queue, in order, without touching the network', async () => {
    // An endpoint nothing listens on: a real send would fail.
    const s3 = session.client('s3', { endpointUrl: 'http://127.0.0.1:9' });
    const stub = new Stubber(s3).activate();
    const when = new Date('2024-01-02T03:04:05Z');
    stub.addResponse('listBuckets', { Buckets: [{ Name: 'a', CreationDate: when }] });
    stub.addResponse('headObject', { ContentLength: 5 }, { Bucket: 'a', Key: 'k' });
    const r = await s3.listBuckets();
    expect(r.Buckets[0]).toEqual({ Name: 'a', CreationDate: when });
    expect(r.ResponseMetadata.HTTPStatusCode).toBe(200);
    expect((await s3.headObject({ Bucket: 'a', Key: 'k' })).ContentLength).toBe(5);
    stub.assertNoPendingResponses();
  });

  it('queues client errors as the modeled exception classes', async () => {
    const s3 = session.client('s3');
    const stub = new Stubber(s3).activate();
    stub.addClientError('getObject', { serviceErrorCode: 'NoSuchKey', serviceMessage: 'gone', httpStatusCode: 404 });
    const err = await s3.getObject({ Bucket: 'b', Key: 'k' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(s3.exceptions.NoSuchKey);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).statusCode).toBe(404);
  });

  it('checks the operation, the expected params (with ANY) and leftovers', async () => {
    const ddb = session.client('dynamodb');
    const stub = new Stubber(ddb).activate();
    stub.addResponse('getItem', { Item: { pk: { S: 'a' } } }, { TableName: 't', Key: ANY });
    await expect(ddb.getItem({ TableName: 't', Key: { pk: { S: 'zzz' } } })).resolves.toMatchObject({ Item: { pk: { S: 'a' } } });
    stub.addResponse('getItem', {}, { TableName: 't', Key: { pk: { S: 'a' } } });
    await expect(ddb.getItem({ TableName: 'other', Key: { pk: { S: 'a' } } })).rejects.toBeInstanceOf(StubAssertionError);
    stub.addResponse('listTables', { TableNames: [] });
    await expect(ddb.describeTable({ TableName: 't' })).rejects.toBeInstanceOf(StubResponseError);
    expect(() => stub.assertNoPendingResponses()).toThrow(/2 responses remaining/);
    const fresh = new Stubber(session.client('dynamodb')).activate();
    await expect(fresh.client.listTables()).rejects.toBeInstanceOf(UnStubbedResponseError);
  });

  it('validates queued responses against the output shape', () => {
    const stub = new Stubber(session.client('dynamodb'));
    expect(() => stub.addResponse('listTables', { TableNames: 'not-a-list' })).toThrow(ParamValidationError);
    expect(() => stub.addResponse('listTablez', {})).toThrow(/does not have method: listTablez.*listTables/);
  });

  it('drives paginators and stops after deactivate', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: 'http://127.0.0.1:9', config: { retries: { totalMaxAttempts: 1 } } });
    const stub = new Stubber(ddb).activate();
    stub.addResponse('listTables', { TableNames: ['aaa', 'bbb'], LastEvaluatedTableName: 'bbb' });
    stub.addResponse('listTables', { TableNames: ['ccc'] }, { ExclusiveStartTableName: 'bbb' });
    const names: string[] = [];
    for await (const n of ddb.getPaginator('listTables').paginate().search('TableNames[]')) names.push(n as string);
    expect(names).toEqual(['aaa', 'bbb', 'ccc']);
    stub.deactivate();
    await expect(ddb.listTables()).rejects.toThrow(/Could not connect|ECONNREFUSED|connect/i);
  });
});
