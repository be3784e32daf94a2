/**
 * Waiters end to end: S3 objectExists against s3rver (an object a timer uploads; a key that
 * never arrives), DynamoDB tableExists/tableNotExists against dynalite, and EC2 acceptors
 * (pathAll success, pathAny failure, error retry, unexpected errors) against canned responses.
 */
import { AbortError, ClientError, Session } from '../../src';
import { WaiterError } from '../../src/waiters/errors';
import { CannedServer, CannedResponse } from '../helpers/canned-server';
import { isolatedSession, localDynamoDb, localS3, uniqueName } from '../helpers/local';
import { waitFor } from '../helpers/wait-for';


describe('S3 waiters against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('waits');

  beforeAll(() => s3.createBucket({ Bucket: bucket }));
  afterAll(() => s3.close());

  it('bucketExists succeeds at once for an existing bucket', async () => {
    await expect(s3.getWaiter('bucketExists').wait({ Bucket: bucket, WaiterConfig: { Delay: 0.05, MaxAttempts: 2 } })).resolves.toBeDefined();
  });

  it('objectExists succeeds once a timer uploads the object (an ETL job waiting for its input)', async () => {
    const key = 'incoming/batch-001.csv';
    let heads = 0;
    s3.meta.events.register('before-call.s3.HeadObject', () => {
      heads++;
    });
    let put: Promise<unknown> | undefined;
    const timer = setTimeout(() => (put = s3.putObject({ Bucket: bucket, Key: key, Body: 'id,value\n1,2\n' })), 300);
    try {
      const res = await s3.getWaiter('objectExists').wait({ Bucket: bucket, Key: key, WaiterConfig: { Delay: 0.1, MaxAttempts: 50 } });
      expect(res.ResponseMetadata.HTTPStatusCode).toBe(200);
      expect(heads).toBeGreaterThan(1);
      // s3rver stores an object non-atomically (a HEAD during the PUT may see 0 bytes): check the size once the PUT is done.
      await put;
      expect((await s3.headObject({ Bucket: bucket, Key: key })).ContentLength).toBe(13);
    } finally {
      clearTimeout(timer);
    }
  });

  it('fails with WaiterError after MaxAttempts for a key that never arrives', async () => {
    const started = Date.now();
    const err = (await s3
      .getWaiter('objectExists')
      .wait({ Bucket: bucket, Key: 'never/there.csv', WaiterConfig: { Delay: 0.1, MaxAttempts: 3 } })
      .catch((e: unknown) => e)) as WaiterError;
    expect(err).toBeInstanceOf(WaiterError);
    expect(err.name).toBe('WaiterError');
    expect(err.reason).toBe('Max attempts exceeded. Previously accepted state: Matched expected HTTP status code: 404');
    expect((err.lastResponse as { ResponseMetadata: { HTTPStatusCode: number } }).ResponseMetadata.HTTPStatusCode).toBe(404);
    expect(err.cause).toBeInstanceOf(ClientError);
    // Two sleeps between three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('objectNotExists succeeds for a deleted key', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'tmp/x', Body: 'x' });
    await s3.deleteObject({ Bucket: bucket, Key: 'tmp/x' });
    await expect(s3.getWaiter('object_not_exists').wait({ Bucket: bucket, Key: 'tmp/x', WaiterConfig: { Delay: 0.05, MaxAttempts: 3 } })).resolves.toBeDefined();
  });

  it('WaiterConfig.signal cancels a long wait promptly', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = s3.getWaiter('objectExists').wait({ Bucket: bucket, Key: 'never/abort', WaiterConfig: { Delay: 30, MaxAttempts: 10, signal: controller.signal } });
    setTimeout(() => controller.abort(), 100);
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('wait(params, { abortSignal }) ends the delay between polls at once, with no further poll', async () => {
    let heads = 0;
    s3.meta.events.register('before-call.s3.HeadObject', () => void heads++, { uniqueId: 'count-abort-heads' });
    try {
      const controller = new AbortController();
      const started = Date.now();
      const p = s3.getWaiter('objectExists').wait({ Bucket: bucket, Key: 'never/abort-2', WaiterConfig: { Delay: 30, MaxAttempts: 10 } }, { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 150);
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AbortError);
      expect((err as Error).name).toBe('AbortError');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(heads).toBe(1);
    } finally {
      s3.meta.events.unregister('before-call.s3.HeadObject', 'count-abort-heads');
    }
  });
});

