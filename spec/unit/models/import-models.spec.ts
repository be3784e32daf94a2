import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import {
  importResources,
  importServices,
  protectNumbers,
  stringifyExact,
  stripDocs,
} from '../../../scripts/import-models';
import { ModelLoader } from '../../../src/models/loader';

describe('stripDocs', () => {
  it('drops documentation keys at every depth', () => {
    const input = {
      documentation: 'top',
      metadata: { documentationUrl: 'u', apiVersion: '1' },
      operations: { Op: { name: 'Op', documentation: 'd', input: { shape: 'In', documentation: 'ref doc' } } },
      shapes: { In: { type: 'structure', members: { A: { shape: 'S', documentation: 'x' } }, documentation: 'y' } },
    };
    expect(stripDocs(input)).toEqual({
      metadata: { apiVersion: '1' },
      operations: { Op: { name: 'Op', input: { shape: 'In' } } },
      shapes: { In: { type: 'structure', members: { A: { shape: 'S' } } } },
    });
  });

  it('keeps members and shapes that are named documentation (launch-wizard)', () => {
    const input = {
      shapes: {
        documentation: { type: 'string' },
        W: { type: 'structure', members: { documentationUrl: { shape: 'documentation', documentation: 'the doc' } } },
      },
    };
    expect(stripDocs(input)).toEqual({
      shapes: {
        documentation: { type: 'string' },
        W: { type: 'structure', members: { documentationUrl: { shape: 'documentation' } } },
      },
    });
  });
});

describe('exact number round trip', () => {
  it('keeps literals a double would change, and leaves strings alone', () => {
    const text = '{"max":9223372036854775807,"min":1.0,"n":5,"neg":-2.50,"e":1e3,"s":"1.0 \\" 2.0","a":[0.5,10]}';
    expect(stringifyExact(JSON.parse(protectNumbers(text)))).toBe(text);
  });

  it('does not touch text with no such literal', () => {
    const text = '{"a":1,"b":[2,3.5],"c":"9223372036854775807"}';
    expect(protectNumbers(text)).toBe(text);
  });
});

describe('importServices / importResources on a botocore-shaped folder', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-import-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function put(rel: string, data: unknown, gzip = false): void {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = typeof data === 'string' ? data : JSON.stringify(data);
    fs.writeFileSync(file, gzip ? zlib.gzipSync(text) : text);
  }

  it('keeps the newest version, strips docs, merges extras and copies top-level files', () => {
    const svc = (v: string) => ({
      metadata: { apiVersion: v, protocol: 'json', serviceId: 'W' },
      documentation: 'gone',
      operations: {},
      shapes: { N: { type: 'long', max: 1 } },
    });
    put('botocore/widgets/2020-01-01/service-2.json.gz', svc('2020-01-01'), true);
    // Hand-written text so the big literal reaches the importer exactly as botocore ships it.
    put(
      'botocore/widgets/2021-01-01/service-2.json.gz',
      '{"metadata":{"apiVersion":"2021-01-01","protocol":"json","serviceId":"W"},"documentation":"gone",' +
        '"operations":{},"shapes":{"N":{"type":"long","max":9223372036854775807,"documentation":"d"}}}',
      true,
    );
    put('botocore/widgets/2021-01-01/service-2.sdk-extras.json', { version: 1.0, merge: { metadata: { extra: 1 } } });
    put('botocore/widgets/2021-01-01/paginators-1.json', { pagination: { A: { input_token: 'x' } } });
    put('botocore/widgets/2021-01-01/paginators-1.sdk-extras.json', { merge: { pagination: { A: { non_aggregate_keys: ['K'] } } } });
    put('botocore/widgets/2021-01-01/waiters-2.json', { version: 2, waiters: {} });
    put('botocore/widgets/2021-01-01/endpoint-rule-set-1.json.gz', { version: '1.0', rules: [], parameters: { R: { documentation: 'kept' } } }, true);
    put('botocore/widgets/2021-01-01/examples-1.json', { examples: {} });
    put('botocore/notaservice/README.txt', 'no models here');
    for (const name of ['partitions', 'endpoints', '_retry', 'sdk-default-configuration']) put(`botocore/${name}.json`, { name });
    put('boto3/widgets/2019-01-01/resources-1.json', { service: { old: true } });
    put('boto3/widgets/2021-01-01/resources-1.json', { service: { actions: {} }, resources: {} });

    const out = path.join(tmp, 'out');
    const stats = importServices(path.join(tmp, 'botocore'), path.join(out, 'service-models'));
    const rstats = importResources(path.join(tmp, 'boto3'), path.join(out, 'resource-models'));
    expect(stats.services).toBe(1);
    expect(rstats.services).toBe(1);

    const dir = path.join(out, 'service-models', 'widgets');
    expect(fs.readdirSync(dir)).toEqual(['2021-01-01']);
    expect(fs.readdirSync(path.join(dir, '2021-01-01')).sort()).toEqual(
      ['endpoint-rule-set-1.json', 'paginators-1.json', 'service-2.json', 'waiters-2.json'],
    );
    const service2 = fs.readFileSync(path.join(dir, '2021-01-01', 'service-2.json'), 'utf8');
    // The line layout (src/models/line-layout.ts): one shape per line, read lazily at run time.
    expect(service2).toBe(
      '{"metadata":{"apiVersion":"2021-01-01","protocol":"json","serviceId":"W","extra":1},\n' +
        '"operations":{\n},\n"shapes":{\n"N":{"type":"long","max":9223372036854775807}\n}}',
    );

    // The loader reads the imported tree like any botocore data folder.
    const loader = new ModelLoader({
      searchPaths: [path.join(out, 'service-models'), path.join(out, 'resource-models')],
      includeDefaultPaths: false,
    });
    expect(loader.loadServiceModel('widgets', 'paginators-1')).toEqual({
      pagination: { A: { input_token: 'x', non_aggregate_keys: ['K'] } },
    });
    expect(loader.loadServiceModel('widgets', 'endpoint-rule-set-1')).toHaveProperty('parameters.R.documentation', 'kept');
    expect(loader.loadServiceModel('widgets', 'resources-1')).toEqual({ service: { actions: {} }, resources: {} });
    expect(loader.loadData('_retry')).toEqual({ name: '_retry' });
    // Derived from endpoints.json (which has no partitions here): see src/endpoints/legacy-endpoint.ts.
    expect(loader.loadData('endpoints-signing-names')).toEqual({ prefixes: [] });
    expect(loader.listAvailableServices()).toEqual(['widgets']);
  });
});
