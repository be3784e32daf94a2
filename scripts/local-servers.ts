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

let s3rverCipherShim = false;

/**
 * s3rver 3.7 encrypts ListObjectsV2 continuation tokens with single DES, which the OpenSSL 3
 * in Node 20 refuses. Triple DES with the key repeated three times is the same cipher, byte for
 * byte, so the shim swaps it in for s3rver's calls (a test-server fix; botojs never uses DES).
 */
function shimS3rverCipher(): void {
  if (s3rverCipherShim) return;
  s3rverCipherShim = true;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const crypto = require('crypto') as Record<string, (...args: unknown[]) => unknown>;
  for (const fn of ['createCipheriv', 'createDecipheriv']) {
    const orig = crypto[fn];
    crypto[fn] = (alg: unknown, key: unknown, ...rest: unknown[]) =>
      alg === 'des' ? orig('des-ede3-cbc', Buffer.concat([key as Buffer, key as Buffer, key as Buffer]), ...rest) : orig(alg, key, ...rest);
  }
}

export async function startLocalServers(opts: { silent?: boolean } = {}): Promise<LocalServers> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const S3rver = require('s3rver');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const dynalite = require('dynalite');
  shimS3rverCipher();
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
