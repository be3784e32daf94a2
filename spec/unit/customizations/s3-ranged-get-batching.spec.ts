/**
 * A ranged GET's body reaches a file in batches (one writev per MiB, not one write per socket
 * read), at the right offsets, with progress still reported as bytes are read; a stream target
 * without writev still gets every chunk in order, one by one.
 */
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
  it('batches a file target: one writev per MiB, each at its offset, the rest flushed at the end', async () => {
    const body = chunks(40); // 2.5 MiB
    const writes: Array<{ position: number; bytes: number; pieces: number }> = [];
    const image = Buffer.alloc(1000 + 40 * CHUNK);
    const target: StreamTarget = {
      async write(chunk, position) {
        writes.push({ position, bytes: chunk.length, pieces: 1 });
        chunk.copy(image, position);
      },
      async writev(list, position) {
        writes.push({ position, bytes: list.reduce((n, c) => n + c.length, 0), pieces: list.length });
        Buffer.concat(list).copy(image, position);
      },
    };
    const reported: number[] = [];
    await rangedGet({ call: call(body), params: { Bucket: 'b', Key: 'k' }, start: 1000, attempts: 1, progress: new ProgressReporter((n) => reported.push(n)), ioChunksize: CHUNK, target });
    expect(writes).toEqual([
      { position: 1000, bytes: 16 * CHUNK, pieces: 16 },
      { position: 1000 + 16 * CHUNK, bytes: 16 * CHUNK, pieces: 16 },
      { position: 1000 + 32 * CHUNK, bytes: 8 * CHUNK, pieces: 8 },
    ]);
    expect(image.subarray(1000).equals(Buffer.concat(body))).toBe(true);
    expect(reported.reduce((a, b) => a + b, 0)).toBe(40 * CHUNK);
    expect(reported.length).toBeGreaterThanOrEqual(40);
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

  it('reports a failing batched write as the target failing (not retried)', async () => {
    let calls = 0;
    const failing: StreamTarget = {
      write: async () => undefined,
      writev: async () => {
        calls++;
        throw new Error('disk full');
      },
    };
    await expect(
      rangedGet({ call: call(chunks(20)), params: { Bucket: 'b', Key: 'k' }, start: 0, attempts: 3, progress: new ProgressReporter(), ioChunksize: CHUNK, target: failing }),
    ).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});
