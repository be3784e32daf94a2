/** What the REPL echoes (its writer), and the progress bars it adds to S3 transfers. */
import { PassThrough } from 'stream';
import { ClientError, ParamValidationError, Session } from '../../../src';
import { withTransferBars } from '../../../src/cli/repl/transfer-bars';
import { replWriter } from '../../../src/cli/repl/writer';

const session = () => new Session({ regionName: 'us-east-1', awsAccessKeyId: 'AKID', awsSecretAccessKey: 'secret', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });

describe('REPL echo', () => {
  const write = replWriter(false);

  it('prints a client and a resource as their short form, not as a Proxy', () => {
    const s = session();
    expect(write(s.client('s3', { endpointUrl: 'http://127.0.0.1:1' }))).toBe('<botojs.client.s3 region=us-east-1 endpoint=http://127.0.0.1:1 operations=111>');
    expect(write(s.resource('s3').Bucket('b'))).toBe("s3.Bucket(name='b')");
    expect(write(s.resource('s3').Bucket('b').objects)).toBe("s3.Bucket.objectsCollection(s3.Bucket(name='b'), s3.ObjectSummary)");
    expect(write(s)).toBe("Session(regionName='us-east-1', profileName='default')");
  });

  it('prints a result with its data first and ResponseMetadata folded on one line', () => {
    const result = {
      ResponseMetadata: { RequestId: 'r1', HTTPStatusCode: 200, HTTPHeaders: { 'content-type': 'application/xml', date: 'x', etag: '"e"' }, RetryAttempts: 0 },
      Buckets: [{ Name: 'a' }],
      Owner: { ID: 'o' },
    };
    expect(write(result)).toBe(
      "{\n  Buckets: [ { Name: 'a' } ],\n  Owner: { ID: 'o' },\n  ResponseMetadata: { RequestId: 'r1', HTTPStatusCode: 200, HTTPHeaders: [3 headers], RetryAttempts: 0 }\n}",
    );
    // Only the echo: the object itself is unchanged.
    expect(Object.keys(result)).toEqual(['ResponseMetadata', 'Buckets', 'Owner']);
    // Other values print as Node prints them.
    expect(write({ ResponseMetadata: 'not metadata' })).toBe("{ ResponseMetadata: 'not metadata' }");
    expect(write([1, 2])).toBe('[ 1, 2 ]');
  });
});

describe('REPL echo of botojs errors', () => {
  const write = replWriter(false);

  it('a service error: name, message, the error response and the status, no stack', () => {
    const err = new ClientError(
      { Error: { Code: 'NoSuchBucket', Message: 'The specified bucket does not exist', BucketName: 'b' }, ResponseMetadata: { HTTPStatusCode: 404, HTTPHeaders: {}, RetryAttempts: 0 } },
      'GetObject',
    );
    expect(write(err)).toBe(
      [
        `${err.name}: An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist`,
        "  Error: { Code: 'NoSuchBucket', Message: 'The specified bucket does not exist', BucketName: 'b' }, HTTP 404",
        '  (_error is this error: _error.stack, _error.response)',
      ].join('\n'),
    );
  });

  it('other botojs errors: name and message; errors of anything else as Node prints them', () => {
    expect(write(new ParamValidationError(['Missing required parameter in input: "Key"']))).toBe(
      'ParamValidationError: Parameter validation failed:\nMissing required parameter in input: "Key"\n  (_error is this error: _error.stack)',
    );
    expect(write(new TypeError('x'))).toMatch(/^TypeError: x\n {4}at /);
  });
});

describe('REPL transfer bars', () => {
  function fakeS3() {
    const calls: Array<{ name: string; args: unknown[] }> = [];
    const client: Record<string, unknown> = {
      async uploadFile(...args: unknown[]) {
        calls.push({ name: 'uploadFile', args });
        const cb = (args[3] as { Callback?: (n: number) => void } | undefined)?.Callback;
        cb?.(5);
      },
      async downloadFile(...args: unknown[]) {
        calls.push({ name: 'downloadFile', args });
        (args[3] as { Callback?: (n: number) => void } | undefined)?.Callback?.(7);
      },
      async headObject(params: unknown) {
        calls.push({ name: 'headObject', args: [params] });
        return { ContentLength: 7 };
      },
    };
    return { client, calls };
  }
  const terminal = () => {
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let text = '';
    output.on('data', (c: Buffer) => (text += c.toString()));
    return { output, text: () => text };
  };

  it('on a terminal, uploadFile without a Callback draws a bar sized by the file', async () => {
    const { client, calls } = fakeS3();
    const term = terminal();
    withTransferBars(client as never, { output: term.output });
    await (client.uploadFile as (...a: unknown[]) => Promise<void>)(__filename, 'b', 'k.ts', { ExtraArgs: { ContentType: 'text/plain' } });
    const opts = calls[0].args[3] as { ExtraArgs: unknown; Callback: unknown };
    expect(opts.ExtraArgs).toEqual({ ContentType: 'text/plain' });
    expect(typeof opts.Callback).toBe('function');
    expect(term.text()).toMatch(/upload k\.ts: \[/);
  });

  it('downloadFile sizes its bar with a HeadObject carrying the ExtraArgs', async () => {
    const { client, calls } = fakeS3();
    const term = terminal();
    withTransferBars(client as never, { output: term.output });
    await (client.downloadFile as (...a: unknown[]) => Promise<void>)('b', 'k', '/tmp/x', { ExtraArgs: { VersionId: 'v1' } });
    expect(calls.map((c) => c.name)).toEqual(['headObject', 'downloadFile']);
    expect(calls[0].args[0]).toEqual({ VersionId: 'v1', Bucket: 'b', Key: 'k' });
    expect(term.text()).toMatch(/download k: \[█+\] 100% 7 B \/ 7 B/);
  });

  it('leaves the call alone with a Callback of its own, off a terminal, or for a file it cannot stat', async () => {
    const own = () => undefined;
    const { client, calls } = fakeS3();
    const term = terminal();
    withTransferBars(client as never, { output: term.output });
    const upload = client.uploadFile as (...a: unknown[]) => Promise<void>;
    await upload(__filename, 'b', 'k', { callback: own });
    expect((calls[0].args[3] as { callback: unknown }).callback).toBe(own);
    await upload('/nonexistent/file', 'b', 'k');
    expect(calls[1].args[3]).toBeUndefined();
    expect(term.text()).toBe('');

    const plain = fakeS3();
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    withTransferBars(plain.client as never, { output: pipe });
    await (plain.client.uploadFile as (...a: unknown[]) => Promise<void>)(__filename, 'b', 'k');
    expect(plain.calls[0].args[3]).toBeUndefined();
  });

  it('other clients are not touched', () => {
    const sqs = session().client('sqs');
    expect(withTransferBars(sqs, { output: terminal().output })).toBe(sqs);
    expect('uploadFile' in sqs).toBe(false);
  });
});
