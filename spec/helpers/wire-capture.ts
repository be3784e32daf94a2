/**
 * Wire-exact comparisons with boto3. A CannedServer acts as the clients' plain-HTTP proxy, so a
 * request keeps the endpoint the rule set resolves (`http://sdb.amazonaws.com/`, absolute-form
 * request line) and still lands on loopback, where every header and byte is recorded. The
 * expected values in the specs that use this were captured from boto3 1.43.11 the same way:
 * `Config(proxies={'http': <loopback>})`, `use_ssl=False`, credentials AKID / SECRET, the clock
 * frozen at FROZEN (botocore.auth/endpoint get_current_datetime and time), uuid4 counting up
 * from 00000000-0000-0000-0000-000000000001.
 */
import { Session } from '../../src';
import { CannedServer, type RecordedRequest } from './canned-server';

/** 2024-05-06T07:08:09Z, the clock the expected values were captured with. */
export const FROZEN = Date.UTC(2024, 4, 6, 7, 8, 9);

const ENV = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

/** Freezes Date.now (the signing clock) and numbers UUIDs as the Python capture did. Call in beforeEach. */
export function freezeClockAndIds(): void {
  jest.spyOn(Date, 'now').mockReturnValue(FROZEN);
  let n = 0;
  // The module object itself: `import * as` gives a copy whose getters cannot be spied on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeCrypto = require('crypto') as typeof import('crypto');
  jest.spyOn(nodeCrypto, 'randomUUID').mockImplementation(() => `00000000-0000-0000-0000-${String(++n).padStart(12, '0')}` as `${string}-${string}-${string}-${string}-${string}`);
}

export interface WireClientOptions {
  region?: string;
  sessionToken?: string;
  /** The client's own endpoint (an http URL: it reaches loopback through the proxy too). */
  endpointUrl?: string;
  config?: Record<string, unknown>;
}

/** A client whose http requests go through `proxy`, signed with AKID / SECRET. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function wireClient(proxy: string, service: string, opts: WireClientOptions = {}): any {
  const session = new Session({
    env: ENV,
    awsAccessKeyId: 'AKID',
    awsSecretAccessKey: 'SECRET',
    awsSessionToken: opts.sessionToken,
    regionName: opts.region ?? 'us-east-1',
  });
  return session.client(service, { useSsl: false, endpointUrl: opts.endpointUrl, config: { proxies: { http: proxy }, ...opts.config } });
}

/** The recorded headers as [name, value] pairs in wire order, without the ones only the transport adds. */
export function sentHeaders(req: RecordedRequest, omit: string[] = ['host', 'connection', 'user-agent', 'content-length']): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!omit.includes(req.rawHeaders[i].toLowerCase())) out.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  }
  return out;
}

/**
 * The setup every wire-exact spec shares: a CannedServer as the clients' proxy, started once,
 * with its recording cleared, the clock and UUIDs frozen before each test and restored after.
 * Read `capture.proxy` inside tests (it is set in beforeAll).
 */
export function useWireCapture(): { server: CannedServer; proxy: string } {
  const capture = { server: new CannedServer(), proxy: '' };
  beforeAll(async () => {
    capture.proxy = await capture.server.start();
  });
  afterAll(() => capture.server.stop());
  beforeEach(() => {
    freezeClockAndIds();
    capture.server.requests.length = 0;
  });
  afterEach(() => jest.restoreAllMocks());
  return capture;
}
