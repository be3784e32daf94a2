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

describe('WriteBehind', () => {
  it('gathers up to the minimum, then writes; finish() writes what is left', async () => {
    const { sink, calls } = recordingSink();
    const w = new WriteBehind(sink, 1000, 30);
    expect(w.add(chunk(10, 1), 100)).toBeUndefined();
    expect(w.add(chunk(10, 2), 110)).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([]);
    w.add(chunk(10, 3), 120); // 30 bytes: the write starts
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([{ position: 100, sizes: [10, 10, 10] }]);
    w.add(chunk(5, 4), 130);
    await w.finish();
    expect(calls).toEqual([
      { position: 100, sizes: [10, 10, 10] },
      { position: 130, sizes: [5] },
    ]);
  });

  it('writes what arrived during a write in one go, after it, at the next position', async () => {
    let open!: () => void;
    const { sink, calls } = recordingSink(() => new Promise<void>((r) => (open = r)));
    const w = new WriteBehind(sink, 1000);
    w.add(chunk(10, 1), 0);
    await new Promise((r) => setImmediate(r));
    w.add(chunk(10, 2), 10);
    w.add(chunk(10, 3), 20);
    expect(calls).toEqual([{ position: 0, sizes: [10] }]);
    open();
    await new Promise((r) => setImmediate(r));
    expect(calls[1]).toEqual({ position: 10, sizes: [10, 10] });
    open();
    await w.finish();
    expect(calls).toHaveLength(2);
  });

  it('asks the reader to wait once `limit` bytes wait for the running write', async () => {
    let open!: () => void;
    const { sink, calls } = recordingSink(() => new Promise<void>((r) => (open = r)));
    const w = new WriteBehind(sink, 25);
    w.add(chunk(10, 1), 0);
    await new Promise((r) => setImmediate(r));
    expect(w.add(chunk(10, 2), 10)).toBeUndefined();
    expect(w.add(chunk(10, 3), 20)).toBeUndefined();
    const wait = w.add(chunk(10, 4), 30);
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait!.then(() => (released = true));
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false);
    open(); // the first write ends; the 30 waiting bytes go out, and the reader still waits
    await new Promise((r) => setImmediate(r));
    expect(calls.map((c) => c.sizes)).toEqual([[10], [10, 10, 10]]);
    expect(released).toBe(false);
    open(); // nothing waits any more: the reader goes on
    await wait;
    expect(released).toBe(true);
    await w.finish();
  });

  it('abandon() drops what waits, waits for the write in progress, and reports its failure', async () => {
    let open!: () => void;
    const { sink, calls } = recordingSink(() => new Promise<void>((r) => (open = r)));
    const w = new WriteBehind(sink, 1000);
    w.add(chunk(10, 1), 0);
    await new Promise((r) => setImmediate(r));
    w.add(chunk(10, 2), 10);
    let settled = false;
    const done = w.abandon().then(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    open();
    await done;
    expect(calls).toEqual([{ position: 0, sizes: [10] }]);

    const failing = new WriteBehind({ write: async () => Promise.reject(new Error('disk full')), writev: async () => undefined }, 1000);
    failing.add(chunk(10, 1), 0);
    await new Promise((r) => setImmediate(r)); // the write started (and failed)
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
    await new Promise((r) => setImmediate(r));
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
