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
});
