/**
 * Collections over the inline model: lazy and immutable, paginated through the paginator
 * (PageSize -> limit key, limit -> MaxItems) or a single call, filters merged as boto3
 * (lists appended), and batch actions one request per page with `[*]` indexes.
 */
import type { Resource } from '../../../src';
import { ResourceCollection } from '../../../src';
import { fakeResources } from './fake-service';

const q = (n: number) => ({ Url: `u${n}`, QueueName: `q${n}` });
const PAGES = { ListQueues: [{ Queues: [q(1), q(2)], NextToken: 't1' }, { Queues: [q(3)] }] };

async function urls(c: unknown): Promise<string[]> {
  const out: string[] = [];
  for await (const r of c as AsyncIterable<Resource>) out.push(r.url as string);
  return out;
}

describe('collections', () => {
  it('are lazy: nothing is sent until iterated, and each iteration starts over', async () => {
    const { service, calls } = fakeResources({ ListQueues: [...PAGES.ListQueues, ...PAGES.ListQueues] });
    const c = service.queues.all();
    expect(c).toBeInstanceOf(ResourceCollection);
    expect(calls).toEqual([]);
    expect(await urls(c)).toEqual(['u1', 'u2', 'u3']);
    expect(calls).toEqual([
      ['ListQueues', { Tags: ['base'] }],
      ['ListQueues', { Tags: ['base'], NextToken: 't1' }],
    ]);
    expect(await urls(c)).toEqual(['u1', 'u2', 'u3']);
    expect(calls).toHaveLength(4);
  });

  it('items carry their listing entry as meta.data', async () => {
    const { service, calls } = fakeResources(PAGES);
    const [first] = await (async () => {
      const out: Resource[] = [];
      for await (const r of service.queues.all() as AsyncIterable<Resource>) out.push(r);
      return out;
    })();
    expect(first.meta.data).toEqual(q(1));
    expect(first.queueName).toBe('q1');
    expect(calls).toHaveLength(2);
  });

  it('filter merges params (lists appended) without touching the original', async () => {
    const { service, calls } = fakeResources(PAGES);
    const base = service.queues.filter({ Prefix: 'a' });
    const narrowed = base.filter({ Tags: ['x'] }).filter({ Tags: ['y'] });
    expect(base.params).toEqual({ Prefix: 'a' });
    await urls(narrowed);
    expect(calls[0]).toEqual(['ListQueues', { Tags: ['base', 'x', 'y'], Prefix: 'a' }]);
  });

  it('pageSize is the paginator PageSize; limit is MaxItems and stops early', async () => {
    // The limited iteration reads one page only (MaxItems is reached), so page one is queued twice.
    const { service, calls } = fakeResources({ ListQueues: [PAGES.ListQueues[0], ...PAGES.ListQueues] });
    expect(await urls(service.queues.pageSize(2).limit(2))).toEqual(['u1', 'u2']);
    expect(calls).toEqual([['ListQueues', { Tags: ['base'], MaxResults: 2 }]]);
    const pages: string[][] = [];
    for await (const p of service.queues.pages()) pages.push(p.map((r: Resource) => r.url as string));
    expect(pages).toEqual([['u1', 'u2'], ['u3']]);
  });

  it('operations without a paginator are one call', async () => {
    const { service, calls } = fakeResources({ ListAll: [{ Queues: [q(1), q(2)], NextToken: 'ignored' }] });
    expect(await urls(service.allQueues.all())).toEqual(['u1', 'u2']);
    expect(await urls(service.allQueues.limit(1))).toEqual(['u1']);
    expect(calls).toEqual([['ListAll', {}], ['ListAll', {}]]);
  });

  it('an empty listing yields nothing (an empty result shaped by the output model)', async () => {
    const { service } = fakeResources({ ListAll: [{}] });
    expect(await urls(service.allQueues.all())).toEqual([]);
  });

  it('batch actions send one request per page, items at their [*] index, and stop at an empty page', async () => {
    const { service, calls } = fakeResources({ ListQueues: [{ Queues: [q(1), q(2)], NextToken: 't1' }, { Queues: [q(3)], NextToken: 't2' }, { Queues: [] }] });
    const responses = await service.queues.filter({ Prefix: 'p' }).delete({ Force: 'yes' });
    expect(responses).toHaveLength(2);
    expect(calls.filter((c) => c[0] === 'DeleteMessages')).toEqual([
      ['DeleteMessages', { Entries: [{ Id: 'u1', Url: 'q1' }, { Id: 'u2', Url: 'q2' }], Force: 'yes' }],
      ['DeleteMessages', { Entries: [{ Id: 'u3', Url: 'q3' }], Force: 'yes' }],
    ]);
    expect(calls.map((c) => c[0])).toEqual(['ListQueues', 'DeleteMessages', 'ListQueues', 'DeleteMessages', 'ListQueues']);
  });

  it('batch actions on the unfiltered collection act on everything (pageSize sets the chunk)', async () => {
    const { service, calls } = fakeResources(PAGES);
    await service.queues.pageSize(2).delete();
    expect(calls.filter((c) => c[0] === 'ListQueues').map((c) => c[1].MaxResults)).toEqual([2, 2]);
    expect(calls.filter((c) => c[0] === 'DeleteMessages')).toHaveLength(2);
  });
});
