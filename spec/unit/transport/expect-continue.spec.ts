/**
 * `Expect: 100-continue` in the transport (botocore's AWSConnection): the body waits for
 * `100 Continue`, is never sent after an early final response, and goes out anyway after the
 * one-second wait when the server ignores Expect. Raw TCP servers, so every byte is seen.
 */
import * as net from 'net';
import { Readable } from 'stream';
import { HttpTransport } from '../../../src/transport';
import { ReadTimeoutError } from '../../../src/errors';
import { EXPECT_CONTINUE_WAIT_MS, expectsContinue } from '../../../src/transport/expect-continue';
import { listenAny, sleep, transportPerTest } from './loopback';

interface SeenRequest {
  head: string;
  /** Bytes after the header block, with the time each arrived (ms after the headers). */
  bodyChunks: Array<{ at: number; bytes: Buffer }>;
  socket: net.Socket;
  headersAt: number;
  /** The exchange is over: the next bytes on this connection start a new request. */
  done(): void;
}

/** A TCP server that hands each request head to `onHead` and records everything after it. */
async function rawServer(onHead: (req: SeenRequest) => void): Promise<{ url: string; requests: SeenRequest[]; connections: number[] }> {
  const requests: SeenRequest[] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let current: SeenRequest | undefined;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      if (current) {
        current.bodyChunks.push({ at: Date.now() - current.headersAt, bytes: chunk });
        return;
      }
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      current = { head: buf.subarray(0, end).toString('latin1'), bodyChunks: [], socket, headersAt: Date.now(), done: () => void (current = undefined) };
      const rest = buf.subarray(end + 4);
      buf = Buffer.alloc(0);
      if (rest.length) current.bodyChunks.push({ at: 0, bytes: rest });
      requests.push(current);
      onHead(current);
    });
  });
  const lb = await listenAny(server, 'http');
  return { url: lb.url, requests, connections: lb.connections };
}

const bodyOf = (r: SeenRequest): Buffer => Buffer.concat(r.bodyChunks.map((c) => c.bytes));

function answer(req: SeenRequest, status: string, body = '', extra = ''): void {
  req.done();
  req.socket.write(`HTTP/1.1 ${status}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`);
}

/** Answers once `length` body bytes have arrived. */
function whenBodyComplete(req: SeenRequest, length: number, then: () => void): void {
  const check = (): void => {
    if (bodyOf(req).length >= length) then();
    else setTimeout(check, 5);
  };
  check();
}

