/**
 * The canned answers of the bench server, shaped like the real services' (status, headers,
 * body) so every SDK runs its full parse path: S3 (PutObject, GetObject, HeadObject, ListObjectsV2
 * of 1,000 keys, multipart upload, ranged reads of a large object generated on the fly), DynamoDB
 * (GetItem, Query of 100 items, with a correct x-amz-crc32), SQS SendMessage (JSON, correct
 * MD5OfMessageBody), SNS Publish (query/XML) and EC2 DescribeInstances of 100 instances (the XML
 * bodies from xml-bodies.ts). Pure functions of the request; nothing is stored.
 */
import * as crypto from 'node:crypto';
import type * as http from 'node:http';
import { crc32 } from './crc32';
import { describeInstancesBody, listObjectsV2Body } from './xml-bodies';
import { INSTANCES, LIST_KEYS } from './sdk-adapters';

let requestCounter = 0;

/** A request id shaped like DynamoDB's (52 upper-case alphanumerics) without paying for randomness. */
export function nextRequestId(): string {
  requestCounter += 1;
  return `BENCH${requestCounter.toString(36).toUpperCase().padStart(12, '0')}`.padEnd(52, 'Q');
}

const httpDate = (): string => new Date().toUTCString();
const LAST_MODIFIED = 'Tue, 01 Oct 2024 12:00:00 GMT';

function jsonAnswer(res: http.ServerResponse, body: Buffer, crc32: string | undefined): void {
  const headers: http.OutgoingHttpHeaders = {
    Server: 'Server',
    Date: httpDate(),
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': String(body.length),
    Connection: 'keep-alive',
    'x-amzn-RequestId': nextRequestId(),
  };
  // DynamoDB sends the CRC32 of the body as an unsigned decimal; botocore checks it.
  if (crc32 !== undefined) headers['x-amz-crc32'] = crc32;
  res.writeHead(200, headers);
  res.end(body);
}

const item = (i: number): Record<string, unknown> => ({
  pk: { S: 'user#0001' },
  sk: { S: `order#${String(i).padStart(4, '0')}` },
  name: { S: 'Ada Lovelace' },
  age: { N: '36' },
  total: { N: String(100 + i / 4) },
  active: { BOOL: i % 2 === 0 },
  tags: { SS: ['math', 'engines'] },
  address: { M: { city: { S: 'London' }, zip: { S: 'W1' } } },
});

/** The item every GetItem returns; small, with the common attribute types. */
const GET_ITEM_BODY = Buffer.from(JSON.stringify({ Item: { ...item(1), sk: { S: 'profile' } } }));
const GET_ITEM_CRC32 = String(crc32(GET_ITEM_BODY));
const QUERY_BODY = Buffer.from(JSON.stringify({ Items: Array.from({ length: 100 }, (_, i) => item(i)), Count: 100, ScannedCount: 100 }));
const QUERY_CRC32 = String(crc32(QUERY_BODY));

/** The 1 KiB object GetObject returns, and its checksum as S3 sends it (base64, big-endian). */
export const SMALL_OBJECT = Buffer.alloc(1024, 'botojs-bench-');
const SMALL_ETAG = `"${crypto.createHash('md5').update(SMALL_OBJECT).digest('hex')}"`;
const SMALL_CRC32 = (() => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(SMALL_OBJECT));
  return b.toString('base64');
})();

/** Keys `bench/big-<bytes>` name a large object whose bytes repeat this pattern. */
const BIG_PREFIX = 'bench/big-';
const PATTERN = Buffer.alloc(1 << 20, 'botojs-bench-large-object-');

export function answerDynamoDb(res: http.ServerResponse, target: string): boolean {
  if (target === 'DynamoDB_20120810.GetItem') jsonAnswer(res, GET_ITEM_BODY, GET_ITEM_CRC32);
  else if (target === 'DynamoDB_20120810.Query') jsonAnswer(res, QUERY_BODY, QUERY_CRC32);
  else return false;
  return true;
}

export function answerSendMessage(res: http.ServerResponse, body: Buffer): void {
  const { MessageBody } = JSON.parse(body.toString('utf8')) as { MessageBody: string };
  const md5 = crypto.createHash('md5').update(MessageBody, 'utf8').digest('hex');
  jsonAnswer(res, Buffer.from(JSON.stringify({ MD5OfMessageBody: md5, MessageId: `${requestCounter}-5fea7756-0ea4-451a-a703-a558b933e274` })), undefined);
}

export function answerPublish(res: http.ServerResponse): void {
  const id = nextRequestId();
  const body = '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>' +
    `<MessageId>${id.slice(0, 36)}</MessageId></PublishResult><ResponseMetadata><RequestId>${id.slice(0, 36)}</RequestId>` +
    '</ResponseMetadata></PublishResponse>';
  res.writeHead(200, { 'x-amzn-RequestId': id.slice(0, 36), 'Content-Type': 'text/xml', 'Content-Length': String(Buffer.byteLength(body)), Date: httpDate() });
  res.end(body);
}

