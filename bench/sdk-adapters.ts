/**
 * One interface over the two SDKs under test, split in the three steps the cold-start bench
 * times separately: load (require), create (session + client), call (one operation).
 * Module paths come from the parent process (absolute, resolved once) so both SDKs pay the same
 * resolution cost; only this file knows how each SDK spells a client and a call.
 */

export type SdkName = 'botojs' | 'v3';
export type OpName = 'putObject' | 'getItem' | 'listObjectsV2' | 'describeInstances';

export const SDKS: readonly SdkName[] = ['botojs', 'v3'];
/** Every operation the throughput bench runs (and its --ops choices). */
export const OPS: readonly OpName[] = ['putObject', 'getItem', 'listObjectsV2', 'describeInstances'];
/** The operations the cold-start bench runs: one per SDK package it loads. */
export const COLD_OPS: readonly OpName[] = ['putObject', 'getItem'];
/** Sizes of the list responses the canned server sends (bench/xml-bodies.ts). */
export const LIST_KEYS = 1000;
export const INSTANCES = 100;

/** Absolute entry points of the modules under test, passed to children through the env. */
export interface SdkPaths {
  botojs: string;
  v3S3: string;
  v3DynamoDb: string;
  v3Ec2: string;
}

export function sdkPathsToEnv(paths: SdkPaths): Record<string, string> {
  return { BENCH_BOTOJS: paths.botojs, BENCH_V3_S3: paths.v3S3, BENCH_V3_DDB: paths.v3DynamoDb, BENCH_V3_EC2: paths.v3Ec2 };
}

export function sdkPathsFromEnv(): SdkPaths {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`bench child: ${name} is not set`);
    return value;
  };
  return { botojs: read('BENCH_BOTOJS'), v3S3: read('BENCH_V3_S3'), v3DynamoDb: read('BENCH_V3_DDB'), v3Ec2: read('BENCH_V3_EC2') };
}

/** The 1 KiB PutObject body (fixed content, so ETag and checksums are stable). */
export const PUT_BODY: Buffer = Buffer.alloc(1024, 'botojs-bench-');
const BUCKET = 'bench-bucket';
const KEY = 'bench/object-0001';
const TABLE = 'bench-table';
const CREDENTIALS = { accessKeyId: 'AKIDBENCHEXAMPLE', secretAccessKey: 'bench/secret/EXAMPLEKEY' };
const REGION = 'us-east-1';

export type Call = () => Promise<unknown>;

/** A loaded SDK module, ready to build a client against the canned server. */
export interface LoadedSdk {
  createCaller(endpoint: string): Call;
}

type Ctor = new (...args: unknown[]) => unknown;

function ctorOf(mod: unknown, name: string): Ctor {
  const value = (mod as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'function') throw new Error(`module does not export ${name}`);
  return value as Ctor;
}

function methodOf(target: unknown, name: string): (...args: unknown[]) => Promise<unknown> {
  const value = (target as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'function') throw new Error(`client has no method ${name}`);
  return (value as (...args: unknown[]) => Promise<unknown>).bind(target);
}

function loadBotojs(paths: SdkPaths, op: OpName): LoadedSdk {
  const mod: unknown = require(paths.botojs);
  const Session = ctorOf(mod, 'Session');
  const Config = ctorOf(mod, 'Config');
  return {
    createCaller(endpoint) {
      const session = new Session({
        awsAccessKeyId: CREDENTIALS.accessKeyId,
        awsSecretAccessKey: CREDENTIALS.secretAccessKey,
        regionName: REGION,
      });
      const client = methodOf(session, 'client');
      if (op === 'putObject' || op === 'listObjectsV2') {
        const s3Config = new Config({ s3: { addressingStyle: 'path' } });
        // session.client is synchronous in botojs; the cast keeps one method helper for both.
        const s3 = client('s3', { endpointUrl: endpoint, config: s3Config }) as unknown;
        if (op === 'listObjectsV2') {
          const listObjectsV2 = methodOf(s3, 'listObjectsV2');
          return () => listObjectsV2({ Bucket: BUCKET });
        }
        const putObject = methodOf(s3, 'putObject');
        return () => putObject({ Bucket: BUCKET, Key: KEY, Body: PUT_BODY });
      }
      if (op === 'describeInstances') {
        const ec2 = client('ec2', { endpointUrl: endpoint }) as unknown;
        const describeInstances = methodOf(ec2, 'describeInstances');
        return () => describeInstances({});
      }
      const ddb = client('dynamodb', { endpointUrl: endpoint }) as unknown;
      const getItem = methodOf(ddb, 'getItem');
      return () => getItem({ TableName: TABLE, Key: { pk: { S: 'user#0001' }, sk: { S: 'profile' } } });
    },
  };
}

