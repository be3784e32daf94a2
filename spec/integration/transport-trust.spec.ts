/**
 * Issue 10, findings 1-6, through real clients: every call settles at any concurrency, every
 * key goes out byte for byte, no header nobody asked for, unread bodies never starve the pool,
 * discarded clients let go of their sockets, and calls can be cancelled.
 *
 * Real servers (dynalite, s3rver) where they can show it; a recording loopback server where the
 * exact bytes on the wire are the point.
 */
import * as net from 'net';
import { AbortError, ClientClosedError, Config, ParamValidationError, ResponseStreamingError } from '../../src';
import { CannedServer } from '../helpers/canned-server';
import type { RecordedRequest } from '../helpers/canned-server';
import { isolatedSession, localDynamoDb, localS3, uniqueName } from '../helpers/local';
import { waitFor } from '../helpers/wait-for';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with how many of `promises` settled within `ms` (the rest never did). */
async function settledWithin(promises: Array<Promise<unknown>>, ms: number): Promise<{ settled: number; rejected: unknown[] }> {
  let settled = 0;
  const rejected: unknown[] = [];
  const all = promises.map((p) =>
    p.then(
      () => void settled++,
      (e: unknown) => {
        settled++;
        rejected.push(e);
      },
    ),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(all), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  return { settled, rejected };
}

/** Live counts of the connections a CannedServer holds. */
function countConnections(server: CannedServer): { open: number; total: number; peak: number } {
  const counts = { open: 0, total: 0, peak: 0 };
  const httpServer = (server as unknown as { server: import('http').Server }).server;
  httpServer.on('connection', (s: net.Socket) => {
    counts.open++;
    counts.total++;
    counts.peak = Math.max(counts.peak, counts.open);
    s.on('close', () => counts.open--);
  });
  return counts;
}

describe('every call settles (finding 1)', () => {
  const ddb = localDynamoDb();
  afterAll(() => ddb.close());

  it('11 parallel calls on the default pool of 10 all resolve', async () => {
    const { settled, rejected } = await settledWithin(Array.from({ length: 11 }, () => ddb.listTables({})), 20000);
    expect(rejected).toEqual([]);
    expect(settled).toBe(11);
  });

  it('2,000 parallel calls on one client all resolve, over at most 10 connections', async () => {
    const server = new CannedServer();
    server.handler = () => ({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    const url = await server.start();
    const connections = countConnections(server);
    const client = isolatedSession().client('dynamodb', { endpointUrl: url });
    const { settled, rejected } = await settledWithin(Array.from({ length: 2000 }, () => client.listTables({})), 60000);
    client.close();
    await server.stop();
    expect(rejected).toEqual([]);
    expect(settled).toBe(2000);
    expect(server.requests).toHaveLength(2000);
    expect(connections.peak).toBeLessThanOrEqual(10);
  }, 90000);

  it('2,000 parallel calls against dynalite all resolve', async () => {
    const { settled, rejected } = await settledWithin(Array.from({ length: 2000 }, () => ddb.listTables({})), 80000);
    expect(rejected).toEqual([]);
    expect(settled).toBe(2000);
  }, 90000);
});

describe('the wire carries what the caller asked for (findings 2 and 3)', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  const s3 = () => isolatedSession().client('s3', { endpointUrl: url, config: new Config({ s3: { addressingStyle: 'path' }, retries: { totalMaxAttempts: 1 } }) });

  it.each([
    ['x/../y', '/mine/x/../y'],
    ['../victim/z', '/mine/../victim/z'],
    ['./a/./b', '/mine/./a/./b'],
    ['a//b///c', '/mine/a//b///c'],
    ['..', '/mine/..'],
    ['line\r\nbreak', '/mine/line%0D%0Abreak'],
    ['ünï/çødé ✓', '/mine/%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9%20%E2%9C%93'],
  ])('putObject Key %j goes out as %s', async (key, path) => {
    const client = s3();
    server.requests.length = 0;
    await client.putObject({ Bucket: 'mine', Key: key, Body: 'hello' });
    client.close();
    expect(server.requests[0].method).toBe('PUT');
    expect(server.requests[0].url).toBe(path);
  });

  it('deleteObject of tmp/../keep deletes tmp/../keep, not keep', async () => {
    const client = s3();
    server.requests.length = 0;
    await client.deleteObject({ Bucket: 'mine', Key: 'tmp/../keep' });
    client.close();
    expect(server.requests[0].method).toBe('DELETE');
    expect(server.requests[0].url).toBe('/mine/tmp/../keep');
  });

  const names = (r: RecordedRequest) => r.rawHeaders.filter((_, i) => i % 2 === 0).map((h) => h.toLowerCase());

  it('a string body gets no Content-Type, Accept or Accept-Encoding: only Host, Content-Length and Connection are added', async () => {
    const client = s3();
    server.requests.length = 0;
    await client.putObject({ Bucket: 'mine', Key: 'k', Body: 'hello' });
    client.close();
    const sent = names(server.requests[0]);
    expect(sent).not.toContain('content-type');
    expect(sent).not.toContain('accept');
    expect(sent).not.toContain('accept-encoding');
    // Everything else is botocore's own set (signing, checksum, user agent, SDK headers, and
    // PutObject's Expect: 100-continue).
    const added = sent.filter((h) => !h.startsWith('x-amz-') && !['authorization', 'user-agent', 'amz-sdk-invocation-id', 'amz-sdk-request', 'content-md5', 'expect'].includes(h));
    expect(server.requests[0].headers.expect).toBe('100-continue');
    expect(added.sort()).toEqual(['connection', 'content-length', 'host']);
    expect(server.requests[0].headers['content-length']).toBe('5');
    expect(server.requests[0].headers.connection).toBe('keep-alive');
  });

  it('rest-json and rest-xml payloads keep the content type the model gives (or none)', async () => {
    const session = isolatedSession();
    const lambda = session.client('lambda', { endpointUrl: url, config: new Config({ retries: { totalMaxAttempts: 1 } }) });
    server.requests.length = 0;
    await lambda.invoke({ FunctionName: 'f', Payload: '{"a":1}' }).catch(() => undefined);
    lambda.close();
    expect(server.requests[0].headers['content-type']).toBeUndefined(); // botocore sends none for a blob payload
    expect(names(server.requests[0])).not.toContain('accept');
  });

  it('GET and HEAD without a body carry no Content-Length; DELETE and POST carry Content-Length: 0 (botocore)', async () => {
    const client = s3();
    server.requests.length = 0;
    server.reply({ status: 200, body: '' });
    await client.getObject({ Bucket: 'mine', Key: 'k' });
    await client.headObject({ Bucket: 'mine', Key: 'k' });
    await client.deleteObject({ Bucket: 'mine', Key: 'k' });
    client.close();
    expect(server.requests.map((r) => [r.method, r.headers['content-length']])).toEqual([
      ['GET', undefined],
      ['HEAD', undefined],
      ['DELETE', '0'],
    ]);
  });
});

describe('unread bodies never starve the pool (finding 4)', () => {
  const s3 = localS3();
  const bucket = uniqueName('unread');
  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
    await s3.putObject({ Bucket: bucket, Key: 'big', Body: Buffer.alloc(1024 * 1024, 1) });
  });
  afterAll(() => s3.close());

  it('10 getObject results whose bodies are never read, then one more call: it completes at once', async () => {
    const held = [];
    for (let i = 0; i < 10; i++) held.push(await s3.getObject({ Bucket: bucket, Key: 'big' }));
    const started = Date.now();
    const { settled, rejected } = await settledWithin([s3.headObject({ Bucket: bucket, Key: 'big' }), s3.listObjectsV2({ Bucket: bucket })], 10000);
    expect(rejected).toEqual([]);
    expect(settled).toBe(2);
    expect(Date.now() - started).toBeLessThan(5000);
    for (const r of held) r.Body.close();
  });

  it('a body closed unread releases its connection at once, checksum-validated or not', async () => {
    const server = new CannedServer();
    const url = await server.start();
    const connections = countConnections(server);
    const client = isolatedSession().client('s3', { endpointUrl: url, config: new Config({ s3: { addressingStyle: 'path' } }) });
    const body = Buffer.alloc(4 * 1024 * 1024, 1);
    try {
      // The CRC32 header makes the body a checksum-validating stream over the response.
      for (const headers of [{ 'x-amz-checksum-crc32': 'AAAAAA==' }, {}] as Record<string, string>[]) {
        server.reply({ status: 200, headers: { ...headers, ETag: '"e"', 'Content-Length': String(body.length) }, body });
        const r = await client.getObject({ Bucket: 'b', Key: 'k' });
        expect(r.ResponseMetadata.ChecksumAlgorithm).toBe('x-amz-checksum-crc32' in headers ? 'crc32' : undefined);
        r.Body.close();
        await waitFor(() => connections.open === 0, 2000);
      }
    } finally {
      client.close();
      server.stop();
    }
  });

  it('a body left unread past readTimeout is released, and reading it later says why', async () => {
    const client = localS3(isolatedSession());
    const short = isolatedSession().client('s3', { endpointUrl: client.meta.endpointUrl, config: new Config({ readTimeout: 0.3, s3: { addressingStyle: 'path' } }) });
    client.close();
    const r = await short.getObject({ Bucket: bucket, Key: 'big' });
    await sleep(900);
    const err = await r.Body.read().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseStreamingError);
    expect((err as Error).message).toMatch(/not read for 0\.3 s \(readTimeout\)/);
    // The client is still healthy afterwards.
    const again = await short.getObject({ Bucket: bucket, Key: 'big' });
    expect((await again.Body.read()).length).toBe(1024 * 1024);
    short.close();
  });
});

