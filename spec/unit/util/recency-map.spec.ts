import { RecencyMap } from '../../../src/util/recency-map';

describe('RecencyMap', () => {
  it('trims the least recently used: get marks an entry used, peek does not', () => {
    const m = new RecencyMap<string, number>();
    for (const k of ['a', 'b', 'c', 'd']) m.set(k, k.charCodeAt(0));
    expect(m.get('a')).toBe(97); // a is now the most recent
    expect(m.peek('b')).toBe(98); // b stays the least recent
    m.trim(3);
    expect([m.peek('a'), m.peek('b'), m.peek('c'), m.peek('d')]).toEqual([97, undefined, 99, 100]);
    m.set('c', 1); // set makes c the most recent; d is now the least recent
    m.trim(2);
    expect([m.peek('a'), m.peek('c'), m.peek('d')]).toEqual([97, 1, undefined]);
    expect(m.size).toBe(2);
  });

  it('passes over entries `evictable` refuses, and keeps them if only they are left', () => {
    const m = new RecencyMap<string, { pinned: boolean }>();
    m.set('pinned-old', { pinned: true });
    m.set('free', { pinned: false });
    m.set('pinned-new', { pinned: true });
    m.trim(1, (v) => !v.pinned);
    expect(m.size).toBe(2);
    expect(m.peek('free')).toBeUndefined();
    expect(m.peek('pinned-old')).toEqual({ pinned: true });
  });

  it('delete and clear remove entries', () => {
    const m = new RecencyMap<number, string>();
    m.set(1, 'x');
    m.set(2, 'y');
    expect(m.delete(1)).toBe(true);
    expect(m.delete(1)).toBe(false);
    expect(m.get(1)).toBeUndefined();
    m.clear();
    expect(m.size).toBe(0);
  });
});
