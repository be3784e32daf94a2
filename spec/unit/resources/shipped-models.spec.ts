/**
 * Every shipped resource model, end to end without a network: each resource class builds, each
 * action/collection/waiter/load names an operation (or waiter) the service model has, each
 * reference and sub-resource names a resource type, each attribute shape exists, and every
 * param target and response path parses. Fails naming the first thing that does not resolve.
 */
import { Session } from '../../../src';
import { classOf, resourceFactoryFor } from '../../../src/resources';
import type { Resource } from '../../../src/resources';
import { parseExpression } from '../../../src/paginate/expression';

const session = new Session({ awsAccessKeyId: 'k', awsSecretAccessKey: 's', regionName: 'us-east-1', env: {} });
const services = session.getAvailableResources();

describe('shipped resource models', () => {
  it('ships the nine resource models', () => {
    expect(services).toEqual(['cloudformation', 'cloudwatch', 'dynamodb', 'ec2', 'glacier', 'iam', 's3', 'sns', 'sqs']);
  });

  describe.each(services)('%s', (serviceName) => {
    it('builds every resource and resolves every operation, waiter, reference and collection', () => {
      const service = session.resource(serviceName, { endpointUrl: 'http://127.0.0.1:1' });
      const client = service.meta.client;
      const model = client.meta.serviceModel;
      const doc = service.meta.resourceModel.resourceDefs;
      const problems: string[] = [];
      const check = (what: string, ok: boolean) => {
        if (!ok) problems.push(what);
      };
      const checkRequest = (where: string, req?: { operation: string; params?: Array<{ target: string; source: string; path?: string }> }) => {
        if (!req) return;
        check(`${where}: operation ${req.operation}`, model.hasOperation(req.operation));
        for (const p of req.params ?? []) {
          check(`${where}: param source ${p.source}`, ['identifier', 'data', 'string', 'integer', 'boolean', 'input'].includes(p.source));
          if (p.path) expect(() => parseExpression(p.path as string)).not.toThrow();
          if (model.hasOperation(req.operation)) {
            const top = p.target.split(/[.[]/)[0];
            check(`${where}: param target ${p.target} in ${req.operation} input`, model.operation(req.operation).input?.member(top) !== undefined);
          }
        }
      };
      const checkResource = (where: string, r?: { type: string; identifiers?: Array<{ path?: string; target: string }>; path?: string }) => {
        if (!r) return;
        check(`${where}: resource type ${r.type}`, r.type in doc);
        for (const i of (r.identifiers ?? []) as Array<{ path?: string; target: string; source?: string }>) {
          if (i.path) parseExpression(i.path);
          // Input identifiers are positional: their target names are documentation only.
          if (i.source === 'input') continue;
          const targetIds = (doc[r.type]?.identifiers ?? []).map((x) => x.name);
          check(`${where}: identifier target ${i.target} of ${r.type}`, targetIds.includes(i.target));
        }
        if (r.path) parseExpression(r.path);
      };

      // The service resource, then every resource type through its constructor on the service
      // (`ec2.KeyPair(...)` builds a KeyPairInfo: the model says so).
      const serviceSubs = classOf(service).model.subresources;
      const typeNames = new Set(serviceSubs.map((s) => s.resource?.type));
      const entries: Array<[string, string]> = [['ServiceResource', 'ServiceResource'], ...serviceSubs.map((s): [string, string] => [s.name, s.resource?.type as string])];
      // Types the service shadows with another (ec2 `KeyPair` -> KeyPairInfo, as in boto3) are built directly.
      for (const t of Object.keys(doc)) if (!typeNames.has(t)) entries.push([`(${t})`, t]);
      const factory = resourceFactoryFor(session, serviceName, model.apiVersion, client);
      for (const [name, typeName] of entries) {
        const ids = (doc[typeName]?.identifiers ?? []).map((i, n) => `${i.name}-${n}`);
        const instance: Resource =
          name === 'ServiceResource'
            ? service
            : name.startsWith('(')
              ? factory.construct(typeName, ids, client)
              : (service[name] as (...a: unknown[]) => Resource)(...ids);
        const cls = classOf(instance);
        const m = cls.model;
        const where = `${serviceName}.${name}`;
        check(`${where}: class name`, cls.className === `${serviceName}.${typeName}`);
        for (const id of cls.identifiers) check(`${where}: identifier ${id.name}`, typeof instance[id.name] === 'string');
        if (m.shapeName) check(`${where}: shape ${m.shapeName}`, (() => { try { model.shape(m.shapeName as string); return true; } catch { return false; } })());
        checkRequest(`${where}.load`, m.load?.request);
        for (const a of m.actions) {
          checkRequest(`${where}.${a.name}`, a.request);
          checkResource(`${where}.${a.name}`, a.resource);
          check(`${where}.${a.name} is a method`, typeof instance[a.name] === 'function');
        }
        for (const b of m.batchActions) checkRequest(`${where} batch ${b.name}`, b.request);
        for (const c of m.collections) {
          checkRequest(`${where}.${c.name}`, c.request);
          checkResource(`${where}.${c.name}`, c.resource);
          const coll = instance[c.name] as { all: () => unknown; batchActionNames: string[] };
          check(`${where}.${c.name} is a collection`, typeof coll.all === 'function');
        }
        for (const r of [...m.references, ...m.subresources]) checkResource(`${where}.${r.name}`, r.resource);
        for (const s of m.subresources) check(`${where}.${s.name} constructs`, typeof instance[s.name] === 'function');
        for (const w of m.waiters) {
          check(`${where}.${w.name}: waiter ${w.waiterName}`, client.waiterNames.includes(w.waiterName.charAt(0).toLowerCase() + w.waiterName.slice(1)));
          for (const p of w.params) check(`${where}.${w.name}: param ${p.source}`, p.source === 'identifier' || p.source === 'string');
        }
        const keys = Object.keys(instance);
        check(`${where}: Object.keys lists identifiers first`, cls.identifiers.every((id, i) => keys[i] === id.name));
        if (problems.length) break;
      }
      expect(problems.slice(0, 1)).toEqual([]);
    });
  });
});
