/**
 * Per-call options on resources (the inline model over a fake client): collections bind them
 * with withOptions() (kept through later filter/limit/pageSize) or take them in pages() and
 * batch actions; loads, actions and waiters take them after their params. Every request they
 * make carries the signal; once it fires they reject with AbortError and send nothing more.
 */
import { AbortError, ParamValidationError, type Resource } from '../../../src';
import { fakeResources } from './fake-service';

const q = (n: number) => ({ Url: `u${n}`, QueueName: `q${n}`, OwnerId: 'o' });
const PAGES = { ListQueues: [{ Queues: [q(1), q(2)], NextToken: 't1' }, { Queues: [q(3)] }] };

async function drain<T>(it: AsyncIterable<T>, onItem: (item: T, index: number) => void = () => undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) {
    out.push(x);
    onItem(x, out.length);
  }
  return out;
}

describe('collections: withOptions({ abortSignal }), pages(options), batch actions', () => {
  it('withOptions binds the signal to every listing request; abort ends the iteration with no further request', async () => {
    const { service, calls, options } = fakeResources(PAGES);
    const controller = new AbortController();
    const bound = service.queues.withOptions({ abortSignal: controller.signal });
    // Options survive the other chain methods, in either order.
    const chained = bound.filter({ Prefix: 'q' }).pageSize(2);
    const err = await drain(chained as AsyncIterable<Resource>, (_r, i) => i === 1 && controller.abort()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(calls).toHaveLength(1); // the second page was never requested
    expect(options).toEqual([['ListQueues', { abortSignal: controller.signal }]]);
  });

  it('withOptions returns a new collection: the original sends no options', async () => {
    const { service, options } = fakeResources(PAGES);
    const plain = service.queues.all();
    plain.withOptions({ abortSignal: new AbortController().signal });
    expect((await drain(plain as AsyncIterable<Resource>)).map((r) => r.url)).toEqual(['u1', 'u2', 'u3']);
    expect(options).toEqual([]);
  });

  it('pages(options) and operations without a paginator carry the signal too', async () => {
    const { service, calls, options } = fakeResources({ ...PAGES, ListAll: [{ Queues: [q(7)] }] });
    const controller = new AbortController();
    const pages = await drain(service.queues.pages({ abortSignal: controller.signal }) as AsyncIterable<Resource[]>);
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(options.map(([op]) => op)).toEqual(['ListQueues', 'ListQueues']);
    options.length = 0;
    await drain(service.allQueues.withOptions({ abortSignal: controller.signal }) as AsyncIterable<Resource>);
    expect(options).toEqual([['ListAll', { abortSignal: controller.signal }]]);
    calls.length = 0;
    await expect(drain(service.queues.pages({ abortSignal: AbortSignal.abort() }))).rejects.toBeInstanceOf(AbortError);
    expect(calls).toEqual([]);
  });

  it("either the bound signal or pages()'s own aborts", async () => {
    const bound = new AbortController();
    const own = new AbortController();
    const first = fakeResources(PAGES);
    const a = drain(first.service.queues.withOptions({ abortSignal: bound.signal }).pages({ abortSignal: own.signal }) as AsyncIterable<Resource[]>, () => own.abort());
    await expect(a).rejects.toBeInstanceOf(AbortError);
    expect(first.calls).toHaveLength(1);
    const second = fakeResources(PAGES);
    const b = drain(second.service.queues.withOptions({ abortSignal: bound.signal }).pages({ abortSignal: new AbortController().signal }) as AsyncIterable<Resource[]>, () => bound.abort());
    await expect(b).rejects.toBeInstanceOf(AbortError);
    expect(second.calls).toHaveLength(1);
  });

  it('batch actions send the listing and every batch request with the signal; an aborted one sends nothing', async () => {
    const { service, calls, options } = fakeResources(PAGES);
    const controller = new AbortController();
    await (service.queues.delete as (p?: object, o?: object) => Promise<unknown[]>)({ Force: 'yes' }, { abortSignal: controller.signal });
    expect(calls.map(([op]) => op)).toEqual(['ListQueues', 'DeleteMessages', 'ListQueues', 'DeleteMessages']);
    expect(options.map(([op, o]) => [op, (o as { abortSignal: AbortSignal }).abortSignal === controller.signal])).toEqual([
      ['ListQueues', true],
      ['DeleteMessages', true],
      ['ListQueues', true],
      ['DeleteMessages', true],
    ]);
    calls.length = 0;
    await expect((service.queues.delete as (p?: object, o?: object) => Promise<unknown[]>)({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toEqual([]);
  });

  it('bad options are refused before anything is sent', async () => {
    const { service, calls } = fakeResources(PAGES);
    expect(() => service.queues.withOptions({ abortSignl: AbortSignal.abort() })).toThrow(ParamValidationError);
    expect(() => service.queues.pages({ abortSignal: 'soon' })).toThrow(/Invalid call option abortSignal/);
    await expect((service.queues.delete as (p?: object, o?: object) => Promise<unknown[]>)({}, { signal: 1 })).rejects.toBeInstanceOf(ParamValidationError);
    expect(calls).toEqual([]);
  });
});

describe('loads, actions and waiters take options after their params', () => {
  it('load(params, { abortSignal }), an action and a waiter each carry the signal', async () => {
    const { service, options } = fakeResources({ GetQueue: [{ Queue: q(1) }] });
    const controller = new AbortController();
    const queue = service.Queue('u1');
    await queue.load({}, { abortSignal: controller.signal });
    expect(queue.meta.data).toMatchObject({ Url: 'u1' });
    await queue.sendMessage({ Body: 'hi' }, { abortSignal: controller.signal });
    await queue.waitUntilExists({}, { abortSignal: controller.signal });
    expect(options).toEqual([
      ['GetQueue', { abortSignal: controller.signal }],
      ['SendMessage', { abortSignal: controller.signal }],
      ['GetQueue', { abortSignal: controller.signal }],
    ]);
  });

  it('an aborted signal rejects with AbortError and sends nothing, even when the action needs a load first', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: q(1) }] });
    const queue = service.Queue('u1');
    // sendMessage fills Owner from loaded data: without data it would load first.
    await expect(queue.sendMessage({ Body: 'hi' }, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(queue.load({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(queue.waitUntilExists({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(queue.purge(undefined, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(calls).toEqual([]);
  });

  it('the call shapes without options send no options at all', async () => {
    const { service, options, calls } = fakeResources({ GetQueue: [{ Queue: q(1) }], ...PAGES });
    const queue = service.Queue('u1');
    await queue.load();
    await queue.purge();
    await queue.waitUntilExists();
    await drain(service.queues.all() as AsyncIterable<Resource>);
    await (service.queues.delete as () => Promise<unknown>)();
    expect(calls.length).toBeGreaterThan(5);
    expect(options).toEqual([]);
  });

  it('bad options are refused before anything is sent', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: q(1) }] });
    const queue = service.Queue('u1');
    await expect(queue.purge({}, { abortSignl: AbortSignal.abort() })).rejects.toThrow(/Unknown call option 'abortSignl'/);
    await expect(queue.waitUntilExists({}, 'now')).rejects.toBeInstanceOf(ParamValidationError);
    expect(calls).toEqual([]);
  });
});
