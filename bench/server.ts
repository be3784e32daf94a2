/**
 * Canned loopback server for the benchmark (answers in server-answers.ts): S3, DynamoDB, SQS,
 * SNS and EC2 calls answered like the real services, so every SDK runs its full parse path. It
 * reads each request body before answering (counting, not keeping, the bytes of an upload
 * part), keeps connections alive, and does as little work as possible so that its cost stays
 * out of the client's numbers.
 *
 * Run directly (`node server.js`) it listens on 127.0.0.1:0 and reports `{ port }` to its parent
 * over IPC (or prints it on stdout), so the bench runs it in its own process.
 */
import * as http from 'node:http';
import {
  answerDescribeInstances, answerDynamoDb, answerGet, answerListObjectsV2, answerMultipartPost, answerPublish, answerPut,
  answerSendMessage, answerUnknown, answerForbidden,
} from './server-answers';

/** Reads the body (or only counts it, for upload parts), then calls `done`. */
function readBody(req: http.IncomingMessage, keep: boolean, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    if (keep) chunks.push(chunk);
  });
  req.on('end', () => done(keep ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) : undefined));
}

/** Every SDK (and the raw floor) must sign: an unsigned request is refused, so it cannot look fast. */
const SIGNED = /^AWS4-HMAC-SHA256 Credential=\S+, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/;

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (!SIGNED.test(req.headers.authorization ?? '')) {
    req.resume();
    return answerForbidden(res);
  }
  const url = new URL(req.url ?? '/', 'http://bench');
  const target = req.headers['x-amz-target'];
  const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
  const query = url.searchParams;
  if (typeof target === 'string') {
    readBody(req, true, (body) => {
      if (answerDynamoDb(res, target)) return;
      if (target === 'AmazonSQS.SendMessage') answerSendMessage(res, body as Buffer);
      else answerUnknown(res, target);
    });
    return;
  }
  if (req.method === 'PUT') {
    // Upload parts are counted, not kept: a 1 GiB upload never sits in the server's memory.
    readBody(req, !query.has('partNumber'), (body) => answerPut(req, res, query, body));
    return;
  }
  readBody(req, true, (body) => {
    if (req.method === 'GET' && query.get('list-type') === '2') answerListObjectsV2(res);
    else if (req.method === 'GET' || req.method === 'HEAD') answerGet(req, res, key);
    else if (req.method === 'POST' && (query.has('uploads') || query.has('uploadId'))) answerMultipartPost(res, key, query);
    else if (req.method === 'DELETE') {
      res.writeHead(204);
      res.end();
    } else if (req.method === 'POST' && body?.includes('Action=Publish')) answerPublish(res);
    else if (req.method === 'POST' && body?.includes('Action=DescribeInstances')) answerDescribeInstances(res);
    else answerUnknown(res, `${req.method} ${req.url}`);
  });
}

/** A running canned server. */
export interface CannedServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the canned server on 127.0.0.1 (port 0 picks a free one). */
export function startCannedServer(port = 0): Promise<CannedServer> {
  const server = http.createServer(route);
  // Clients keep sockets alive between calls; never close them under a running bench.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('canned server has no TCP address'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (require.main === module) {
  startCannedServer(Number(process.env.BENCH_PORT ?? 0)).then(
    (running) => {
      if (process.send) process.send({ port: running.port });
      else process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
      process.on('disconnect', () => process.exit(0));
      // Don't outlive the bench if it is killed before it can stop us.
      const parentPid = Number(process.env.BENCH_PARENT_PID ?? 0);
      if (parentPid > 0) {
        setInterval(() => {
          try {
            process.kill(parentPid, 0);
          } catch {
            process.exit(0);
          }
        }, 1000).unref();
      }
    },
    (err: unknown) => {
      process.stderr.write(`canned server failed: ${String(err)}\n`);
      process.exit(1);
    },
  );
}
