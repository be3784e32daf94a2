/**
 * Loopback servers for transport tests: every server listens on 127.0.0.1 port 0 and is closed
 * (with its open sockets) by `closeAll()`.
 */
import * as http from 'http';
import * as net from 'net';
import { Readable } from 'stream';
import { HttpTransport } from '../../../src/transport';

const open: Array<{ close(): void; sockets: Set<net.Socket> }> = [];

export interface Loopback<S extends net.Server = http.Server> {
  server: S;
  url: string;
  port: number;
  /** Remote ports of the client sockets the server saw, in order (one per TCP connection). */
  connections: number[];
}

async function listen<S extends net.Server>(server: S, scheme: string): Promise<Loopback<S>> {
  const sockets = new Set<net.Socket>();
  const connections: number[] = [];
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    connections.push(s.remotePort ?? 0);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  open.push({ close: () => server.close(), sockets });
  return { server, port, url: `${scheme}://127.0.0.1:${port}`, connections };
}

export function httpServer(handler: http.RequestListener): Promise<Loopback> {
  return listen(http.createServer(handler), 'http');
}

/** A TCP server that accepts connections and never answers. */
export function silentTcpServer(): Promise<Loopback<net.Server>> {
  return listen(net.createServer(() => undefined), 'tcp');
}

export function listenAny<S extends net.Server>(server: S, scheme: string): Promise<Loopback<S>> {
  return listen(server, scheme);
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export async function closeAll(): Promise<void> {
  for (const s of open.splice(0)) {
    for (const sock of s.sockets) sock.destroy();
    s.close();
  }
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Writes `count` chunks of `size` bytes, honouring backpressure, then ends. */
export function writeChunks(res: http.ServerResponse, count: number, size: number): void {
  const chunk = Buffer.alloc(size, 97);
  let i = 0;
  const next = (): void => {
    while (i < count) {
      i++;
      if (!res.write(chunk)) {
        res.once('drain', next);
        return;
      }
    }
    res.end();
  };
  next();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A stream of `chunks` made as they are pulled, counting the pulls (a test can tell it was never read). */
export function countedStream(chunks: readonly string[]): { body: Readable; pulled: () => number } {
  let pulled = 0;
  const source = [...chunks];
  const body = new Readable({
    read() {
      const next = source.shift();
      if (next !== undefined) pulled++;
      this.push(next === undefined ? null : Buffer.from(next));
    },
  });
  return { body, pulled: () => pulled };
}

/**
 * A fresh HttpTransport for each test (no proxies from the environment), closed after it with
 * every loopback server the test started; `use` receives each new one.
 */
export function transportPerTest(use: (transport: HttpTransport) => void): void {
  let transport: HttpTransport | undefined;
  beforeEach(() => {
    transport = new HttpTransport({ proxies: {} });
    use(transport);
  });
  afterEach(async () => {
    transport?.close();
    await closeAll();
  });
}

