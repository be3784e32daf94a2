/**
 * S3's region redirector (botocore's S3RegionRedirectorv2, src/customizations/s3/region-redirect.ts)
 * against a loopback server that refuses like S3 (s3-redirect-server.ts), used as the clients'
 * http proxy so requests keep their AWS host names. Each scenario's requests (method, target,
 * credential-scope region, Expect) and outcomes are checked, and compared with boto3's against
 * the same server when python3 has boto3.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { Readable } from 'stream';
import { ClientError, InvalidRegionError, Session } from '../../../src';
import { HOME_REGION, S3RedirectServer, SeenRequest } from './s3-redirect-server';

const ENV = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

interface ClientOpts {
  region?: string;
  endpointUrl?: string;
  addressingStyle?: 'path' | 'virtual';
  retries?: number;
}

interface Scenario {
  name: string;
  client?: ClientOpts;
  calls: Array<{ op: string; params: Record<string, unknown> }>;
}

type Outcome = { ok: number } | { error: string };

/** The same scenarios go through boto3 (s3-region-redirect.boto3.py) and botojs. */
const SCENARIOS: Scenario[] = [
  { name: '301 PermanentRedirect with x-amz-bucket-region, then the cache', calls: [{ op: 'get_object', params: { Bucket: 'moved-a', Key: 'k' } }, { op: 'get_object', params: { Bucket: 'moved-a', Key: 'k2' } }] },
  { name: '301 without a region: HeadBucket finds it', calls: [{ op: 'get_object', params: { Bucket: 'movedbare-b', Key: 'k' } }] },
  { name: '400 AuthorizationHeaderMalformed naming the Region', calls: [{ op: 'get_object', params: { Bucket: 'authregion-c', Key: 'k' } }] },
  { name: 'HeadObject: bodiless 400 with the header only', calls: [{ op: 'head_object', params: { Bucket: 'head400-d', Key: 'k' } }, { op: 'head_object', params: { Bucket: 'head400-d', Key: 'k' } }] },
  { name: '307 TemporaryRedirect: HeadBucket finds the region', calls: [{ op: 'get_object', params: { Bucket: 'temp307-e', Key: 'k' } }] },
  { name: 'redirected once only', calls: [{ op: 'get_object', params: { Bucket: 'stuck-f', Key: 'k' } }] },
  { name: 'an access point ARN is never redirected', calls: [{ op: 'get_object', params: { Bucket: 'arn:aws:s3:us-east-1:123456789012:accesspoint/myap', Key: 'k' } }] },
  { name: 'path style keeps the bucket in the path', client: { addressingStyle: 'path' }, calls: [{ op: 'list_objects_v2', params: { Bucket: 'moved-g' } }] },
  { name: 'a custom endpoint URL: same host, signed for the bucket region', client: { endpointUrl: 'http://localhost:9999' }, calls: [{ op: 'get_object', params: { Bucket: 'authregion-h', Key: 'k' } }, { op: 'get_object', params: { Bucket: 'authregion-h', Key: 'k' } }] },
  { name: 'past the attempt limit (standard, 1 attempt)', client: { retries: 1 }, calls: [{ op: 'get_object', params: { Bucket: 'moved-i', Key: 'k' } }] },
  { name: 'PutObject: Expect: 100-continue, the body sent again', calls: [{ op: 'put_object', params: { Bucket: 'moved-j', Key: 'k', Body: 'hello' } }] },
  { name: 'IllegalLocationConstraintException (opt-in region), but not for CreateBucket', calls: [{ op: 'get_object', params: { Bucket: 'optin-l', Key: 'k' } }, { op: 'create_bucket', params: { Bucket: 'optin-m' } }] },
  { name: 'a client in the right region is never redirected', client: { region: HOME_REGION }, calls: [{ op: 'get_object', params: { Bucket: 'moved-k', Key: 'k' } }] },
];

