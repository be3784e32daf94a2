import { PoolSlots } from '../../../src/transport/pool-slots';

function waiter(log: string[], name: string) {
  return { resolve: () => log.push(`${name} got a slot`), reject: (e: Error) => log.push(`${name}: ${e.message}`) };
}

describe('PoolSlots', () => {
  it('hands out `size` slots, then queues in arrival order, passing each released slot on', () => {
    const slots = new PoolSlots(2);
    const log: string[] = [];
    expect(slots.tryAcquire()).toBe(true);
    expect(slots.tryAcquire()).toBe(true);
    expect(slots.tryAcquire()).toBe(false);
    slots.wait(waiter(log, 'a'));
    slots.wait(waiter(log, 'b'));
    slots.release();
    slots.release();
    expect(log).toEqual(['a got a slot', 'b got a slot']);
    expect(slots.idle).toBe(false);
    slots.release();
    slots.release();
    expect(slots.idle).toBe(true);
  });

  it('a newcomer never jumps the queue while others wait', () => {
    const slots = new PoolSlots(1);
    const log: string[] = [];
    slots.tryAcquire();
    slots.wait(waiter(log, 'a'));
    expect(slots.tryAcquire()).toBe(false);
  });

  it('cancel removes a waiter (it never gets a slot); rejectAll rejects every waiter', () => {
    const slots = new PoolSlots(1);
    const log: string[] = [];
    slots.tryAcquire();
    const a = waiter(log, 'a');
    slots.wait(a);
    slots.wait(waiter(log, 'b'));
    slots.wait(waiter(log, 'c'));
    expect(slots.cancel(a, new Error('aborted'))).toBe(true);
    expect(slots.cancel(a, new Error('aborted'))).toBe(false);
    slots.release();
    slots.rejectAll(new Error('closed'));
    expect(log).toEqual(['a: aborted', 'b got a slot', 'c: closed']);
  });

  it('keeps working through many thousands of queue turns', () => {
    const slots = new PoolSlots(3);
    let granted = 0;
    for (let i = 0; i < 3; i++) slots.tryAcquire();
    for (let i = 0; i < 10000; i++) slots.wait({ resolve: () => granted++, reject: () => undefined });
    for (let i = 0; i < 10000; i++) slots.release();
    expect(granted).toBe(10000);
    for (let i = 0; i < 3; i++) slots.release();
    expect(slots.idle).toBe(true);
  });
});
