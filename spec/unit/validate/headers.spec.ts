/**
 * Header names and values are checked after serialization and before signing: one the HTTP
 * library would refuse (CR/LF, control characters, characters outside Latin-1, a name that is
 * not a token) is an InvalidHeaderError (a ParamValidationError) naming the member it came from,
 * with a bounded excerpt of the value (never a sensitive one), and nothing is sent.
 */
import { Config, InvalidHeaderError, ParamValidationError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

/** The error a call rejects with. */
async function rejection(p: Promise<unknown>): Promise<InvalidHeaderError> {
  try {
    await p;
  } catch (e) {
    return e as InvalidHeaderError;
  }
  throw new Error('expected the call to fail');
}

describe('header checks before signing', () => {
  const server = new CannedServer();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());
  afterEach(() => expect(server.requests).toHaveLength(0));

  const s3 = () => session.client('s3', { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });

  it('a CR/LF in a member bound to a header names the member and shows the value', async () => {
    const err = await rejection(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', ContentType: 'text/plain\r\nX-Injected: 1' }));
    expect(err).toBeInstanceOf(InvalidHeaderError);
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err.headers).toEqual(['Content-Type']);
    expect(err.message).toBe(
      'Parameter validation failed:\nInvalid value for parameter ContentType (header "Content-Type"), value: "text/plain\\r\\nX-Injected: 1": it contains a line break (CR) at index 10; header values must be Latin-1 text without control characters other than tab',
    );
  });

  it('a character outside Latin-1 is refused, naming it (Latin-1 itself is what HTTP carries)', async () => {
    const err = await rejection(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', ContentType: 'text/plain', ContentDisposition: 'attachment; filename="5€.txt"' }));
    expect(err.headers).toEqual(['Content-Disposition']);
    expect(err.message).toMatch(/parameter ContentDisposition \(header "Content-Disposition"\), value: "attachment; filename=\\"5€\.txt\\"": it contains € \(U\+20AC\) at index 23, outside Latin-1/);
  });

  it('a map key that makes an invalid header name names the map member and the key', async () => {
    const err = await rejection(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', Metadata: { 'my key': 'v', ok: 'v\u0000' } }));
    expect(err.headers).toEqual(['x-amz-meta-my key', 'x-amz-meta-ok']);
    expect(err.problems).toEqual([
      `Invalid key for parameter Metadata, key: "my key" (header name "x-amz-meta-my key"): header names may contain only letters, digits and !#$%&'*+-.^_\`|~`,
      'Invalid value for parameter Metadata.ok (header "x-amz-meta-ok"), value: "v\\u0000": it contains the control character U+0000 at index 1; header values must be Latin-1 text without control characters other than tab',
    ]);
  });

  it('never shows a sensitive member value', async () => {
    const err = await rejection(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'secret-key-id\nmore' }));
    expect(err.message).toMatch(/parameter SSEKMSKeyId \(header "x-amz-server-side-encryption-aws-kms-key-id"\), value: <sensitive>: it contains a line break \(LF\) at index 13/);
    expect(err.message).not.toContain('secret-key-id');
  });

  it('a 1 MiB header value gives a short message', async () => {
    const err = await rejection(s3().putObject({ Bucket: 'b', Key: 'k', Body: 'x', ContentType: `${'a'.repeat(1 << 20)}\n` }));
    expect(err.message).toContain(`value: "…${'a'.repeat(40)}\\n" (1048577 characters): it contains a line break (LF) at index 1048576`);
    expect(err.message.length).toBeLessThan(500);
  });

  it('a header a handler adds is checked too, and a credential header is never shown', async () => {
    const sqs = session.client('sqs', { endpointUrl: endpoint });
    sqs.meta.events.register('before-sign.sqs', (p) => {
      const headers = (p.request as { headers: Record<string, string> }).headers;
      headers['X-Trace'] = 'a\nb';
      headers['X-Amz-Security-Token'] = 'token\nsecret';
    });
    const err = await rejection(sqs.listQueues());
    expect(err.problems).toEqual([
      'Invalid value for HTTP header "X-Trace", value: "a\\nb": it contains a line break (LF) at index 1; header values must be Latin-1 text without control characters other than tab',
      'Invalid value for HTTP header "X-Amz-Security-Token", value: <sensitive>: it contains a line break (LF) at index 5; header values must be Latin-1 text without control characters other than tab',
    ]);
  });

  it('the User-Agent built from config is checked', async () => {
    const sqs = session.client('sqs', { endpointUrl: endpoint, config: new Config({ userAgentAppId: 'app\r\nX-Evil: 1' }) });
    const err = await rejection(sqs.listQueues());
    expect(err.headers).toEqual(['User-Agent']);
    expect(err.message).toMatch(/Invalid value for HTTP header "User-Agent", value: "….*app\\r\\nX-Evil.*" \(\d+ characters\): it contains a line break \(CR\)/);
  });

  it('a presigned URL whose signed headers could not be sent is refused', async () => {
    const err = await rejection(s3().generatePresignedUrl('putObject', { Params: { Bucket: 'b', Key: 'k', ContentType: 'a\nb' } }));
    expect(err).toBeInstanceOf(InvalidHeaderError);
    expect(err.message).toMatch(/parameter ContentType \(header "Content-Type"\), value: "a\\nb"/);
  });
});