describe('HttpTransport: Expect: 100-continue', () => {
  let transport: HttpTransport;
  transportPerTest((t) => (transport = t));

  it('waits for 100 Continue before sending the body, then keeps the connection for the next request', async () => {
    const payload = Buffer.alloc(100_000, 7);
    const before: number[] = [];
    const srv = await rawServer((req) => {
      if (!/expect: 100-continue/i.test(req.head)) {
        answer(req, '200 OK', 'plain');
        return;
      }
      // Hold the 100 back a while: nothing of the body may arrive meanwhile.
      setTimeout(() => {
        before.push(bodyOf(req).length);
        req.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
        whenBodyComplete(req, payload.length, () => answer(req, '200 OK', 'stored'));
      }, 200);
    });
    const r = await transport.send({ method: 'PUT', url: `${srv.url}/b/k`, headers: { Expect: '100-continue' }, body: payload });
    expect(r.statusCode).toBe(200);
    expect(r.body.toString()).toBe('stored');
    expect(r.requestBodyUnsent).toBeUndefined();
    expect(before).toEqual([0]);
    expect(bodyOf(srv.requests[0]).equals(payload)).toBe(true);
    expect(srv.requests[0].head).toMatch(/\r\nContent-Length: 100000/i);
    // The connection went back to the pool: the next request reuses it.
    const again = await transport.send({ method: 'GET', url: `${srv.url}/b/k`, headers: {} });
    expect(again.body.toString()).toBe('plain');
    expect(srv.connections).toHaveLength(1);
  });

  it('sends no byte of the body when a final response comes first, answers at once and closes that connection', async () => {
    const srv = await rawServer((req) => {
      if (/expect/i.test(req.head)) answer(req, '403 Forbidden', '<Error><Code>AccessDenied</Code></Error>', 'Content-Type: application/xml\r\n');
      else answer(req, '200 OK', 'next');
    });
    const payload = Buffer.alloc(64 * 1024, 1);
    const started = Date.now();
    const r = await transport.send({ method: 'PUT', url: `${srv.url}/b/k`, headers: { Expect: '100-continue' }, body: payload });
    const took = Date.now() - started;
    expect(r.statusCode).toBe(403);
    expect(r.body.toString()).toContain('AccessDenied');
    expect(r.requestBodyUnsent).toBe(true);
    expect(took).toBeLessThan(EXPECT_CONTINUE_WAIT_MS / 2);
    // Past the point where an ignored Expect would have sent the body: still nothing.
    await sleep(EXPECT_CONTINUE_WAIT_MS + 200);
    expect(bodyOf(srv.requests[0]).length).toBe(0);
    expect(srv.requests[0].socket.destroyed || srv.requests[0].socket.readableEnded).toBe(true);
    const next = await transport.send({ method: 'GET', url: `${srv.url}/b/k`, headers: {} });
    expect(next.body.toString()).toBe('next');
    expect(srv.connections).toHaveLength(2);
  });

  it('leaves a stream body unread when a final response comes first', async () => {
    const srv = await rawServer((req) => answer(req, '301 Moved Permanently', '', 'x-amz-bucket-region: eu-west-1\r\n'));
    let reads = 0;
    const body = new Readable({
      read() {
        reads++;
        this.push(Buffer.from('data'));
        this.push(null);
      },
    });
    const r = await transport.send({ method: 'PUT', url: `${srv.url}/b/k`, headers: { Expect: '100-continue', 'Content-Length': '4' }, body });
    expect(r.statusCode).toBe(301);
    expect(r.requestBodyUnsent).toBe(true);
    expect(reads).toBe(0);
    expect(body.readableFlowing).toBeNull();
  });

  it('sends the body after the wait when the server ignores Expect', async () => {
    const payload = Buffer.from('late body');
    const srv = await rawServer((req) => whenBodyComplete(req, payload.length, () => answer(req, '200 OK', 'ok')));
    const r = await transport.send({ method: 'POST', url: `${srv.url}/x`, headers: { Expect: '100-continue' }, body: payload });
    expect(r.statusCode).toBe(200);
    const first = srv.requests[0].bodyChunks[0];
    expect(first.at).toBeGreaterThanOrEqual(EXPECT_CONTINUE_WAIT_MS - 50);
    expect(first.at).toBeLessThan(EXPECT_CONTINUE_WAIT_MS + 500);
    expect(bodyOf(srv.requests[0]).toString()).toBe('late body');
  });

  it('the wait does not count against readTimeout: a read timeout under the wait still sends the body, and still applies after it', async () => {
    const short = new HttpTransport({ proxies: {}, readTimeout: 0.5 });
    try {
      const payload = Buffer.from('late body');
      const srv = await rawServer((req) => whenBodyComplete(req, payload.length, () => answer(req, '200 OK', 'ok')));
      const r = await short.send({ method: 'POST', url: `${srv.url}/x`, headers: { Expect: '100-continue' }, body: payload });
      expect(r.statusCode).toBe(200);
      expect(bodyOf(srv.requests[0]).toString()).toBe('late body');
      // A server that takes the body and never answers: the read timeout is back on after the wait.
      const silent = await rawServer(() => undefined);
      const started = Date.now();
      await expect(short.send({ method: 'POST', url: `${silent.url}/x`, headers: { Expect: '100-continue' }, body: payload })).rejects.toBeInstanceOf(ReadTimeoutError);
      expect(Date.now() - started).toBeLessThan(EXPECT_CONTINUE_WAIT_MS + 1500);
    } finally {
      short.close();
    }
  });

  it('skips a 100 Continue that comes after the body went out', async () => {
    const payload = Buffer.from('abc');
    const srv = await rawServer((req) =>
      whenBodyComplete(req, payload.length, () => {
        req.socket.write('HTTP/1.1 100 Continue\r\n\r\n');
        answer(req, '200 OK', 'done');
      }),
    );
    const r = await transport.send({ method: 'PUT', url: `${srv.url}/x`, headers: { expect: '100-continue' }, body: payload });
    expect(r.statusCode).toBe(200);
    expect(r.body.toString()).toBe('done');
  });

  it('sends the body at once without Expect', async () => {
    const srv = await rawServer((req) => whenBodyComplete(req, 3, () => answer(req, '200 OK')));
    await transport.send({ method: 'PUT', url: `${srv.url}/x`, headers: {}, body: 'abc' });
    expect(srv.requests[0].bodyChunks[0].at).toBeLessThan(200);
  });

  it('ends a call aborted while it waits for 100 Continue, body unsent', async () => {
    const srv = await rawServer(() => undefined);
    const ac = new AbortController();
    const call = transport.send({ method: 'PUT', url: `${srv.url}/x`, headers: { Expect: '100-continue' }, body: 'abc' }, { signal: ac.signal });
    await sleep(100);
    ac.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await sleep(EXPECT_CONTINUE_WAIT_MS + 100);
    expect(bodyOf(srv.requests[0]).length).toBe(0);
  });
});

describe('expectsContinue', () => {
  it('reads Expect under any spelling, its value trimmed and in any case', () => {
    expect(expectsContinue({ Expect: '100-continue' })).toBe(true);
    expect(expectsContinue({ expect: ' 100-Continue ' })).toBe(true);
    expect(expectsContinue({ EXPECT: 'something-else' })).toBe(false);
    expect(expectsContinue({ 'Content-Length': '3' })).toBe(false);
  });
});