function client(proxy: string, opts: ClientOpts = {}) {
  const session = new Session({ env: ENV, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET' });
  const config: Record<string, unknown> = { proxies: { http: proxy } };
  if (opts.addressingStyle) config.s3 = { addressingStyle: opts.addressingStyle };
  if (opts.retries) config.retries = { mode: 'standard', totalMaxAttempts: opts.retries };
  return session.client('s3', { regionName: opts.region ?? 'us-east-1', endpointUrl: opts.endpointUrl, useSsl: false, config });
}

async function runBotojs(proxy: string, scenario: Scenario): Promise<Outcome[]> {
  const s3 = client(proxy, scenario.client);
  const out: Outcome[] = [];
  for (const call of scenario.calls) {
    try {
      const r = await s3[call.op](call.params);
      out.push({ ok: r.ResponseMetadata.RetryAttempts });
    } catch (e) {
      if (!(e instanceof ClientError)) throw e;
      out.push({ error: e.code });
    }
  }
  s3.close();
  return out;
}

/** boto3's outcomes for all scenarios, or null (with a notice) when python3 has no boto3. */
function runBoto3(proxy: string, scenarios: Scenario[]): Promise<Array<{ name: string; results: Outcome[] }> | null> {
  return new Promise((resolve) => {
    const child = execFile('python3', [path.join(__dirname, 's3-region-redirect.boto3.py'), proxy], { env: { ...process.env, ...ENV, AWS_EC2_METADATA_DISABLED: 'true' }, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) {
        console.log(`[botojs] python3 with boto3 not available (${(stderr || err.message).split('\n').filter(Boolean).pop()}): region redirects not compared with boto3`);
        resolve(null);
        return;
      }
      resolve(JSON.parse(stdout) as Array<{ name: string; results: Outcome[] }>);
    });
    child.stdin?.end(JSON.stringify(scenarios));
  });
}

const trace = (requests: SeenRequest[]) => requests.map((r) => `${r.method} ${r.url} ${r.region}${r.expect ? ` expect=${r.expect}` : ''}`);

describe('S3 region redirects', () => {
  const server = new S3RedirectServer();
  let proxy: string;
  beforeAll(async () => {
    proxy = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => void (server.requests.length = 0));

  it('behaves as boto3 on every scenario: same requests, regions, outcomes', async () => {
    const botojs: Array<{ name: string; results: Outcome[]; requests: string[] }> = [];
    for (const scenario of SCENARIOS) {
      server.requests.length = 0;
      const results = await runBotojs(proxy, scenario);
      botojs.push({ name: scenario.name, results, requests: trace(server.requests) });
    }
    const boto3: Array<{ name: string; results: Outcome[]; requests: string[] }> = [];
    // One python process for every scenario: its requests are split by scenario in order.
    server.requests.length = 0;
    const boto3Results = await runBoto3(proxy, SCENARIOS);
    if (boto3Results) {
      const all = trace(server.requests);
      let at = 0;
      for (const [i, r] of boto3Results.entries()) {
        const n = botojs[i].requests.length;
        boto3.push({ name: r.name, results: r.results, requests: all.slice(at, at + n) });
        at += n;
      }
      expect(at).toBe(all.length);
      expect(botojs).toEqual(boto3);
    }
    // What the scenarios show, spelled out (boto3 1.43.11 did the same).
    const byName = Object.fromEntries(botojs.map((s) => [s.name, s]));
    expect(byName['301 PermanentRedirect with x-amz-bucket-region, then the cache']).toEqual({
      name: '301 PermanentRedirect with x-amz-bucket-region, then the cache',
      results: [{ ok: 1 }, { ok: 0 }],
      requests: ['GET http://moved-a.s3.amazonaws.com/k us-east-1', 'GET http://moved-a.s3.eu-west-1.amazonaws.com/k eu-west-1', 'GET http://moved-a.s3.eu-west-1.amazonaws.com/k2 eu-west-1'],
    });
    expect(byName['301 without a region: HeadBucket finds it'].requests).toEqual([
      'GET http://movedbare-b.s3.amazonaws.com/k us-east-1',
      'HEAD http://movedbare-b.s3.amazonaws.com/ us-east-1',
      'HEAD http://movedbare-b.s3.eu-west-1.amazonaws.com/ eu-west-1',
      'GET http://movedbare-b.s3.eu-west-1.amazonaws.com/k eu-west-1',
    ]);
    expect(byName['400 AuthorizationHeaderMalformed naming the Region'].requests).toEqual(['GET http://authregion-c.s3.amazonaws.com/k us-east-1', 'GET http://authregion-c.s3.eu-west-1.amazonaws.com/k eu-west-1']);
    expect(byName['HeadObject: bodiless 400 with the header only']).toMatchObject({ results: [{ ok: 1 }, { ok: 0 }] });
    expect(byName['307 TemporaryRedirect: HeadBucket finds the region'].requests[3]).toBe('GET http://temp307-e.s3.eu-west-1.amazonaws.com/k eu-west-1');
    expect(byName['redirected once only']).toMatchObject({ results: [{ error: 'PermanentRedirect' }], requests: ['GET http://stuck-f.s3.amazonaws.com/k us-east-1', 'GET http://stuck-f.s3.eu-west-1.amazonaws.com/k eu-west-1'] });
    expect(byName['an access point ARN is never redirected']).toMatchObject({ results: [{ error: 'PermanentRedirect' }] });
    expect(byName['an access point ARN is never redirected'].requests).toHaveLength(1);
    expect(byName['path style keeps the bucket in the path'].requests[1]).toBe('GET http://s3.eu-west-1.amazonaws.com/moved-g?list-type=2&encoding-type=url eu-west-1');
    expect(byName['a custom endpoint URL: same host, signed for the bucket region'].requests).toEqual([
      'GET http://localhost:9999/authregion-h/k us-east-1',
      'GET http://localhost:9999/authregion-h/k eu-west-1',
      'GET http://localhost:9999/authregion-h/k eu-west-1',
    ]);
    expect(byName['past the attempt limit (standard, 1 attempt)'].results).toEqual([{ ok: 1 }]);
    expect(byName['PutObject: Expect: 100-continue, the body sent again'].requests).toEqual([
      'PUT http://moved-j.s3.amazonaws.com/k us-east-1 expect=100-continue',
      'PUT http://moved-j.s3.eu-west-1.amazonaws.com/k eu-west-1 expect=100-continue',
    ]);
    expect(byName['IllegalLocationConstraintException (opt-in region), but not for CreateBucket']).toMatchObject({
      results: [{ ok: 1 }, { error: 'IllegalLocationConstraintException' }],
      requests: [
        'GET http://optin-l.s3.amazonaws.com/k us-east-1',
        'HEAD http://optin-l.s3.amazonaws.com/ us-east-1',
        'HEAD http://optin-l.s3.eu-west-1.amazonaws.com/ eu-west-1',
        'GET http://optin-l.s3.eu-west-1.amazonaws.com/k eu-west-1',
        'PUT http://optin-m.s3.amazonaws.com/ us-east-1',
      ],
    });
    expect(byName['a client in the right region is never redirected'].requests).toEqual(['GET http://moved-k.s3.eu-west-1.amazonaws.com/k eu-west-1']);
  }, 120_000);

  it('a HeadBucket that is itself redirected without a region ends the search (botocore recurses without end)', async () => {
    const s3 = client(proxy);
    const err = await s3.getObject({ Bucket: 'loop307-x', Key: 'k' }).catch((e: unknown) => e);
    s3.close();
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('TemporaryRedirect');
    expect(trace(server.requests)).toEqual(['GET http://loop307-x.s3.amazonaws.com/k us-east-1', 'HEAD http://loop307-x.s3.amazonaws.com/ us-east-1']);
  });

  it('concurrent calls to a bucket of unknown region each find it', async () => {
    const s3 = client(proxy);
    const results = await Promise.all([1, 2, 3].map((i) => s3.getObject({ Bucket: 'movedbare-y', Key: `k${i}` })));
    s3.close();
    expect(results.map((r) => r.ResponseMetadata.RetryAttempts)).toEqual([1, 1, 1]);
    const gets = trace(server.requests).filter((t) => t.startsWith('GET') && t.includes('eu-west-1'));
    expect(gets.sort()).toEqual([1, 2, 3].map((i) => `GET http://movedbare-y.s3.eu-west-1.amazonaws.com/k${i} eu-west-1`));
  });

  it('the cache is per client, and presigned URLs for a redirected bucket go to its region, signed for it', async () => {
    const s3 = client(proxy);
    const before = (await s3.generatePresignedUrl('get_object', { Params: { Bucket: 'moved-z', Key: 'k' } })) as string;
    expect(before).toMatch(/^https?:\/\/moved-z\.s3\.amazonaws\.com\/k\?.*X-Amz-Credential=AKID%2F\d{8}%2Fus-east-1%2F/);
    await s3.headBucket({ Bucket: 'moved-z' });
    const after = (await s3.generatePresignedUrl('get_object', { Params: { Bucket: 'moved-z', Key: 'k' } })) as string;
    // boto3 changes the host but keeps us-east-1 in the scope (S3 refuses that URL).
    expect(after).toMatch(/^https?:\/\/moved-z\.s3\.eu-west-1\.amazonaws\.com\/k\?.*X-Amz-Credential=AKID%2F\d{8}%2Feu-west-1%2F/);
    s3.close();
    server.requests.length = 0;
    const other = client(proxy);
    await other.headBucket({ Bucket: 'moved-z' });
    other.close();
    expect(server.requests).toHaveLength(2);
  });

  it('a stream body refused at its headers (Expect: 100-continue) is sent whole to the right region', async () => {
    const s3 = client(proxy);
    let reads = 0;
    const body = new Readable({
      read() {
        reads++;
        this.push(Buffer.alloc(10_000, 1));
        this.push(null);
      },
    });
    const r = await s3.putObject({ Bucket: 'refuse-s', Key: 'k', Body: body, ContentLength: 10_000 });
    s3.close();
    expect(r.ResponseMetadata.RetryAttempts).toBe(1);
    expect(reads).toBe(1);
    expect(server.requests.map((q) => [q.url, q.region, q.expect, q.bodyLength])).toEqual([
      ['http://refuse-s.s3.amazonaws.com/k', 'us-east-1', '100-continue', 0],
      ['http://refuse-s.s3.eu-west-1.amazonaws.com/k', 'eu-west-1', '100-continue', 10_000],
    ]);
  });

  it('a stream body the server read is not sent again: the redirect error is raised, the region remembered', async () => {
    const s3 = client(proxy);
    const body = Readable.from([Buffer.from('streamed')]);
    const err = await s3.putObject({ Bucket: 'moved-t', Key: 'k', Body: body, ContentLength: 8 }).catch((e: unknown) => e);
    expect((err as ClientError).code).toBe('PermanentRedirect');
    await s3.putObject({ Bucket: 'moved-t', Key: 'k', Body: 'again' });
    s3.close();
    expect(trace(server.requests)).toEqual(['PUT http://moved-t.s3.amazonaws.com/k us-east-1 expect=100-continue', 'PUT http://moved-t.s3.eu-west-1.amazonaws.com/k eu-west-1 expect=100-continue']);
  });

  it('a region that is not a host label is refused with InvalidRegionError', async () => {
    const s3 = client(proxy);
    // A before-parse handler stands in for a server naming a bad region.
    s3.meta.events.register('before-parse.s3.GetObject', (p: Record<string, unknown>) => {
      const raw = p.response as { headers: Record<string, string> };
      if (raw.headers['x-amz-bucket-region']) raw.headers['x-amz-bucket-region'] = 'eu west 1';
    });
    const err = await s3.getObject({ Bucket: 'moved-u', Key: 'k' }).catch((e: unknown) => e);
    s3.close();
    expect(err).toBeInstanceOf(InvalidRegionError);
    expect((err as Error).message).toBe('Provided region_name "eu west 1" doesn\'t match a supported format.');
  });

  it('answers an attempt that needs no redirect at once, not with a promise (every S3 attempt asks)', () => {
    const s3 = client(proxy);
    const events = s3.meta.events as unknown as { firstResponse(name: string, payload: Record<string, unknown>): unknown };
    const attempt = (response: unknown, statusCode: number): unknown =>
      events.firstResponse('needs-retry.s3.GetObject', {
        attempt: 1,
        response,
        httpResponse: { statusCode },
        params: { Bucket: 'b', Key: 'k' },
        operation: s3.meta.serviceModel.operation('GetObject'),
        context: { state: {} },
      });
    expect(attempt({ ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } }, 200)).toBeUndefined();
    expect(attempt(undefined, 0)).toBeUndefined();
    expect(attempt({ Error: { Code: 'NoSuchKey' }, ResponseMetadata: { HTTPStatusCode: 404, HTTPHeaders: {} } }, 404)).toBeUndefined();
    // A redirect is followed asynchronously (it may look the region up first).
    const redirect = attempt({ Error: { Code: 'PermanentRedirect' }, ResponseMetadata: { HTTPStatusCode: 301, HTTPHeaders: { 'x-amz-bucket-region': 'eu-west-1' } } }, 301);
    expect(typeof (redirect as PromiseLike<unknown>)?.then).toBe('function');
    s3.close();
    return (redirect as Promise<unknown>).catch(() => undefined);
  });
});
