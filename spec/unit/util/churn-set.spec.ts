import { ChurnSet } from '../../../src/util/churn-set';

interface Member {
  id: number;
  churnSlot: number;
}
const member = (id: number): Member => ({ id, churnSlot: -1 });
const ids = (set: ChurnSet<Member>): number[] => set.snapshot().map((m) => m.id).sort((a, b) => a - b);

describe('ChurnSet', () => {
  it('adds, finds and deletes members; deleting a non-member or a member twice is false', () => {
    const set = new ChurnSet<Member>();
    const [a, b, c] = [member(1), member(2), member(3)];
    set.add(a);
    set.add(b);
    set.add(c);
    expect(set.size).toBe(3);
    expect(set.delete(a)).toBe(true);
    expect(set.delete(a)).toBe(false);
    expect(set.delete(member(9))).toBe(false);
    expect(set.has(a)).toBe(false);
    expect(set.has(b) && set.has(c)).toBe(true);
    expect(ids(set)).toEqual([2, 3]);
    expect(a.churnSlot).toBe(-1);
  });

  it('adding a member twice keeps one', () => {
    const set = new ChurnSet<Member>();
    const a = member(1);
    set.add(a);
    set.add(a);
    expect(set.size).toBe(1);
    expect(set.delete(a)).toBe(true);
    expect(set.size).toBe(0);
  });

  it('a member of another set is not taken for one of this set', () => {
    const one = new ChurnSet<Member>();
    const two = new ChurnSet<Member>();
    const a = member(1);
    const b = member(2);
    one.add(a);
    two.add(b);
    // Both sit in slot 0 of their own set.
    expect(two.has(a)).toBe(false);
    expect(two.delete(a)).toBe(false);
    expect(one.has(a)).toBe(true);
  });

  it('refuses a member of another set (whose slot it would overwrite)', () => {
    const one = new ChurnSet<Member>();
    const two = new ChurnSet<Member>();
    const a = member(1);
    one.add(a);
    expect(() => two.add(a)).toThrow(/another set/);
    expect(one.delete(a)).toBe(true);
    two.add(a);
    expect(two.has(a)).toBe(true);
  });

  it('agrees with a Set over 20,000 random adds and deletes', () => {
    const set = new ChurnSet<Member>();
    const reference = new Set<Member>();
    const pool = Array.from({ length: 64 }, (_, i) => member(i));
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let i = 0; i < 20000; i++) {
      const m = pool[rand(pool.length)];
      if (rand(2)) {
        set.add(m);
        reference.add(m);
      } else {
        expect(set.delete(m)).toBe(reference.delete(m));
      }
      expect(set.size).toBe(reference.size);
    }
    expect(ids(set)).toEqual([...reference].map((m) => m.id).sort((x, y) => x - y));
    for (const m of pool) expect(set.has(m)).toBe(reference.has(m));
  });

  it('a snapshot is a copy: deleting members while walking it reaches every one', () => {
    const set = new ChurnSet<Member>();
    const all = Array.from({ length: 10 }, (_, i) => member(i));
    for (const m of all) set.add(m);
    const seen: number[] = [];
    for (const m of set.snapshot()) {
      seen.push(m.id);
      set.delete(m);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(all.map((m) => m.id));
    expect(set.size).toBe(0);
  });
});
