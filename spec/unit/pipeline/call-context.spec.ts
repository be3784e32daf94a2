/**
 * One context per call: the same plain object reaches every per-call event, each stage records
 * its output on it, it holds no secret, and every payload prints in one screen.
 */
import { inspect } from 'util';
import { ClientError, Session, type AfterCallEvent, type BeforeSignEvent, type CallContext } from '../../../src';
import type { RawResponse } from '../../../src/types/http';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const PER_CALL_EVENTS = [
  'provide-client-params',
  'before-parameter-build',
  'before-call',
  'before-endpoint-resolution',
  'before-checksum',
  'request-created',
  'before-sign',
  'before-send',
  'before-parse',
  'needs-retry',
  'after-call',
  'after-call-error',
] as const;

function session(token?: string): Session {
  return new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', awsSessionToken: token, regionName: 'us-east-1' });
}

const ok = (): RawResponse => ({ statusCode: 200, headers: { etag: '"e"', 'x-amz-request-id': 'r' }, body: Buffer.alloc(0) });
const slowDown = (): RawResponse => ({
  statusCode: 503,
  headers: { 'content-type': 'application/xml' },
  body: Buffer.from('<Error><Code>SlowDown</Code><Message>m</Message></Error>'),
});

describe('the per-call context', () => {
  it('is one object across every event of a call, filled stage by stage', async () => {
    const s3 = session().client('s3', { config: { retries: { mode: 'standard', totalMaxAttempts: 3 } } });
    const seen: Array<{ event: string; context: CallContext; snapshot: Record<string, unknown> }> = [];
    const responses = [slowDown(), ok()];
    for (const name of PER_CALL_EVENTS) {
      s3.meta.events.register(name, (p: Record<string, unknown>) => {
        const context = p.context as CallContext;
        seen.push({
          event: name,
          context,
          snapshot: { attempt: context.retry.attempt, endpoint: !!context.endpoint, serialized: !!context.serialized, request: !!context.request, response: context.response?.statusCode, parsed: !!context.parsed },
        });
        if (name === 'before-send') return responses.shift();
        // needs-retry: 0 s, so the test does not wait for the backoff.
        if (name === 'needs-retry' && (p.response as { Error?: unknown } | undefined)?.Error) return 0;
        return undefined;
      });
    }
    await s3.putObject({ Bucket: 'bucket', Key: 'k', Body: 'x' });
    const contexts = new Set(seen.map((s) => s.context));
    expect(contexts.size).toBe(1);
    const [context] = contexts;
    expect(context.serviceName).toBe('s3');
    expect(context.operationName).toBe('PutObject');
    expect(seen.map((s) => s.event)).toEqual([
      'provide-client-params',
      'before-parameter-build',
      'before-call',
      'before-endpoint-resolution',
      'before-checksum',
      'request-created',
      'before-sign',
      'before-send',
      'before-parse',
      'needs-retry',
      'request-created',
      'before-sign',
      'before-send',
      'before-parse',
      'needs-retry',
      'after-call',
    ]);
    const at = (event: string, nth = 0) => seen.filter((s) => s.event === event)[nth].snapshot;
    expect(at('before-call')).toEqual({ attempt: 0, endpoint: false, serialized: false, request: false, response: undefined, parsed: false });
    expect(at('before-sign')).toEqual({ attempt: 1, endpoint: true, serialized: true, request: true, response: undefined, parsed: false });
    expect(at('needs-retry')).toEqual({ attempt: 1, endpoint: true, serialized: true, request: true, response: 503, parsed: true });
    expect(at('request-created', 1)).toMatchObject({ attempt: 2, response: undefined, parsed: false });
    expect(at('after-call')).toMatchObject({ attempt: 2, response: 200, parsed: true });
    expect(context.parsed?.ETag).toBe('"e"');
  });

  it('keeps the unsigned request: the signature and the session token go out on a copy', async () => {
    const s3 = session('SESSION-TOKEN-SECRET').client('s3');
    let context: CallContext | undefined;
    let sent: Record<string, string> | undefined;
    s3.meta.events.register('before-send', (p) => {
      context = p.context;
      sent = p.request.headers;
      return ok();
    });
    await s3.putObject({ Bucket: 'bucket', Key: 'k', Body: 'x' });
    expect(sent?.Authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(sent?.['X-Amz-Security-Token']).toBe('<redacted>');
    expect(context?.request?.headers.Authorization).toBeUndefined();
    expect(JSON.stringify(context)).not.toContain('SESSION-TOKEN-SECRET');
  });

  it('gives each concurrent call its own context and state', async () => {
    const s3 = session().client('s3');
    const states: Array<Record<string, unknown>> = [];
    s3.meta.events.register('before-send', (p) => {
      states.push(p.context.state);
      return { statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Buffer.from('<ListBucketResult><Name>b</Name><EncodingType>url</EncodingType><Contents><Key>a%20b</Key></Contents></ListBucketResult>') };
    });
    const [auto, mine] = await Promise.all([s3.listObjectsV2({ Bucket: 'bucket' }), s3.listObjectsV2({ Bucket: 'bucket', EncodingType: 'url' })]);
    // Keys are decoded only for the call whose EncodingType S3's customization set itself.
    expect((auto.Contents as Array<{ Key: string }>)[0].Key).toBe('a b');
    expect((mine.Contents as Array<{ Key: string }>)[0].Key).toBe('a%20b');
    expect(states[0]).not.toBe(states[1]);
    expect(states.map((s) => s.encodingTypeAutoSet)).toEqual([true, undefined]);
  });

  it('ignores what before-parse handlers return; customizedResponse members are added', async () => {
    const s3 = session().client('s3');
    s3.meta.events.register('before-send', () => ok());
    s3.meta.events.register('before-parse', (p) => {
      p.customizedResponse.Added = 1;
      return { Returned: 1 };
    });
    const result = await s3.putObject({ Bucket: 'bucket', Key: 'k', Body: 'x' });
    expect(result.Added).toBe(1);
    expect('Returned' in result).toBe(false);
  });

  it('reaches after-call-error with the error and the context', async () => {
    const s3 = session().client('s3', { config: { retries: { totalMaxAttempts: 1 } } });
    s3.meta.events.register('before-send', () => ({ statusCode: 404, headers: { 'content-type': 'application/xml' }, body: Buffer.from('<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>') }));
    let got: { exception: ClientError; context: CallContext } | undefined;
    s3.meta.events.register('after-call-error', (p) => void (got = p));
    await expect(s3.getObject({ Bucket: 'bucket', Key: 'k' })).rejects.toBeInstanceOf(ClientError);
    expect(got?.exception.code).toBe('NoSuchKey');
    expect(got?.context.response?.statusCode).toBe(404);
  });

  it('prints every payload of a call in one screen: the operation model is a short reference', async () => {
    const s3 = session().client('s3');
    const sizes: Record<string, { json: number; lines: number }> = {};
    for (const name of PER_CALL_EVENTS) {
      s3.meta.events.register(name, (p: Record<string, unknown>) => {
        sizes[name] = { json: JSON.stringify(p).length, lines: inspect(p).split('\n').length };
        return name === 'before-send' ? ok() : undefined;
      });
    }
    await s3.putObject({ Bucket: 'bucket', Key: 'k', Body: 'hello' });
    expect(Object.keys(sizes)).toHaveLength(PER_CALL_EVENTS.length - 1); // no error: no after-call-error
    for (const [name, size] of Object.entries(sizes)) {
      expect({ name, fits: size.json < 8000 && size.lines <= 60 }).toEqual({ name, fits: true });
    }
    const op = s3.meta.serviceModel.operation('PutObject');
    expect(JSON.stringify(op)).toBe('{"service":"s3","operation":"PutObject"}');
    expect(inspect(op)).toBe('OperationModel <s3.PutObject>');
    expect(inspect(op.input)).toBe('Shape <PutObjectRequest: structure>');
  });

  it('types each payload by its event name', () => {
    const s3 = session().client('s3');
    s3.meta.events.register('before-sign.s3.PutObject', (p) => {
      const typed: BeforeSignEvent = p;
      // @ts-expect-error a member the context does not have
      void p.context.nope;
      return typed.auth.kind;
    });
    s3.meta.events.register('after-call', (p) => {
      const typed: AfterCallEvent = p;
      // @ts-expect-error parsed is an object, not a string
      const s: string = p.parsed;
      return [typed, s];
    });
    // A name botojs does not declare gets a loose record.
    s3.meta.events.register('my-own-event', (p) => p.anything);
  });
  it('a before-send handler that returns something other than a response fails the call clearly, before anything is sent', async () => {
    const ddb = session().client('dynamodb', { endpointUrl: 'http://127.0.0.1:9' });
    // Nothing listens on port 9: a request sent would fail as a connection error instead.
    ddb.meta.events.register('before-send', () => 3);
    await expect(ddb.getItem({ TableName: 't', Key: { k: { S: 'v' } } })).rejects.toThrow(
      /^A before-send\.dynamodb\.GetItem handler returned number 3: .*must be an HTTP response \{ statusCode, headers, body \}\. Return undefined/,
    );
    const s3 = session().client('s3', { endpointUrl: 'http://127.0.0.1:9' });
    s3.meta.events.register('before-send', () => ({ status: 200 }));
    await expect(s3.headBucket({ Bucket: 'b' })).rejects.toThrow(/returned an object without a numeric statusCode/);
  });
});
