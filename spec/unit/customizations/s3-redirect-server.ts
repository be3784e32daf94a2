/**
 * A loopback server that answers like S3 does to requests sent to the wrong region, used as the
 * clients' plain-HTTP proxy so each request keeps the host the rule set resolved
 * (`http://bucket.s3.amazonaws.com/key`, absolute form) and still lands here.
 *
 * Every bucket lives in eu-west-1. A request is in the right region when it is signed for
 * eu-west-1 (credential scope) and its host names eu-west-1 or no region at all (a custom
 * endpoint URL); it then gets 200 (HEAD: with `x-amz-bucket-region`). Otherwise the bucket
 * name's prefix says how S3 refuses it:
 *
 *   moved-      301 PermanentRedirect, with x-amz-bucket-region
 *   movedbare-  301 PermanentRedirect, no region anywhere (HEAD: 301 with the header)
 *   authregion- 400 AuthorizationHeaderMalformed naming <Region>
 *   head400-    HEAD: bodiless 400 with x-amz-bucket-region only
 *   optin-      400 IllegalLocationConstraintException, no region (HEAD: 301 with the header)
 *   temp307-    307 TemporaryRedirect with <Endpoint>, no region (HEAD: 301 with the header)
 *   loop307-    307 TemporaryRedirect everywhere, no region ever (HEAD too)
 *   stuck-      301 PermanentRedirect with the header, even in eu-west-1
 *   refuse-     answers at the headers (checkContinue) with 301 + header, never reading the body
 *
 * An access point host (`*.s3-accesspoint.*`) always gets 301.
 */
import * as http from 'http';

export const HOME_REGION = 'eu-west-1';

export interface SeenRequest {
  method: string;
  /** The absolute-form target, e.g. `http://moved-a.s3.amazonaws.com/k`. */
  url: string;
  /** The credential scope's region, or null when unsigned. */
  region: string | null;
  expect: string | null;
  bodyLength: number;
}

function xmlError(code: string, message: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>R</RequestId><HostId>H</HostId></Error>`;
}

function bucketOf(url: URL): string {
  const labels = url.hostname.split('.');
  const s3At = labels.findIndex((l) => l === 's3' || l.startsWith('s3-'));
  if (s3At > 0) return labels.slice(0, s3At).join('.');
  return url.pathname.split('/')[1] ?? '';
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function decide(method: string, target: string, region: string | null): Answer {
  const url = new URL(target);
  const bucket = bucketOf(url);
  const host = url.hostname;
  const hostRegion = /\.s3[.-]([a-z]{2}-[a-z]+-\d)\./.exec(host)?.[1] ?? (host.endsWith('.amazonaws.com') ? 'us-east-1' : null);
  const head = method === 'HEAD';
  const ok = region === HOME_REGION && (hostRegion === null || hostRegion === HOME_REGION);
  const withRegion = { 'x-amz-bucket-region': HOME_REGION };
  const moved = (headers: Record<string, string>): Answer => ({
    status: 301,
    headers,
    body: head ? '' : xmlError('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint.', `<Endpoint>${bucket}.s3.${HOME_REGION}.amazonaws.com</Endpoint><Bucket>${bucket}</Bucket>`),
  });
  if (host.includes('.s3-accesspoint.')) return moved(withRegion);
  if (bucket.startsWith('stuck-')) return moved(withRegion);
  if (bucket.startsWith('loop307-')) return { status: 307, headers: {}, body: head ? '' : xmlError('TemporaryRedirect', 'Please re-send this request to the specified temporary endpoint.') };
  if (ok) return { status: 200, headers: head ? withRegion : {}, body: '' };
  if (bucket.startsWith('moved-') || bucket.startsWith('refuse-')) return moved(withRegion);
  if (bucket.startsWith('movedbare-') || bucket.startsWith('temp307-')) {
    if (head) return moved(withRegion);
    if (bucket.startsWith('movedbare-')) return moved({});
    const endpoint = `<Endpoint>${bucket}.s3.${HOME_REGION}.amazonaws.com</Endpoint>`;
    return { status: 307, headers: { Location: `http://${bucket}.s3.${HOME_REGION}.amazonaws.com/` }, body: xmlError('TemporaryRedirect', 'Please re-send this request to the specified temporary endpoint.', endpoint) };
  }
  if (bucket.startsWith('authregion-')) {
    if (head) return { status: 400, headers: {}, body: '' };
    return { status: 400, headers: {}, body: xmlError('AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${region}' is wrong; expecting '${HOME_REGION}'`, `<Region>${HOME_REGION}</Region>`) };
  }
  if (bucket.startsWith('head400-') && head) return { status: 400, headers: withRegion, body: '' };
  if (bucket.startsWith('optin-')) {
    if (head) return moved(withRegion);
    return { status: 400, headers: {}, body: xmlError('IllegalLocationConstraintException', `The ${HOME_REGION} location constraint is incompatible for the region specific endpoint this request was sent to.`) };
  }
  return { status: 400, headers: {}, body: head ? '' : xmlError('InvalidRequest', 'unexpected request') };
}

function send(res: http.ServerResponse, a: Answer): void {
  res.writeHead(a.status, { 'Content-Type': 'application/xml', 'Content-Length': String(Buffer.byteLength(a.body)), ...a.headers });
  res.end(a.body);
}

export class S3RedirectServer {
  readonly requests: SeenRequest[] = [];
  private server?: http.Server;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const seen = this.record(req);
      let length = 0;
      req.on('data', (c: Buffer) => (length += c.length));
      req.on('end', () => {
        seen.bodyLength = length;
        send(res, decide(req.method ?? '', req.url ?? '', seen.region));
      });
    });
    // Expect: 100-continue: the refuse- buckets (outside their region) answer at the headers.
    this.server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const target = req.url ?? '';
      const answer = decide(req.method ?? '', target, regionOf(req));
      if (bucketOf(new URL(target)).startsWith('refuse-') && answer.status !== 200) {
        this.record(req);
        res.shouldKeepAlive = false;
        send(res, answer);
        return;
      }
      res.writeContinue();
      this.server?.emit('request', req, res);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private record(req: http.IncomingMessage): SeenRequest {
    const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', region: regionOf(req), expect: (req.headers.expect as string | undefined) ?? null, bodyLength: 0 };
    this.requests.push(seen);
    return seen;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

function regionOf(req: http.IncomingMessage): string | null {
  const auth = req.headers.authorization ?? '';
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth)?.[1] ?? null;
}
