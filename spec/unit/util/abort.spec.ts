import { AbortError } from '../../../src/errors';
import { abortable, abortError, onAbort, sleep, throwIfAborted } from '../../../src/util/abort';

describe('abort helpers', () => {
  it('abortError names a timeout and keeps the reason as cause', () => {
    const timedOut = abortError(AbortSignal.abort(new DOMException('t', 'TimeoutError')));
    expect(timedOut).toBeInstanceOf(AbortError);
    expect(timedOut.name).toBe('AbortError');
    expect(timedOut.message).toBe('The operation was aborted (the signal timed out)');
    const custom = abortError(AbortSignal.abort(new Error('user pressed Ctrl-C')));
    expect(custom.message).toBe('The operation was aborted: user pressed Ctrl-C');
    expect((custom.cause as Error).message).toBe('user pressed Ctrl-C');
  });

  it('throwIfAborted throws only for a fired signal', () => {
    expect(() => throwIfAborted(undefined)).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal)).not.toThrow();
    expect(() => throwIfAborted(AbortSignal.abort())).toThrow(AbortError);
  });

  it('sleep ends at once with AbortError when the signal fires', async () => {
    const ac = new AbortController();
    const started = Date.now();
    const p = sleep(10000, ac.signal);
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('abortable settles with the promise, or with AbortError first', async () => {
    await expect(abortable(Promise.resolve(1), new AbortController().signal)).resolves.toBe(1);
    const ac = new AbortController();
    const p = abortable(new Promise(() => undefined), ac.signal);
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(AbortError);
  });

  it('a signal shared by 1,000 waits carries one listener, and none once they are done', async () => {
    const ac = new AbortController();
    const added: string[] = [];
    const removed: string[] = [];
    const add = ac.signal.addEventListener.bind(ac.signal);
    const remove = ac.signal.removeEventListener.bind(ac.signal);
    ac.signal.addEventListener = ((...args: Parameters<typeof add>) => (added.push(args[0]), add(...args))) as typeof add;
    ac.signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed.push(args[0]), remove(...args))) as typeof remove;
    await Promise.all(Array.from({ length: 1000 }, (_, i) => sleep(i % 5, ac.signal)));
    expect(added).toEqual(['abort']);
    expect(removed).toEqual(['abort']);
  });

  it('onAbort calls every live subscriber once, and not the cancelled ones', () => {
    const ac = new AbortController();
    const calls: number[] = [];
    onAbort(ac.signal, () => calls.push(1));
    const cancel = onAbort(ac.signal, () => calls.push(2));
    onAbort(ac.signal, () => calls.push(3));
    cancel();
    ac.abort();
    ac.abort();
    // Subscribers run in no set order.
    expect(calls.sort()).toEqual([1, 3]);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const ac = new AbortController();
    let count = 0;
    const fn = (): void => void count++;
    onAbort(ac.signal, fn);
    const cancel = onAbort(ac.signal, fn);
    onAbort(ac.signal, fn);
    cancel();
    ac.abort();
    expect(count).toBe(2);
  });
});
