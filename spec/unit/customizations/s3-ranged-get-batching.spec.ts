/**
 * A ranged GET's body reaches a file written behind the read (write-behind.ts): at the right
 * offsets, 64 KiB gathered before a write starts, what arrived during a write gathered into the
 * next, the read held back only when 1 MiB waits, every write settled before the part does; progress is still reported as bytes are
 * read; a stream target without writev still gets every chunk in order, one by one.
 */
import { Readable } from 'stream';
import { rangedGet, type StreamTarget } from '../../../src/customizations/s3/transfer/ranged-get';
import { ProgressReporter } from '../../../src/customizations/s3/transfer/progress';
import type { S3Call } from '../../../src/customizations/s3/transfer/types';

const CHUNK = 64 * 1024;

function chunks(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.alloc(CHUNK, i % 251));
}

function call(body: Buffer[]): S3Call {
  return async () => ({
    Body: (async function* () {
      for (const c of body) yield c;
    })(),
    ContentLength: body.reduce((n, c) => n + c.length, 0),
  }) as never;
}

describe('rangedGet writes', () => {
  it('writes a file target behind the read: each write at its offset, what arrived meanwhile in one writev', async () => {
    const body = chunks(40); // 2.5 MiB
    const writes: Array<{ position: number; bytes: number; pieces: number }> = [];
    const image = Buffer.alloc(1000 + 40 * CHUNK);
    // Each write takes a few event-loop turns, so several chunks arrive while it runs.
    const slow = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));
    const target: StreamTarget = {
      async write(chunk, position) {
        writes.push({ position, bytes: chunk.length, pieces: 1 });
        await slow();
        chunk.copy(image, position);
      },
      async writev(list, position) {
        writes.push({ position, bytes: list.reduce((n, c) => n + c.length, 0), pieces: list.length });
        await slow();
        Buffer.concat(list).copy(image, position);
      },
    };
    const reported: number[] = [];
    const paced = {
      call: (async () => ({
        Body: (async function* () {
          for (const c of body) {
            await new Promise((r) => setImmediate(r));
            yield c;
          }
        })(),
        ContentLength: 40 * CHUNK,
      })) as unknown as S3Call,
    };
    await rangedGet({ call: paced.call, params: { Bucket: 'b', Key: 'k' }, start: 1000, attempts: 1, progress: new ProgressReporter((n) => reported.push(n)), ioChunksize: CHUNK, target });
    expect(image.subarray(1000).equals(Buffer.concat(body))).toBe(true);
    // In order, back to back, never overlapping: each write starts where the previous ended.
    let next = 1000;
    for (const w of writes) {
      expect(w.position).toBe(next);
      next += w.bytes;
    }
    expect(next).toBe(1000 + 40 * CHUNK);
    // The first write starts with the first 64 KiB (one chunk); later ones carry what arrived meanwhile.
    expect(writes[0]).toEqual({ position: 1000, bytes: CHUNK, pieces: 1 });
    expect(writes.length).toBeLessThan(25);
    expect(writes.slice(1).some((w) => w.pieces > 1)).toBe(true);
    expect(reported.reduce((a, b) => a + b, 0)).toBe(40 * CHUNK);
    expect(reported.length).toBeGreaterThanOrEqual(40);
  });

  it('holds the read back once 1 MiB waits for a write that has not finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pulled = 0;
    const body = chunks(40);
    // A byte stream as a response is, which buffers one chunk ahead of its reader.
    const stream = new Readable({
      highWaterMark: CHUNK,
      read() {
        this.push(pulled < body.length ? body[pulled++] : null);
      },
    });
    const delivered: number[] = [];
    const target: StreamTarget = { write: async () => undefined, writev: () => gate };
    const done = rangedGet({
      call: (async () => ({ Body: { stream, [Symbol.asyncIterator]: () => stream[Symbol.asyncIterator]() }, ContentLength: 40 * CHUNK })) as unknown as S3Call,
      params: { Bucket: 'b', Key: 'k' },
      start: 0,
      attempts: 1,
      progress: new ProgressReporter((n) => delivered.push(n)),
      ioChunksize: CHUNK,
      target,
    });
    const turn = () => new Promise((r) => setImmediate(r));
    for (let i = 0; i < 200 && !stream.isPaused(); i++) await turn();
    const atPause = delivered.length;
    for (let i = 0; i < 20; i++) await turn();
    // Paused once 1 MiB (16 chunks) waits behind the running write (which took the first 64 KiB,
    // or, when chunks came in one burst, everything before the pause), and held there, with at
    // most the stream's own buffer read ahead.
    expect(stream.isPaused()).toBe(true);
    expect(atPause).toBeGreaterThanOrEqual(16);
    expect(atPause).toBeLessThanOrEqual(20);
    expect(delivered.length).toBe(atPause);
    expect(pulled).toBeLessThanOrEqual(22);
    release();
    await done;
    expect(delivered.length).toBe(40);
    expect(pulled).toBe(40);
  });

  it('settles only after its writes did, and reports a failed one as the target failing', async () => {
    let finished = 0;
    const later: StreamTarget = {
      write: () => new Promise<void>((resolve) => setTimeout(() => (finished++, resolve()), 20)),
      writev: () => new Promise<void>((resolve) => setTimeout(() => (finished++, resolve()), 20)),
    };
    await rangedGet({ call: call(chunks(7)), params: { Bucket: 'b', Key: 'k' }, start: 0, attempts: 1, progress: new ProgressReporter(), ioChunksize: CHUNK, target: later });
    expect(finished).toBe(2); // the first 64 KiB, then the six chunks that arrived meanwhile

    let started = 0;
    let settledWrites = 0;
    const fail = (): Promise<void> => {
      started++;
      return new Promise<void>((_resolve, reject) => setTimeout(() => (settledWrites++, reject(new Error('disk full'))), 10));
    };
    const failing: StreamTarget = { write: fail, writev: fail };
    let drained = false;
    let closed = false;
    const long = chunks(60);
    const body = (async () => ({
      Body: (async function* () {
        try {
          for (const c of long) yield c;
          drained = true;
        } finally {
          closed = true;
        }
      })(),
      ContentLength: 60 * CHUNK,
    })) as unknown as S3Call;
    await expect(
      rangedGet({ call: body, params: { Bucket: 'b', Key: 'k' }, start: 0, attempts: 3, progress: new ProgressReporter(), ioChunksize: CHUNK, target: failing }),
    ).rejects.toThrow('disk full');
    // Not retried, and nothing left writing: every write that started had settled.
    expect(started).toBe(1);
    expect(settledWrites).toBe(started);
    // The body was let go (its connection released), not read to its end.
    await new Promise((r) => setImmediate(r));
    expect(drained).toBe(false);
    expect(closed).toBe(true);
  });

  it('fails (never hangs, never throws out of the stream) when the progress callback throws, and lets the body go', async () => {
    const stream = new Readable({ read() {} });
    let next = 0;
    const body = chunks(8);
    const pump = setInterval(() => stream.push(next < body.length ? body[next++] : null), 1);
    const file: StreamTarget = { write: async () => undefined, writev: async () => undefined };
    try {
      const failing = new ProgressReporter(() => {
        throw new Error('callback broke');
      });
      await expect(
        rangedGet({ call: (async () => ({ Body: stream, ContentLength: 8 * CHUNK })) as unknown as S3Call, params: { Bucket: 'b', Key: 'k' }, start: 0, attempts: 3, progress: failing, ioChunksize: CHUNK, target: file }),
      ).rejects.toThrow('callback broke');
      expect(stream.destroyed).toBe(true);
    } finally {
      clearInterval(pump);
    }
  });

  it('reads a body whose stream was paused, and one whose chunks are strings (converted to bytes)', async () => {
    const { StreamingBody } = await import('../../../src/util/streaming-body');
    const run = async (Body: unknown, length: number): Promise<Buffer> => {
      const got: Buffer[] = [];
      const file: StreamTarget = {
        write: async (c) => void got.push(c),
        writev: async (list) => void got.push(...list),
      };
      await rangedGet({ call: (async () => ({ Body, ContentLength: length })) as unknown as S3Call, params: { Bucket: 'b', Key: 'k' }, start: 0, attempts: 1, progress: new ProgressReporter(), ioChunksize: CHUNK, target: file });
      for (const c of got) expect(Buffer.isBuffer(c)).toBe(true);
      return Buffer.concat(got);
    };
    const paused = new Readable({ read() {} });
    paused.pause();
    paused.push(Buffer.from('abc'));
    paused.push(null);
    expect((await run(new StreamingBody(paused, 3), 3)).toString()).toBe('abc');
    const text = Readable.from(['h\u00e9llo', 'w\u00f6rld']);
    expect((await run(new StreamingBody(text, 12), 12)).toString('utf8')).toBe('h\u00e9llow\u00f6rld');
  });

  it('writes chunk by chunk, in order, to a target without writev (a stream)', async () => {
    const body = chunks(5);
    const positions: number[] = [];
    await rangedGet({
      call: call(body),
      params: { Bucket: 'b', Key: 'k' },
      start: 0,
      attempts: 1,
      progress: new ProgressReporter(),
      ioChunksize: CHUNK,
      target: { write: async (_c, position) => void positions.push(position) },
    });
    expect(positions).toEqual([0, 1, 2, 3, 4].map((i) => i * CHUNK));
  });
});
