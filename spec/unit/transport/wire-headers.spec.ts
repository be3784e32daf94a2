/**
 * The transport hands node:http its headers as a flat list (wire-headers.ts). What goes out must
 * be byte for byte what Node writes for the same headers given as an object (its setHeader path),
 * which is what the transport sent before. Each case is sent both ways to a raw TCP server.
 */
import * as http from 'http';
import * as net from 'net';
import { Readable } from 'stream';
import { HttpTransport } from '../../../src/transport';
import { hostHeader, wireHeaders } from '../../../src/transport/wire-headers';
import { closeAll, listenAny } from './loopback';

afterEach(closeAll);

/** A server that records each request's head and body as sent, and answers 200 with no body. */
async function recordingServer(): Promise<{ port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    let buf = '';
    socket.on('data', (chunk: Buffer) => {
      buf += chunk.toString('latin1');
      for (;;) {
        const headEnd = buf.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buf.slice(0, headEnd + 4);
        const length = /\r\ncontent-length: *(\d+)/i.exec(head);
        let end: number;
        if (length) end = headEnd + 4 + Number(length[1]);
        else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
          const last = buf.indexOf('\r\n0\r\n\r\n', headEnd);
          if (last < 0) return;
          end = last + 7;
        } else end = headEnd + 4;
        if (buf.length < end) return;
        requests.push(buf.slice(0, end));
        buf = buf.slice(end);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      }
    });
  });
  const { port } = await listenAny(server, 'tcp');
  return { port, requests };
}

/** Sends through Node with the headers as an object (setHeader for each), as the transport used to. */
function sendAsObject(port: number, method: string, headers: Record<string, string>, body?: Buffer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    const agent = new http.Agent({ keepAlive: true });
    const req = http.request({ agent, host: '127.0.0.1', port, method, path: '/k', headers }, (res) => {
      res.resume();
      res.on('end', () => {
        agent.destroy();
        resolve();
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Case {
  name: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The framing header the transport adds (as botocore's preparer does), written in the object for Node. */
  framing?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'GET, no body, no framing header', method: 'GET', headers: { 'X-Amz-Date': '20261207T000000Z', 'User-Agent': 'botojs', Authorization: 'AWS4 x' } },
  { name: 'PUT with a body: Content-Length after the caller headers', method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: 'abc', framing: { 'Content-Length': '3' } },
  { name: 'POST with an empty body still gets Content-Length: 0', method: 'POST', headers: {}, body: '', framing: { 'Content-Length': '0' } },
  { name: 'a Content-Length set by the caller is kept as spelled', method: 'PUT', headers: { 'content-length': '2' }, body: 'hi' },
  { name: 'one name in two cases: first place, last spelling and value', method: 'GET', headers: { 'x-amz-meta-a': '1', 'X-Other': 'o', 'X-AMZ-META-A': '2' } },
  { name: 'a Host given by the caller replaces Node\'s', method: 'GET', headers: { host: 'bucket.example.com' } },
  { name: 'unicode and latin-1 values pass as Node writes them', method: 'GET', headers: { 'x-amz-meta-k': 'caf\u00e9' } },
];

describe('wire headers', () => {
  it.each(cases)('$name: same bytes as Node writes from an object', async (c) => {
    const server = await recordingServer();
    const body = c.body === undefined ? undefined : Buffer.from(c.body);
    await sendAsObject(server.port, c.method, { ...c.headers, ...c.framing }, body);
    const transport = new HttpTransport();
    try {
      await transport.send({ method: c.method, url: `http://127.0.0.1:${server.port}/k`, headers: { ...c.headers }, body });
    } finally {
      transport.close();
    }
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]).toBe(server.requests[0]);
  });

  it('a streamed body goes chunked, with the head Node writes from an object', async () => {
    const server = await recordingServer();
    await new Promise<void>((resolve, reject) => {
      const agent = new http.Agent({ keepAlive: true });
      const req = http.request({ agent, host: '127.0.0.1', port: server.port, method: 'PUT', path: '/k', headers: { 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        res.on('end', () => (agent.destroy(), resolve()));
      });
      req.on('error', reject);
      req.write('ab');
      req.end('c');
    });
    const transport = new HttpTransport();
    try {
      await transport.send({ method: 'PUT', url: `http://127.0.0.1:${server.port}/k`, headers: {}, body: Readable.from([Buffer.from('ab'), Buffer.from('c')]) });
    } finally {
      transport.close();
    }
    expect(server.requests).toHaveLength(2);
    // How a stream's chunks are framed depends on when they are read: compare the head, and
    // the body once its chunk framing is taken off.
    const split = (request: string) => {
      const headEnd = request.indexOf('\r\n\r\n') + 4;
      let body = '';
      for (let at = headEnd; ; ) {
        const lineEnd = request.indexOf('\r\n', at);
        const size = parseInt(request.slice(at, lineEnd), 16);
        if (!size) break;
        body += request.slice(lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
      return { head: request.slice(0, headEnd), body };
    };
    expect(split(server.requests[1])).toEqual(split(server.requests[0]));
    expect(split(server.requests[1]).body).toBe('abc');
  });

  it('a header value Node refuses (CR/LF) fails before anything is sent, as before', async () => {
    const server = await recordingServer();
    const transport = new HttpTransport();
    try {
      await expect(transport.send({ method: 'GET', url: `http://127.0.0.1:${server.port}/k`, headers: { 'x-bad': 'a\r\nInjected: 1' } }))
        .rejects.toMatchObject({ name: 'HTTPClientError', message: expect.stringContaining('Invalid character in header content ["x-bad"]') });
    } finally {
      transport.close();
    }
    expect(server.requests).toEqual([]);
  });

  it('writes Host as Node does: brackets for IPv6, no default port', () => {
    expect(hostHeader('127.0.0.1', 80, 80)).toBe('127.0.0.1');
    expect(hostHeader('127.0.0.1', 8080, 80)).toBe('127.0.0.1:8080');
    expect(hostHeader('s3.amazonaws.com', 443, 443)).toBe('s3.amazonaws.com');
    expect(hostHeader('::1', 9000, 80)).toBe('[::1]:9000');
    expect(hostHeader('fe80::1', 443, 443)).toBe('[fe80::1]');
  });

  it('lists framing after the caller headers and Host last', () => {
    expect(wireHeaders({ a: '1', B: '2' }, ['Content-Length', '5'], 'h', 81, 80)).toEqual(['a', '1', 'B', '2', 'Content-Length', '5', 'Host', 'h:81']);
    expect(wireHeaders({ a: '1', A: '3' }, undefined, 'h', 80, 80)).toEqual(['A', '3', 'Host', 'h']);
    // A caller's own Host keeps the object form (Node reads it for the TLS server name and pool).
    expect(wireHeaders({ a: '1', HOST: 'x' }, undefined, 'h', 80, 80)).toBeUndefined();
  });
});
