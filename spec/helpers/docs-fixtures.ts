/**
 * The world the docs' code blocks run in (spec/integration/docs-code-blocks.spec.ts): an S3
 * (s3rver) and a DynamoDB (dynalite) of their own, the environment a reader would have set up
 * (credentials, region, endpoints, profiles), and a scratch working directory. Blocks use
 * plain `new Session()` / `client('s3')`: the endpoints come from AWS_ENDPOINT_URL_S3 and
 * AWS_ENDPOINT_URL_DYNAMODB, as botojs reads them for any user. Every other service points at a
 * loopback server that drops every connection, so a block that would call real AWS fails fast
 * instead of reaching out.
 *
 * A page creates what its blocks name in a hidden `<!-- docs-test: setup ... -->` comment,
 * through `fixtures` (the DocsFixtures below); every method is idempotent.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { startLocalServers } from '../../scripts/local-servers';
import { Session } from '../../src';

export interface DocsFixtures {
  /** Creates the bucket if it is missing and puts each key (body: `contents of <key>`). */
  bucket(name: string, keys?: string[]): Promise<void>;
  /** Creates the table if it is missing; `key` is `{ hashName: type, rangeName?: type }` in that order. */
  table(name: string, key: Record<string, 'S' | 'N' | 'B'>): Promise<void>;
  /** Writes a file under the working directory: `size` bytes of zeros, or the given text. */
  file(name: string, content: number | string): void;
}

export interface DocsWorld {
  fixtures: DocsFixtures;
  /** The scratch directory blocks run in (relative file names land here). */
  dir: string;
  /** Where every service but S3 and DynamoDB goes (AWS_ENDPOINT_URL): it drops every connection. */
  unservedEndpoint: string;
  stop(): Promise<void>;
}

/** A loopback server that drops every connection: services without a local server fail at once. */
async function startDroppingServer(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startDocsWorld(): Promise<DocsWorld> {
  const servers = await startLocalServers();
  const dropping = await startDroppingServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-docs-'));
  const config = path.join(dir, '.aws-config');
  const credentials = path.join(dir, '.aws-credentials');
  // The profiles docs/credentials.md switches between.
  fs.writeFileSync(config, '[default]\nregion = us-east-1\n\n[profile dev]\nregion = us-east-1\n\n[profile prod]\nregion = us-east-1\n');
  fs.writeFileSync(credentials, ['dev', 'prod'].map((p) => `[${p}]\naws_access_key_id = S3RVER\naws_secret_access_key = S3RVER\n`).join('\n'));

  const env: Record<string, string | undefined> = {
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SESSION_TOKEN: undefined,
    AWS_SECURITY_TOKEN: undefined,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_ENDPOINT_URL: dropping.endpoint,
    AWS_ENDPOINT_URL_S3: servers.s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamodbEndpoint,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_ROLE_ARN: undefined,
  };
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const cwd = process.cwd();
  process.chdir(dir);

  const session = new Session();
  const s3 = session.client('s3');
  const ddb = session.client('dynamodb');
  const fixtures: DocsFixtures = {
    async bucket(name, keys = []) {
      const { Buckets } = await s3.listBuckets();
      if (!Buckets.some((b: { Name: string }) => b.Name === name)) await s3.createBucket({ Bucket: name });
      for (const Key of keys) await s3.putObject({ Bucket: name, Key, Body: `contents of ${Key}` });
    },
    async table(name, key) {
      const { TableNames } = await ddb.listTables();
      if (TableNames.includes(name)) return;
      const names = Object.keys(key);
      await ddb.createTable({
        TableName: name,
        AttributeDefinitions: names.map((AttributeName) => ({ AttributeName, AttributeType: key[AttributeName] })),
        KeySchema: names.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
        BillingMode: 'PAY_PER_REQUEST',
      });
      await ddb.getWaiter('tableExists').wait({ TableName: name, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });
    },
    file(name, content) {
      const target = path.resolve(dir, name);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, typeof content === 'number' ? Buffer.alloc(content) : content);
    },
  };

  return {
    fixtures,
    dir,
    unservedEndpoint: dropping.endpoint,
    async stop() {
      s3.close();
      ddb.close();
      process.chdir(cwd);
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await servers.stop();
      await dropping.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
