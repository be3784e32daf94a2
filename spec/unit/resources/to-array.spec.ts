/**
 * `toArray()` on collections, collection pages, page iterators and search results: the
 * iteration run to its end, under the same limits (limit(), pageSize(), PaginationConfig
 * MaxItems, the abortSignal) and sending the same requests as `for await` does.
 */
import { AbortError, type Resource } from '../../../src';
import { Paginator, type PaginatorSpec } from '../../../src/paginate/paginator';
import { fakeResources } from './fake-service';

const q = (n: number) => ({ Url: `u${n}`, QueueName: `q${n}`, OwnerId: 'o' });
const PAGES = { ListQueues: [{ Queues: [q(1), q(2)], NextToken: 't1' }, { Queues: [q(3)] }] };
const urls = (items: Resource[]) => items.map((r) => r.url as string);

describe('collection.toArray()', () => {
  it('collects every item, with the requests of a for await', async () => {
    const { service, calls } = fakeResources(PAGES);
    const items = await service.queues.all().toArray();
    expect(urls(items)).toEqual(['u1', 'u2', 'u3']);
    expect(calls).toEqual([
      ['ListQueues', { Tags: ['base'] }],
      ['ListQueues', { Tags: ['base'], NextToken: 't1' }],
    ]);
  });

  it('stops at limit() and sends pageSize() as the limit key', async () => {
    const { service, calls } = fakeResources({ ListQueues: [PAGES.ListQueues[0]] });
    expect(urls(await service.queues.pageSize(2).limit(2).toArray())).toEqual(['u1', 'u2']);
    expect(calls).toEqual([['ListQueues', { Tags: ['base'], MaxResults: 2 }]]);
    expect(await service.queues.limit(0).toArray()).toEqual([]);
  });

  it('carries the abortSignal given to it or bound by withOptions; an aborted one sends nothing', async () => {
    const { service, calls, options } = fakeResources(PAGES);
    const controller = new AbortController();
    await service.queues.toArray({ abortSignal: controller.signal });
    expect(options.map(([, o]) => o)).toEqual([{ abortSignal: controller.signal }, { abortSignal: controller.signal }]);
    calls.length = 0;
    await expect(service.queues.toArray({ abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(service.queues.withOptions({ abortSignal: AbortSignal.abort() }).toArray()).rejects.toBeInstanceOf(AbortError);
    expect(calls).toEqual([]);
  });

  it('pages().toArray() collects the pages', async () => {
    const { service } = fakeResources(PAGES);
    const pages = await service.queues.pages().toArray();
    expect(pages.map(urls)).toEqual([['u1', 'u2'], ['u3']]);
  });
});

/** A fake List operation over k0..k9: Marker is the start index, MaxKeys the page size (3). */
function fakeList() {
  const items = Array.from({ length: 10 }, (_, i) => `k${i}`);
  const calls: Array<Record<string, unknown>> = [];
  const call = async (params: Record<string, unknown>) => {
    calls.push(params);
    const start = Number(params.Marker ?? '0');
    const page = items.slice(start, start + Number(params.MaxKeys ?? 3));
    const out: Record<string, unknown> = { Items: page };
    if (start + page.length < items.length) out.NextMarker = String(start + page.length);
    return out;
  };
  return { calls, paginator: new Paginator('List', { input_token: 'Marker', output_token: 'NextMarker', limit_key: 'MaxKeys', result_key: 'Items' } as PaginatorSpec, call) };
}

describe('pageIterator.toArray() and search().toArray()', () => {
  it('collects every page', async () => {
    const { paginator, calls } = fakeList();
    const pages = await paginator.paginate().toArray();
    expect(pages.map((p) => p.Items)).toEqual([['k0', 'k1', 'k2'], ['k3', 'k4', 'k5'], ['k6', 'k7', 'k8'], ['k9']]);
    expect(calls).toHaveLength(4);
  });

  it('honours MaxItems and PageSize, and leaves the resume token as iteration does', async () => {
    const { paginator, calls } = fakeList();
    const it = paginator.paginate({ PaginationConfig: { MaxItems: 5, PageSize: 4 } });
    const pages = await it.toArray();
    expect(pages.map((p) => p.Items)).toEqual([['k0', 'k1', 'k2', 'k3'], ['k4']]);
    expect(calls.map((c) => c.MaxKeys)).toEqual([4, 4]);
    expect(it.resumeToken).toBeDefined();
    const rest = await paginator.paginate({ PaginationConfig: { StartingToken: it.resumeToken } }).toArray();
    expect(rest.flatMap((p) => p.Items)).toEqual(['k5', 'k6', 'k7', 'k8', 'k9']);
  });

  it('search(expression).toArray() collects the values, within MaxItems', async () => {
    const { paginator } = fakeList();
    expect(await paginator.paginate({ PaginationConfig: { MaxItems: 4 } }).search('Items[]').toArray()).toEqual(['k0', 'k1', 'k2', 'k3']);
  });

  it('rejects with AbortError once the signal fires, and sends nothing when it already had', async () => {
    const { paginator, calls } = fakeList();
    await expect(paginator.paginate({}, { abortSignal: AbortSignal.abort() }).toArray()).rejects.toBeInstanceOf(AbortError);
    await expect(paginator.paginate({}, { abortSignal: AbortSignal.abort() }).search('Items[]').toArray()).rejects.toBeInstanceOf(AbortError);
    expect(calls).toEqual([]);
  });
});