describe('DynamoDB waiters against dynalite', () => {
  const ddb = localDynamoDb();
  afterAll(() => ddb.close());

  it('tableExists waits for a new table; tableNotExists for a deleted one', async () => {
    const table = uniqueName('waited');
    await ddb.createTable({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    const res = await ddb.getWaiter('tableExists').wait({ TableName: table, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });
    expect(res.Table.TableStatus).toBe('ACTIVE');
    await ddb.deleteTable({ TableName: table });
    await expect(ddb.getWaiter('tableNotExists').wait({ TableName: table, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } })).resolves.toBeDefined();
  });

  it('tableExists retries ResourceNotFoundException until MaxAttempts', async () => {
    const err = (await ddb.getWaiter('tableExists').wait({ TableName: uniqueName('absent'), WaiterConfig: { Delay: 0.01, MaxAttempts: 2 } }).catch((e: unknown) => e)) as WaiterError;
    expect(err).toBeInstanceOf(WaiterError);
    expect(err.reason).toMatch(/Max attempts exceeded\. Previously accepted state: Matched expected service error code: "ResourceNotFoundException"/);
  });
});

// --- EC2 against canned real-format responses ----------------------------------------------

const ec2Xml = (states: string[]): CannedResponse => ({
  status: 200,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body:
    `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><ownerId>1</ownerId><instancesSet>` +
    states.map((s, i) => `<item><instanceId>i-${i}</instanceId><instanceState><code>0</code><name>${s}</name></instanceState></item>`).join('') +
    `</instancesSet></item></reservationSet></DescribeInstancesResponse>`,
});

const ec2Error = (code: string, status = 400): CannedResponse => ({
  status,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${code} happened</Message></Error></Errors><RequestID>req</RequestID></Response>`,
});

describe('EC2 waiter acceptors against canned responses', () => {
  const server = new CannedServer();
  let session: Session;
  let endpointUrl: string;
  const fast = { Delay: 0.01, MaxAttempts: 10 };

  beforeAll(async () => {
    endpointUrl = await server.start();
    session = isolatedSession();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server.handler = undefined;
  });

  const ec2 = () => session.client('ec2', { endpointUrl });

  it('instanceRunning retries InvalidInstanceID.NotFound and pending, then succeeds when all are running', async () => {
    server.reply(ec2Error('InvalidInstanceID.NotFound'), ec2Xml(['pending', 'pending']), ec2Xml(['running', 'pending']), ec2Xml(['running', 'running']));
    const res = await ec2().getWaiter('instanceRunning').wait({ InstanceIds: ['i-0', 'i-1'], WaiterConfig: fast });
    expect(server.requests).toHaveLength(4);
    expect(res.Reservations[0].Instances.map((i: { State: { Name: string } }) => i.State.Name)).toEqual(['running', 'running']);
    const body = new URLSearchParams(server.requests[0].body.toString('utf8'));
    expect(body.get('InstanceId.1')).toBe('i-0');
    expect(body.has('WaiterConfig')).toBe(false);
  });

  it('instanceRunning fails at once when any instance is terminated (pathAny failure)', async () => {
    server.reply(ec2Xml(['pending', 'terminated']));
    const err = (await ec2().getWaiter('instanceRunning').wait({ InstanceIds: ['i-0'], WaiterConfig: fast }).catch((e: unknown) => e)) as WaiterError;
    expect(err).toBeInstanceOf(WaiterError);
    expect(err.reason).toMatch(/terminal failure state: For expression "Reservations\[\]\.Instances\[\]\.State\.Name" we matched expected path: "terminated" at least once/);
    expect(err.lastResponse).toMatchObject({ Reservations: [{ Instances: [{ InstanceId: 'i-0' }, { InstanceId: 'i-1' }] }] });
    expect(server.requests).toHaveLength(1);
  });

  it('an error no acceptor expects ends the wait with that error', async () => {
    server.reply(ec2Xml(['pending']), ec2Error('UnauthorizedOperation', 403));
    const err = (await ec2().getWaiter('instanceRunning').wait({ InstanceIds: ['i-0'], WaiterConfig: fast }).catch((e: unknown) => e)) as ClientError;
    expect(err).toBeInstanceOf(ClientError);
    expect(err).not.toBeInstanceOf(WaiterError);
    expect(err.code).toBe('UnauthorizedOperation');
    expect(err.statusCode).toBe(403);
    expect(server.requests).toHaveLength(2);
  });

  it('instanceTerminated succeeds on pathAll terminated; instanceExists uses length() > 0', async () => {
    server.reply(ec2Xml(['shutting-down']), ec2Xml(['terminated']));
    await ec2().getWaiter('instanceTerminated').wait({ InstanceIds: ['i-0'], WaiterConfig: fast });
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    server.reply(ec2Error('InvalidInstanceID.NotFound'), ec2Xml(['pending']));
    await ec2().getWaiter('instanceExists').wait({ InstanceIds: ['i-0'], WaiterConfig: fast });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after MaxAttempts with the last response', async () => {
    server.handler = () => ec2Xml(['pending']);
    const err = (await ec2().getWaiter('instance_running').wait({ WaiterConfig: { Delay: 0, MaxAttempts: 3 } }).catch((e: unknown) => e)) as WaiterError;
    expect(err.reason).toBe('Max attempts exceeded');
    expect(server.requests).toHaveLength(3);
    expect(err.lastResponse).toMatchObject({ Reservations: [{ Instances: [{ State: { Name: 'pending' } }] }] });
  });

  it('{ abortSignal } cancels a poll on the wire (the server never answers)', async () => {
    server.reply(ec2Xml(['pending']), { hang: true });
    const client = ec2();
    const controller = new AbortController();
    const p = client.getWaiter('instanceRunning').wait({ InstanceIds: ['i-0'], WaiterConfig: fast }, { abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => server.requests.length >= 2);
    const started = Date.now();
    controller.abort();
    expect(await p).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requests).toHaveLength(2);
    client.close();
  });
});
