/**
 * Static proof over every shipped waiters-2.json: version 2, each waiter's operation exists,
 * every acceptor has a known matcher and state, and every `path*` argument parses as JMESPath.
 * The names need no collision check beyond WaiterModel's own (it throws on one).
 */
import { builtinDataPaths, ModelLoader } from '../../../src/models/loader';
import { Waiter, WaiterSpec } from '../../../src/waiters/waiter';
import { WaiterModel } from '../../../src/waiters/waiter-model';

const loader = new ModelLoader({ searchPaths: builtinDataPaths(), includeDefaultPaths: false });
const services = loader.listAvailableServices('waiters-2');

describe('every shipped waiters-2.json', () => {
  it('covers the botocore set', () => {
    expect(services.length).toBeGreaterThanOrEqual(150);
  });

  it('names existing operations and has acceptors that compile', () => {
    const problems: string[] = [];
    let acceptors = 0;
    for (const service of services) {
      for (const version of loader.listApiVersions(service, 'waiters-2')) {
        const where = `${service}/${version}`;
        let waiters: WaiterModel;
        try {
          waiters = new WaiterModel(loader.loadServiceModel(service, 'waiters-2', version));
        } catch (err) {
          problems.push(`${where}: ${(err as Error).message}`);
          continue;
        }
        const model = loader.loadServiceModelObject(service, version);
        for (const name of waiters.modelNames) {
          const spec = waiters.spec(name) as WaiterSpec;
          if (!model.hasOperation(spec.operation)) problems.push(`${where} ${name}: no operation ${spec.operation}`);
          if (!(spec.delay >= 0) || !(spec.maxAttempts >= 1)) problems.push(`${where} ${name}: delay/maxAttempts`);
          try {
            acceptors += new Waiter(name, spec, async () => ({})).acceptors.length;
          } catch (err) {
            problems.push(`${where} ${name}: ${(err as Error).message}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(acceptors).toBeGreaterThan(1000);
  });
});
