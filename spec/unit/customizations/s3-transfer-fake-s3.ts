/**
 * A small in-memory S3 on a loopback port for the transfer tests: just enough of PutObject,
 * multipart uploads (ListMultipartUploads included), UploadPartCopy, CopyObject, HeadObject and
 * ranged GetObject, recording every request. `intercept` may answer a request instead (an
 * error, a body cut short).
 */
import { createHash } from 'crypto';
import * as http from 'http';
import { Config, Session } from '../../../src';

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What an interceptor does with a request instead of the fake. */
export type Interception =
  | { status: number; code?: string; message?: string }
  /** Sends the headers and `bytes` of the body, then destroys the socket. */
  | { cutAfter: number }
  /** Answers 206 with this Content-Range and a body of `bodyBytes` bytes, whatever was asked. */
  | { contentRange: string; bodyBytes: number };

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const xmlError = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

export class FakeS3 {
  readonly requests: SeenRequest[] = [];
  readonly objects = new Map<string, Buffer>();
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  intercept?: (r: SeenRequest) => Interception | undefined;
  /** Milliseconds to hold a request before answering it. */
  delay?: (r: SeenRequest) => number;
  /**
   * Holds the first matching requests until `size` of them are waiting (or `timeoutMs` passes),
   * then `settleMs` longer so any extra ones pile up too, and releases them together: checks of
   * concurrency then do not depend on how fast a busy machine reads the parts.
   */
  gate?: { match: (r: SeenRequest) => boolean; size: number; settleMs?: number; timeoutMs?: number };
  private held: Array<() => void> = [];
  private gateTimer?: NodeJS.Timeout;
  /** Requests being answered now, and the most there ever were at once. */
  inFlight = 0;
  maxInFlight = 0;
  private server?: http.Server;
  private uploadCounter = 0;
  endpoint = '';

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on('close', () => (this.inFlight -= 1));
        this.handle(req, res, Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections?.();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** A client with path-style addressing and no SDK retries (so faults reach the transfer). */
  client(maxAttempts = 1) {
    const session = new Session({
      awsAccessKeyId: 'AKID',
      awsSecretAccessKey: 'SECRET',
      regionName: 'us-east-1',
      env: { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' },
    });
    return session.client('s3', { endpointUrl: this.endpoint, config: new Config({ s3: { addressingStyle: 'path' }, retries: { maxAttempts, mode: 'standard' } }) });
  }

  /** `METHOD path?query-keys` lines, the request sequence in a comparable form. */
  sequence(): string[] {
    return this.requests.map((r) => {
      const q = Object.keys(r.query);
      return `${r.method} ${r.path}${q.length ? `?${q.map((k) => (r.query[k] ? `${k}=${r.query[k]}` : k)).join('&')}` : ''}`;
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const path = decodeURIComponent(url.pathname);
    const seen: SeenRequest = { method: req.method ?? '', path, query, headers: req.headers, body };
    this.requests.push(seen);
    if (this.gate?.match(seen)) {
      this.hold(() => this.respond(seen, req, res));
      return;
    }
    const wait = this.delay?.(seen) ?? 0;
    if (wait > 0) setTimeout(() => this.respond(seen, req, res), wait);
    else this.respond(seen, req, res);
  }

  private hold(release: () => void): void {
    const gate = this.gate!;
    this.held.push(release);
    const open = () => {
      clearTimeout(this.gateTimer);
      this.gate = undefined;
      for (const r of this.held.splice(0)) r();
    };
    if (this.held.length === 1) this.gateTimer = setTimeout(open, gate.timeoutMs ?? 5000);
    if (this.held.length === gate.size) {
      clearTimeout(this.gateTimer);
      this.gateTimer = setTimeout(open, gate.settleMs ?? 100);
    }
  }

  private respond(seen: SeenRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
    const i = this.intercept?.(seen);
    if (i && 'status' in i) {
      const b = xmlError(i.code ?? 'InternalError', i.message ?? 'injected');
      res.writeHead(i.status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(b)) });
      res.end(req.method === 'HEAD' ? undefined : b);
      return;
    }
    if (i && 'contentRange' in i) {
      res.writeHead(206, { 'content-range': i.contentRange, 'content-length': String(i.bodyBytes) });
      res.end(Buffer.alloc(i.bodyBytes, 7));
      return;
    }
    try {
      this.answer(seen, res, i && 'cutAfter' in i ? i.cutAfter : undefined);
    } catch (e) {
      const b = xmlError('InternalError', String(e));
      res.writeHead(500, { 'content-length': String(Buffer.byteLength(b)) });
      res.end(b);
    }
  }

  private answer(r: SeenRequest, res: http.ServerResponse, cutAfter?: number): void {
    const send = (status: number, body: string | Buffer = '', headers: Record<string, string> = {}) => {
      const b = typeof body === 'string' ? Buffer.from(body) : body;
      res.writeHead(status, { 'content-length': String(b.length), ...headers });
      if (cutAfter !== undefined) {
        res.write(b.subarray(0, cutAfter));
        // Let the partial body reach the client before the connection dies.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      res.end(r.method === 'HEAD' ? undefined : b);
    };
    const key = r.path;
    const q = r.query;
    if (r.method === 'POST' && 'uploads' in q) {
      const id = `upload-${++this.uploadCounter}`;
      this.uploads.set(id, { key, parts: new Map() });
      return send(200, `<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    }
    if (r.method === 'PUT' && q.uploadId) {
      const up = this.uploads.get(q.uploadId);
      if (!up) return send(404, xmlError('NoSuchUpload', 'no upload'));
      let data = r.body;
      const copySource = r.headers['x-amz-copy-source'] as string | undefined;
      if (copySource) {
        const src = this.objects.get(`/${decodeURIComponent(copySource.split('?')[0]).replace(/^\//, '')}`);
        if (!src) return send(404, xmlError('NoSuchKey', 'no source'));
        const m = /^bytes=(\d+)-(\d+)$/.exec(String(r.headers['x-amz-copy-source-range']));
        data = m ? src.subarray(Number(m[1]), Number(m[2]) + 1) : src;
        up.parts.set(Number(q.partNumber), data);
        return send(200, `<CopyPartResult><ETag>"${md5(data)}"</ETag></CopyPartResult>`);
      }
      up.parts.set(Number(q.partNumber), data);
      return send(200, '', { ETag: `"${md5(data)}"` });
    }
    if (r.method === 'POST' && q.uploadId) {
      const up = this.uploads.get(q.uploadId);
      if (!up) return send(404, xmlError('NoSuchUpload', 'no upload'));
      const numbers = [...r.body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
      const data = Buffer.concat(numbers.map((n) => up.parts.get(n) ?? Buffer.alloc(0)));
      this.objects.set(up.key, data);
      this.uploads.delete(q.uploadId);
      return send(200, `<CompleteMultipartUploadResult><Key>${up.key}</Key><ETag>"${md5(data)}-${numbers.length}"</ETag></CompleteMultipartUploadResult>`);
    }
    if (r.method === 'DELETE' && q.uploadId) {
      this.uploads.delete(q.uploadId);
      return send(204);
    }
    if (r.method === 'PUT') {
      const copySource = r.headers['x-amz-copy-source'] as string | undefined;
      if (copySource) {
        const src = this.objects.get(`/${decodeURIComponent(copySource.split('?')[0]).replace(/^\//, '')}`);
        if (!src) return send(404, xmlError('NoSuchKey', 'no source'));
        this.objects.set(key, src);
        return send(200, `<CopyObjectResult><ETag>"${md5(src)}"</ETag></CopyObjectResult>`);
      }
      this.objects.set(key, r.body);
      return send(200, '', { ETag: `"${md5(r.body)}"` });
    }
    if (r.method === 'GET' && 'uploads' in q) {
      // ListMultipartUploads of the bucket `key` names (no paging: the tests have a few).
      const prefix = `${key.replace(/\/$/, '')}/`;
      const listed = [...this.uploads].filter(([, u]) => u.key.startsWith(prefix));
      const entries = listed.map(([id, u]) => `<Upload><Key>${u.key.slice(prefix.length)}</Key><UploadId>${id}</UploadId></Upload>`).join('');
      return send(200, `<ListMultipartUploadsResult><Bucket>${key.slice(1)}</Bucket><IsTruncated>false</IsTruncated>${entries}</ListMultipartUploadsResult>`);
    }
    const obj = this.objects.get(key);
    if (r.method === 'HEAD') {
      if (!obj) return send(404);
      return send(200, '', { 'content-length': String(obj.length), ETag: `"${md5(obj)}"` });
    }
    if (r.method === 'GET') {
      if (!obj) return send(404, xmlError('NoSuchKey', 'The specified key does not exist.'));
      const ifMatch = r.headers['if-match'];
      if (ifMatch && ifMatch !== `"${md5(obj)}"`) return send(412, xmlError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'));
      const m = /^bytes=(\d+)-(\d*)$/.exec(String(r.headers.range ?? ''));
      if (m) {
        const start = Number(m[1]);
        const end = m[2] ? Math.min(Number(m[2]), obj.length - 1) : obj.length - 1;
        return send(206, obj.subarray(start, end + 1), { 'content-range': `bytes ${start}-${end}/${obj.length}`, ETag: `"${md5(obj)}"` });
      }
      return send(200, obj, { ETag: `"${md5(obj)}"` });
    }
    return send(405, xmlError('MethodNotAllowed', `${r.method} ${key}`));
  }
}

/** Deterministic bytes (not all one value, so misplaced parts show up). */
export function pattern(size: number, seed = 0): Buffer {
  const b = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) b[i] = (i * 31 + seed + (i >> 12)) & 0xff;
  return b;
}
