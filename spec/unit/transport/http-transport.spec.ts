import * as zlib from 'zlib';
import { Readable } from 'stream';
import { HttpTransport } from '../../../src/transport';
import {
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  HTTPClientError,
  ReadTimeoutError,
  ResponseStreamingError,
} from '../../../src/errors';
import { closedPort, httpServer, readBody, silentTcpServer, sleep, transportPerTest, writeChunks } from './loopback';

describe('HttpTransport', () => {
  let transport: HttpTransport;
  transportPerTest((t) => (transport = t));

  describe('requests and responses', () => {
    it('sends method, headers and a string body with Content-Length, and returns status, lower-case headers and the body', async () => {
      let seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string } = {};
      const srv = await httpServer(async (req, res) => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: (await readBody(req)).toString() };
        res.writeHead(201, { 'X-Amz-Request-Id': 'abc', 'Content-Type': 'text/plain' });
        res.end('created');
      });
      const r = await transport.send({
        method: 'PUT',
        url: `${srv.url}/bucket/key?x=1`,
        headers: { 'X-Amz-Date': '20240101T000000Z', 'User-Agent': 'botojs/test' },
        body: 'héllo',
      });
      expect(seen.method).toBe('PUT');
      expect(seen.url).toBe('/bucket/key?x=1');
      expect(seen.headers?.['content-length']).toBe(String(Buffer.byteLength('héllo')));
      expect(seen.headers?.['x-amz-date']).toBe('20240101T000000Z');
      expect(seen.headers?.['user-agent']).toBe('botojs/test');
      expect(seen.body).toBe('héllo');
      expect(r.statusCode).toBe(201);
      expect(r.headers['x-amz-request-id']).toBe('abc');
      expect(r.headers['content-type']).toBe('text/plain');
      expect(Buffer.isBuffer(r.body)).toBe(true);
      expect(r.body.toString()).toBe('created');
      expect(r.stream).toBeUndefined();
    });

    it('sends a Buffer body with Content-Length', async () => {
      let length: string | undefined;
      let body: Buffer = Buffer.alloc(0);
      const srv = await httpServer(async (req, res) => {
        length = req.headers['content-length'];
        body = await readBody(req);
        res.end();
      });
      const payload = Buffer.from([0, 1, 2, 255, 254]);
      await transport.send({ method: 'POST', url: srv.url, headers: {}, body: payload });
      expect(length).toBe('5');
      expect(body.equals(payload)).toBe(true);
    });

    it('streams a Readable body (chunked unless the caller sets Content-Length)', async () => {
      const seen: Array<{ te?: string; cl?: string; body: string }> = [];
      const srv = await httpServer(async (req, res) => {
        seen.push({ te: req.headers['transfer-encoding'], cl: req.headers['content-length'], body: (await readBody(req)).toString() });
        res.end();
      });
      await transport.send({ method: 'PUT', url: srv.url, headers: {}, body: Readable.from([Buffer.from('ab'), Buffer.from('cd')]) });
      await transport.send({
        method: 'PUT',
        url: srv.url,
        headers: { 'Content-Length': '4' },
        body: Readable.from([Buffer.from('wx'), Buffer.from('yz')]),
      });
      expect(seen[0]).toEqual({ te: 'chunked', cl: undefined, body: 'abcd' });
      expect(seen[1]).toEqual({ te: undefined, cl: '4', body: 'wxyz' });
    });

    it("joins repeated response headers with ', ' as botocore does", async () => {
      const srv = await httpServer((_req, res) => {
        res.setHeader('x-amz-meta-a', ['1', '2']);
        res.setHeader('Set-Cookie', ['a=1', 'b=2']);
        res.setHeader('constructor', 'c');
        res.setHeader('__proto__', ['p', 'q']);
        res.end();
      });
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(r.headers['x-amz-meta-a']).toBe('1, 2');
      expect(r.headers['set-cookie']).toBe('a=1, b=2');
      // Header names are data: never the record's prototype or its inherited members.
      expect(r.headers.constructor).toBe('c');
      expect(Object.getOwnPropertyDescriptor(r.headers, '__proto__')?.value).toBe('p, q');
      expect(Object.getPrototypeOf(r.headers)).toBe(Object.prototype);
    });

    it('does not follow redirects', async () => {
      let hits = 0;
      const srv = await httpServer((_req, res) => {
        hits++;
        res.writeHead(301, { Location: '/elsewhere' });
        res.end('<Error><Code>PermanentRedirect</Code></Error>');
      });
      const r = await transport.send({ method: 'GET', url: `${srv.url}/b`, headers: {} });
      expect(r.statusCode).toBe(301);
      expect(r.body.toString()).toContain('PermanentRedirect');
      expect(hits).toBe(1);
    });

    it('does not decode Content-Encoding nor ask for compression', async () => {
      const gz = zlib.gzipSync('plain text');
      let acceptEncoding: string | undefined;
      const srv = await httpServer((req, res) => {
        acceptEncoding = req.headers['accept-encoding'];
        res.writeHead(200, { 'Content-Encoding': 'gzip' });
        res.end(gz);
      });
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(acceptEncoding).toBeUndefined();
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(r.body.equals(gz)).toBe(true);
    });

    it('returns an empty body for HEAD and 204', async () => {
      const srv = await httpServer((req, res) => {
        res.writeHead(req.method === 'HEAD' ? 200 : 204, { 'Content-Length': req.method === 'HEAD' ? '1234' : '0' });
        res.end();
      });
      const head = await transport.send({ method: 'HEAD', url: srv.url, headers: {} });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe('1234');
      expect(head.body.length).toBe(0);
      const del = await transport.send({ method: 'DELETE', url: srv.url, headers: {} });
      expect(del.statusCode).toBe(204);
      expect(del.body.length).toBe(0);
    });
  });

  describe('connection pool', () => {
    it('reuses one keep-alive connection for sequential calls', async () => {
      const srv = await httpServer((_req, res) => res.end('ok'));
      for (let i = 0; i < 5; i++) {
        const r = await transport.send({ method: 'GET', url: srv.url, headers: {} });
        expect(r.body.toString()).toBe('ok');
      }
      expect(srv.connections).toHaveLength(1);
    });

    it('never opens more than maxPoolConnections connections per host, and reuses them', async () => {
      transport.close();
      transport = new HttpTransport({ maxPoolConnections: 3, proxies: {} });
      let active = 0;
      let peak = 0;
      const srv = await httpServer(async (_req, res) => {
        active++;
        peak = Math.max(peak, active);
        await sleep(20);
        active--;
        res.end('ok');
      });
      const results = await Promise.all(Array.from({ length: 12 }, () => transport.send({ method: 'GET', url: srv.url, headers: {} })));
      expect(results.every((r) => r.body.toString() === 'ok')).toBe(true);
      expect(peak).toBe(3);
      expect(srv.connections).toHaveLength(3);
    });

    it('defaults to a pool of 10', async () => {
      let peak = 0;
      let active = 0;
      const srv = await httpServer(async (_req, res) => {
        peak = Math.max(peak, ++active);
        await sleep(20);
        active--;
        res.end();
      });
      await Promise.all(Array.from({ length: 25 }, () => transport.send({ method: 'GET', url: srv.url, headers: {} })));
      expect(peak).toBe(10);
    });

    it("closes an idle connection a second before the server's Keep-Alive timeout says the server will", async () => {
      const srv = await httpServer((_req, res) => {
        res.setHeader('Keep-Alive', 'timeout=2, max=100');
        res.end('ok');
      });
      // The server itself would wait 10 s: only the client's idle timer can close it sooner.
      srv.server.keepAliveTimeout = 10_000;
      let closedAt: number | undefined;
      srv.server.on('connection', (socket) => socket.on('close', () => (closedAt = Date.now())));
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(r.headers['keep-alive']).toBe('timeout=2, max=100');
      const idleSince = Date.now();
      while (closedAt === undefined && Date.now() - idleSince < 4000) await sleep(50);
      expect(closedAt).toBeDefined();
      // The hint less Node's one-second margin (the idle timer was 5 s before).
      expect((closedAt ?? 0) - idleSince).toBeGreaterThanOrEqual(800);
      expect((closedAt ?? 0) - idleSince).toBeLessThan(2500);
    });

    it('does not keep a connection whose server allows it a second or less of idling', async () => {
      const srv = await httpServer((_req, res) => {
        res.setHeader('Keep-Alive', 'timeout=1');
        res.end('ok');
      });
      for (let i = 0; i < 3; i++) expect((await transport.send({ method: 'GET', url: srv.url, headers: {} })).body.toString()).toBe('ok');
      expect(srv.connections).toHaveLength(3);
    });

    it("keeps an idle origin's slots between calls, and drops idle origins (never busy ones) only once 64 are known", async () => {
      // White-box: the per-origin slot table. Dropping an origin each time it went idle was a
      // Map delete and set per call at low concurrency (src/util/churn-set.ts says why that churn hurts).
      const slots = (transport as unknown as { slots: Map<string, unknown> }).slots;
      const srv = await httpServer((_req, res) => res.end('ok'));
      await transport.send({ method: 'GET', url: srv.url, headers: {} });
      const kept = slots.get(srv.url);
      expect(kept).toBeDefined();
      await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(slots.get(srv.url)).toBe(kept);
      // A call that stays on the wire while 70 other origins come and go.
      let answer: (() => void) | undefined;
      const slow = await httpServer((_req, res) => void (answer = () => res.end('late')));
      const busy = transport.send({ method: 'GET', url: slow.url, headers: {} });
      while (!answer) await sleep(5);
      const busySlots = slots.get(slow.url);
      for (let i = 0; i < 70; i++) {
        const port = await closedPort();
        await expect(transport.send({ method: 'GET', url: `http://127.0.0.1:${port}`, headers: {} })).rejects.toBeInstanceOf(EndpointConnectionError);
        expect(slots.size).toBeLessThanOrEqual(64);
      }
      expect(slots.get(slow.url)).toBe(busySlots);
      answer();
      expect((await busy).body.toString()).toBe('late');
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(r.body.toString()).toBe('ok');
    });
  });

  describe('streaming responses', () => {
    it('hands back the body as a Readable with an empty Buffer body', async () => {
      const srv = await httpServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': String(50 * 1024) });
        writeChunks(res, 50, 1024);
      });
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      expect(r.body.length).toBe(0);
      expect(r.stream).toBeInstanceOf(Readable);
      let n = 0;
      for await (const chunk of r.stream as Readable) n += (chunk as Buffer).length;
      expect(n).toBe(50 * 1024);
    });

    it('returns the connection to the pool once the stream is read', async () => {
      const srv = await httpServer((_req, res) => res.end('data'));
      for (let i = 0; i < 3; i++) {
        const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
        for await (const _ of r.stream as Readable) void _;
      }
      expect(srv.connections).toHaveLength(1);
    });

    it('a caller that keeps reading, pausing less than readTimeout each time, is never timed out', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 1, proxies: {} });
      const srv = await httpServer((_req, res) => writeChunks(res, 100, 64 * 1024));
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      const started = Date.now();
      let n = 0;
      for await (const chunk of r.stream as Readable) {
        n += (chunk as Buffer).length;
        await sleep(30); // backpressure pauses the socket meanwhile
      }
      expect(n).toBe(100 * 64 * 1024);
      expect(Date.now() - started).toBeGreaterThan(1000); // longer in all than readTimeout
    });

    it('a body left unread for readTimeout is released: its socket closes and reading it later fails clearly', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 0.2, proxies: {} });
      let serverSawClose = false;
      const srv = await httpServer((req, res) => {
        req.socket.on('close', () => (serverSawClose = true));
        writeChunks(res, 100, 64 * 1024);
      });
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      await sleep(600);
      expect(serverSawClose).toBe(true);
      const err = await (async () => {
        for await (const _ of r.stream as Readable) void _;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResponseStreamingError);
      expect((err as Error).message).toMatch(/was not read for 0\.2 s \(readTimeout\)/);
    });

    it('a small body that arrived whole but is never read is released too (no crash without an error listener)', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 0.2, proxies: {} });
      const srv = await httpServer((_req, res) => res.end('tiny'));
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      await sleep(500);
      expect((r.stream as Readable).destroyed).toBe(true);
      const next = await transport.send({ method: 'GET', url: srv.url, headers: {} });
      expect(next.body.toString()).toBe('tiny');
    });

    it('destroying the stream early discards the connection instead of pooling it', async () => {
      const srv = await httpServer((req, res) => {
        if (req.url === '/big') writeChunks(res, 200, 64 * 1024);
        else res.end('small');
      });
      const r = await transport.send({ method: 'GET', url: `${srv.url}/big`, headers: {} }, { stream: true });
      (r.stream as Readable).destroy();
      await sleep(20);
      const next = await transport.send({ method: 'GET', url: `${srv.url}/small`, headers: {} });
      expect(next.body.toString()).toBe('small');
      expect(srv.connections).toHaveLength(2);
    });
  });

  describe('failures', () => {
    it('a host no resolver takes is an HTTPClientError before connecting, on every send', async () => {
      for (let i = 0; i < 2; i++) {
        const err = await transport.send({ method: 'GET', url: 'http://a..b:1/x', headers: {} }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(HTTPClientError);
        expect((err as Error).message).toMatch(/^Cannot send the request to http:\/\/a\.\.b:1\/x: the host "a\.\.b" has an empty label/);
      }
    });

    it('connection refused -> EndpointConnectionError naming the endpoint URL, with the cause', async () => {
      const port = await closedPort();
      const url = `http://127.0.0.1:${port}/path`;
      const err = await transport.send({ method: 'GET', url, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EndpointConnectionError);
      expect(err).toBeInstanceOf(HTTPClientError);
      const e = err as EndpointConnectionError;
      expect(e.message).toBe(`Could not connect to the endpoint URL: "${url}"`);
      expect(e.endpointUrl).toBe(url);
      expect((e.cause as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    });

    it('a handshake that never completes -> ConnectTimeoutError after connectTimeout', async () => {
      transport.close();
      transport = new HttpTransport({ connectTimeout: 0.3, proxies: {} });
      const srv = await silentTcpServer(); // accepts TCP, never speaks TLS
      const url = `https://127.0.0.1:${srv.port}/`;
      const started = Date.now();
      const err = await transport.send({ method: 'GET', url, headers: {} }).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      expect(err).toBeInstanceOf(ConnectTimeoutError);
      expect(err).toBeInstanceOf(EndpointConnectionError); // as in botocore
      expect((err as Error).message).toBe(`Connect timeout on endpoint URL: "${url}"`);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(5000);
    });

    it('no response within readTimeout -> ReadTimeoutError', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 0.2, proxies: {} });
      const srv = await httpServer(() => undefined); // reads the request, never answers
      const err = await transport.send({ method: 'GET', url: `${srv.url}/slow`, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadTimeoutError);
      expect((err as Error).message).toBe(`Read timeout on endpoint URL: "${srv.url}/slow"`);
    });

    it('applies readTimeout on a reused keep-alive connection too', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 0.2, proxies: {} });
      const srv = await httpServer((req, res) => {
        if (req.url === '/fast') res.end('ok');
      });
      await transport.send({ method: 'GET', url: `${srv.url}/fast`, headers: {} });
      const err = await transport.send({ method: 'GET', url: `${srv.url}/slow`, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ReadTimeoutError);
      expect(srv.connections).toHaveLength(1);
    });

    it('a body that stalls mid-way -> ReadTimeoutError (buffered and streamed)', async () => {
      transport.close();
      transport = new HttpTransport({ readTimeout: 0.2, proxies: {} });
      const srv = await httpServer((_req, res) => {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('0123456789');
      });
      const buffered = await transport.send({ method: 'GET', url: srv.url, headers: {} }).catch((e: unknown) => e);
      expect(buffered).toBeInstanceOf(ReadTimeoutError);
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      const streamed = await (async () => {
        for await (const _ of r.stream as Readable) void _;
      })().catch((e: unknown) => e);
      expect(streamed).toBeInstanceOf(ReadTimeoutError);
    });

    it('connection closed before Content-Length bytes -> ConnectionClosedError', async () => {
      const srv = await httpServer((req, res) => {
        res.writeHead(200, { 'Content-Length': '1000' });
        res.write('partial');
        setTimeout(() => req.socket.destroy(), 20);
      });
      const err = await transport.send({ method: 'GET', url: srv.url, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionClosedError);
      expect((err as Error).message).toBe(`Connection was closed before we received a valid response from endpoint URL: "${srv.url}".`);
    });

    it('connection reset (RST) mid-body -> ConnectionClosedError, keeping the cause', async () => {
      const srv = await httpServer((req, res) => {
        res.writeHead(200, { 'Content-Length': '100000' });
        res.write(Buffer.alloc(1000));
        setTimeout(() => req.socket.resetAndDestroy(), 20);
      });
      const err = await transport.send({ method: 'GET', url: srv.url, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionClosedError);
      expect(((err as Error).cause as Error).message).toEqual(expect.any(String));
    });

    it('connection reset mid-body while streaming -> ResponseStreamingError on the stream', async () => {
      const srv = await httpServer((req, res) => {
        res.writeHead(200, { 'Content-Length': '100000' });
        res.write(Buffer.alloc(1000));
        setTimeout(() => req.socket.resetAndDestroy(), 20);
      });
      const r = await transport.send({ method: 'GET', url: srv.url, headers: {} }, { stream: true });
      const err = await (async () => {
        for await (const _ of r.stream as Readable) void _;
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ResponseStreamingError);
    });

    it('connection closed before any response -> ConnectionClosedError (botocore: ProtocolError)', async () => {
      const srv = await httpServer((req) => req.socket.destroy());
      const err = await transport.send({ method: 'GET', url: srv.url, headers: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionClosedError);
    });

    it('an aborted signal rejects with AbortError', async () => {
      const srv = await httpServer(() => undefined);
      const ac = new AbortController();
      const pending = transport.send({ method: 'GET', url: srv.url, headers: {} }, { signal: ac.signal });
      setTimeout(() => ac.abort(), 20);
      const err = await pending.catch((e: unknown) => e);
      expect((err as Error).name).toBe('AbortError');
    });

    it('refuses to send after close()', async () => {
      transport.close();
      await expect(transport.send({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {} })).rejects.toThrow('closed');
    });

    it('rejects bad settings', () => {
      expect(() => new HttpTransport({ maxPoolConnections: 0 })).toThrow(RangeError);
      expect(() => new HttpTransport({ readTimeout: -1 })).toThrow(RangeError);
    });
  });
});
