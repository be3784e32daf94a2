/**
 * botojs's side of each bench operation: `new Session` + `session.client()` (or `.resource()`),
 * then one call. Every call returns what checkResult reads.
 */
import {
  BUCKET, CREDENTIALS, KEY, MESSAGE, PUT_BODY, queueUrl, REGION, requireModule, TABLE, TOPIC_ARN,
  type Call, type LoadedSdk, type OpAdapter, type OpName, type SdkPaths,
} from './sdk-adapters';

type Ctor = new (...args: unknown[]) => unknown;
type AnyMethod = (...args: unknown[]) => Promise<unknown>;

function ctorOf(mod: unknown, name: string): Ctor {
  const value = (mod as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'function') throw new Error(`module does not export ${name}`);
  return value as Ctor;
}

/** A bound method of `target`, read once (botojs clients are Proxies: read outside the loop). */
export function methodOf(target: unknown, name: string): AnyMethod {
  const value = (target as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'function') throw new Error(`object has no method ${name}`);
  return (value as AnyMethod).bind(target);
}

interface Botojs {
  mod: unknown;
  session(): unknown;
}

function loadBotojs(paths: SdkPaths): Botojs {
  const mod = requireModule(paths, 'botojs');
  const Session = ctorOf(mod, 'Session');
  return {
    mod,
    session: () => new Session({
      awsAccessKeyId: CREDENTIALS.accessKeyId,
      awsSecretAccessKey: CREDENTIALS.secretAccessKey,
      regionName: REGION,
    }),
  };
}

/** A client of `service` against the canned server (S3 with path-style addressing). */
export function botojsClient(b: Botojs, service: string, endpoint: string): unknown {
  const client = methodOf(b.session(), 'client') as unknown as (name: string, opts: unknown) => unknown;
  if (service !== 's3') return client(service, { endpointUrl: endpoint });
  const Config = ctorOf(b.mod, 'Config');
  return client('s3', { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
}

function op(build: (b: Botojs, endpoint: string) => Call): OpAdapter {
  return (paths): LoadedSdk => {
    const b = loadBotojs(paths);
    return { createCaller: (endpoint) => build(b, endpoint) };
  };
}

export { loadBotojs };

export const botojsOps: Partial<Record<OpName, OpAdapter>> = {
  putObject: op((b, endpoint) => {
    const putObject = methodOf(botojsClient(b, 's3', endpoint), 'putObject');
    return () => putObject({ Bucket: BUCKET, Key: KEY, Body: PUT_BODY });
  }),
  getObject: op((b, endpoint) => {
    const getObject = methodOf(botojsClient(b, 's3', endpoint), 'getObject');
    return async () => {
      const out = (await getObject({ Bucket: BUCKET, Key: KEY })) as { Body: { read(): Promise<Buffer> } };
      const body = await out.Body.read();
      // What checkResult reads, as the raw floor returns it: no copy of the whole output.
      return { ETag: (out as { ETag?: unknown }).ETag, bodyLength: body.length };
    };
  }),
  listObjectsV2: op((b, endpoint) => {
    const listObjectsV2 = methodOf(botojsClient(b, 's3', endpoint), 'listObjectsV2');
    return () => listObjectsV2({ Bucket: BUCKET });
  }),
  getItem: op((b, endpoint) => {
    const getItem = methodOf(botojsClient(b, 'dynamodb', endpoint), 'getItem');
    return () => getItem({ TableName: TABLE, Key: { pk: { S: 'user#0001' }, sk: { S: 'profile' } } });
  }),
  query: op((b, endpoint) => {
    const resource = methodOf(b.session(), 'resource') as unknown as (name: string, opts: unknown) => unknown;
    const ddb = resource('dynamodb', { endpointUrl: endpoint });
    const table = methodOf(ddb, 'Table')(TABLE) as unknown;
    const query = methodOf(table, 'query');
    const Key = (b.mod as { Key: (name: string) => { eq(v: unknown): unknown } }).Key;
    // Native values: the Table resource turns the 100 items' attribute values into JS values.
    return () => query({ KeyConditionExpression: Key('pk').eq('user#0001') });
  }),
  sendMessage: op((b, endpoint) => {
    const sendMessage = methodOf(botojsClient(b, 'sqs', endpoint), 'sendMessage');
    return () => sendMessage({ QueueUrl: queueUrl(endpoint), MessageBody: MESSAGE });
  }),
  publish: op((b, endpoint) => {
    const publish = methodOf(botojsClient(b, 'sns', endpoint), 'publish');
    return () => publish({ TopicArn: TOPIC_ARN, Message: MESSAGE });
  }),
  describeInstances: op((b, endpoint) => {
    const describeInstances = methodOf(botojsClient(b, 'ec2', endpoint), 'describeInstances');
    return () => describeInstances({});
  }),
};
