/**
 * The raw floor, as issue 14 defines it: each operation's request hand-written on `node:http`
 * with a keep-alive agent of 10 sockets (botojs's pool size), signed with `aws4`, doing only the
 * work the wire requires of any SDK: a SigV4 signature per call (aws4 caches the signing key),
 * the payload's SHA-256, the CRC32 request checksum for PutObject; and no more reading of the
 * answer than JSON.parse (or one regex for XML: ListObjectsV2's keys, DescribeInstances's
 * instance ids). No validation, no events, no retries, no shape-driven parsing: what any SDK
 * must at least spend per call on this machine, so botojs/raw says what the rest costs.
 *
 * BOTOJS_BENCH_RAW_SIGNER=own signs with the few lines of SigV4 below instead of aws4 (a lower
 * floor: aws4's per-call work is about 25 us of a 90 us GetObject at concurrency 16; see
 * docs/PERFORMANCE.md, "The raw floor signs with aws4").
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type * as Aws4 from 'aws4';
import { crc32 } from './crc32';
import { BUCKET, CREDENTIALS, KEY, MESSAGE, PUT_BODY, REGION, TABLE, TOPIC_ARN, requireModule, type Call, type OpAdapter, type OpName, type SdkPaths } from './sdk-adapters';

const OWN_SIGNER = process.env.BOTOJS_BENCH_RAW_SIGNER === 'own';

let cachedKey: { scope: string; key: Buffer } | undefined;

/** The SigV4 signing key of today for `service`, derived once per day. */
function signingKey(date: string, service: string): Buffer {
  const scope = `${date}/${REGION}/${service}`;
  if (cachedKey?.scope !== scope) {
    let key: Buffer = crypto.createHmac('sha256', `AWS4${CREDENTIALS.secretAccessKey}`).update(date).digest();
    for (const part of [REGION, service, 'aws4_request']) key = crypto.createHmac('sha256', key).update(part).digest();
    cachedKey = { scope, key };
  }
  return cachedKey.key;
}