function loadV3(paths: SdkPaths, op: OpName): LoadedSdk {
  if (op === 'listObjectsV2') {
    const mod: unknown = require(paths.v3S3);
    const S3Client = ctorOf(mod, 'S3Client');
    const ListObjectsV2Command = ctorOf(mod, 'ListObjectsV2Command');
    return {
      createCaller(endpoint) {
        const s3 = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: CREDENTIALS });
        const send = methodOf(s3, 'send');
        return () => send(new ListObjectsV2Command({ Bucket: BUCKET }));
      },
    };
  }
  if (op === 'describeInstances') {
    const mod: unknown = require(paths.v3Ec2);
    const EC2Client = ctorOf(mod, 'EC2Client');
    const DescribeInstancesCommand = ctorOf(mod, 'DescribeInstancesCommand');
    return {
      createCaller(endpoint) {
        const ec2 = new EC2Client({ region: REGION, endpoint, credentials: CREDENTIALS });
        const send = methodOf(ec2, 'send');
        return () => send(new DescribeInstancesCommand({}));
      },
    };
  }
  if (op === 'putObject') {
    const mod: unknown = require(paths.v3S3);
    const S3Client = ctorOf(mod, 'S3Client');
    const PutObjectCommand = ctorOf(mod, 'PutObjectCommand');
    return {
      createCaller(endpoint) {
        const s3 = new S3Client({ region: REGION, endpoint, forcePathStyle: true, credentials: CREDENTIALS });
        const send = methodOf(s3, 'send');
        return () => send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: PUT_BODY }));
      },
    };
  }
  const mod: unknown = require(paths.v3DynamoDb);
  const DynamoDBClient = ctorOf(mod, 'DynamoDBClient');
  const GetItemCommand = ctorOf(mod, 'GetItemCommand');
  return {
    createCaller(endpoint) {
      const ddb = new DynamoDBClient({ region: REGION, endpoint, credentials: CREDENTIALS });
      const send = methodOf(ddb, 'send');
      return () =>
        send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'user#0001' }, sk: { S: 'profile' } } }));
    },
  };
}

/** Requires the SDK module for `op` (the cost the cold-start bench calls "require"). */
export function loadSdk(sdk: SdkName, op: OpName, paths: SdkPaths): LoadedSdk {
  return sdk === 'botojs' ? loadBotojs(paths, op) : loadV3(paths, op);
}

/** Checks a call's result looks like a success, so a silently broken SDK can't look fast. */
export function checkResult(op: OpName, result: unknown): void {
  const record = result as Record<string, unknown> | null;
  if (op === 'listObjectsV2') {
    const contents = record?.Contents as Array<Record<string, unknown>> | undefined;
    if (contents?.length !== LIST_KEYS || typeof contents[LIST_KEYS - 1].Key !== 'string') {
      throw new Error(`ListObjectsV2 did not return ${LIST_KEYS} keys: ${JSON.stringify(result).slice(0, 300)}`);
    }
  } else if (op === 'describeInstances') {
    const reservations = record?.Reservations as Array<Record<string, unknown>> | undefined;
    const last = reservations?.[INSTANCES - 1]?.Instances as Array<Record<string, unknown>> | undefined;
    if (reservations?.length !== INSTANCES || typeof last?.[0]?.InstanceId !== 'string') {
      throw new Error(`DescribeInstances did not return ${INSTANCES} instances: ${JSON.stringify(result).slice(0, 300)}`);
    }
  } else if (op === 'getItem') {
    const item = record?.Item as Record<string, unknown> | undefined;
    if (!item || typeof item.pk !== 'object') throw new Error(`GetItem returned no Item: ${JSON.stringify(result)}`);
  } else if (typeof record?.ETag !== 'string') {
    throw new Error(`PutObject returned no ETag: ${JSON.stringify(result)}`);
  }
}
