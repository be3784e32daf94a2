/**
 * Calls whose endpoint (or auth scheme preference) chooses SigV4a are signed SigV4a end to end,
 * against a loopback server: EventBridge PutEvents with an EndpointId (rule set: sigv4a, region
 * set `*`), the region set from Config / AWS_SIGV4A_SIGNING_REGION_SET, a preference for sigv4a
 * where the rule set offers sigv4a and sigv4 (Sustainability), and a presigned S3 Multi-Region
 * Access Point URL. Each signature is verified here over a canonical request rebuilt from the
 * wire, with the public key of the key derived from the credentials (the derivation itself is
 * checked against published vectors in spec/conformance/sigv4a.spec.ts).
 */
import * as crypto from 'crypto';
import { CannedServer, RecordedRequest } from '../../helpers/canned-server';
import { Session } from '../../../src';
import { sigV4aPrivateKey } from '../../../src/signing/sigv4a';

const CREDS = { awsAccessKeyId: 'AKIDV4A', awsSecretAccessKey: 'v4a/secret' };
const ENV = { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials' };
const publicKey = crypto.createPublicKey(sigV4aPrivateKey(CREDS.awsAccessKeyId, CREDS.awsSecretAccessKey));
const sha256 = (data: string | Buffer): string => crypto.createHash('sha256').update(data).digest('hex');

/** The SigV4a Authorization of a recorded (non-S3, body-hashed) request, checked field by field. */
function expectSigV4a(req: RecordedRequest, service: string, regionSet: string): void {
  expect(req.headers['x-amz-region-set']).toBe(regionSet);
  const m = /^AWS4-ECDSA-P256-SHA256 Credential=AKIDV4A\/(\d{8})\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(String(req.headers.authorization));
  expect(m).not.toBeNull();
  const [, date, scopeService, signedHeaders, signature] = m as RegExpExecArray;
  expect(scopeService).toBe(service);
  expect(signedHeaders.split(';')).toContain('x-amz-region-set');
  const [path, query = ''] = req.url.split('?');
  const headerLines = signedHeaders.split(';').map((h) => `${h}:${String(req.headers[h]).trim()}`);
  const creq = [req.method, path, query.split('&').filter(Boolean).sort().join('&'), ...headerLines, '', signedHeaders, sha256(req.body)].join('\n');
  const sts = ['AWS4-ECDSA-P256-SHA256', String(req.headers['x-amz-date']), `${date}/${service}/aws4_request`, sha256(creq)].join('\n');
  expect(crypto.verify('sha256', Buffer.from(sts), publicKey, Buffer.from(signature, 'hex'))).toBe(true);
}

describe('SigV4a calls', () => {
  const server = new CannedServer();
  let url: string;
  const clients: Array<{ close(): void }> = [];

  beforeAll(async () => {
    server.handler = () => ({ status: 200, headers: { 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
    url = await server.start();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
    server.requests.length = 0;
  });
  afterAll(() => server.stop());

  function client(service: string, config: Record<string, unknown> = {}, env: Record<string, string> = {}) {
    const c = new Session({ ...CREDS, regionName: 'us-east-1', env: { ...ENV, ...env } }).client(service, { endpointUrl: url, config });
    clients.push(c);
    return c;
  }

  const EVENT = { EndpointId: 'abcde.veo', Entries: [{ Source: 'app', DetailType: 'd', Detail: '{}' }] };

  it('signs an EventBridge global endpoint call SigV4a for the region set *', async () => {
    await client('events').putEvents(EVENT);
    expectSigV4a(server.requests[0], 'events', '*');
  });

  it('signs for the configured region set instead (Config, then AWS_SIGV4A_SIGNING_REGION_SET)', async () => {
    await client('events', { sigv4aSigningRegionSet: 'us-east-1,us-west-2' }).putEvents(EVENT);
    await client('events', {}, { AWS_SIGV4A_SIGNING_REGION_SET: 'eu-west-1' }).putEvents(EVENT);
    expectSigV4a(server.requests[0], 'events', 'us-east-1,us-west-2');
    expectSigV4a(server.requests[1], 'events', 'eu-west-1');
  });

  it('keeps SigV4 where the rule set offers sigv4 too, unless the auth scheme preference names sigv4a first', async () => {
    await client('sustainability').getEstimatedCarbonEmissionsDimensionValues({ TimePeriod: { Start: new Date(0), End: new Date(1000) }, Dimensions: ['REGION'] });
    expect(String(server.requests[0].headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(server.requests[0].headers['x-amz-region-set']).toBeUndefined();
    await client('sustainability', { authSchemePreference: 'sigv4a,sigv4' }).getEstimatedCarbonEmissionsDimensionValues({ TimePeriod: { Start: new Date(0), End: new Date(1000) }, Dimensions: ['REGION'] });
    expectSigV4a(server.requests[1], 'sustainability', '*');
  });

  it('presigns an S3 Multi-Region Access Point URL with SigV4a', async () => {
    const s3 = new Session({ ...CREDS, regionName: 'us-east-1', env: ENV }).client('s3');
    clients.push(s3);
    const presigned = new URL(await s3.generatePresignedUrl('getObject', { Params: { Bucket: 'arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap', Key: 'k' } }));
    expect(presigned.host).toBe('mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com');
    const q = presigned.searchParams;
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-ECDSA-P256-SHA256');
    expect(q.get('X-Amz-Region-Set')).toBe('*');
    expect(q.get('X-Amz-Credential')).toMatch(/^AKIDV4A\/\d{8}\/s3\/aws4_request$/);
    const unsigned = presigned.search.slice(1).split('&').filter((p) => !p.startsWith('X-Amz-Signature=')).sort().join('&');
    const creq = ['GET', presigned.pathname, unsigned, `host:${presigned.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
    const sts = ['AWS4-ECDSA-P256-SHA256', q.get('X-Amz-Date'), (q.get('X-Amz-Credential') as string).split('/').slice(1).join('/'), sha256(creq)].join('\n');
    expect(crypto.verify('sha256', Buffer.from(sts), publicKey, Buffer.from(q.get('X-Amz-Signature') as string, 'hex'))).toBe(true);
  });

  it('refuses a region set that is not a string', () => {
    expect(() => client('events', { sigv4aSigningRegionSet: ['us-east-1'] })).toThrow(/sigv4aSigningRegionSet must be a comma-separated string/);
  });
});
