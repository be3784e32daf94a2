/**
 * A stream request body is read only once its connection is ready, so a request that fails
 * before that leaves the stream untouched and says so (`requestBodyUnsent`): sending the same
 * stream again delivers it whole. Once a byte was read, a failure is final and not marked.
 */
import * as http from 'http';
import type * as net from 'net';
import { Readable } from 'stream';
import { HttpTransport } from '../../../src/transport';
import { ConnectionClosedError, ConnectTimeoutError, EndpointConnectionError, HTTPClientError } from '../../../src/errors';
import { closedPort, countedStream as countedChunks, httpServer, listenAny, readBody, silentTcpServer, transportPerTest } from './loopback';

const CHUNKS = ['alpha-', 'beta-', 'gamma'];

const countedStream = () => countedChunks(CHUNKS);

/** What a stream left untouched looks like: nothing read, not flowing, none of our listeners. */
function expectUntouched(body: Readable, pulled: number): void {
  expect(pulled).toBe(0);
  expect(body.readableFlowing).not.toBe(true);
  expect(body.listenerCount('data')).toBe(0);
  expect(body.listenerCount('error')).toBe(0);
  expect(body.readableEnded).toBe(false);
}

/** An echo server: answers each request with the body it received. */
async function echoServer(bodies: string[] = []) {
  return httpServer(async (req, res) => {
    const body = (await readBody(req)).toString();
    bodies.push(body);
    res.end(body);
  });
}

describe('a stream body not yet read when the request fails', () => {
  let transport: HttpTransport;
  transportPerTest((t) => (transport = t));

  it('connection refused: EndpointConnectionError with requestBodyUnsent, and the same stream sent again arrives whole', async () => {
    const port = await closedPort();
    const { body, pulled } = countedStream();
    const err = await transport.send({ method: 'PUT', url: `http://127.0.0.1:${port}/k`, headers: {}, body }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(EndpointConnectionError);
    expect((err as HTTPClientError).requestBodyUnsent).toBe(true);
    expectUntouched(body, pulled());

    const bodies: string[] = [];
    const srv = await echoServer(bodies);
    const r = await transport.send({ method: 'PUT', url: `${srv.url}/k`, headers: {}, body });
    expect(r.body.toString()).toBe(CHUNKS.join(''));
    expect(bodies).toEqual([CHUNKS.join('')]);
  });

  it('a server that drops the connection before reading: ConnectionClosedError with requestBodyUnsent', async () => {
    const bodies: string[] = [];
    const srv = await echoServer(bodies);
    let dropped = 0;
    // Ahead of the http server's own listener: the first connection is closed unread.
    srv.server.prependListener('connection', (socket: net.Socket) => {
      if (dropped++ === 0) socket.destroy();
    });
    const { body, pulled } = countedStream();
    const err = await transport.send({ method: 'PUT', url: srv.url, headers: {}, body }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConnectionClosedError);
    expect((err as HTTPClientError).requestBodyUnsent).toBe(true);
    expectUntouched(body, pulled());
    const r = await transport.send({ method: 'PUT', url: srv.url, headers: {}, body });
    expect(r.body.toString()).toBe(CHUNKS.join(''));
    expect(bodies).toEqual([CHUNKS.join('')]);
  });

  it('a connect timeout: ConnectTimeoutError with requestBodyUnsent', async () => {
    // A TLS handshake nobody answers never completes.
    const silent = await silentTcpServer();
    const t = new HttpTransport({ proxies: {}, connectTimeout: 0.2, verify: false });
    const { body, pulled } = countedStream();
    const err = await t.send({ method: 'PUT', url: `https://127.0.0.1:${silent.port}/`, headers: {}, body }).catch((e: Error) => e);
    t.close();
    expect(err).toBeInstanceOf(ConnectTimeoutError);
    expect((err as HTTPClientError).requestBodyUnsent).toBe(true);
    expectUntouched(body, pulled());
  });

  for (const expect100 of [false, true]) {
    it(`a pooled keep-alive connection the server had closed (stale socket${expect100 ? ', Expect: 100-continue' : ''}): requestBodyUnsent, sent again whole`, async () => {
      const bodies: string[] = [];
      const serverSockets: net.Socket[] = [];
      const srv = await echoServer(bodies);
      srv.server.on('connection', (s: net.Socket) => serverSockets.push(s));
      await transport.send({ method: 'PUT', url: srv.url, headers: {}, body: 'first' });
      expect(serverSockets).toHaveLength(1);
      const headers: Record<string, string> = expect100 ? { Expect: '100-continue' } : {};
      const { body, pulled } = countedStream();
      // The server closes the idle connection, and the request goes out in the same tick: the
      // client has not read that close yet, so the pool hands this request the dead socket.
      serverSockets[0].destroy();
      const first = await transport.send({ method: 'PUT', url: srv.url, headers, body }).catch((e: Error) => e);
      // Node 22 and later may see the close before the pool hands the socket out, and send on a
      // new connection at once; Node 20 hands out the dead socket, and the error must say the
      // stream is untouched.
      let r = first;
      if (first instanceof Error) {
        expect(first).toBeInstanceOf(ConnectionClosedError);
        expect((first as HTTPClientError).requestBodyUnsent).toBe(true);
        expectUntouched(body, pulled());
        r = await transport.send({ method: 'PUT', url: srv.url, headers, body });
      }
      expect((r as { body: Buffer }).body.toString()).toBe(CHUNKS.join(''));
      expect(bodies).toEqual(['first', CHUNKS.join('')]);
      expect(srv.connections).toHaveLength(2);
    });
  }

  it('a failure after part of the stream was sent is not marked: the stream is spent', async () => {
    let received = '';
    // A raw server: reads the first bytes of the request, then resets the connection.
    const srv = await listenAny(
      http.createServer((req) => {
        req.once('data', (c: Buffer) => {
          received += c.toString();
          req.socket.resetAndDestroy();
        });
      }),
      'http',
    );
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sent = 0;
    // The first chunk goes at once; the rest waits until the connection is gone.
    const body = new Readable({
      read() {
        if (sent === 0) {
          sent++;
          this.push(Buffer.from('first-part'));
        } else if (sent === 1) {
          sent++;
          void gate.then(() => this.push(null));
        }
      },
    });
    const err = await transport.send({ method: 'PUT', url: srv.url, headers: {}, body }).catch((e: Error) => e);
    release();
    expect(err).toBeInstanceOf(ConnectionClosedError);
    expect((err as HTTPClientError).requestBodyUnsent).toBeUndefined();
    expect(received).toContain('first-part');
  });

  it('a byte body is never marked (it is resent from memory)', async () => {
    const port = await closedPort();
    const err = await transport.send({ method: 'PUT', url: `http://127.0.0.1:${port}/`, headers: {}, body: 'bytes' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(EndpointConnectionError);
    expect((err as HTTPClientError).requestBodyUnsent).toBeUndefined();
  });
});
