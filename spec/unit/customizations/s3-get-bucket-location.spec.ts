/**
 * GetBucketLocation's unmodelled body, read as botocore's parse_get_bucket_location reads it: the
 * document element's text, on success and (a botocore quirk, copied so err.response is the same
 * dict) on error responses too.
 */
import { ClientError, Config, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const XML = { 'content-type': 'application/xml' };

describe('s3.getBucketLocation', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  const s3 = () => session.client('s3', { endpointUrl: url, config: new Config({ retries: { mode: 'standard', totalMaxAttempts: 1 } }) });

  it('returns the LocationConstraint text, null for an empty element', async () => {
    server.reply(
      { status: 200, headers: XML, body: '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>' },
      { status: 200, headers: XML, body: '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>' },
    );
    expect((await s3().getBucketLocation({ Bucket: 'b' })).LocationConstraint).toBe('eu-west-1');
    expect((await s3().getBucketLocation({ Bucket: 'b' })).LocationConstraint).toBeNull();
  });

  it("adds LocationConstraint: null to an error's response, as botocore's after-call handler does", async () => {
    server.reply({ status: 404, headers: XML, body: '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>gone</Message><BucketName>b</BucketName></Error>' });
    const err = await s3().getBucketLocation({ Bucket: 'b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    const response = (err as ClientError).response as unknown as Record<string, unknown>;
    expect(response.Error).toMatchObject({ Code: 'NoSuchBucket', Message: 'gone' });
    expect(Object.prototype.hasOwnProperty.call(response, 'LocationConstraint')).toBe(true);
    expect(response.LocationConstraint).toBeNull();
  });

  it('adds nothing to an error whose body is not XML', async () => {
    server.reply({ status: 403, headers: {}, body: '' });
    const err = await s3().getBucketLocation({ Bucket: 'b' }).catch((e: unknown) => e);
    expect((err as ClientError).code).toBe('403');
    expect('LocationConstraint' in ((err as ClientError).response as object)).toBe(false);
  });
});
