/**
 * The loopback capture server: a raw TCP HTTP/1.1 server that records each request exactly as
 * it arrived (request line, header names and values in order, body bytes) and answers with the
 * response of the case its slot is running.
 *
 * Raw TCP rather than node:http so nothing is normalized away: the request target is kept
 * byte for byte, duplicate headers stay separate, and `Expect: 100-continue` is answered with an
 * interim 100 (botocore sends it on some S3 bodies and then waits for it).
 *
 * Slots: one server instance listens on the same port of several loopback addresses (127.0.0.1,
 * 127.0.0.2); the address a connection arrived on names the slot, so two drivers can run at
 * once with identical Host headers (and therefore identical signatures).
 */
import * as net from 'net';
import type { WireResponse } from './response-writer';

export interface CapturedRequest {
  method: string;
  /** The request target as sent: raw path and query, undecoded. */
  target: string;
  httpVersion: string;
  /** [name, value] in arrival order, names as sent. */
  headers: Array<[string, string]>;
  /** The body as the client framed it: chunk framing removed when chunked. */
  body: Buffer;
  chunked: boolean;
  /** The connection went quiet before the body its framing announced was complete. */
  incomplete?: boolean;
}

export interface Slot {
  /** The response for requests of the running case; undefined between cases. */
  response?: WireResponse;
  captured: CapturedRequest[];
  /** Requests that arrived with no case running (answered 500). */
  stray: CapturedRequest[];
}

const STALL_MS = 1000;

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 206: 'Partial Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export class CaptureServer {
  readonly slots = new Map<string, Slot>();
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  /**
   * Listens on `addresses` (same port on each). Addresses that cannot be bound (a system
   * without 127.0.0.2) are dropped; `slots` lists those that work.
   */
  async start(addresses: string[]): Promise<string[]> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const bound: string[] = [];
      this.port = 0;
      let clash = false;
      for (const addr of addresses) {
        const server = net.createServer((socket) => this.onConnection(socket));
        const ok = await new Promise<boolean | 'clash'>((resolve) => {
          server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE' ? 'clash' : false));
          server.listen(this.port, addr, () => resolve(true));
        });
        if (ok === true) {
          if (!this.port) this.port = (server.address() as net.AddressInfo).port;
          this.servers.push(server);
          bound.push(addr);
        } else if (ok === 'clash') {
          clash = true;
          break;
        }
      }
      if (!clash && bound.length) {
        for (const a of bound) this.slots.set(a, { captured: [], stray: [] });
        return bound;
      }
      await this.stop();
    }
    throw new Error('capture server: no common free port on the loopback addresses');
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.servers.length = 0;
  }

  private onConnection(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const slot = this.slots.get(socket.localAddress?.replace(/^::ffff:/, '') ?? '');
    let buf = Buffer.alloc(0);
    let head: { method: string; target: string; httpVersion: string; headers: Array<[string, string]> } | undefined;
    let continued = false;
    let stall: NodeJS.Timeout | undefined;
    socket.on('close', () => clearTimeout(stall));
    socket.on('data', (chunk: Buffer) => {
      clearTimeout(stall);
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!head) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
          const [method, target, httpVersion] = lines[0].split(' ');
          const headers = lines.slice(1).map((l): [string, string] => {
            const i = l.indexOf(':');
            return [l.slice(0, i), l.slice(i + 1).trim()];
          });
          head = { method, target, httpVersion, headers };
          buf = buf.subarray(end + 4);
          continued = false;
        }
        const get = (n: string) => head!.headers.find(([k]) => k.toLowerCase() === n)?.[1];
        if (!continued && get('expect')?.toLowerCase() === '100-continue') {
          socket.write('HTTP/1.1 100 Continue\r\n\r\n');
          continued = true;
        }
        const chunked = (get('transfer-encoding') ?? '').toLowerCase().includes('chunked');
        let body: Buffer;
        if (chunked) {
          const decoded = decodeChunked(buf);
          if (!decoded) return this.awaitBody(socket, slot, head, buf, (t) => (stall = t));
          body = decoded.body;
          buf = buf.subarray(decoded.consumed);
        } else {
          const len = Number(get('content-length') ?? 0);
          if (buf.length < len) return this.awaitBody(socket, slot, head, buf, (t) => (stall = t));
          body = buf.subarray(0, len);
          buf = buf.subarray(len);
        }
        const req: CapturedRequest = { ...head, body: Buffer.from(body), chunked };
        head = undefined;
        this.answer(socket, slot, req);
      }
    });
  }

  /**
   * A body shorter than its framing promised (a caller's wrong Content-Length): after a short
   * wait, record what came with `incomplete` set, answer, and close the connection (its framing
   * is lost), rather than leave the client to its read timeout.
   */
  private awaitBody(socket: net.Socket, slot: Slot | undefined, head: Omit<CapturedRequest, 'body' | 'chunked'>, buf: Buffer, setTimer: (t: NodeJS.Timeout) => void): void {
    setTimer(
      setTimeout(() => {
        this.answer(socket, slot, { ...head, body: Buffer.from(buf), chunked: false, incomplete: true });
        socket.end();
      }, STALL_MS),
    );
  }

  private answer(socket: net.Socket, slot: Slot | undefined, req: CapturedRequest): void {
    const response = slot?.response;
    if (!slot || !response) {
      slot?.stray.push(req);
      socket.write('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    slot.captured.push(req);
    const body = req.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(response.body, 'base64');
    const fullLength = Buffer.from(response.body, 'base64').length;
    let head = `HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Status'}\r\n`;
    for (const [k, v] of response.headers) head += `${k}: ${v}\r\n`;
    // HEAD answers carry the length a GET would have, as servers do.
    head += `Content-Length: ${fullLength}\r\n\r\n`;
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  }
}

/** Decodes a complete chunked body at the start of `buf`, or undefined if more is needed. */
function decodeChunked(buf: Buffer): { body: Buffer; consumed: number } | undefined {
  const parts: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return undefined;
    const size = parseInt(buf.subarray(pos, eol).toString('latin1').split(';')[0], 16);
    pos = eol + 2;
    if (size === 0) {
      // Trailers end with an empty line.
      const end = buf.indexOf('\r\n\r\n', pos - 2);
      if (end < 0) return undefined;
      return { body: Buffer.concat(parts), consumed: end + 4 };
    }
    if (buf.length < pos + size + 2) return undefined;
    parts.push(buf.subarray(pos, pos + size));
    pos += size + 2;
  }
}
