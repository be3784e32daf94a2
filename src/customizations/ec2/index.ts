/**
 * boto3's EC2 resource customizations (boto3/ec2/createtags.py, deletetags.py):
 *
 * - `ec2.createTags({ Resources, Tags })` on the service resource returns one Tag resource per
 *   (resource, tag) pair: the model's CreateTags action cannot say that it made several.
 * - `instance.deleteTags({ Tags })`: DeleteTags with `Resources: [instance.id]`.
 *
 * Both take the per-call options (`{ abortSignal }`) after their params, as every action does.
 */
import type { Client } from '../../client/proxy';
import type { CallOptions } from '../../pipeline/call-options';
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClassMember, CreatingResourceClassEvent, Resource } from '../../resources';

type Params = Record<string, unknown>;
interface TagSpec {
  Key?: unknown;
  Value?: unknown;
}

function method(name: string, fn: (this: Resource, params?: Params, options?: CallOptions) => Promise<unknown>): ClassMember {
  Object.defineProperty(fn, 'name', { value: name });
  return { kind: 'action', modelName: name.charAt(0).toUpperCase() + name.slice(1), descriptor: { value: fn, writable: false } };
}

const createTags = method('createTags', async function (this: Resource, params: Params = {}, options?: CallOptions) {
  const client = this.meta.client as Client;
  await client.createTags(params, options);
  const resources = (params.Resources as unknown[] | undefined) ?? [];
  const tags = (params.Tags as TagSpec[] | undefined) ?? [];
  return resources.flatMap((id) => tags.map((t) => this.Tag(id, t.Key, t.Value) as Resource));
});

const deleteTags = method('deleteTags', async function (this: Resource, params: Params = {}, options?: CallOptions) {
  return (this.meta.client as Client).deleteTags({ ...params, Resources: [this.meta.identifiers.id] }, options);
});

/** Registers the EC2 resource members on a session's events. */
export function installEc2(events: HierarchicalEmitter): void {
  events.register('creating-resource-class.ec2.ServiceResource', (payload) => {
    (payload as unknown as CreatingResourceClassEvent).classAttributes.createTags = createTags;
  });
  events.register('creating-resource-class.ec2.Instance', (payload) => {
    (payload as unknown as CreatingResourceClassEvent).classAttributes.deleteTags = deleteTags;
  });
}
