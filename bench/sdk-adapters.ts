/**
 * One interface over the SDKs under test, split in the three steps the cold-start bench times
 * separately: load (require), create (session + client), call (one operation).
 *
 * - botojs: dist/index.js; v3: the @aws-sdk/* packages each operation needs;
 * - raw: a bare `node:http` keep-alive loop sending the same requests, SigV4-signed, with no
 *   validation or parsing beyond JSON.parse or a regex (ops-raw.ts): the floor, which the
 *   throughput table reports botojs against.
 *
 * Module paths come from the parent process (absolute, resolved once) so every SDK pays the same
 * resolution cost; only the ops-*.ts files know how each SDK spells a client and a call.
 */
import { botojsOps } from './ops-botojs';
import { rawOps } from './ops-raw';
import { v3Ops } from './ops-v3';

export type SdkName = 'botojs' | 'v3' | 'raw';
export type OpName =
  | 'putObject' | 'getObject' | 'listObjectsV2' | 'getItem' | 'query' | 'sendMessage' | 'publish' | 'describeInstances';

/** The SDKs every throughput cell runs (raw only where it has the operation). */
export const SDKS: readonly SdkName[] = ['botojs', 'v3', 'raw'];
/** Operations of the cold-start table. */
export const COLD_OPS: readonly OpName[] = ['putObject', 'getItem'];
/** Operations of the throughput table (and the --ops choices). */
export const OPS: readonly OpName[] = [
  'putObject', 'getObject', 'listObjectsV2', 'getItem', 'query', 'sendMessage', 'publish', 'describeInstances',
];
/** Sizes of the list responses the canned server sends (bench/xml-bodies.ts). */
export const LIST_KEYS = 1000;
export const INSTANCES = 100;

/** npm packages each operation needs from v3 (resolved by the parent, passed in the env). */
export const V3_PACKAGES: Record<OpName, readonly string[]> = {
  putObject: ['@aws-sdk/client-s3'],
  getObject: ['@aws-sdk/client-s3'],
  listObjectsV2: ['@aws-sdk/client-s3'],
  getItem: ['@aws-sdk/client-dynamodb'],
  query: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
  sendMessage: ['@aws-sdk/client-sqs'],
  publish: ['@aws-sdk/client-sns'],
  describeInstances: ['@aws-sdk/client-ec2'],
};
/** Every package any scenario needs, with lib-storage for the transfer bench. */
export const ALL_V3_PACKAGES: readonly string[] = [...new Set([...Object.values(V3_PACKAGES).flat(), '@aws-sdk/lib-storage'])];

/** Absolute entry points of the modules under test: 'botojs' and each v3 package name. */
export type SdkPaths = Record<string, string>;

export function sdkPathsToEnv(paths: SdkPaths): Record<string, string> {
  return { BENCH_MODULES: JSON.stringify(paths) };
}

export function sdkPathsFromEnv(): SdkPaths {
  const value = process.env.BENCH_MODULES;
  if (!value) throw new Error('bench child: BENCH_MODULES is not set');
  return JSON.parse(value) as SdkPaths;
}

/** Requires one module under test by its name ('botojs' or a v3 package). */
export function requireModule(paths: SdkPaths, name: string): unknown {
  const file = paths[name];
  if (!file) throw new Error(`bench child: no path for ${name}`);
  return require(file);
}

/** The 1 KiB PutObject body (fixed content, so ETag and checksums are stable). */
export const PUT_BODY: Buffer = Buffer.alloc(1024, 'botojs-bench-');
export const BUCKET = 'bench-bucket';
export const KEY = 'bench/object-0001';
export const TABLE = 'bench-table';
/** The queue's URL on the canned server (v3 sends SQS calls to the queue URL's host). */
export const queueUrl = (endpoint: string): string => `${endpoint}/123456789012/bench-queue`;
export const TOPIC_ARN = 'arn:aws:sns:us-east-1:123456789012:bench-topic';
export const MESSAGE = 'hello from the bench: a short message body';
export const CREDENTIALS = { accessKeyId: 'AKIDBENCHEXAMPLE', secretAccessKey: 'bench/secret/EXAMPLEKEY' };
export const REGION = 'us-east-1';

export type Call = () => Promise<unknown>;

/** A loaded SDK module, ready to build a client against the canned server. */
export interface LoadedSdk {
  createCaller(endpoint: string): Call;
}

/** How one SDK runs one operation: load its modules, then build a caller. */
export type OpAdapter = (paths: SdkPaths) => LoadedSdk;

// Read when used, not at load: the ops-*.ts files import this module, and whichever of the
// two CommonJS loads first sees the other's exports still empty.
const adapters = (): Record<SdkName, Partial<Record<OpName, OpAdapter>>> => ({ botojs: botojsOps, v3: v3Ops, raw: rawOps });

/** Whether `sdk` has a bench adapter for `op`. */
export function hasOp(sdk: SdkName, op: OpName): boolean {
  return adapters()[sdk][op] !== undefined;
}

/** Requires the SDK modules for `op` (the cost the cold-start bench calls "require"). */
export function loadSdk(sdk: SdkName, op: OpName, paths: SdkPaths): LoadedSdk {
  const adapter = adapters()[sdk][op];
  if (!adapter) throw new Error(`no ${sdk} adapter for ${op}`);
  return adapter(paths);
}

/** Checks a call's result looks like a success, so a silently broken SDK can't look fast. */
export function checkResult(op: OpName, result: unknown): void {
  const record = result as Record<string, unknown> | null;
  const fail = (what: string): never => {
    throw new Error(`${op} returned ${what}: ${JSON.stringify(result)?.slice(0, 300)}`);
  };
  switch (op) {
    case 'getItem': {
      const item = record?.Item as Record<string, unknown> | undefined;
      if (!item || typeof item.pk !== 'object') fail('no Item');
      return;
    }
    case 'query': {
      const items = record?.Items as unknown[] | undefined;
      if (!Array.isArray(items) || items.length !== 100) fail('not 100 Items');
      return;
    }
    case 'listObjectsV2': {
      const contents = record?.Contents as Array<Record<string, unknown>> | undefined;
      if (contents?.length !== LIST_KEYS || typeof contents[LIST_KEYS - 1].Key !== 'string') fail(`not ${LIST_KEYS} keys`);
      return;
    }
    case 'describeInstances': {
      const reservations = record?.Reservations as Array<Record<string, unknown>> | undefined;
      const last = reservations?.[INSTANCES - 1]?.Instances as Array<Record<string, unknown>> | undefined;
      if (reservations?.length !== INSTANCES || typeof last?.[0]?.InstanceId !== 'string') fail(`not ${INSTANCES} instances`);
      return;
    }
    case 'getObject':
      if (record?.bodyLength !== PUT_BODY.length) fail('a wrong body length');
      return;
    case 'sendMessage':
    case 'publish':
      if (typeof record?.MessageId !== 'string') fail('no MessageId');
      return;
    default:
      if (typeof record?.ETag !== 'string') fail('no ETag');
  }
}
