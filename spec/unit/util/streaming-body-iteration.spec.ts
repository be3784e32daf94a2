/**
 * Iterating a StreamingBody (`for await`): a byte stream's own Buffers in order, an object-mode
 * stream's Uint8Arrays as Buffers, once only, and an early `break` releases the stream.
 */
import { PassThrough, Readable } from 'stream';
import { StreamingBody } from '../../../src/util/streaming-body';

async function collect(body: StreamingBody): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of body) out.push(chunk);
  return out;
}

describe('StreamingBody iteration', () => {
  it('hands out a byte stream’s chunks as Buffers, in order, byte for byte', async () => {
    const parts = [Buffer.from('héllo '), new Uint8Array([0, 255, 10]), Buffer.from('wörld')];
    const got = await collect(new StreamingBody(Readable.from(parts, { objectMode: false })));
    expect(got.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(Buffer.concat(got)).toEqual(Buffer.concat(parts.map((p) => Buffer.from(p))));
  });

  it('converts the Uint8Arrays of an object-mode stream to Buffers', async () => {
    const got = await collect(new StreamingBody(Readable.from([new Uint8Array([1, 2]), new Uint8Array([3])])));
    expect(got.map((c) => Buffer.isBuffer(c))).toEqual([true, true]);
    expect(Buffer.concat(got)).toEqual(Buffer.from([1, 2, 3]));
  });

  it('hands out Buffers for a stream given an encoding (its chunks are strings)', async () => {
    const stream = Readable.from([Buffer.from('héllo'), Buffer.from(' wörld')], { objectMode: false });
    stream.setEncoding('utf8');
    const got = await collect(new StreamingBody(stream));
    expect(got.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(Buffer.concat(got).toString('utf8')).toBe('héllo wörld');
  });

  it('read() gives the bytes too for a stream given an encoding, whatever the encoding', async () => {
    for (const encoding of ['hex', 'base64', 'latin1', 'utf8'] as const) {
      const stream = Readable.from([Buffer.from([0xff, 0x00, 0x41])], { objectMode: false });
      stream.setEncoding(encoding);
      const bytes = await new StreamingBody(stream).read();
      // utf8 cannot carry 0xff through a string: it comes back as U+FFFD, as any decoder gives it.
      expect(bytes).toEqual(encoding === 'utf8' ? Buffer.from('\ufffd\u0000A', 'utf8') : Buffer.from([0xff, 0x00, 0x41]));
    }
  });

  it('read(amount) stops early and releases the stream', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.from('abcdef'));
    stream.write(Buffer.from('ghijkl'));
    const got = await new StreamingBody(stream).read(4);
    expect(got.toString()).toBe('abcd');
    expect(stream.destroyed).toBe(true);
  });

  it('iterLines decodes a character split across two chunks whole', async () => {
    const lines: string[] = [];
    for await (const line of new StreamingBody(Readable.from([Buffer.from([0x61, 0xc3]), Buffer.from([0xa9, 0x0a, 0x62, 0xe2, 0x9c]), Buffer.from([0x93])], { objectMode: false })).iterLines()) lines.push(line);
    expect(lines).toEqual(['a\u00e9', 'b\u2713']);
  });

  it('can be read once: a second iteration (or read) is an error', async () => {
    const body = new StreamingBody(Readable.from([Buffer.from('x')], { objectMode: false }));
    await collect(body);
    expect(() => body[Symbol.asyncIterator]()).toThrow('StreamingBody was already consumed');
    await expect(body.read()).rejects.toThrow('already consumed');
  });

  it('an early break destroys the underlying stream (its connection is released)', async () => {
    const stream = new PassThrough();
    stream.write(Buffer.from('first'));
    stream.write(Buffer.from('second'));
    const body = new StreamingBody(stream);
    for await (const chunk of body) {
      expect(chunk.toString()).toBe('firstsecond'.slice(0, chunk.length));
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('a stream error reaches the loop', async () => {
    const stream = new PassThrough();
    const body = new StreamingBody(stream);
    setImmediate(() => stream.destroy(new Error('connection reset')));
    await expect(collect(body)).rejects.toThrow('connection reset');
  });

  describe('read() settles whatever state the stream is in', () => {
    it('a stream error mid-body rejects with that error', async () => {
      const stream = new PassThrough();
      stream.write(Buffer.from('part'));
      setImmediate(() => stream.destroy(new Error('connection reset')));
      await expect(new StreamingBody(stream).read()).rejects.toThrow('connection reset');
    });

    it('a stream closed before its end (no error) rejects: a short body is never a whole one', async () => {
      const stream = new PassThrough();
      stream.write(Buffer.from('part'));
      setImmediate(() => stream.destroy());
      await expect(new StreamingBody(stream).read()).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    });

    it('a stream destroyed before read() rejects instead of waiting forever', async () => {
      const stream = new PassThrough();
      stream.destroy();
      await new Promise((r) => setImmediate(r));
      await expect(new StreamingBody(stream).read()).rejects.toMatchObject({ code: 'ERR_STREAM_PREMATURE_CLOSE' });
    });

    it('an empty stream gives an empty Buffer; a stream already ended gives what is left', async () => {
      expect(await new StreamingBody(Readable.from([], { objectMode: false })).read()).toEqual(Buffer.alloc(0));
      const stream = new PassThrough();
      stream.end(Buffer.from('tail'));
      await new Promise((r) => setImmediate(r));
      expect((await new StreamingBody(stream).read()).toString()).toBe('tail');
    });

    it('read(amount) of more than the body gives the whole body', async () => {
      expect((await new StreamingBody(Readable.from([Buffer.from('abc'), Buffer.from('de')], { objectMode: false })).read(100)).toString()).toBe('abcde');
    });
  });
});

