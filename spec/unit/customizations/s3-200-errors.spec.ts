/**
 * S3's 200 responses that are errors (botocore's _looks_like_special_case_error): an `<Error>`
 * document, or a body that is not XML at all (cut short, or only CopyObject's keep-alive
 * whitespace). Both are retried as a 500 and end as ClientError 500, never as a result.
 */
import { ClientError, Config, Session } from '../../../src';
import { CannedResponse, CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

const xml = (body: string): CannedResponse => ({ status: 200, headers: { 'content-type': 'application/xml' }, body });
const COPIED = '<CopyObjectResult><ETag>"e"</ETag><LastModified>2024-01-01T00:00:00Z</LastModified></CopyObjectResult>';

describe('S3 200 responses that are errors', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    server['queue'].length = 0;
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });
  afterEach(() => jest.restoreAllMocks());

  const s3 = () =>
    session.client('s3', { endpointUrl: url, config: new Config({ s3: { addressingStyle: 'path' }, retries: { mode: 'standard', totalMaxAttempts: 3 } }) });
  const copy = (client: ReturnType<typeof s3>) => client.copyObject({ Bucket: 'b', Key: 'k', CopySource: 'src/k' });

  it.each([
    ['a body cut short', COPIED.slice(0, 40)],
    ["only the copy's keep-alive whitespace", '   \n   '],
  ])('%s is retried, and the next intact response returned', async (_what, body) => {
    server.reply(xml(body), xml(COPIED));
    const r = await copy(s3());
    expect(r.CopyObjectResult).toMatchObject({ ETag: '"e"' });
    expect(r.ResponseMetadata.RetryAttempts).toBe(1);
  });

  it('a body that never parses ends as ClientError 500 after the retries (as botocore)', async () => {
    server.reply(xml('<CopyObjectResult><ETag>'), xml('<CopyObjectResult><ETag>'), xml('<CopyObjectResult><ETag>'));
    const err = await copy(s3()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('500');
    expect(server.requests.length).toBe(3);
  });

  it('an <Error> document on a 200 is retried the same way', async () => {
    server.reply(xml('<Error><Code>InternalError</Code><Message>m</Message></Error>'), xml(COPIED));
    const r = await copy(s3());
    expect(r.ResponseMetadata.RetryAttempts).toBe(1);
  });
});
