/**
 * CR and LF in DeleteObjects' and PutBucketLifecycleConfiguration's XML bodies are sent as
 * `&#xD;` / `&#xA;` (botocore's escape_xml_payload), before the request checksum is computed;
 * other operations send them as they are. Expected bodies and checksums are boto3 1.43.11's for
 * the same calls, captured by a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('S3 XML payload escaping', () => {
  const server = new CannedServer();
  let s3: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'application/xml' }, body: '<R/>' };
    s3 = session.client('s3', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  function sent(): { body: string; crc32: unknown; length: unknown } {
    const r = server.requests[0];
    return { body: r.body.toString('utf8'), crc32: r.headers['x-amz-checksum-crc32'], length: r.headers['content-length'] };
  }

  it('DeleteObjects escapes CR and LF in keys, and the checksum covers the escaped body', async () => {
    await s3.deleteObjects({ Bucket: 'b', Delete: { Objects: [{ Key: 'a\rb\nc\r\nd' }] } });
    expect(sent()).toEqual({
      body: '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&#xD;b&#xA;c&#xD;&#xA;d</Key></Object></Delete>',
      crc32: 'aCtVRQ==',
      length: '117',
    });
  });

  it('PutBucketLifecycleConfiguration escapes them too', async () => {
    await s3.putBucketLifecycleConfiguration({ Bucket: 'b', LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Filter: { Prefix: 'x\ry\nz' }, Expiration: { Days: 1 } }] } });
    expect(sent()).toEqual({
      body: '<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><Status>Enabled</Status><Filter><Prefix>x&#xD;y&#xA;z</Prefix></Filter><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>',
      crc32: 'pfdy0Q==',
      length: '220',
    });
  });

  it('other operations send CR and LF as they are (PutObjectTagging)', async () => {
    await s3.putObjectTagging({ Bucket: 'b', Key: 'k', Tagging: { TagSet: [{ Key: 'a\rb', Value: 'c\nd' }] } });
    expect(sent()).toEqual({
      body: '<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>a\rb</Key><Value>c\nd</Value></Tag></TagSet></Tagging>',
      crc32: 'xAnM1g==',
      length: '127',
    });
  });
});
