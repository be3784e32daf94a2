/**
 * An event stream over a real connection: events reach the caller as they arrive (the response
 * is not buffered), close() and leaving a for-await early release the socket, a stream read to
 * its end returns its socket to the pool, and every way a stream can go wrong (truncated, damaged,
 * reset, aborted, an error or exception message) is an error, never a quiet end.
 *
 * The server here writes frames on its own schedule and can hold a response open: CannedServer
 * answers whole bodies only.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { AbortError, Config, EventStreamError, ResponseParserError, ResponseStreamingError, Session } from '../../../src';
import { encodeFrame, errorFrame, eventFrame, exceptionFrame } from '../../helpers/event-frames';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

class StreamingServer {
  readonly server: http.Server;
  handler: Handler = (_req, res) => res.end();
  connections = 0;
  requests = 0;
  /** Resolved each time a request's connection closes. */
  closedRequests = 0;
  private readonly sockets = new Set<import('net').Socket>();

  constructor() {
    this.server = http.createServer((req, res) => {
      this.requests++;
      req.resume();
      req.on('end', () => this.handler(req, res));
      res.on('close', () => this.closedRequests++);
    });
    this.server.on('connection', (s) => {
      this.connections++;
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get openSockets(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

const STREAM_HEADERS = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-1' };
const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

const recordsFrame = (text: string): Buffer => eventFrame('Records', text, [], 'application/octet-stream');
const END = eventFrame('End');
const selectParams = { Bucket: 'b', Key: 'k', Expression: 'SELECT * FROM S3Object', ExpressionType: 'SQL', InputSerialization: { CSV: {} }, OutputSerialization: { CSV: {} } };
const subscribeParams = { ConsumerARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1', ShardId: 'shard-1', StartingPosition: { Type: 'LATEST' } };
const INITIAL = eventFrame('initial-response', '{}', [], 'application/json');
const shardEvent = (n: number): Buffer => eventFrame('SubscribeToShardEvent', JSON.stringify({ Records: [], ContinuationSequenceNumber: String(n), MillisBehindLatest: n }), [], 'application/json');

type AnyClient = Record<string, (p?: unknown, o?: unknown) => Promise<Record<string, unknown>>> & { close(): void; exceptions: Record<string, new (...a: never[]) => Error> };

function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) resolve();
      else if (Date.now() - start > ms) reject(new Error('condition not met in time'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

type Stream = AsyncIterable<Record<string, unknown>> & { close(): void };

describe('event streams on the wire', () => {
  const server = new StreamingServer();
  let url: string;
  const clients: AnyClient[] = [];
  const client = (service: string, config: Record<string, unknown> = {}): AnyClient => {
    const c = session.client(service, { endpointUrl: url, config: new Config({ retries: { totalMaxAttempts: 1 }, ...config }) }) as unknown as AnyClient;
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    url = await server.start();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => server.stop());

  test('events reach the caller while the response is still open (S3 SelectObjectContent)', async () => {
    let finish: (() => void) | undefined;
    server.handler = (_req, res) => {
      res.writeHead(200, STREAM_HEADERS);
      res.write(recordsFrame('a,1\n'));
      finish = () => res.end(Buffer.concat([eventFrame('Stats', '<Stats><BytesScanned>10</BytesScanned><BytesProcessed>10</BytesProcessed><BytesReturned>4</BytesReturned></Stats>', [], 'text/xml'), END]));
    };
    const r = await client('s3').selectObjectContent(selectParams);
    const it = (r.Payload as Stream)[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: { Records: { Payload: Buffer.from('a,1\n') } } });
    expect(finish).toBeDefined();
    finish?.();
    expect(await it.next()).toEqual({ done: false, value: { Stats: { Details: { BytesScanned: 10, BytesProcessed: 10, BytesReturned: 4 } } } });
    expect(await it.next()).toEqual({ done: false, value: { End: {} } });
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  test('json: the call returns once initial-response arrived, before any other event (Kinesis SubscribeToShard)', async () => {
    let send: ((b: Buffer) => void) | undefined;
    server.handler = (_req, res) => {
      res.writeHead(200, STREAM_HEADERS);
      res.write(INITIAL);
      send = (b) => (b.length ? res.write(b) : res.end());
    };
    const r = await client('kinesis').subscribeToShard(subscribeParams);
    expect(Object.keys(r)).toEqual(['EventStream', 'ResponseMetadata']);
    expect(r.ResponseMetadata).toMatchObject({ RequestId: 'req-1', HTTPStatusCode: 200 });
    const it = (r.EventStream as Stream)[Symbol.asyncIterator]();
    send?.(shardEvent(1));
    expect(await it.next()).toEqual({ done: false, value: { SubscribeToShardEvent: { Records: [], ContinuationSequenceNumber: '1', MillisBehindLatest: 1 } } });
    send?.(Buffer.alloc(0));
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  describe('releasing the connection (maxPoolConnections 1)', () => {
    const holdOpen: Handler = (_req, res) => {
      res.writeHead(200, STREAM_HEADERS);
      res.write(INITIAL);
      res.write(shardEvent(1));
      // ...and never ends: only the client can end this exchange.
    };

    test.each([
      ['close()', async (s: Stream) => s.close()],
      ['break out of for await', async (s: Stream) => {
        for await (const e of s) {
          expect(e).toHaveProperty('SubscribeToShardEvent');
          break;
        }
      }],
      ['an exception thrown inside for await', async (s: Stream) => {
        await expect((async () => {
          for await (const _e of s) throw new Error('consumer failed');
        })()).rejects.toThrow('consumer failed');
      }],
    ])('%s destroys the socket, and the next call succeeds at once', async (_how, release) => {
      server.handler = holdOpen;
      const kinesis = client('kinesis', { maxPoolConnections: 1, readTimeout: 30 });
      const closedBefore = server.closedRequests;
      const r = await kinesis.subscribeToShard(subscribeParams);
      const stream = r.EventStream as Stream;
      await release(stream);
      await waitFor(() => server.closedRequests === closedBefore + 1);
      // Iteration after release ends at once.
      const after: unknown[] = [];
      for await (const e of stream) after.push(e);
      expect(after).toEqual([]);
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(Buffer.concat([INITIAL, shardEvent(2)]));
      };
      const started = Date.now();
      const second = await kinesis.subscribeToShard(subscribeParams);
      const events: unknown[] = [];
      for await (const e of second.EventStream as Stream) events.push(e);
      expect(events).toHaveLength(1);
      // Far below readTimeout (30 s), which a slot still held would have to wait out.
      expect(Date.now() - started).toBeLessThan(5000);
    });

    test('a stream read to its end hands its socket back to the pool (the next call reuses it)', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(Buffer.concat([recordsFrame('x'), END]));
      };
      const s3 = client('s3', { maxPoolConnections: 1 });
      const connections = server.connections;
      for (let i = 0; i < 3; i++) {
        const r = await s3.selectObjectContent(selectParams);
        const events: unknown[] = [];
        for await (const e of r.Payload as Stream) events.push(e);
        expect(events).toEqual([{ Records: { Payload: Buffer.from('x') } }, { End: {} }]);
      }
      expect(server.connections - connections).toBe(1);
    });

    test('a stream held open unread does not hold the pool: a second call proceeds', async () => {
      server.handler = holdOpen;
      const kinesis = client('kinesis', { maxPoolConnections: 1 });
      const first = await kinesis.subscribeToShard(subscribeParams);
      const second = await kinesis.subscribeToShard(subscribeParams);
      (first.EventStream as Stream).close();
      (second.EventStream as Stream).close();
    });
  });

  describe('failures are errors, never a quiet end', () => {
    test('a response that ends inside a message: the events before it, then ResponseParserError', async () => {
      const partial = recordsFrame('second');
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(Buffer.concat([recordsFrame('first'), partial.subarray(0, partial.length - 6)]));
      };
      const r = await client('s3').selectObjectContent(selectParams);
      const events: unknown[] = [];
      const err = await (async () => {
        for await (const e of r.Payload as Stream) events.push(e);
      })().catch((e: unknown) => e);
      expect(events).toEqual([{ Records: { Payload: Buffer.from('first') } }]);
      expect(err).toBeInstanceOf(ResponseParserError);
      expect((err as Error).message).toMatch(/^Invalid event stream of SelectObjectContent: the stream ended after \d+ bytes of a \d+-byte message \(truncated message\)$/);
    });

    test('a damaged frame mid-stream: ResponseParserError, and the connection is dropped', async () => {
      const bad = recordsFrame('second');
      bad[bad.length - 6] ^= 0x01;
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.write(Buffer.concat([recordsFrame('first'), bad]));
      };
      const closedBefore = server.closedRequests;
      const r = await client('s3').selectObjectContent(selectParams);
      const it = (r.Payload as Stream)[Symbol.asyncIterator]();
      expect((await it.next()).value).toEqual({ Records: { Payload: Buffer.from('first') } });
      await expect(it.next()).rejects.toThrow(/message checksum mismatch/);
      await waitFor(() => server.closedRequests === closedBefore + 1);
      expect(await it.next()).toEqual({ done: true, value: undefined });
    });

    test('a connection reset mid-stream: ResponseStreamingError', async () => {
      server.handler = (req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.write(recordsFrame('first'), () => setTimeout(() => req.socket.destroy(), 20));
      };
      const r = await client('s3').selectObjectContent(selectParams);
      const events: unknown[] = [];
      const err = await (async () => {
        for await (const e of r.Payload as Stream) events.push(e);
      })().catch((e: unknown) => e);
      expect(events).toHaveLength(1);
      expect(err).toBeInstanceOf(ResponseStreamingError);
    });

    test('the call\'s AbortSignal ends a stream being read with AbortError', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.write(recordsFrame('first'));
      };
      const controller = new AbortController();
      const r = await client('s3').selectObjectContent(selectParams, { abortSignal: controller.signal });
      const it = (r.Payload as Stream)[Symbol.asyncIterator]();
      await it.next();
      const pending = it.next();
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(AbortError);
    });

    test('an error message is an EventStreamError with botocore\'s Code and Message, and ends the stream', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(Buffer.concat([recordsFrame('first'), errorFrame('InternalError', 'We encountered an internal error.'), recordsFrame('never')]));
      };
      const s3 = client('s3');
      const r = await s3.selectObjectContent(selectParams);
      const events: unknown[] = [];
      const err = await (async () => {
        for await (const e of r.Payload as Stream) events.push(e);
      })().catch((e: unknown) => e);
      expect(events).toHaveLength(1);
      expect(err).toBeInstanceOf(EventStreamError);
      expect(err).toBeInstanceOf(s3.exceptions.ClientError);
      expect(err).toMatchObject({ name: 'EventStreamError', code: 'InternalError', operationName: 'SelectObjectContent' });
      expect((err as Error).message).toBe('An error occurred (InternalError) when calling the SelectObjectContent operation: We encountered an internal error.');
      expect((err as { response: unknown }).response).toEqual({ Error: { Code: 'InternalError', Message: 'We encountered an internal error.' }, ResponseMetadata: { RequestId: 'req-1', HTTPStatusCode: 400, HTTPHeaders: {} } });
    });

    test('json: an exception instead of initial-response rejects the call with the modeled class', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(exceptionFrame('ResourceInUseException', '{"message":"consumer busy"}'));
      };
      const kinesis = client('kinesis');
      const err = await kinesis.subscribeToShard(subscribeParams).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(kinesis.exceptions.ResourceInUseException);
      expect(err).toBeInstanceOf(EventStreamError);
      expect(err).toMatchObject({ code: 'ResourceInUseException', message: expect.stringContaining('consumer busy') });
      expect((err as { response: { ResponseMetadata: unknown } }).response.ResponseMetadata).toEqual({ RequestId: 'req-1', HTTPStatusCode: 400, HTTPHeaders: {} });
    });

    test('json: a stream that does not open with initial-response is a ResponseParserError (botocore\'s)', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(shardEvent(1));
      };
      await expect(client('kinesis').subscribeToShard(subscribeParams)).rejects.toThrow(new ResponseParserError('First event was not of type initial-response'));
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end();
      };
      await expect(client('kinesis').subscribeToShard(subscribeParams)).rejects.toThrow('First event was not of type initial-response');
    });

    test('an exception type the stream does not model keeps its type as Code (botocore gives empty strings)', async () => {
      server.handler = (_req, res) => {
        res.writeHead(200, STREAM_HEADERS);
        res.end(Buffer.concat([INITIAL, encodeFrame({ ':message-type': 'exception', ':exception-type': 'BrandNewException' }, '{"message":"new"}')]));
      };
      const r = await client('kinesis').subscribeToShard(subscribeParams);
      const err = await (async () => {
        for await (const _e of r.EventStream as Stream);
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EventStreamError);
      expect(err).toMatchObject({ name: 'EventStreamError', code: 'BrandNewException', message: expect.stringContaining(': new') });
    });

    test('an HTTP error status is read whole and raised as usual, before any stream exists', async () => {
      server.handler = (_req, res) => {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end('<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>');
      };
      const s3 = client('s3');
      const err = await s3.selectObjectContent(selectParams).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(s3.exceptions.NoSuchKey);
      expect(err).not.toBeInstanceOf(EventStreamError);
    });
  });
});
