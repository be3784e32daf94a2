/**
 * Enumerating a resource never loads it: Object.keys, spreading, Object.entries, for...in,
 * util.inspect, console.log's formatting, JSON.stringify and jest's equality send nothing, and
 * a failed load rejects only the promise of the reader who asked for the attribute by name
 * (never an unhandled rejection, which is fatal under Node's defaults).
 */
import { format, inspect } from 'util';
import { ResourceLoadError } from '../../../src';
import type { Resource } from '../../../src';
import { fakeResources, RESOURCE_MODEL } from './fake-service';

const QUEUE = { Url: 'u1', QueueName: 'first', Size: 3, OwnerId: 'o-1', Purge: 'never' };

/** A queue whose GetQueue (its load) fails, and the list of GetQueue calls sent. */
function failingQueue(): { q: Resource; service: Resource; loads: unknown[] } {
  const { service, client } = fakeResources();
  const loads: unknown[] = [];
  (client as unknown as Record<string, unknown>).GetQueue = async (params: unknown) => {
    loads.push(params);
    throw new Error('GetQueue failed: AccessDenied');
  };
  return { q: service.Queue('u1'), service, loads };
}

/** Runs `fn`, lets the event loop turn so Node reports unhandled rejections, and returns them. */
async function unhandledRejectionsDuring(fn: () => unknown): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on('unhandledRejection', listener);
  try {
    await fn();
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.off('unhandledRejection', listener);
  }
  return seen;
}

describe('enumerating a resource never loads it', () => {
  it('Object.keys, spread, Object.entries, Object.assign, for...in send nothing and leak no rejection', async () => {
    const { q, loads } = failingQueue();
    const unhandled = await unhandledRejectionsDuring(() => {
      expect(Object.keys(q)).toContain('size');
      const spread = { ...q };
      const entries = Object.entries(q);
      const assigned = Object.assign({}, q);
      const forIn: string[] = [];
      for (const k in q) forIn.push(k);
      expect(Object.keys(spread)).toEqual(Object.keys(q));
      expect(entries.map(([k]) => k)).toEqual(Object.keys(q));
      expect(Object.keys(assigned)).toEqual(Object.keys(q));
      expect(forIn).toEqual(Object.keys(q));
    });
    expect(loads).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('util.inspect, console.log formatting and JSON.stringify send nothing', async () => {
    const { q, loads } = failingQueue();
    const unhandled = await unhandledRejectionsDuring(() => {
      expect(inspect(q)).toBe("fake.Queue(url='u1')");
      expect(inspect(q, { showHidden: true, depth: 5 })).toBe("fake.Queue(url='u1')");
      expect(inspect(q, { customInspect: false })).not.toMatch(/GetQueue/);
      expect(format('%o %O %j %s', q, q, q, q)).toContain('u1');
      expect(JSON.stringify(q)).toBe('{"url":"u1"}');
      expect(JSON.stringify({ ...q })).toContain('"url":"u1"');
      inspect({ ...q }, { depth: 3 });
    });
    expect(loads).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it("jest's equality reads members without loading", async () => {
    const { q, loads } = failingQueue();
    const unhandled = await unhandledRejectionsDuring(() => {
      expect(q).toEqual(expect.objectContaining({ url: 'u1' }));
      expect(q).not.toEqual({ url: 'u1' });
      expect({ ...q }).toMatchObject({ url: 'u1' });
    });
    expect(loads).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('spreading yields identifiers and loaded attributes as values; unloaded ones as promises not yet started', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }] });
    const q = service.Queue('u1');
    const unloaded = { ...q };
    expect(unloaded.url).toBe('u1');
    expect(unloaded.size).toBeInstanceOf(Promise);
    expect(calls).toEqual([]);
    // Awaiting the copied promise is reading the attribute: it loads (once).
    expect(await unloaded.size).toBe(3);
    expect(calls).toEqual([['GetQueue', { QueueUrl: 'u1' }]]);
    const loaded = { ...q };
    expect(loaded).toMatchObject({ url: 'u1', queueName: 'first', size: 3, ownerId: 'o-1', purgeAttribute: 'never' });
    expect(typeof loaded.sendMessage).toBe('function');
    expect(calls).toHaveLength(1);
  });

  it('an attribute read by name loads; a failed load rejects each reader once (one shared request) and leaks nothing', async () => {
    const { q, loads } = failingQueue();
    const unhandled = await unhandledRejectionsDuring(async () => {
      void { ...q };
      await expect(q.size).rejects.toThrow('GetQueue failed: AccessDenied');
      const results = await Promise.allSettled([q.size, q.queueName, q.owner]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    });
    expect(loads).toEqual([{ QueueUrl: 'u1' }, { QueueUrl: 'u1' }]);
    expect(unhandled).toEqual([]);
  });

  it('a reference that needs data is not resolved by enumeration', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }] });
    const q = service.Queue('u1');
    const copy = { ...q };
    expect(calls).toEqual([]);
    expect(inspect(await copy.owner)).toBe("fake.Owner(id='o-1')");
    expect(calls).toHaveLength(1);
  });

  it('a resource type without load: enumeration works; awaiting an attribute it lacks data for rejects', async () => {
    // `Summary` has the Queue shape's attributes but no load (as s3.ObjectSummary).
    const doc = { ...RESOURCE_MODEL, resources: { ...RESOURCE_MODEL.resources, Summary: { identifiers: [{ name: 'Url', memberName: 'Url' }], shape: 'Queue' } } };
    const { factory, client, calls } = fakeResources({}, undefined, doc);
    const summary = factory.construct('Summary', ['u1'], client);
    const unhandled = await unhandledRejectionsDuring(async () => {
      const copy = { ...summary };
      expect(copy.url).toBe('u1');
      expect(Object.keys(copy)).toEqual(['url', 'queueName', 'size', 'created', 'ownerId', 'purge']);
      expect(summary).toEqual(expect.objectContaining({ url: 'u1' }));
      await expect(summary.size).rejects.toThrow(new ResourceLoadError("fake.Summary has no load method, so 'size' is only known when the resource came with data (from a listing or an action's response)"));
    });
    expect(calls).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});

describe('collections and sub-resources are enumerated without requests', () => {
  it('the service resource, its collections and sub-resources', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }], ListQueues: [{ Queues: [QUEUE] }] });
    const unhandled = await unhandledRejectionsDuring(() => {
      const s = { ...service };
      expect(Object.keys(s)).toEqual(['getQueue', 'Queue', 'Owner', 'queues', 'allQueues']);
      const queues = service.queues.filter({ Prefix: 'a' });
      void { ...queues };
      void Object.entries(queues);
      expect(JSON.stringify(queues)).toBe('{}');
      expect(inspect(queues)).toMatch(/^fake\.ServiceResource\.queuesCollection\(fake\.ServiceResource\(\), fake\.Queue, filter=/);
      expect(queues).toEqual(expect.objectContaining({}));
      const q = service.Queue('u1');
      void { ...q.self };
      void Object.entries(q.Self());
    });
    expect(calls).toEqual([]);
    expect(unhandled).toEqual([]);
  });
});
