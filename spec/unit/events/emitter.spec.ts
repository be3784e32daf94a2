import { HierarchicalEmitter } from '../../../src/events/emitter';

describe('HierarchicalEmitter', () => {
  it('runs handlers registered on prefixes, most specific first', async () => {
    const e = new HierarchicalEmitter();
    const calls: string[] = [];
    e.register('before-call', () => void calls.push('all'));
    e.register('before-call.s3', () => void calls.push('s3'));
    e.register('before-call.s3.PutObject', () => void calls.push('put'));
    e.register('before-call.dynamodb', () => void calls.push('ddb'));
    await e.emit('before-call.s3.PutObject');
    expect(calls).toEqual(['put', 's3', 'all']);
    calls.length = 0;
    await e.emit('before-call.s3.GetObject');
    expect(calls).toEqual(['s3', 'all']);
  });

  it('emitUntilResponse returns the first answer and unregister removes handlers', async () => {
    const e = new HierarchicalEmitter();
    const h = () => 'first';
    e.register('x.y', h);
    e.register('x', () => 'second');
    expect(await e.emitUntilResponse('x.y.z')).toBe('first');
    e.unregister('x.y', h);
    expect(await e.emitUntilResponse('x.y.z')).toBe('second');
    expect(e.hasHandlers('other')).toBe(false);
  });

  it('copies registrations without sharing later ones', async () => {
    const e = new HierarchicalEmitter();
    e.register('a', () => 1);
    const c = e.copy();
    c.register('a', () => 2);
    expect(await e.emit('a')).toEqual([1]);
    expect(await c.emit('a')).toEqual([1, 2]);
  });

  describe('each handler sees the payload as emitted, as botocore hands each its own kwargs', () => {
    const emitters: Array<[string, (e: HierarchicalEmitter, name: string, payload: Record<string, unknown>) => unknown]> = [
      ['emit', (e, n, p) => e.emit(n, p)],
      ['emitUntilResponse', (e, n, p) => e.emitUntilResponse(n, p)],
      ['emitSync', (e, n, p) => e.emitSync(n, p)],
      ['notify', (e, n, p) => e.notify(n, p)],
      ['firstResponse', (e, n, p) => e.firstResponse(n, p)],
    ];

    it.each(emitters)('%s: a key a handler sets, replaces or deletes is not seen by the next one', async (_name, run) => {
      const e = new HierarchicalEmitter();
      const shared = { list: [] as number[] };
      const seen: Array<Record<string, unknown>> = [];
      e.register('ev.svc.Op', (p) => {
        seen.push({ ...p });
        p.added = 1;
        p.params = 'replaced';
        delete p.operation;
        (p.shared as { list: number[] }).list.push(1);
      });
      e.register('ev.svc', (p) => void seen.push({ ...p }));
      e.register('ev', (p) => {
        seen.push({ ...p });
        p.params = 'again';
      });
      e.register('ev', (p) => void seen.push({ ...p }));
      await run(e, 'ev.svc.Op', { params: 'given', operation: 'Op', shared });
      const expected = { params: 'given', operation: 'Op', shared, eventName: 'ev.svc.Op' };
      expect(seen).toEqual([expected, expected, expected, expected]);
      // Objects under the keys are shared, as in botocore.
      expect(shared.list).toEqual([1]);
    });

    it('a handler that froze its payload does not hand a frozen one on', async () => {
      const e = new HierarchicalEmitter();
      e.register('ev', (p) => void Object.freeze(p));
      e.register('ev', (p) => {
        p.note = 'written';
        return p.note;
      });
      expect(await e.emit('ev', { a: 1 })).toEqual([undefined, 'written']);
    });

    it("the emitter's eventName wins over a payload's own", async () => {
      const e = new HierarchicalEmitter();
      const names: unknown[] = [];
      e.register('ev', (p) => void names.push(p.eventName));
      e.register('ev', (p) => void names.push(p.eventName));
      await e.emit('ev.x', { eventName: 'stale' });
      expect(names).toEqual(['ev.x', 'ev.x']);
    });

    it('the caller\'s payload object is never changed', async () => {
      const e = new HierarchicalEmitter();
      e.register('ev', (p) => {
        p.params = 'mine';
      });
      const payload = { params: 'given' };
      await e.emit('ev', payload);
      expect(payload).toEqual({ params: 'given' });
    });
  });

  describe('notify and firstResponse (the call pipeline\'s per-call events)', () => {
    it('run every handler in order and return undefined when all were synchronous', () => {
      const e = new HierarchicalEmitter();
      const order: string[] = [];
      e.register('ev.svc', () => void order.push('svc'));
      e.register('ev', () => void order.push('ev'));
      expect(e.notify('ev.svc', {})).toBeUndefined();
      expect(order).toEqual(['svc', 'ev']);
      expect(e.notify('nobody', {})).toBeUndefined();
    });

    it('notify waits for a handler that returns a promise before the next one runs', async () => {
      const e = new HierarchicalEmitter();
      const order: string[] = [];
      let release!: () => void;
      e.register('ev', () => void order.push('first'));
      e.register('ev', () => new Promise<void>((resolve) => (release = () => (order.push('second done'), resolve()))));
      e.register('ev', () => void order.push('third'));
      const pending = e.notify('ev', {});
      expect(pending).toBeInstanceOf(Promise);
      await Promise.resolve();
      expect(order).toEqual(['first']);
      release();
      await pending;
      expect(order).toEqual(['first', 'second done', 'third']);
    });

    it('a handler that throws throws from notify, and one that rejects rejects its promise', async () => {
      const e = new HierarchicalEmitter();
      e.register('sync', () => {
        throw new Error('sync boom');
      });
      expect(() => e.notify('sync', {})).toThrow('sync boom');
      e.register('async', () => Promise.reject(new Error('async boom')));
      await expect(e.notify('async', {})).rejects.toThrow('async boom');
    });

    it('firstResponse returns the first answer, plain when synchronous, else through a promise', async () => {
      const e = new HierarchicalEmitter();
      const ran: string[] = [];
      e.register('ev', () => void ran.push('a'));
      e.register('ev', () => (ran.push('b'), 0));
      e.register('ev', () => void ran.push('c'));
      expect(e.firstResponse('ev', {})).toBe(0);
      expect(ran).toEqual(['a', 'b']);

      const later = new HierarchicalEmitter();
      later.register('ev', () => Promise.resolve(null));
      later.register('ev', () => 5);
      const answer = later.firstResponse('ev', {});
      expect(answer).toBeInstanceOf(Promise);
      expect(await answer).toBe(5);
      expect(later.firstResponse('none', {})).toBeUndefined();
    });
  });
});
