import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import type * as tls from 'tls';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { HttpTransport, bypassesProxy, maskProxyUrl, parseProxyUrl, proxiesFromEnvironment } from '../../../src/transport';
import { EndpointConnectionError } from '../../../src/errors';
import { closeAll, closedPort, httpServer, listenAny } from './loopback';

/** A self-signed certificate for 127.0.0.1, made with the openssl CLI (suite skipped without it). */
function makeCert(): { key: string; cert: string; certPath: string } | null {
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-tls-'));
    const keyPath = path.join(dir, 'key.pem');
    const certPath = path.join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath,
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' });
    return { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8'), certPath };
  } catch {
    return null;
  }
}

const tlsMaterial = makeCert();
const describeTls = tlsMaterial ? describe : describe.skip;

async function httpsServer(handler: http.RequestListener) {
  const m = tlsMaterial as NonNullable<typeof tlsMaterial>;
  return listenAny(https.createServer({ key: m.key, cert: m.cert }, handler), 'https');
}

/** A CONNECT proxy on loopback that tunnels to the requested 127.0.0.1 port. */
async function connectProxy(opts: { refuse?: boolean } = {}) {
  const seen: Array<{ target?: string; auth?: string }> = [];
  const server = http.createServer((_req, res) => res.end('not a forward proxy'));
  server.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    seen.push({ target: req.url, auth: req.headers['proxy-authorization'] });
    if (opts.refuse) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const lb = await listenAny(server, 'http');
  return { ...lb, seen };
}

afterEach(async () => {
  await closeAll();
});

describeTls('TLS verification', () => {
  it('rejects an untrusted certificate with EndpointConnectionError (SSL validation failed)', async () => {
    const srv = await httpsServer((_req, res) => res.end('secret'));
    const t = new HttpTransport({ proxies: {} });
    const err = await t.send({ method: 'GET', url: srv.url, headers: {} }).catch((e: unknown) => e);
    t.close();
    expect(err).toBeInstanceOf(EndpointConnectionError);
    expect((err as Error).message).toMatch(/^SSL validation failed for https:\/\/127\.0\.0\.1:\d+/);
  });

  it("a caller's own Host header names the TLS server (SNI), as Node makes it do", async () => {
    const names: unknown[] = [];
    const srv = await httpsServer((req, res) => {
      names.push((req.socket as tls.TLSSocket).servername);
      res.end('ok');
    });
    const t = new HttpTransport({ verify: false, proxies: {} });
    await t.send({ method: 'GET', url: srv.url, headers: { Host: `bucket.example.com:${srv.port}` } });
    await t.send({ method: 'GET', url: srv.url, headers: {} });
    t.close();
    expect(names[0]).toBe('bucket.example.com');
    // An IP address is never a server name.
    expect(names[1]).toBeFalsy();
  });

  it('verify: false skips verification', async () => {
    const srv = await httpsServer((_req, res) => res.end('ok'));
    const t = new HttpTransport({ verify: false, proxies: {} });
    const r = await t.send({ method: 'GET', url: srv.url, headers: {} });
    t.close();
    expect(r.body.toString()).toBe('ok');
  });

  it('verify: <CA bundle path> trusts that bundle, and keeps the TLS connection alive', async () => {
    const srv = await httpsServer((_req, res) => res.end('ok'));
    const t = new HttpTransport({ verify: (tlsMaterial as NonNullable<typeof tlsMaterial>).certPath, proxies: {} });
    for (let i = 0; i < 3; i++) expect((await t.send({ method: 'GET', url: srv.url, headers: {} })).body.toString()).toBe('ok');
    t.close();
    expect(srv.connections).toHaveLength(1);
  });

  it('Expect: 100-continue over TLS: the body follows the server\'s 100 Continue, and one it refuses is never sent', async () => {
    const continued: string[] = [];
    const srv = await httpsServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.end(Buffer.concat(chunks)));
    });
    // Node answers 100 Continue itself unless told otherwise: do so, and refuse one path.
    srv.server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      continued.push(req.url ?? '');
      if (req.url === '/refused') {
        res.writeHead(403, { 'Content-Length': '6' });
        res.end('denied');
        return;
      }
      res.writeContinue();
      srv.server.emit('request', req, res);
    });
    const t = new HttpTransport({ verify: false, proxies: {} });
    const started = Date.now();
    const ok = await t.send({ method: 'PUT', url: `${srv.url}/ok`, headers: { Expect: '100-continue' }, body: 'payload' });
    expect(Date.now() - started).toBeLessThan(900); // the 100 came: no one-second wait
    expect(ok.body.toString()).toBe('payload');
    const refused = await t.send({ method: 'PUT', url: `${srv.url}/refused`, headers: { Expect: '100-continue' }, body: 'secret' });
    t.close();
    expect(refused.statusCode).toBe(403);
    expect(refused.requestBodyUnsent).toBe(true);
    expect(continued).toEqual(['/ok', '/refused']);
  });
});

