/**
 * A loopback HTTP server that records every request and answers from a queue of canned
 * responses (or a handler). For behaviour no real local server covers: faults, retries,
 * exact wire checks.
 */
import * as http from 'http';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Header names as sent, in order (name, value, name, value, ...). */
  rawHeaders: string[];
  body: Buffer;
}

export interface CannedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Destroy the socket instead of answering. */
  reset?: boolean;
  /** Never answer (a client's timeout must fire). */
  hang?: boolean;
  /** Send no Date header (Node adds one to every response unless told not to). */
  omitDate?: boolean;
}

export class CannedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: CannedResponse[] = [];
  private server?: http.Server;
  handler?: (req: RecordedRequest) => CannedResponse;
  fallback: CannedResponse = { status: 200, body: '' };

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rec: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawHeaders: req.rawHeaders, body: Buffer.concat(chunks) };
        this.requests.push(rec);
        const r = this.queue.shift() ?? this.handler?.(rec) ?? this.fallback;
        if (r.reset) {
          req.socket.destroy();
          return;
        }
        if (r.hang) return;
        if (r.omitDate) res.sendDate = false;
        res.writeHead(r.status ?? 200, r.headers ?? {});
        res.end(r.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    const { port } = this.server.address() as { port: number };
    return `http://127.0.0.1:${port}`;
  }

  reply(...responses: CannedResponse[]): this {
    this.queue.push(...responses);
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}
