/**
 * Operations whose auth type is `v4-unsigned-body` (EBS PutSnapshotBlock here) sign
 * UNSIGNED-PAYLOAD and send it as X-Amz-Content-SHA256, over http as over https: botocore's
 * SigV4Auth sets the header whenever payload signing is disabled and its canonical request reads
 * the header. Expected values: boto3 1.43.11, captured as spec/helpers/wire-capture.ts says
 * (http through the loopback proxy; https through botocore's before-send hook, which hands back
 * the request exactly as urllib3 would get it). boto3 signed both the same way.
 *
 * S3's signer is different: for S3 Object Lambda's WriteGetObjectResponse (also v4-unsigned-body)
 * boto3 hashes the body unless the request is https and carries a checksum header, which that
 * operation never does.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';
import { freezeClockAndIds, sentHeaders, wireClient } from '../../helpers/wire-capture';

const PARAMS = { SnapshotId: 'snap-1', BlockIndex: 3, BlockData: Buffer.from('hello block'), DataLength: 11, Checksum: 'abc', ChecksumAlgorithm: 'SHA256' };

// boto3's headers (Host, Accept-Encoding, User-Agent, Content-Length and the amz-sdk-* pair left out).
const BOTO3 = [
  ['x-amz-Data-Length', '11'],
  ['x-amz-Checksum', 'abc'],
  ['x-amz-Checksum-Algorithm', 'SHA256'],
  ['X-Amz-Date', '20240506T070809Z'],
  ['X-Amz-Content-SHA256', 'UNSIGNED-PAYLOAD'],
  [
    'Authorization',
    'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/ebs/aws4_request, SignedHeaders=host;x-amz-checksum;x-amz-checksum-algorithm;x-amz-content-sha256;x-amz-data-length;x-amz-date, Signature=206d0ac1538f32148f6e37af4213d906cba60c9d4fa84bac2be376a5fbc683e6',
  ],
];
const OMIT = ['host', 'connection', 'user-agent', 'content-length', 'amz-sdk-invocation-id', 'amz-sdk-request'];

describe('v4-unsigned-body', () => {
  const server = new CannedServer();
  let proxy: string;
  beforeAll(async () => {
    proxy = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => freezeClockAndIds());
  afterEach(() => jest.restoreAllMocks());

  it('over http: X-Amz-Content-SHA256: UNSIGNED-PAYLOAD, signed as such', async () => {
    server.reply({ status: 201, headers: { 'content-type': 'application/json' }, body: '{}' });
    await wireClient(proxy, 'ebs').putSnapshotBlock(PARAMS);
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('PUT http://ebs.us-east-1.amazonaws.com/snapshots/snap-1/blocks/3');
    expect(sentHeaders(sent, OMIT)).toEqual(BOTO3);
    expect(sent.body.toString()).toBe('hello block');
  });

  /** The headers of the https request `call` makes, taken at before-send (nothing is sent). */
  async function httpsHeaders(service: string, call: (client: any) => Promise<unknown>): Promise<Array<[string, string]>> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
    let headers: Record<string, string> = {};
    session.events.register('before-send', (p) => {
      headers = (p.request as { headers: Record<string, string> }).headers;
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') };
    });
    await call(session.client(service));
    return Object.entries(headers).filter(([k]) => !OMIT.includes(k.toLowerCase()));
  }

  it('over https: the same header and signature', async () => {
    expect(await httpsHeaders('ebs', (ebs) => ebs.putSnapshotBlock(PARAMS))).toEqual(BOTO3);
  });

  it('S3 WriteGetObjectResponse over https without a checksum header: the body is hashed', async () => {
    const headers = await httpsHeaders('s3', (s3) => s3.writeGetObjectResponse({ RequestRoute: 'r', RequestToken: 't', Body: Buffer.from('hello') }));
    expect(headers).toEqual([
      ['x-amz-request-route', 'r'],
      ['x-amz-request-token', 't'],
      ['X-Amz-Date', '20240506T070809Z'],
      ['X-Amz-Content-SHA256', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
      [
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/s3-object-lambda/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-request-route;x-amz-request-token, Signature=3bb8c9ea521727fe2873bac7c38b275fb9c7edc78e6a12b153928af23199934e',
      ],
    ]);
  });
});
