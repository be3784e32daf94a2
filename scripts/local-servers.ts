/**
 * Starts the embedded AWS-compatible servers (s3rver for S3, dynalite for DynamoDB) on free
 * loopback ports. Used by jest's global setup and by `npm run demo`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface LocalServers {
  s3Endpoint: string;
  dynamodbEndpoint: string;
  stop(): Promise<void>;
}

export async function startLocalServers(opts: { silent?: boolean } = {}): Promise<LocalServers> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const S3rver = require('s3rver');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dynalite = require('dynalite');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-s3rver-'));
  const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: opts.silent ?? true, directory: dir });
  const s3Addr: { address: string; port: number } = await s3.run();
  const ddb = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    ddb.once('error', reject);
    ddb.listen(0, '127.0.0.1', () => resolve());
  });
  const ddbPort = (ddb.address() as { port: number }).port;
  return {
    s3Endpoint: `http://127.0.0.1:${s3Addr.port}`,
    dynamodbEndpoint: `http://127.0.0.1:${ddbPort}`,
    async stop() {
      await s3.close();
      await new Promise<void>((r) => ddb.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