describe('clients that are never closed, and close() (finding 5)', () => {
  it('1,000 discarded clients leave no socket open after the idle time', async () => {
    const server = new CannedServer();
    server.handler = () => ({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":[]}' });
    const url = await server.start();
    const connections = countConnections(server);
    const session = isolatedSession();
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => session.client('dynamodb', { endpointUrl: url }).listTables({})));
    }
    expect(connections.total).toBe(1000);
    const deadline = Date.now() + 15000;
    while (connections.open > 0 && Date.now() < deadline) await sleep(250);
    expect(connections.open).toBe(0);
    await server.stop();
  }, 60000);

  it('close() is idempotent; calls after it raise ClientClosedError; calls in flight end with it', async () => {
    const server = new CannedServer();
    server.reply({ hang: true });
    const url = await server.start();
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    const inFlight = ddb.listTables({}).catch((e: unknown) => e);
    await sleep(100);
    ddb.close();
    ddb.close();
    expect(await inFlight).toBeInstanceOf(ClientClosedError);
    await expect(ddb.listTables({})).rejects.toBeInstanceOf(ClientClosedError);
    await server.stop();
  });
});

describe('cancellation (finding 6)', () => {
  let server: CannedServer;
  let url: string;
  beforeEach(async () => {
    server = new CannedServer();
    url = await server.start();
  });
  afterEach(() => server.stop());

  it('an abortSignal ends a call waiting on a slow server with AbortError, at once', async () => {
    server.reply({ hang: true });
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    const ac = new AbortController();
    const started = Date.now();
    const pending = ddb.listTables({}, { abortSignal: ac.signal }).catch((e: unknown) => e);
    setTimeout(() => ac.abort(), 100);
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(3000);
    ddb.close();
  });

  it('an already-aborted signal sends nothing', async () => {
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    await expect(ddb.listTables({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
    ddb.close();
  });

  it('aborting during a retry back-off ends the call without another attempt', async () => {
    server.handler = () => ({ status: 500, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":"InternalServerError"}' });
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url, config: new Config({ retries: { mode: 'legacy', totalMaxAttempts: 10 } }) });
    const ac = new AbortController();
    const pending = ddb.listTables({}, { abortSignal: ac.signal }).catch((e: unknown) => e);
    await waitFor(() => server.requests.length >= 1);
    await sleep(30);
    ac.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    // An attempt already on the wire when abort() ran may still land (the back-off is random and
    // can be a few ms); count after it had time to, then no attempt may follow the abort.
    await sleep(100);
    const count = server.requests.length;
    await sleep(400);
    expect(server.requests.length).toBe(count);
    ddb.close();
  });

  it('a waiter for a pool slot is cancelled without ever sending', async () => {
    server.handler = () => ({ hang: true });
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url, config: new Config({ maxPoolConnections: 1 }) });
    const first = ddb.listTables({}).catch((e: unknown) => e);
    await sleep(50);
    const ac = new AbortController();
    const second = ddb.listTables({}, { abortSignal: ac.signal }).catch((e: unknown) => e);
    await sleep(50);
    ac.abort();
    expect(await second).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
    ddb.close();
    expect(await first).toBeInstanceOf(ClientClosedError);
  });

  it('aborting after a streamed response arrived ends its body with AbortError', async () => {
    server.reply({ status: 200, headers: { 'content-length': '100000' }, body: 'partial' });
    const s3 = isolatedSession().client('s3', { endpointUrl: url, config: new Config({ s3: { addressingStyle: 'path' } }) });
    const ac = new AbortController();
    const r = await s3.getObject({ Bucket: 'b', Key: 'k' }, { abortSignal: ac.signal });
    ac.abort();
    await expect(r.Body.read()).rejects.toBeInstanceOf(AbortError);
    s3.close();
  });

  it('bad call options are refused before anything is sent, naming the problem', async () => {
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    await expect(ddb.listTables({}, { abortSignl: AbortSignal.abort() } as never)).rejects.toThrow(/Unknown call option 'abortSignl' \(did you mean: abortSignal\?\)/);
    await expect(ddb.listTables({}, { abortSignal: 'now' } as never)).rejects.toBeInstanceOf(ParamValidationError);
    await expect(ddb.listTables({}, 5 as never)).rejects.toThrow(/expected an object like \{ abortSignal \}, got type number/);
    expect(server.requests).toHaveLength(0);
    ddb.close();
  });
});
