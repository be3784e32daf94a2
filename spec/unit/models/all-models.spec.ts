/**
 * Whole-model checks over every shipped model: each file parses, every shape reference
 * resolves, and the camelCase surface has no collisions. Problems are collected per check so
 * one failure lists every offending service at once.
 */
import * as fs from 'fs';
import { ModelLoader, builtinDataPaths } from '../../../src/models/loader';
import { canonicalName, NameIndex } from '../../../src/models/naming';
import { RawServiceModel } from '../../../src/models/service-model';
import { RawShape, ShapeRef } from '../../../src/models/shape';
import { PROBED_NAMES } from '../../../src/util/spelling';

const loader = new ModelLoader({ searchPaths: builtinDataPaths(), includeDefaultPaths: false });
const services = loader.listAvailableServices('service-2');
const raw = new Map<string, RawServiceModel>(
  services.map((s) => [s, loader.loadServiceModel(s, 'service-2') as RawServiceModel]),
);

function refsOf(shape: RawShape): Array<[string, ShapeRef | undefined]> {
  const refs: Array<[string, ShapeRef | undefined]> = [];
  for (const [name, ref] of Object.entries(shape.members ?? {})) refs.push([`members.${name}`, ref]);
  if (shape.type === 'list') refs.push(['member', shape.member]);
  if (shape.type === 'map') refs.push(['key', shape.key], ['value', shape.value]);
  return refs;
}

