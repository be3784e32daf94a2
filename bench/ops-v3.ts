/**
 * The AWS SDK for JavaScript v3's side of each bench operation: `new XClient` + `client.send(new
 * XCommand(...))`; DynamoDB Query goes through lib-dynamodb's DocumentClient (native values,
 * as botojs's Table resource returns them).
 */
import {
  BUCKET, CREDENTIALS, KEY, MESSAGE, PUT_BODY, queueUrl, REGION, requireModule, TABLE, TOPIC_ARN,
  type Call, type OpAdapter, type OpName,
} from './sdk-adapters';

type Ctor = new (...args: unknown[]) => unknown;
type Send = (command: unknown) => Promise<unknown>;

function ctorOf(mod: unknown, name: string): Ctor {
  const value = (mod as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'function') throw new Error(`module does not export ${name}`);
  return value as Ctor;
}

function sendOf(client: unknown): Send {
  const send = (client as { send?: Send }).send;
  if (typeof send !== 'function') throw new Error('client has no send');
  return send.bind(client);
}

/** A v3 client constructor's options against the canned server. */
export function v3Options(endpoint: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { region: REGION, endpoint, credentials: CREDENTIALS, ...extra };
}

function simple(pkg: string, clientName: string, commandName: string, input: (endpoint: string) => unknown, extra: Record<string, unknown> = {}): OpAdapter {
  return (paths) => {
    const mod = requireModule(paths, pkg);
    const Client = ctorOf(mod, clientName);
    const Command = ctorOf(mod, commandName);
    return {
      createCaller(endpoint): Call {
        const send = sendOf(new Client(v3Options(endpoint, extra)));
        const params = input(endpoint);
        return () => send(new Command(params));
      },
    };
  };
}

export const v3Ops: Partial<Record<OpName, OpAdapter>> = {
  putObject: simple('@aws-sdk/client-s3', 'S3Client', 'PutObjectCommand', () => ({ Bucket: BUCKET, Key: KEY, Body: PUT_BODY }), { forcePathStyle: true }),
  getObject: (paths) => {
    const mod = requireModule(paths, '@aws-sdk/client-s3');
    const S3Client = ctorOf(mod, 'S3Client');
    const GetObjectCommand = ctorOf(mod, 'GetObjectCommand');
    return {
      createCaller(endpoint) {
        const send = sendOf(new S3Client(v3Options(endpoint, { forcePathStyle: true })));
        return async () => {
          const out = (await send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }))) as { Body: { transformToByteArray(): Promise<Uint8Array> } };
          const body = await out.Body.transformToByteArray();
          // What checkResult reads, as the raw floor returns it: no copy of the whole output.
          return { ETag: (out as { ETag?: unknown }).ETag, bodyLength: body.length };
        };
      },
    };
  },
  listObjectsV2: simple('@aws-sdk/client-s3', 'S3Client', 'ListObjectsV2Command', () => ({ Bucket: BUCKET }), { forcePathStyle: true }),
  getItem: simple('@aws-sdk/client-dynamodb', 'DynamoDBClient', 'GetItemCommand', () => ({ TableName: TABLE, Key: { pk: { S: 'user#0001' }, sk: { S: 'profile' } } })),
  query: (paths) => {
    const ddbMod = requireModule(paths, '@aws-sdk/client-dynamodb');
    const libMod = requireModule(paths, '@aws-sdk/lib-dynamodb') as { DynamoDBDocumentClient: { from(client: unknown): unknown } };
    const DynamoDBClient = ctorOf(ddbMod, 'DynamoDBClient');
    const QueryCommand = ctorOf(libMod, 'QueryCommand');
    return {
      createCaller(endpoint) {
        const send = sendOf(libMod.DynamoDBDocumentClient.from(new DynamoDBClient(v3Options(endpoint))));
        return () => send(new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: '#n0 = :v0',
          ExpressionAttributeNames: { '#n0': 'pk' },
          ExpressionAttributeValues: { ':v0': 'user#0001' },
        }));
      },
    };
  },
  sendMessage: simple('@aws-sdk/client-sqs', 'SQSClient', 'SendMessageCommand', (endpoint) => ({ QueueUrl: queueUrl(endpoint), MessageBody: MESSAGE })),
  publish: simple('@aws-sdk/client-sns', 'SNSClient', 'PublishCommand', () => ({ TopicArn: TOPIC_ARN, Message: MESSAGE })),
  describeInstances: simple('@aws-sdk/client-ec2', 'EC2Client', 'DescribeInstancesCommand', () => ({})),
};