describe('HTTP proxies', () => {
  it('forwards http URLs to the proxy in absolute form, with Basic proxy credentials', async () => {
    const seen: Array<{ url?: string; auth?: string; host?: string }> = [];
    const proxy = await httpServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers['proxy-authorization'], host: req.headers.host });
      res.end('via proxy');
    });
    const t = new HttpTransport({ proxies: { http: `http://user:p%40ss@127.0.0.1:${proxy.port}` } });
    const r = await t.send({ method: 'GET', url: 'http://example.invalid:8080/bucket?list-type=2', headers: {} });
    await t.send({ method: 'GET', url: 'http://example.invalid:8080/again', headers: {} });
    t.close();
    expect(r.body.toString()).toBe('via proxy');
    expect(seen[0]).toEqual({
      url: 'http://example.invalid:8080/bucket?list-type=2',
      auth: `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      host: 'example.invalid:8080',
    });
    expect(proxy.connections).toHaveLength(1); // the proxy connection is pooled
  });

  it('a request with Expect: 100-continue keeps the absolute-form target and proxy credentials (Node writes its head at once)', async () => {
    const seen: Array<{ url?: string; auth?: string; host?: string; body: string }> = [];
    const proxy = await httpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url, auth: req.headers['proxy-authorization'], host: req.headers.host, body: Buffer.concat(chunks).toString() });
        res.end('stored');
      });
    });
    const t = new HttpTransport({ proxies: { http: `http://u:p@127.0.0.1:${proxy.port}` } });
    const r = await t.send({ method: 'PUT', url: 'http://bucket.s3.amazonaws.com/key', headers: { Expect: '100-continue' }, body: 'payload' });
    const v6 = await t.send({ method: 'PUT', url: 'http://[::1]:8080/key', headers: { Expect: '100-continue' }, body: 'v6' });
    t.close();
    expect([r.body.toString(), v6.body.toString()]).toEqual(['stored', 'stored']);
    expect(seen).toEqual([
      { url: 'http://bucket.s3.amazonaws.com/key', auth: `Basic ${Buffer.from('u:p').toString('base64')}`, host: 'bucket.s3.amazonaws.com', body: 'payload' },
      { url: 'http://[::1]:8080/key', auth: `Basic ${Buffer.from('u:p').toString('base64')}`, host: '[::1]:8080', body: 'v6' },
    ]);
  });

  it('chooses the proxy by the URL scheme; a dead proxy -> EndpointConnectionError naming the proxy', async () => {
    const port = await closedPort();
    const t = new HttpTransport({ proxies: { http: `http://127.0.0.1:${port}` } });
    const err = await t.send({ method: 'GET', url: 'http://example.invalid/', headers: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EndpointConnectionError);
    expect((err as Error).message).toBe(`Failed to connect to proxy URL: "http://127.0.0.1:${port}"`);
    if (tlsMaterial) {
      // https URLs are not sent to the http proxy
      const srv = await httpsServer((_req, res) => res.end('direct'));
      const direct = new HttpTransport({ proxies: { http: `http://127.0.0.1:${port}` }, verify: false });
      expect((await direct.send({ method: 'GET', url: srv.url, headers: {} })).body.toString()).toBe('direct');
      direct.close();
    }
    t.close();
  });

  describeTls('CONNECT tunnelling for https', () => {
    it('tunnels through the proxy, verifies the target and reuses the tunnel', async () => {
      const target = await httpsServer((_req, res) => res.end('tunnelled'));
      const proxy = await connectProxy();
      const t = new HttpTransport({
        proxies: { https: `http://me:pw@127.0.0.1:${proxy.port}` },
        verify: (tlsMaterial as NonNullable<typeof tlsMaterial>).certPath,
      });
      const r1 = await t.send({ method: 'GET', url: `${target.url}/a`, headers: {} });
      const r2 = await t.send({ method: 'GET', url: `${target.url}/b`, headers: {} });
      t.close();
      expect(r1.body.toString()).toBe('tunnelled');
      expect(r2.body.toString()).toBe('tunnelled');
      expect(proxy.seen).toEqual([{ target: `127.0.0.1:${target.port}`, auth: `Basic ${Buffer.from('me:pw').toString('base64')}` }]);
    });

    it('a proxy refusing CONNECT -> EndpointConnectionError naming the masked proxy URL', async () => {
      const proxy = await connectProxy({ refuse: true });
      const t = new HttpTransport({ proxies: { https: `http://me:pw@127.0.0.1:${proxy.port}` } });
      const err = await t.send({ method: 'GET', url: 'https://127.0.0.1:1/', headers: {} }).catch((e: unknown) => e);
      t.close();
      expect(err).toBeInstanceOf(EndpointConnectionError);
      expect((err as Error).message).toBe(`Failed to connect to proxy URL: "http://***:***@127.0.0.1:${proxy.port}"`);
    });
  });

  describe('environment', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    });

    it('uses http_proxy from the environment unless no_proxy names the host', async () => {
      const proxy = await httpServer((_req, res) => res.end('proxied'));
      const direct = await httpServer((_req, res) => res.end('direct'));
      process.env.HTTP_PROXY = `127.0.0.1:${proxy.port}`;
      process.env.NO_PROXY = 'localhost';
      const t = new HttpTransport();
      expect((await t.send({ method: 'GET', url: direct.url, headers: {} })).body.toString()).toBe('proxied');
      expect((await t.send({ method: 'GET', url: `http://localhost:${direct.port}/`, headers: {} })).body.toString()).toBe('direct');
      t.close();
    });

    it('explicit proxies (even empty) replace the environment', async () => {
      process.env.HTTP_PROXY = 'http://127.0.0.1:9';
      const direct = await httpServer((_req, res) => res.end('direct'));
      const t = new HttpTransport({ proxies: {} });
      expect((await t.send({ method: 'GET', url: direct.url, headers: {} })).body.toString()).toBe('direct');
      t.close();
    });
  });
});

