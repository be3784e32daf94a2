/**
 * Request-body progress (the internal kBodyProgress call option managed transfers use): the
 * body's bytes are reported as the socket takes them, piece by piece; a retried attempt's bytes
 * are taken back with a negative amount before the body goes out again (botocore's
 * reset_stream, which s3transfer's reader turns into a negative callback); framing of an
 * aws-chunked body is not counted.
 */
import { Readable } from 'stream';
import { Config, Session } from '../../../src';
import { BodyProgress } from '../../../src/pipeline/body-progress';
import { kBodyProgress } from '../../../src/pipeline/call-options';
import { BODY_PROGRESS_SLICE } from '../../../src/transport/http-transport';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('BodyProgress', () => {
  it('reports wire bytes one for one when there is no framing', () => {
    const seen: number[] = [];
    const p = new BodyProgress((n) => seen.push(n), 100, 100);
    p.onWire(40);
    p.onWire(60);
    expect(seen).toEqual([40, 60]);
  });

  it('scales framed (aws-chunked) wire bytes to the payload, never past it, exactly at the end', () => {
    const seen: number[] = [];
    const p = new BodyProgress((n) => seen.push(n), 1000, 1100);
    for (let i = 0; i < 11; i++) p.onWire(100);
    expect(seen.every((n) => n > 0)).toBe(true);
    expect(sum(seen)).toBe(1000);
    let running = 0;
    for (const n of seen) expect((running += n)).toBeLessThanOrEqual(1000);
  });

  it('takes back an attempt with a negative amount when rewound', () => {
    const seen: number[] = [];
    const p = new BodyProgress((n) => seen.push(n), 100, 100);
    p.onWire(70);
    p.rewind();
    p.rewind(); // nothing more to take back
    p.onWire(100);
    expect(seen).toEqual([70, -70, 100]);
  });
});

describe('kBodyProgress on a call', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const s3 = (attempts = 1) => session.client('s3', { endpointUrl: url, config: new Config({ s3: { addressingStyle: 'path' }, retries: { mode: 'standard', totalMaxAttempts: attempts } }) });

  it('reports a byte body in slices as the socket takes it', async () => {
    const body = Buffer.alloc(5 * BODY_PROGRESS_SLICE + 123, 7);
    const seen: number[] = [];
    const client = s3();
    await client.putObject({ Bucket: 'b', Key: 'k', Body: body }, { [kBodyProgress]: (n: number) => seen.push(n) });
    client.close();
    expect(seen).toEqual([...Array(5).fill(BODY_PROGRESS_SLICE), 123]);
    expect(server.requests[0].body.equals(body)).toBe(true);
  });

  it('takes back a retried attempt before sending the body again', async () => {
    server.reply({ status: 500, body: '<Error><Code>InternalError</Code><Message>boom</Message></Error>' });
    const body = Buffer.alloc(2 * BODY_PROGRESS_SLICE, 1);
    const seen: number[] = [];
    const client = s3(2);
    const r = await client.putObject({ Bucket: 'b', Key: 'k', Body: body }, { [kBodyProgress]: (n: number) => seen.push(n) });
    client.close();
    expect(r.ResponseMetadata.RetryAttempts).toBe(1);
    expect(seen).toEqual([BODY_PROGRESS_SLICE, BODY_PROGRESS_SLICE, -2 * BODY_PROGRESS_SLICE, BODY_PROGRESS_SLICE, BODY_PROGRESS_SLICE]);
    expect(server.requests).toHaveLength(2);
  });

  it("reports a stream's chunks as they are read", async () => {
    const seen: number[] = [];
    const client = s3();
    await client.putObject({ Bucket: 'b', Key: 'k', Body: Readable.from([Buffer.from('abc'), Buffer.from('defgh')]), ContentLength: 8 }, { [kBodyProgress]: (n: number) => seen.push(n) });
    client.close();
    expect(seen).toEqual([3, 5]);
    expect(server.requests[0].body.toString()).toBe('abcdefgh');
  });

  it('is an internal symbol: checkCallOptions lets it through and refuses a string-named lookalike', async () => {
    const client = s3();
    await expect(client.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }, { [kBodyProgress]: () => undefined })).resolves.toBeDefined();
    await expect(client.putObject({ Bucket: 'b', Key: 'k', Body: 'x' }, { bodyProgress: () => undefined } as never)).rejects.toThrow(/Unknown call option 'bodyProgress'/);
    client.close();
  });
});