describe('every shipped service model', () => {
  it('ships the whole botocore set', () => {
    expect(services.length).toBeGreaterThanOrEqual(400);
  });

  it('reads each service-2.json (head and operations first, shapes on first use) back equal to JSON.parse of the file', () => {
    const differ: string[] = [];
    for (const service of services) {
      const versions = loader.listApiVersions(service);
      const file = loader.findFile(`${service}/${versions[versions.length - 1]}/service-2`) as string;
      const fresh = new ModelLoader({ searchPaths: builtinDataPaths(), includeDefaultPaths: false }).loadServiceModel(service, 'service-2');
      if (JSON.stringify(fresh) !== JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')))) differ.push(service);
    }
    expect(differ).toEqual([]);
  });

  it('has metadata naming its apiVersion, protocol and serviceId', () => {
    const problems: string[] = [];
    for (const [service, model] of raw) {
      const m = model.metadata;
      if (!m) {
        problems.push(`${service}: no metadata`);
        continue;
      }
      if (loader.listApiVersions(service, 'service-2').at(-1) !== m.apiVersion) problems.push(`${service}: apiVersion ${m.apiVersion}`);
      if (typeof m.protocol !== 'string') problems.push(`${service}: no protocol`);
      if (typeof m.serviceId !== 'string') problems.push(`${service}: no serviceId`);
    }
    expect(problems).toEqual([]);
  });

  it('resolves every shape reference (members, member, key, value, input, output, errors)', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [service, model] of raw) {
      const shapes = model.shapes ?? {};
      const check = (where: string, ref: ShapeRef | undefined): void => {
        checked++;
        if (!ref || typeof ref.shape !== 'string') problems.push(`${service}: ${where} has no shape`);
        else if (!Object.prototype.hasOwnProperty.call(shapes, ref.shape)) problems.push(`${service}: ${where} -> ${ref.shape}`);
      };
      for (const [name, shape] of Object.entries(shapes)) {
        if (typeof shape.type !== 'string') problems.push(`${service}: shape ${name} has no type`);
        for (const [where, ref] of refsOf(shape)) check(`${name}.${where}`, ref);
      }
      for (const [name, op] of Object.entries(model.operations ?? {})) {
        if (op.input) check(`${name}.input`, op.input);
        if (op.output) check(`${name}.output`, op.output);
        (op.errors ?? []).forEach((e, i) => check(`${name}.errors[${i}]`, e));
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('has no two operations with the same canonical name', () => {
    const problems: string[] = [];
    for (const [service, model] of raw) {
      try {
        const index = new NameIndex(Object.keys(model.operations ?? {}), `${service} operation`);
        for (const name of Object.keys(model.operations ?? {})) {
          if (index.resolve(name) !== name) problems.push(`${service}: ${name} does not resolve to itself`);
          // NameIndex keys operations by their model names alone: sound only while a canonical
          // name always has its model name's lookup key.
          if (index.resolve(canonicalName(name)) !== name) problems.push(`${service}: ${canonicalName(name)} does not resolve to ${name}`);
        }
        // A client answers the names tools probe (then, toJSON, ...) before looking up operations.
        for (const probe of PROBED_NAMES) if (index.resolve(probe) !== undefined) problems.push(`${service}: operation ${index.resolve(probe)} is spelled like the probe '${probe}'`);
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    expect(problems).toEqual([]);
  });

  it('builds a ServiceModel whose operations and shapes resolve lazily', () => {
    const problems: string[] = [];
    for (const service of ['s3', 'ec2', 'dynamodb', 'sqs', 'lambda', 'sts', 'iam', 'kinesis', 'bedrock-runtime']) {
      const model = loader.loadServiceModelObject(service);
      for (const name of model.operationNames) {
        const op = model.operation(name);
        try {
          void op.input;
          void op.output;
          void op.errors;
        } catch (err) {
          problems.push(`${service}.${name}: ${(err as Error).message}`);
        }
      }
      if (model.operationIndex.canonical.length !== model.operationNames.length) problems.push(`${service}: index size`);
    }
    expect(problems).toEqual([]);
  });
});

describe('every shipped paginator and waiter model', () => {
  it('names only operations the service has, with collision-free waiter names', () => {
    const problems: string[] = [];
    let paginators = 0;
    let waiters = 0;
    for (const [service, model] of raw) {
      const ops = model.operations ?? {};
      if (loader.hasModel(service, 'paginators-1')) {
        const doc = loader.loadServiceModel(service, 'paginators-1') as { pagination?: Record<string, unknown> };
        for (const op of Object.keys(doc.pagination ?? {})) {
          paginators++;
          if (!(op in ops)) problems.push(`${service}: paginator for missing operation ${op}`);
        }
      }
      if (loader.hasModel(service, 'waiters-2')) {
        const doc = loader.loadServiceModel(service, 'waiters-2') as { waiters?: Record<string, { operation?: string }> };
        const names = Object.keys(doc.waiters ?? {});
        waiters += names.length;
        for (const [name, w] of Object.entries(doc.waiters ?? {})) {
          if (!w.operation || !(w.operation in ops)) problems.push(`${service}: waiter ${name} -> ${w.operation}`);
        }
        try {
          void new NameIndex(names, `${service} waiter`);
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(paginators).toBeGreaterThan(1000);
    expect(waiters).toBeGreaterThan(100);
  });

  it('has an endpoint rule set for every service', () => {
    const missing = services.filter((s) => !loader.hasModel(s, 'endpoint-rule-set-1'));
    expect(missing).toEqual([]);
  });
});

interface RawResourceAction {
  request?: { operation?: string };
}
interface RawResourceDef {
  actions?: Record<string, RawResourceAction>;
  batchActions?: Record<string, RawResourceAction>;
  waiters?: Record<string, unknown>;
  has?: Record<string, unknown>;
  hasMany?: Record<string, { request?: { operation?: string } }>;
  load?: { request?: { operation?: string } };
}

describe('every shipped resource model', () => {
  it('calls only operations the service has, with collision-free names per resource', () => {
    const problems: string[] = [];
    const resourceServices = loader.listAvailableServices('resources-1');
    expect(resourceServices).toHaveLength(9);
    for (const service of resourceServices) {
      const ops = raw.get(service)?.operations ?? {};
      const doc = loader.loadServiceModel(service, 'resources-1') as {
        service: RawResourceDef;
        resources: Record<string, RawResourceDef>;
      };
      const defs: Array<[string, RawResourceDef]> = [['service', doc.service], ...Object.entries(doc.resources ?? {})];
      for (const [rname, def] of defs) {
        const requests = [
          ...Object.values(def.actions ?? {}).map((a) => a.request?.operation),
          ...Object.values(def.batchActions ?? {}).map((a) => a.request?.operation),
          ...Object.values(def.hasMany ?? {}).map((c) => c.request?.operation),
          def.load?.request?.operation,
        ];
        for (const op of requests) if (op !== undefined && !(op in ops)) problems.push(`${service}.${rname}: ${op}`);
        const names = [
          ...Object.keys(def.actions ?? {}),
          ...Object.keys(def.has ?? {}),
          ...Object.keys(def.hasMany ?? {}),
        ];
        try {
          void new NameIndex(names, `${service}.${rname} member`);
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
