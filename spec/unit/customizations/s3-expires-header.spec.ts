/**
 * S3's Expires header (botocore's handle_expires_header): its text is also returned as
 * ExpiresString, and a value that is not a timestamp no longer fails the call: Expires is then
 * absent, as is `expires` from HTTPHeaders. Expected values are boto3 1.43.11's results for the
 * same responses, recorded against a loopback server.
 */
import { ClientError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('S3 Expires and ExpiresString', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const s3 = () => session.client('s3', { endpointUrl: url, config: { s3: { addressingStyle: 'path' } } });
  const head = (expires: string) => {
    server.reply({ status: 200, headers: { Expires: expires, 'Content-Length': '0' } });
    return s3().headObject({ Bucket: 'b', Key: 'k' });
  };

  it('a date: Expires parsed and ExpiresString the text', async () => {
    const r = await head('Thu, 01 Dec 1994 16:00:00 GMT');
    // boto3: 'Expires': datetime(1994, 12, 1, 16, 0, tzinfo=tzutc()), 'ExpiresString': 'Thu, 01 Dec 1994 16:00:00 GMT'
    expect(r.Expires).toEqual(new Date('1994-12-01T16:00:00Z'));
    expect(r.ExpiresString).toBe('Thu, 01 Dec 1994 16:00:00 GMT');
    expect(r.ResponseMetadata.HTTPHeaders.expires).toBe('Thu, 01 Dec 1994 16:00:00 GMT');
  });

  it('not a timestamp: no Expires, ExpiresString the text, the header dropped', async () => {
    const r = await head('never');
    // boto3: {'ContentLength': 0, 'Metadata': {}, 'ExpiresString': 'never'}, HTTPHeaders {'content-length': '0'}
    expect(r).not.toHaveProperty('Expires');
    expect(r.ExpiresString).toBe('never');
    expect(r.ResponseMetadata.HTTPHeaders).not.toHaveProperty('expires');
  });

  it('an epoch number is a timestamp', async () => {
    const r = await head('0');
    expect(r.Expires).toEqual(new Date(0));
    expect(r.ExpiresString).toBe('0');
  });

  it('an error response carries ExpiresString too', async () => {
    server.reply({ status: 404, headers: { Expires: 'never', 'Content-Type': 'application/xml' }, body: '<Error><Code>NoSuchKey</Code><Message>m</Message></Error>' });
    const err = (await s3().getObject({ Bucket: 'b', Key: 'k' }).catch((e: unknown) => e)) as ClientError;
    expect(err).toBeInstanceOf(ClientError);
    // boto3: e.response == {'Error': {...}, 'ResponseMetadata': {...}, 'ExpiresString': 'never'}
    expect(err.response.ExpiresString).toBe('never');
    expect(err.response.Error).toEqual({ Code: 'NoSuchKey', Message: 'm' });
  });
});
