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

/** A moto server (EC2, SQS, SNS, IAM, ... in one process) started by startMoto(). */
export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts `python3 -m moto.server` on a free loopback port and waits until it answers.
 * Returns null (with a printed notice) when python3 or moto is not installed.
 */
export async function startMoto(opts: { timeoutMs?: number } = {}): Promise<MotoServer | null> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { spawn, spawnSync } = require('child_process') as typeof import('child_process');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const net = require('net') as typeof import('net');
  const probe = spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' });
  if (probe.status !== 0) {
    console.log('[botojs] moto is not available (python3 -c "import moto" failed): EC2/SQS/SNS/IAM resource tests will be skipped');
    return null;
  }
  const port = await new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
  });
  const endpoint = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + (opts.timeoutMs ?? 30000);
  const answers = () =>
    new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
  while (!(await answers())) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      console.log(`[botojs] moto server did not start on ${endpoint}: EC2/SQS/SNS/IAM resource tests will be skipped`);
      return null;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    endpoint,
    async stop() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (!exited) child.kill('SIGKILL');
        }, 3000).unref();
      });
    },
  };
}
