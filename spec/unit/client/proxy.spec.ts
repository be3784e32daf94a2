import { inspect } from 'util';
import { ClientError, Config, NoCredentialsError, ParamValidationError, Session, UnknownServiceError } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';
import { ServiceModel } from '../../../src/models/service-model';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

describe('the client proxy', () => {
  const sqs = session.client('sqs');

  it('resolves every spelling of an operation to one method', () => {
    expect(sqs.listQueues).toBe(sqs.ListQueues);
    expect(sqs.list_queues).toBe(sqs.listQueues);
    expect(typeof sqs.sendMessageBatch).toBe('function');
    expect(sqs.listQueues.name).toBe('listQueues');
    const rds = session.client('rds');
    expect(rds.describeDBInstances).toBe(rds.describeDbInstances);
  });

  it('lists canonical operation names as its keys', () => {
    const keys = Object.keys(sqs);
    expect(keys).toContain('sendMessage');
    expect(keys).toContain('receiveMessage');
    expect(keys.every((k) => /^[a-z][A-Za-z0-9]*$/.test(k))).toBe(true);
    expect('sendMessage' in sqs).toBe(true);
    expect('meta' in sqs).toBe(true);
  });

  it("indexes the model's operations on the first lookup, not at creation (EC2 has 765)", () => {
    const index = jest.spyOn(ServiceModel.prototype, 'operationIndex', 'get');
    const names = jest.spyOn(ServiceModel.prototype, 'operationNames', 'get');
    try {
      const ec2 = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' }).client('ec2');
      expect(index).not.toHaveBeenCalled();
      expect(names).not.toHaveBeenCalled();
      // Nor do the names tools probe: awaiting a client (then), JSON.stringify (toJSON).
      expect((ec2 as Record<string, unknown>).then).toBeUndefined();
      expect((ec2 as Record<string, unknown>).toJSON).toBeUndefined();
      expect(index).not.toHaveBeenCalled();
      expect(ec2.describe_instances).toBe(ec2.describeInstances);
      expect(index).toHaveBeenCalled();
    } finally {
      index.mockRestore();
      names.mockRestore();
    }
  });

  it('is short in util.inspect and safe to await', async () => {
    expect(inspect(sqs)).toMatch(/^<botojs\.client\.sqs region=us-west-2 operations=\d+>$/);
    const awaited = await sqs;
    expect(awaited).toBe(sqs);
  });

  it('names the service and the closest operations for an unknown name', () => {
    expect(() => sqs.sendMesage).toThrow(TypeError);
    expect(() => sqs.sendMesage).toThrow(/'sqs' client has no operation or attribute 'sendMesage'.*sendMessage/);
  });

  it('exposes meta and exception classes', () => {
    expect(sqs.meta.regionName).toBe('us-west-2');
    expect(sqs.meta.serviceModel.serviceId).toBe('SQS');
    expect(sqs.meta.methodToApiMapping.sendMessage).toBe('SendMessage');
    expect(new sqs.exceptions.QueueDoesNotExist({ Error: { Code: 'x', Message: 'm' }, ResponseMetadata: { HTTPStatusCode: 400, HTTPHeaders: {} } }, 'Op')).toBeInstanceOf(ClientError);
    expect(Object.keys(sqs.exceptions)).toContain('QueueDoesNotExist');
    expect(() => sqs.exceptions.NoSuchThing).toThrow(/no exception 'NoSuchThing'/);
  });

  it('raises UnknownServiceError with close matches', () => {
    expect(() => session.client('dynamdb')).toThrow(UnknownServiceError);
    expect(() => session.client('dynamdb')).toThrow(/dynamodb/);
  });

  it('rejects bad params with ParamValidationError before sending', async () => {
    const err = await sqs.sendMessage({ QueueUrl: 'u', MessageBdy: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParamValidationError);
    expect((err as Error).message).toMatch(/Missing required parameter in input: "MessageBody"/);
    expect((err as Error).message).toMatch(/Unknown parameter in input: "MessageBdy".*did you mean "MessageBody"/);
  });
});

describe('calls over the wire (canned loopback server)', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => (server.requests.length = 0));

  it('sends a signed json request and parses the result', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url });
    server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'REQ1' }, body: '{"TableNames":["a","b"]}' });
    const r = await ddb.listTables({ Limit: 5 });
    expect(r.TableNames).toEqual(['a', 'b']);
    expect(r.ResponseMetadata).toMatchObject({ RequestId: 'REQ1', HTTPStatusCode: 200, RetryAttempts: 0 });
    const req = server.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers['x-amz-target']).toBe('DynamoDB_20120810.ListTables');
    expect(JSON.parse(req.body.toString())).toEqual({ Limit: 5 });
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/us-west-2\/dynamodb\/aws4_request, SignedHeaders=.*host.*x-amz-date.*, Signature=[0-9a-f]{64}$/);
    expect(req.headers['user-agent']).toMatch(/^botojs\/\S+ /);
    ddb.close();
  });

  it('retries a throttled call and reports RetryAttempts', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url, config: new Config({ retries: { mode: 'standard', totalMaxAttempts: 3 } }) });
    const throttle = { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow down"}' };
    server.reply(throttle, { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    const r = await ddb.listTables();
    expect(r.ResponseMetadata.RetryAttempts).toBe(1);
    expect(server.requests.length).toBe(2);
    server.reply(throttle, throttle, throttle);
    const err = (await ddb.listTables().catch((e: unknown) => e)) as ClientError;
    expect(err.code).toBe('ThrottlingException');
    expect(err.response.ResponseMetadata.RetryAttempts).toBe(2);
    expect(err.message).toMatch(/reached max retries: 2/);
    ddb.close();
  }, 20000);

  it('does not retry a modeled client error', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url });
    server.reply({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no table"}' });
    const err = await ddb.describeTable({ TableName: 't' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ddb.exceptions.ResourceNotFoundException);
    expect((err as ClientError).response.Error.Message).toBe('no table');
    expect(server.requests.length).toBe(1);
    ddb.close();
  });

  it('sends anonymous requests with signatureVersion UNSIGNED', async () => {
    const { UNSIGNED } = await import('../../../src');
    const s3 = session.client('s3', { endpointUrl: url, config: new Config({ signatureVersion: UNSIGNED }) });
    server.reply({ status: 200, headers: { 'content-type': 'application/xml' }, body: '<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount></ListBucketResult>' });
    const r = await s3.listObjectsV2({ Bucket: 'b' });
    expect(r.Name).toBe('b');
    expect(server.requests[0].headers.authorization).toBeUndefined();
    expect(server.requests[0].url).toBe('/b?list-type=2&encoding-type=url');
    s3.close();
  });

  it('raises NoCredentialsError when nothing provides credentials', async () => {
    const bare = new Session({ env, regionName: 'us-east-1' });
    const ddb = bare.client('dynamodb', { endpointUrl: url });
    await expect(ddb.listTables()).rejects.toBeInstanceOf(NoCredentialsError);
    expect(server.requests.length).toBe(0);
  });

  it('presigns a GetObject URL', async () => {
    const s3 = session.client('s3', { regionName: 'us-east-1' });
    const u = new URL(await s3.generatePresignedUrl('getObject', { Params: { Bucket: 'my-bucket', Key: 'a b.txt' }, ExpiresIn: 600 }));
    expect(u.host).toBe('my-bucket.s3.amazonaws.com');
    expect(u.pathname).toBe('/a%20b.txt');
    expect(u.searchParams.get('X-Amz-Expires')).toBe('600');
    expect(u.searchParams.get('X-Amz-Credential')).toMatch(/^AKID\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(u.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('region resolution for clients', () => {
  const bare = new Session({ env, awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
  it('uses the global endpoint for global services and us-east-1 for S3, as boto3', () => {
    expect(bare.client('iam').meta.regionName).toBe('aws-global');
    expect(bare.client('s3').meta.regionName).toBe('us-east-1');
  });
  it('raises NoRegionError for a regional service without a region', () => {
    expect(() => bare.client('sqs')).toThrow(/You must specify a region/);
    expect(bare.client('sqs', { regionName: 'eu-west-1' }).meta.regionName).toBe('eu-west-1');
  });
});

describe('clock skew correction', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('re-signs with the server clock after RequestTimeTooSkewed', async () => {
    const ddb = session.client('dynamodb', { endpointUrl: url });
    const serverTime = new Date(Date.now() + 3 * 3600 * 1000);
    server.reply(
      { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0', date: serverTime.toUTCString() }, body: '{"__type":"RequestTimeTooSkewed","message":"skewed"}' },
      { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' },
    );
    await ddb.listTables();
    expect(server.requests.length).toBe(2);
    const first = String(server.requests[0].headers['x-amz-date']);
    const second = String(server.requests[1].headers['x-amz-date']);
    const toMs = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15));
    expect(toMs(second) - toMs(first)).toBeGreaterThan(2.9 * 3600 * 1000);
    ddb.close();
  });
});

describe('secrets stay out of events', () => {
  it('masks the session token in before-send payloads while the wire request carries it', async () => {
    const server = new CannedServer();
    const url = await server.start();
    const s = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRETKEY', awsSessionToken: 'TOKENVALUE', regionName: 'us-east-1' });
    const ddb = s.client('dynamodb', { endpointUrl: url });
    const seen: string[] = [];
    ddb.meta.events.register('before-send', (p) => void seen.push(JSON.stringify(p.request)));
    server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    await ddb.listTables();
    expect(seen[0]).toContain('<redacted>');
    expect(seen.join()).not.toMatch(/TOKENVALUE|SECRETKEY/);
    expect(server.requests[0].headers['x-amz-security-token']).toBe('TOKENVALUE');
    ddb.close();
    await server.stop();
  });
});

describe('useSsl', () => {
  it('presigns rule-set endpoints over http when useSsl is false', async () => {
    const s3 = session.client('s3', { regionName: 'us-east-1', useSsl: false });
    const url = await s3.generatePresignedUrl('getObject', { Params: { Bucket: 'my-bucket', Key: 'k' } });
    expect(url.startsWith('http://my-bucket.s3.amazonaws.com/k?')).toBe(true);
  });
});
