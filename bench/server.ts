/**
 * Canned loopback server for the benchmark: answers S3 PutObject and ListObjectsV2, DynamoDB
 * GetItem and EC2 DescribeInstances with responses shaped like the real services' (status,
 * headers, body; the XML bodies from xml-bodies.ts), so both SDKs run their full parse path. It always reads the whole request body before answering, keeps connections alive,
 * and does as little work as possible so that its cost stays out of the client's numbers.
 *
 * Run directly (`node server.js`) it listens on 127.0.0.1:0 and reports `{ port }` to its parent
 * over IPC (or prints it on stdout), so the bench runs it in its own process.
 */
import * as http from 'node:http';
import * as crypto from 'node:crypto';
import { LIST_KEYS, INSTANCES } from './sdk-adapters';
import { describeInstancesBody, listObjectsV2Body } from './xml-bodies';

/** The item every GetItem returns; small, with the common attribute types. */
const GET_ITEM_BODY = Buffer.from(
  JSON.stringify({
    Item: {
      pk: { S: 'user#0001' },
      sk: { S: 'profile' },
      name: { S: 'Ada Lovelace' },
      age: { N: '36' },
      active: { BOOL: true },
      tags: { SS: ['math', 'engines'] },
      address: { M: { city: { S: 'London' }, zip: { S: 'W1' } } },
    },
  }),
);
/**
 * CRC32 (zlib's), a bit at a time: zlib.crc32 is Node 20.15+, and the bench runs on any 20.x.
 * It runs once, on one small body. (This file runs transpiled outside the repo: no imports of src/.)
 */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// DynamoDB sends the CRC32 of the body as an unsigned decimal; botocore checks it.
const GET_ITEM_CRC32 = String(crc32(GET_ITEM_BODY));

const LIST_OBJECTS_BODY = Buffer.from(listObjectsV2Body(LIST_KEYS));
const DESCRIBE_INSTANCES_BODY = Buffer.from(describeInstancesBody(INSTANCES));

let requestCounter = 0;

/** A request id shaped like DynamoDB's (52 upper-case alphanumerics) without paying for randomness. */
function nextRequestId(): string {
  requestCounter += 1;
  return `BENCH${requestCounter.toString(36).toUpperCase().padStart(12, '0')}`.padEnd(52, 'Q');
}

function httpDate(): string {
  return new Date().toUTCString();
}

function answerGetItem(res: http.ServerResponse): void {
  res.writeHead(200, {
    Server: 'Server',
    Date: httpDate(),
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': String(GET_ITEM_BODY.length),
    Connection: 'keep-alive',
    'x-amzn-RequestId': nextRequestId(),
    'x-amz-crc32': GET_ITEM_CRC32,
  });
  res.end(GET_ITEM_BODY);
}

function answerPutObject(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  const headers: http.OutgoingHttpHeaders = {
    'x-amz-id-2': 'bench/id2/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    'x-amz-request-id': nextRequestId().slice(0, 16),
    Date: httpDate(),
    ETag: `"${crypto.createHash('md5').update(body).digest('hex')}"`,
    'x-amz-server-side-encryption': 'AES256',
    'Content-Length': '0',
    Server: 'AmazonS3',
  };
  // S3 echoes the flexible checksum the client sent (both SDKs send CRC32 by default).
  for (const name of ['x-amz-checksum-crc32', 'x-amz-checksum-crc32c', 'x-amz-checksum-crc64nvme']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  res.writeHead(200, headers);
  res.end();
}

function answerListObjectsV2(res: http.ServerResponse): void {
  res.writeHead(200, {
    'x-amz-id-2': 'bench/id2/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    'x-amz-request-id': nextRequestId().slice(0, 16),
    Date: httpDate(),
    'x-amz-bucket-region': 'us-east-1',
    'Content-Type': 'application/xml',
    'Content-Length': String(LIST_OBJECTS_BODY.length),
    Server: 'AmazonS3',
  });
  res.end(LIST_OBJECTS_BODY);
}

function answerDescribeInstances(res: http.ServerResponse): void {
  res.writeHead(200, {
    'x-amzn-RequestId': nextRequestId().slice(0, 36),
    'Cache-Control': 'no-cache, no-store',
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'Content-Type': 'text/xml;charset=UTF-8',
    'Content-Length': String(DESCRIBE_INSTANCES_BODY.length),
    Date: httpDate(),
    Server: 'AmazonEC2',
  });
  res.end(DESCRIBE_INSTANCES_BODY);
}

function answerUnknown(res: http.ServerResponse): void {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code>' +
    '<Message>bench server only answers PutObject, ListObjectsV2, GetItem and DescribeInstances</Message></Error>';
  res.writeHead(501, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

function route(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  const target = req.headers['x-amz-target'];
  if (req.method === 'POST' && target === 'DynamoDB_20120810.GetItem') {
    answerGetItem(res);
  } else if (req.method === 'PUT') {
    answerPutObject(req, res, body);
  } else if (req.method === 'GET' && (req.url ?? '').includes('list-type=2')) {
    answerListObjectsV2(res);
  } else if (req.method === 'POST' && body.includes('Action=DescribeInstances')) {
    answerDescribeInstances(res);
  } else {
    answerUnknown(res);
  }
}

/** A running canned server. */
export interface CannedServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the canned server on 127.0.0.1 (port 0 picks a free one). */
export function startCannedServer(port = 0): Promise<CannedServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => route(req, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  });
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