/** Signs `headers` (lower-case names) for one request, in place, without aws4. */
function signOwn(method: string, host: string, path: string, headers: Record<string, string>, body: Buffer, service: string): void {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const date = amzDate.slice(0, 8);
  headers.host = host;
  headers['x-amz-date'] = amzDate;
  headers['x-amz-content-sha256'] = crypto.createHash('sha256').update(body).digest('hex');
  const names = Object.keys(headers).sort();
  // The query string of these requests is one already-encoded parameter: canonical as written.
  const [uri, query = ''] = path.split('?');
  const canonical = `${method}\n${uri}\n${query}\n${names.map((n) => `${n}:${headers[n]}\n`).join('')}\n${names.join(';')}\n${headers['x-amz-content-sha256']}`;
  const scope = `${date}/${REGION}/${service}/aws4_request`;
  const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${crypto.createHash('sha256').update(canonical).digest('hex')}`;
  const signature = crypto.createHmac('sha256', signingKey(date, service)).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

type Signer = (method: string, host: string, path: string, headers: Record<string, string>, body: Buffer, service: string) => void;

/** A signer of `headers` for one request, in place: aws4 adds Host, X-Amz-Date, the payload hash (S3) and Authorization. */
function signerFor(paths: SdkPaths): Signer {
  if (OWN_SIGNER) return signOwn;
  // Loaded by path, as the SDKs are: the bench's JS runs outside the repository.
  const aws4 = requireModule(paths, 'aws4') as typeof Aws4;
  return (method, host, path, headers, body, service) => {
    const signed = aws4.sign({ host, method, path, headers, body, service, region: REGION }, CREDENTIALS);
    // aws4 signs a copy of the headers it was given: bring its additions back.
    Object.assign(headers, signed.headers);
  };
}

interface RawRequest {
  service: string;
  method: string;
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Send the body's CRC32 as x-amz-checksum-crc32 (what both SDKs do for PutObject). */
  crc32?: boolean;
}

function caller(request: (endpoint: string) => RawRequest, read: (res: http.IncomingMessage, body: Buffer) => unknown): OpAdapter {
  return (paths) => ({
    createCaller(endpoint): Call {
      const sign = signerFor(paths);
      const url = new URL(endpoint);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
      const spec = request(endpoint);
      return () => new Promise((resolve, reject) => {
        // Object.assign, not a spread: on Node 20 a spread copy that then gains keys (the
        // length, the checksum, aws4's) cost this floor about 270 KB promoted to the old
        // generation per young collection (docs/PERFORMANCE.md, "Requests kept alive by a Set's old tables").
        const headers: Record<string, string> = Object.assign({}, spec.headers);
        if (spec.body.length > 0) headers['content-length'] = String(spec.body.length);
        if (spec.crc32) {
          const crc = Buffer.alloc(4);
          crc.writeUInt32BE(crc32(spec.body));
          headers['x-amz-checksum-crc32'] = crc.toString('base64');
        }
        sign(spec.method, url.host, spec.path, headers, spec.body, spec.service);
        const req = http.request({ agent, host: url.hostname, port: url.port, method: spec.method, path: spec.path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            try {
              resolve(read(res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
            } catch (err) {
              reject(err);
            }
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(spec.body.length > 0 ? spec.body : undefined);
      });
    },
  });
}

const json = (service: string, target: string, body: unknown): RawRequest => ({
  service,
  method: 'POST',
  path: '/',
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
  body: Buffer.from(JSON.stringify(body)),
});
const EMPTY = Buffer.alloc(0);

export const rawOps: Partial<Record<OpName, OpAdapter>> = {
  putObject: caller(
    () => ({ service: 's3', method: 'PUT', path: `/${BUCKET}/${KEY}`, headers: { 'content-type': 'application/octet-stream' }, body: PUT_BODY, crc32: true }),
    (res) => ({ ETag: res.headers.etag }),
  ),
  getObject: caller(
    () => ({ service: 's3', method: 'GET', path: `/${BUCKET}/${KEY}`, headers: {}, body: EMPTY }),
    (res, body) => ({ ETag: res.headers.etag, bodyLength: body.length }),
  ),
  listObjectsV2: caller(
    () => ({ service: 's3', method: 'GET', path: `/${BUCKET}?list-type=2`, headers: {}, body: EMPTY }),
    (_res, body) => ({ Contents: Array.from(body.toString('utf8').matchAll(/<Key>([^<]*)<\/Key>/g), (m) => ({ Key: m[1] })) }),
  ),
  getItem: caller(
    () => json('dynamodb', 'DynamoDB_20120810.GetItem', { TableName: TABLE, Key: { pk: { S: 'user#0001' }, sk: { S: 'profile' } } }),
    (_res, body) => JSON.parse(body.toString('utf8')),
  ),
  query: caller(
    () => json('dynamodb', 'DynamoDB_20120810.Query', { TableName: TABLE, KeyConditionExpression: '#n0 = :v0', ExpressionAttributeNames: { '#n0': 'pk' }, ExpressionAttributeValues: { ':v0': { S: 'user#0001' } } }),
    (_res, body) => JSON.parse(body.toString('utf8')),
  ),
  sendMessage: caller(
    (endpoint) => json('sqs', 'AmazonSQS.SendMessage', { QueueUrl: `${endpoint}/123456789012/bench-queue`, MessageBody: MESSAGE }),
    (_res, body) => JSON.parse(body.toString('utf8')),
  ),
  publish: caller(
    () => ({
      service: 'sns',
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from(new URLSearchParams({ Action: 'Publish', Version: '2010-03-31', TopicArn: TOPIC_ARN, Message: MESSAGE }).toString()),
    }),
    (_res, body) => ({ MessageId: /<MessageId>([^<]*)<\/MessageId>/.exec(body.toString('utf8'))?.[1] }),
  ),
  describeInstances: caller(
    () => ({
      service: 'ec2',
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from('Action=DescribeInstances&Version=2016-11-15'),
    }),
    // One instance per reservation in the canned body, so one id per reservation.
    (_res, body) => ({
      Reservations: Array.from(body.toString('utf8').matchAll(/<instanceId>([^<]*)<\/instanceId>/g), (m) => ({ Instances: [{ InstanceId: m[1] }] })),
    }),
  ),
};
