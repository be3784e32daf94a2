/**
 * WriteBehind (src/customizations/s3/transfer/write-behind.ts): what gathers below `minimum`
 * waits, what arrives during a write goes out in one writev at the right position, the reader is
 * held back at `limit` until nothing waits, finish() writes the rest and reports the
 * first failure, abandon() drops what waits, and a sink that throws at once (not a rejected
 * promise) still lets finish() settle.
 */
import { WriteBehind, type PositionalSink } from '../../../src/customizations/s3/transfer/write-behind';

const chunk = (n: number, fill: number) => Buffer.alloc(n, fill);

function recordingSink(gate?: () => Promise<void>) {
  const calls: Array<{ position: number; sizes: number[] }> = [];
  const sink: PositionalSink = {
    async write(c, position) {
      calls.push({ position, sizes: [c.length] });
      await gate?.();
    },
    async writev(list, position) {
      calls.push({ position, sizes: list.map((c) => c.length) });
      await gate?.();
    },
  };
  return { sink, calls };
}

/** One event-loop turn: writes that can start have started. */
const turn = () => new Promise((r) => setImmediate(r));

/** A writer whose sink holds each write until `release()`, with its first 10 bytes being written. */
async function gatedWriter(limit: number) {
  let open: () => void = () => undefined;
  const { sink, calls } = recordingSink(() => new Promise<void>((r) => (open = r)));
  const w = new WriteBehind(sink, limit);
  w.add(chunk(10, 1), 0);
  await turn();
  return { w, calls, release: () => open() };
}

describe('WriteBehind', () => {
  it('gathers up to the minimum, then writes; finish() writes what is left', async () => {
    const { sink, calls } = recordingSink();
    const w = new WriteBehind(sink, 1000, 30);
    expect(w.add(chunk(10, 1), 100)).toBeUndefined();
    expect(w.add(chunk(10, 2), 110)).toBeUndefined();
    await turn();
    expect(calls).toEqual([]);
    w.add(chunk(10, 3), 120); // 30 bytes: the write starts
    await turn();
    expect(calls).toEqual([{ position: 100, sizes: [10, 10, 10] }]);
    w.add(chunk(5, 4), 130);
    await w.finish();
    expect(calls).toEqual([
      { position: 100, sizes: [10, 10, 10] },
      { position: 130, sizes: [5] },
    ]);
  });

  it('writes what arrived during a write in one go, after it, at the next position', async () => {
    const { w, calls, release } = await gatedWriter(1000);
    w.add(chunk(10, 2), 10);
    w.add(chunk(10, 3), 20);
    expect(calls).toEqual([{ position: 0, sizes: [10] }]);
    release();
    await turn();
    expect(calls[1]).toEqual({ position: 10, sizes: [10, 10] });
    release();
    await w.finish();
    expect(calls).toHaveLength(2);
  });

  it('asks the reader to wait once `limit` bytes wait for the running write', async () => {
    const { w, calls, release } = await gatedWriter(25);
    expect(w.add(chunk(10, 2), 10)).toBeUndefined();
    expect(w.add(chunk(10, 3), 20)).toBeUndefined();
    const wait = w.add(chunk(10, 4), 30);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait!.then(() => (released = true));
    await turn();
    expect(released).toBe(false);
    release(); // the first write ends; the 30 waiting bytes go out, and the reader still waits
    await turn();
    expect(calls.map((c) => c.sizes)).toEqual([[10], [10, 10, 10]]);
    expect(released).toBe(false);
    release(); // nothing waits any more: the reader goes on
    await wait;
    expect(released).toBe(true);
    await w.finish();
  });

  it('abandon() drops what waits, waits for the write in progress, and reports its failure', async () => {
    const { w, calls, release } = await gatedWriter(1000);
    w.add(chunk(10, 2), 10);
    let settled = false;
    const done = w.abandon().then(() => (settled = true));
    await turn();
    expect(settled).toBe(false);
    release();
    await done;
    expect(calls).toEqual([{ position: 0, sizes: [10] }]);

    const failing = new WriteBehind({ write: async () => Promise.reject(new Error('disk full')), writev: async () => undefined }, 1000);
    failing.add(chunk(10, 1), 0);
    await turn(); // the write started (and failed)
    await expect(failing.abandon()).rejects.toThrow('disk full');
  });

  it('stops at the first failed write: nothing more is written, finish() rejects with it', async () => {
    const calls: number[] = [];
    const sink: PositionalSink = {
      write: async (_c, position) => {
        calls.push(position);
        throw new Error('disk full');
      },
      writev: async (_l, position) => void calls.push(position),
    };
    const w = new WriteBehind(sink, 1000);
    w.add(chunk(10, 1), 0);
    await turn();
    expect(w.failed).toBe(true);
    expect(w.add(chunk(10, 2), 10)).toBeUndefined();
    await expect(w.finish()).rejects.toThrow('disk full');
    expect(calls).toEqual([0]);
  });

  it('settles when the sink throws instead of returning a rejected promise', async () => {
    const sink: PositionalSink = {
      write: () => {
        throw new Error('bad descriptor');
      },
      writev: () => {
        throw new Error('bad descriptor');
      },
    };
    const w = new WriteBehind(sink, 1000);
    w.add(chunk(10, 1), 0);
    await expect(w.finish()).rejects.toThrow('bad descriptor');
  });
});
