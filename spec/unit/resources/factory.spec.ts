/**
 * Resource classes from a tiny inline model (spec/unit/resources/fake-service.ts): identifiers,
 * attributes and loading, actions and their params, response resources, references,
 * sub-resources, waiters, renames, forgiving names, REPL surface and the customization hook.
 */
import { inspect } from 'util';
import { helpText, isResource, ResourceLoadError } from '../../../src';
import type { Resource } from '../../../src';
import { HierarchicalEmitter } from '../../../src/events/emitter';
import { classOf } from '../../../src/resources';
import type { CreatingResourceClassEvent } from '../../../src/resources';
import { fakeResources } from './fake-service';

const QUEUE = { Url: 'u1', QueueName: 'first', Size: 3, OwnerId: 'o-1', Purge: 'never' };

describe('resource classes from an inline model', () => {
  it('identifiers are plain properties and meta.identifiers; errors name missing/extra ones', () => {
    const { service } = fakeResources();
    const q = service.Queue('u1');
    expect(q.url).toBe('u1');
    expect(q.meta.identifiers).toEqual({ url: 'u1' });
    expect(q.meta.className).toBe('fake.Queue');
    expect(service.Queue({ url: 'u2' }).url).toBe('u2');
    expect(service.Queue({ Url: 'u3' }).url).toBe('u3');
    expect(() => service.Queue()).toThrow(new TypeError('fake.Queue() is missing required identifier: url'));
    expect(() => service.Queue('a', 'b')).toThrow(/fake\.Queue\(\) takes 1 identifier \(url\) but got 2/);
    expect(() => service.Queue({ nope: 1 })).toThrow(/unknown identifier 'nope'/);
    expect(() => {
      (q as Record<string, unknown>).url = 'x';
    }).toThrow(TypeError);
  });

  it('inspect, Object.keys, forgiving names, and collision renames as boto3', () => {
    const { service } = fakeResources();
    const q = service.Queue('u1');
    expect(inspect(q)).toBe("fake.Queue(url='u1')");
    expect(inspect(service)).toBe('fake.ServiceResource()');
    // The shape member `Purge` collides with the action `Purge`: boto3 renames it purge_attribute.
    expect(Object.keys(q)).toEqual([
      'url', 'queueName', 'size', 'created', 'ownerId', 'purgeAttribute', 'load', 'reload',
      'sendMessage', 'purge', 'Self', 'owner', 'self', 'waitUntilExists',
    ]);
    expect(Object.keys(service)).toEqual(['getQueue', 'Queue', 'Owner', 'queues', 'allQueues']);
    expect(q.send_message).toBe(q.sendMessage);
    expect(q.SendMessage).toBe(q.sendMessage);
    expect(q.wait_until_exists).toBe(q.waitUntilExists);
    expect(() => q.sendMesage).toThrow(/'fake.Queue' resource has no attribute 'sendMesage'. Did you mean: sendMessage/);
    expect(q.then).toBeUndefined(); // awaiting a resource is safe
    expect(isResource(q)).toBe(true);
    expect(JSON.stringify(q)).toBe('{"url":"u1"}');
  });

  it('unloaded attributes are a Promise that loads once; loaded ones are plain values', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }] });
    const q = service.Queue('u1');
    expect(q.meta.data).toBeNull();
    const a = q.queueName;
    const b = q.size;
    expect(a).toBeInstanceOf(Promise);
    expect(await Promise.all([a, b])).toEqual(['first', 3]);
    expect(calls).toEqual([['GetQueue', { QueueUrl: 'u1' }]]);
    expect(q.meta.data).toEqual(QUEUE); // load's path selects `Queue`
    expect(q.queueName).toBe('first');
    expect(q.purgeAttribute).toBe('never');
    await q.reload();
    expect(calls).toHaveLength(2);
  });

  it('actions send model params (identifier, string, data) under the caller params, and clear data', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }], SendMessage: [{ MessageId: 'm-1' }] });
    const q = service.Queue('u1');
    const id = await q.sendMessage({ Body: 'hi' }); // `data` source: loads first
    expect(id).toBe('m-1'); // the action's path
    expect(calls).toEqual([
      ['GetQueue', { QueueUrl: 'u1' }],
      ['SendMessage', { QueueUrl: 'u1', Kind: 'text', Owner: 'o-1', Body: 'hi' }],
    ]);
    expect(q.meta.data).toBeNull();
    await q.load();
    await q.sendMessage({ Kind: 'override' });
    expect(calls[3]).toEqual(['SendMessage', { QueueUrl: 'u1', Kind: 'override', Owner: 'o-1' }]);
  });

  it('resource actions build resources from request params and response paths, with data', async () => {
    const { service } = fakeResources({ GetQueue: [{ Queue: QUEUE }] });
    const q = await service.getQueue({ QueueUrl: 'u1' });
    expect(inspect(q)).toBe("fake.Queue(url='u1')");
    expect(q.meta.data).toEqual(QUEUE);
    expect(q.size).toBe(3);
  });

  it('references come from data (null when absent); sub-resources from identifiers, without requests', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: QUEUE }] });
    const q = service.Queue('u1');
    const owner = await q.owner; // unloaded: loads once, then resolves
    expect(inspect(owner)).toBe("fake.Owner(id='o-1')");
    expect(inspect(q.owner)).toBe("fake.Owner(id='o-1')"); // loaded: synchronous
    expect(calls).toHaveLength(1);
    q.meta.data = { Url: 'u1' };
    expect(q.owner).toBeNull();
    expect(inspect(q.Self())).toBe("fake.Queue(url='u1')");
    expect(inspect(q.self)).toBe("fake.Queue(url='u1')");
    expect(calls).toHaveLength(1);
    expect(() => service.Owner('x').meta).not.toThrow();
  });

  it('a resource without load says so', () => {
    const { service } = fakeResources();
    const o = service.Owner('x');
    expect(o.load).toBeUndefined();
    expect(classOf(o).hasLoad).toBe(false);
    expect('load' in o).toBe(false);
    expect(o.id).toBe('x');
  });

  it('waiters call the client waiter with identifier params', async () => {
    const { service, calls } = fakeResources({ GetQueue: [{ Queue: { Url: 'nope' } }, { Queue: QUEUE }] });
    await service.Queue('u1').waitUntilExists({ WaiterConfig: { Delay: 0 } });
    expect(calls).toEqual([
      ['GetQueue', { QueueUrl: 'u1' }],
      ['GetQueue', { QueueUrl: 'u1' }],
    ]);
  });

  it('creating-resource-class lets a customization add members (e.g. a load)', async () => {
    const events = new HierarchicalEmitter();
    events.register('creating-resource-class.fake.Owner', (payload) => {
      const e = payload as unknown as CreatingResourceClassEvent;
      e.classAttributes.load = {
        kind: 'load',
        descriptor: {
          value: async function (this: Resource) {
            this.meta.data = { Name: `owner ${this.id}` };
          },
        },
      };
    });
    const { service } = fakeResources({}, events);
    const o = service.Owner('x');
    expect(classOf(o).hasLoad).toBe(true);
    await o.load();
    expect(o.meta.data).toEqual({ Name: 'owner x' });
    expect(Object.keys(o)).toEqual(['id', 'load']);
  });

  it('help() lists the members with their params', () => {
    const { service } = fakeResources();
    const text = helpText(service.Queue('u1'));
    expect(text).toContain("fake.Queue(url='u1')");
    expect(text).toContain('sendMessage(params?: { Body })  SendMessage');
    expect(text).toContain('owner -> fake.Owner | null');
    expect(text).toContain('waitUntilExists(params?)  waiter QueueExists');
    expect(helpText(service)).toContain('queues -> fake.Queue  ListQueues filter: { Prefix, NextToken, MaxResults }  batch: delete()');
  });

  it('ResourceLoadError is exported for instanceof checks', () => {
    expect(new ResourceLoadError('x')).toBeInstanceOf(Error);
  });
});
