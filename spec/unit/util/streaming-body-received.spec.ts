/**
 * StreamingBody.read() over a real http response, whether the body arrived in full before the
 * caller reads it or is still arriving: the same bytes, the same ChecksumError on a mismatch,
 * and read() settles only once the connection is back in the pool, so that calls made one
 * after another use one connection (a read that resolved before the response's end would send
 * the next call on a new connection, as Node frees the socket just after 'end').
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { Readable } from 'stream';
import { ChecksumError, Session, StreamingBody } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const CRC32_OF_HELLO = 'NhCmhg==';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Body = { read(n?: number): Promise<Buffer> };

describe('StreamingBody.read() of an http response', () => {
  let server: http.Server;
  let url: string;
  const sockets = new Set<Socket>();
  let connections = 0;
  /** What the next GetObject answers: its body, and whether the last bytes come 60 ms late. */
  let next = { body: 'hello', late: false };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const { body, late } = next;
        res.writeHead(200, { 'x-amz-checksum-crc32': CRC32_OF_HELLO, 'content-length': String(body.length) });
        if (!late) return res.end(body);
        res.write(body.slice(0, 2));
        setTimeout(() => res.end(body.slice(2)), 60);
      });
    });
    server.on('connection', (s: Socket) => {
      connections++;
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const s3 = () => session.client('s3', { endpointUrl: url, config: { s3: { addressingStyle: 'path' } } });

  it.each([
    ['arrived before read()', false],
    ['still arriving when read() starts', true],
  ])('a body %s: read whole and checked, and calls one after another share one connection', async (_how, late) => {
    const client = s3();
    const before = connections;
    for (let i = 0; i < 3; i++) {
      next = { body: 'hello', late };
      const out = await client.getObject({ Bucket: 'b', Key: 'k' });
      if (!late) await pause(20); // the whole response is in by now
      expect((await (out.Body as Body).read()).toString()).toBe('hello');
    }
    expect(connections - before).toBe(1);
    next = { body: 'jello', late };
    const damaged = await client.getObject({ Bucket: 'b', Key: 'k' });
    if (!late) await pause(20);
    await expect((damaged.Body as Body).read()).rejects.toThrow(ChecksumError);
    client.close();
  });
});

describe('StreamingBody.read() of a response received whole (read in one go)', () => {
  /** A response stream as Node leaves one whose last byte was parsed: `complete`, its bytes buffered. */
  function received(...chunks: string[]): Readable & { complete: boolean } {
    const stream = Object.assign(new Readable({ read() {} }), { complete: true });
    for (const c of chunks) stream.push(Buffer.from(c));
    stream.push(null);
    return stream;
  }

  it('gives every byte, settles once the stream has ended, and leaves an empty body empty', async () => {
    const stream = received('hel', 'lo');
    let ended = false;
    stream.on('end', () => (ended = true));
    const bytes = await new StreamingBody(stream).read();
    expect(bytes.toString()).toBe('hello');
    expect(ended).toBe(true);
    expect((await new StreamingBody(received()).read()).length).toBe(0);
  });

  it('fails with the error that destroys the stream before it could end', async () => {
    const stream = received('hello');
    const reading = new StreamingBody(stream).read();
    stream.destroy(new Error('connection lost'));
    await expect(reading).rejects.toThrow('connection lost');
    // Destroyed without an error once every byte was taken, it still ends: the body is whole.
    const quiet = received('hello');
    const whole = new StreamingBody(quiet).read();
    quiet.destroy();
    expect((await whole).toString()).toBe('hello');
  });

  it('reads through events a body that is not whole yet, or that someone already reads', async () => {
    const partial = Object.assign(new Readable({ read() {} }), { complete: false });
    partial.push(Buffer.from('hel'));
    const reading = new StreamingBody(partial).read();
    setTimeout(() => {
      partial.push(Buffer.from('lo'));
      partial.push(null);
    }, 10);
    expect((await reading).toString()).toBe('hello');
    const flowing = received('hello');
    const seen: string[] = [];
    flowing.on('data', (c: Buffer) => seen.push(c.toString()));
    await new Promise((resolve) => flowing.once('end', resolve));
    expect(seen.join('')).toBe('hello');
  });
});
