/**
 * A `jsonvalue` header member takes any JSON value (botocore's _validate_jsonvalue_string
 * replaces the string check), and is sent JSON-encoded (compact, non-ASCII escaped) then
 * base64-encoded; a string is JSON-encoded too. Expected header values are boto3 1.43.11's for
 * the same call (Lex PostContent), captured by a loopback server.
 */
import { Session } from '../../../src';
import { ParamValidationError } from '../../../src/errors';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('jsonvalue headers', () => {
  const server = new CannedServer();
  let lex: ReturnType<Session['client']>;
  beforeAll(async () => {
    const url = await server.start();
    server.fallback = { status: 200, headers: { 'content-type': 'text/plain' }, body: '' };
    lex = session.client('lex-runtime', { endpointUrl: url, config: { retries: { maxAttempts: 1 } } });
  });
  afterAll(() => server.stop());
  beforeEach(() => server.requests.splice(0));

  const base = { botName: 'b', botAlias: 'a', userId: 'uu', contentType: 'text/plain', inputStream: 'x' };

  it('accepts objects, arrays and strings, each JSON-encoded then base64', async () => {
    await lex.postContent({ ...base, sessionAttributes: { k: 'v', n: 1, é: [true, null, 1.5] }, requestAttributes: ['x'], activeContexts: '{"k": "v"}' });
    const h = server.requests[0].headers;
    expect(h['x-amz-lex-session-attributes']).toBe('eyJrIjoidiIsIm4iOjEsIlx1MDBlOSI6W3RydWUsbnVsbCwxLjVdfQ==');
    expect(h['x-amz-lex-request-attributes']).toBe('WyJ4Il0=');
    expect(h['x-amz-lex-active-contexts']).toBe('IntcImtcIjogXCJ2XCJ9Ig==');
  });

  it('refuses a value JSON cannot encode', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(lex.postContent({ ...base, sessionAttributes: cyclic })).rejects.toThrow(ParamValidationError);
    expect(server.requests).toHaveLength(0);
  });
});