describe('proxy helpers', () => {
  it('proxiesFromEnvironment reads <scheme>_proxy, lower case winning', () => {
    expect(proxiesFromEnvironment({ HTTP_PROXY: 'http://up:1', http_proxy: 'http://low:2', HTTPS_PROXY: 'http://s:3', NO_PROXY: '.internal' })).toEqual({
      proxies: { http: 'http://low:2', https: 'http://s:3' },
      noProxy: '.internal',
    });
    expect(proxiesFromEnvironment({ PATH: '/bin' })).toEqual({ proxies: {}, noProxy: undefined });
    // As urllib: any case counts; a name ending in a lower-case `_proxy` wins, and an empty one
    // removes its scheme's proxy; any scheme; under CGI, only a lower-case http_proxy.
    expect(proxiesFromEnvironment({ Ftp_Proxy: 'http://f:4', HTTPS_proxy: 'http://s:5', https_PROXY: 'http://s:6', proxy: 'x', no_proxy: 'a', NO_PROXY: 'b' })).toEqual({
      proxies: { ftp: 'http://f:4', https: 'http://s:5' },
      noProxy: 'a',
    });
    expect(proxiesFromEnvironment({ http_proxy: '', HTTP_PROXY: 'http://up:1', no_proxy: '', NO_PROXY: 'b' })).toEqual({ proxies: {}, noProxy: undefined });
    expect(proxiesFromEnvironment({ HTTP_PROXY: 'http://up:1', HTTPS_PROXY: 'http://s:3', REQUEST_METHOD: 'GET' })).toEqual({ proxies: { https: 'http://s:3' }, noProxy: undefined });
    expect(proxiesFromEnvironment({ http_proxy: 'http://low:2', REQUEST_METHOD: 'GET' })).toEqual({ proxies: { http: 'http://low:2' }, noProxy: undefined });
  });

  it('bypassesProxy follows urllib: *, host, domain suffix and host:port', () => {
    expect(bypassesProxy('s3.amazonaws.com', '', '*')).toBe(true);
    expect(bypassesProxy('s3.amazonaws.com', '', 'amazonaws.com')).toBe(true);
    expect(bypassesProxy('s3.amazonaws.com', '', '.amazonaws.com')).toBe(true);
    expect(bypassesProxy('notamazonaws.com', '', 'amazonaws.com')).toBe(false);
    expect(bypassesProxy('localhost', '4566', 'localhost:4566')).toBe(true);
    expect(bypassesProxy('localhost', '4567', 'localhost:4566')).toBe(false);
    expect(bypassesProxy('example.com', '', undefined)).toBe(false);
  });

  it('parseProxyUrl accepts bare host:port and refuses non-http proxies', () => {
    expect(parseProxyUrl('proxy.local:3128')).toMatchObject({ host: 'proxy.local', port: 3128, url: 'http://proxy.local:3128' });
    const plain = parseProxyUrl('http://proxy.local');
    expect(plain.port).toBe(80);
    expect(plain.authorization).toBeUndefined();
    expect(() => parseProxyUrl('https://proxy.local')).toThrow(/only http/);
  });

  it('maskProxyUrl hides credentials', () => {
    expect(maskProxyUrl('http://user:secret@proxy:3128')).toBe('http://***:***@proxy:3128');
    expect(maskProxyUrl('http://user@proxy:3128')).toBe('http://***@proxy:3128');
    expect(maskProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
  });
});
