/**
 * `help(resource)`: a REPL-friendly description of a resource, a collection or a client, built
 * from the models: identifiers, attributes (with their shape types), actions with the params
 * the caller still supplies, sub-resources, references, collections (filters, batch actions)
 * and waiters. `describeResourceHelp` is what src/help.ts asks (undefined for non-resources).
 */
import { inspect } from 'util';
import type { ServiceModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import { ResourceCollection } from './collection';
import { classOf, isResource, resourceRepr } from './instance';
import type { ActionModel, RawParam } from './model';
import { methodSignature } from '../util/method-docs';

/** Input members of `operation` that the model's params do not fill, required ones marked `*`. */
function callerParams(service: ServiceModel, operation: string | undefined, filled: readonly RawParam[] | undefined): string {
  if (!operation || !service.hasOperation(operation)) return '';
  const input: Shape | undefined = service.operation(operation).input;
  if (!input) return '';
  const taken = new Set((filled ?? []).filter((p) => p.source !== 'input').map((p) => p.target.split(/[.[]/)[0]));
  const required = new Set(input.required);
  const names = input.memberNames.filter((n) => !taken.has(n)).map((n) => (required.has(n) ? `${n}*` : n));
  return names.length ? `{ ${names.join(', ')} }` : '';
}

function section(title: string, lines: string[]): string[] {
  return lines.length ? [`  ${title}:`, ...lines.map((l) => `    ${l}`)] : [];
}

function resourceHelp(target: object): string {
  const cls = classOf(target as never);
  const model = cls.model;
  const service = (target as { meta: { client: { meta: { serviceModel: ServiceModel } } } }).meta.client.meta.serviceModel;
  const shape = model.shapeName ? service.shape(model.shapeName) : undefined;
  const byKind = (k: string) => cls.keys.filter((n) => cls.kinds.get(n) === k);
  const out = [resourceRepr(target as never)];
  out.push(...section('Identifiers', cls.identifiers.map((i) => `${i.name}  (${i.modelName})`)));
  const attrLines = shape ? model.attributes(shape).filter((a) => cls.kinds.get(a.name) === 'attribute').map((a) => `${a.name}: ${a.shape.type}  (${a.memberName})`) : [];
  out.push(...section('Attributes', attrLines));
  const actionLine = (a: ActionModel) => {
    const params = callerParams(service, a.request?.operation, a.request?.params);
    const returns = a.resource ? ` -> ${cls.serviceName}.${a.resource.type}${a.resource.path?.includes('[]') ? '[]' : ''}` : '';
    return `${a.name}(${params ? `params?: ${params}` : 'params?'})  ${a.request?.operation ?? ''}${returns}`;
  };
  const actions = model.actions.filter((a) => cls.kinds.get(a.name) === 'action').map(actionLine);
  if (cls.hasLoad) actions.unshift(`${cls.kinds.has('reload') ? 'load() / reload()' : 'load()'}  ${model.load?.request?.operation ?? '(customized)'}`);
  out.push(...section('Actions', actions));
  out.push(
    ...section(
      'Sub-resources',
      model.subresources.map((s) => {
        const args = (s.resource?.identifiers ?? []).filter((i) => i.source === 'input').map((i) => i.target);
        return `${s.name}(${args.join(', ')}) -> ${cls.serviceName}.${s.resource?.type}`;
      }),
    ),
  );
  out.push(...section('References', model.references.map((r) => `${r.name} -> ${cls.serviceName}.${r.resource?.type} | null`)));
  out.push(
    ...section(
      'Collections',
      model.collections.map((c) => {
        const filters = callerParams(service, c.request?.operation, c.request?.params);
        const item = c.resource?.type ?? '';
        const batch = Object.keys(model.resourceDefs[item]?.batchActions ?? {});
        return `${c.name} -> ${cls.serviceName}.${item}  ${c.request?.operation ?? ''}${filters ? ` filter: ${filters}` : ''}${batch.length ? `  batch: ${batch.map((b) => `${b.charAt(0).toLowerCase()}${b.slice(1)}()`).join(', ')}` : ''}`;
      }),
    ),
  );
  out.push(...section('Waiters', model.waiters.map((w) => `${w.name}(params?)  waiter ${w.waiterName}`)));
  // Members customizations add (S3 transfers, a Table's batchWriter), with their signatures.
  const members = target as Record<string, unknown>;
  out.push(...section('Other methods (help(resource.<name>) describes one)', byKind('custom').map((n) => methodSignature(members[n]) ?? n)));
  out.push('  Loads, actions and waiters take { abortSignal } after their params: load({}, { abortSignal })');
  return out.join('\n');
}

/** The help text of a resource or a collection; undefined for anything else (a help describer). */
export function describeResourceHelp(target: unknown): string | undefined {
  return isResource(target) || target instanceof ResourceCollection ? resourceHelpText(target) : undefined;
}

/** The help text for a resource or a collection (anything else: its inspect() form). */
export function resourceHelpText(target: unknown): string {
  if (isResource(target)) return resourceHelp(target);
  if (target instanceof ResourceCollection) {
    const methods = [
      'all()',
      'filter(params)',
      'limit(n)',
      'pageSize(n)',
      'withOptions({ abortSignal })  (every request of the iteration carries it)',
      'pages(options?)',
      'toArray(options?)  (every item, with the same limits as iterating)',
      ...target.batchActionNames.map((k) => `${k}(params?, options?)  (batch action: acts on every item the collection lists)`),
    ];
    return [inspect(target), ...section('Methods', methods), `  Iterate with: for await (const item of collection) ...`].join('\n');
  }
  return inspect(target);
}