function s3Headers(extra: http.OutgoingHttpHeaders = {}): http.OutgoingHttpHeaders {
  return {
    'x-amz-id-2': 'bench/id2/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    'x-amz-request-id': nextRequestId().slice(0, 16),
    Date: httpDate(),
    Server: 'AmazonS3',
    ...extra,
  };
}

/** S3 echoes the flexible checksum the client sent (every SDK sends CRC32 by default). */
function echoChecksums(req: http.IncomingMessage, headers: http.OutgoingHttpHeaders): void {
  for (const name of ['x-amz-checksum-crc32', 'x-amz-checksum-crc32c', 'x-amz-checksum-crc64nvme']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
}

function xmlAnswer(res: http.ServerResponse, body: string): void {
  res.writeHead(200, s3Headers({ 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) }));
  res.end(body);
}

/** PutObject (the body's MD5 as ETag) and UploadPart (a cheap ETag per part number). */
export function answerPut(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams, body: Buffer | undefined): void {
  const part = query.get('partNumber');
  const etag = part !== null || !body ? `"bench-part-${part ?? 0}"` : `"${crypto.createHash('md5').update(body).digest('hex')}"`;
  const headers = s3Headers({ ETag: etag, 'x-amz-server-side-encryption': 'AES256', 'Content-Length': '0' });
  echoChecksums(req, headers);
  res.writeHead(200, headers);
  res.end();
}

export function answerMultipartPost(res: http.ServerResponse, key: string, query: URLSearchParams): void {
  if (query.has('uploads')) {
    xmlAnswer(res, `<?xml version="1.0" encoding="UTF-8"?>\n<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>bench-bucket</Bucket><Key>${key}</Key><UploadId>bench-upload-1</UploadId></InitiateMultipartUploadResult>`);
  } else {
    xmlAnswer(res, `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>http://bench/${key}</Location><Bucket>bench-bucket</Bucket><Key>${key}</Key><ETag>"bench-complete-1"</ETag></CompleteMultipartUploadResult>`);
  }
}

function bigSize(key: string): number | undefined {
  return key.startsWith(BIG_PREFIX) ? Number(key.slice(BIG_PREFIX.length)) : undefined;
}

/** Writes bytes [from, to] of the large object, pausing while the socket is full. */
function streamPattern(res: http.ServerResponse, from: number, to: number): void {
  let at = from;
  const pump = (): void => {
    while (at <= to) {
      const offset = at % PATTERN.length;
      const n = Math.min(PATTERN.length - offset, to - at + 1);
      at += n;
      if (!res.write(PATTERN.subarray(offset, offset + n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}

/** GetObject and HeadObject: the 1 KiB object, or a `bench/big-<bytes>` object (Range honoured). */
export function answerGet(req: http.IncomingMessage, res: http.ServerResponse, key: string): void {
  const size = bigSize(key);
  if (size === undefined) {
    const headers = s3Headers({ ETag: SMALL_ETAG, 'Last-Modified': LAST_MODIFIED, 'Content-Type': 'application/octet-stream', 'Content-Length': String(SMALL_OBJECT.length), 'Accept-Ranges': 'bytes' });
    if (req.headers['x-amz-checksum-mode'] === 'ENABLED') headers['x-amz-checksum-crc32'] = SMALL_CRC32;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : SMALL_OBJECT);
    return;
  }
  const base = { ETag: '"bench-big-1"', 'Last-Modified': LAST_MODIFIED, 'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes' };
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (req.method === 'HEAD' || !range) {
    res.writeHead(200, s3Headers({ ...base, 'Content-Length': String(size) }));
    if (req.method === 'HEAD') res.end();
    else streamPattern(res, 0, size - 1);
    return;
  }
  const from = Number(range[1]);
  const to = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1);
  res.writeHead(206, s3Headers({ ...base, 'Content-Length': String(to - from + 1), 'Content-Range': `bytes ${from}-${to}/${size}` }));
  streamPattern(res, from, to);
}

const LIST_OBJECTS_BODY = Buffer.from(listObjectsV2Body(LIST_KEYS));
const DESCRIBE_INSTANCES_BODY = Buffer.from(describeInstancesBody(INSTANCES));

export function answerListObjectsV2(res: http.ServerResponse): void {
  res.writeHead(200, s3Headers({
    'x-amz-bucket-region': 'us-east-1',
    'Content-Type': 'application/xml',
    'Content-Length': String(LIST_OBJECTS_BODY.length),
  }));
  res.end(LIST_OBJECTS_BODY);
}

export function answerDescribeInstances(res: http.ServerResponse): void {
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

export function answerUnknown(res: http.ServerResponse, what: string): void {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code>' +
    `<Message>the bench server does not answer ${what}</Message></Error>`;
  res.writeHead(501, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** 403 for a request without a SigV4 Authorization header. */
export function answerForbidden(res: http.ServerResponse): void {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>the bench server takes only SigV4-signed requests</Message></Error>';
  res.writeHead(403, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}
