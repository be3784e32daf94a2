import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { DataNotFoundError, UnknownServiceError } from '../../../src/errors';
import { ModelLoader, builtinDataPaths, defaultSearchPaths, getDefaultLoader } from '../../../src/models/loader';
import { ServiceModel } from '../../../src/models/service-model';

function serviceDoc(apiVersion: string, marker: string): Record<string, unknown> {
  return {
    version: '2.0',
    metadata: { apiVersion, endpointPrefix: 'widgets', protocol: 'json', serviceId: 'Widgets', marker },
    operations: { ListWidgets: { name: 'ListWidgets', http: { method: 'POST', requestUri: '/' } } },
    shapes: {},
  };
}

function writeJson(file: string, data: unknown, gzip = false): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = JSON.stringify(data);
  if (gzip) fs.writeFileSync(`${file}.json.gz`, zlib.gzipSync(text));
  else fs.writeFileSync(`${file}.json`, text);
}

function metaMarker(model: unknown): unknown {
  return (model as { metadata: { marker: unknown } }).metadata.marker;
}

describe('ModelLoader with temporary data folders', () => {
  let tmp: string;
  let first: string;
  let second: string;

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-loader-'));
    first = path.join(tmp, 'first');
    second = path.join(tmp, 'second');
    // Two versions in `second`, the newest gzipped; `first` shadows only the older one.
    writeJson(path.join(second, 'widgets', '2020-01-01', 'service-2'), serviceDoc('2020-01-01', 'second-old'));
    writeJson(path.join(second, 'widgets', '2021-06-30', 'service-2'), serviceDoc('2021-06-30', 'second-new'), true);
    writeJson(path.join(second, 'widgets', '2021-06-30', 'paginators-1'), { pagination: {} });
    writeJson(path.join(first, 'widgets', '2020-01-01', 'service-2'), serviceDoc('2020-01-01', 'first-old'));
    writeJson(path.join(second, 'gadgets', '2019-01-01', 'service-2'), serviceDoc('2019-01-01', 'gadgets'));
    writeJson(path.join(second, 'endpoints'), { partitions: ['from-second'] });
    writeJson(path.join(first, 'endpoints'), { partitions: ['from-first'] }, true);
  });

  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const loaderFor = (...paths: string[]) => new ModelLoader({ searchPaths: paths, includeDefaultPaths: false });

  it('lists services and versions across every search folder', () => {
    const loader = loaderFor(first, second);
    expect(loader.listAvailableServices()).toEqual(['gadgets', 'widgets']);
    expect(loader.listAvailableServices('paginators-1')).toEqual(['widgets']);
    expect(loader.listApiVersions('widgets', 'service-2')).toEqual(['2020-01-01', '2021-06-30']);
    expect(loader.listApiVersions('widgets', 'waiters-2')).toEqual([]);
    expect(loader.hasModel('widgets', 'paginators-1')).toBe(true);
    expect(loader.hasModel('widgets', 'waiters-2')).toBe(false);
    expect(loader.hasModel('nothing', 'service-2')).toBe(false);
  });

  it('loads the newest apiVersion by default, reading .json.gz', () => {
    const loader = loaderFor(first, second);
    expect(metaMarker(loader.loadServiceModel('widgets', 'service-2'))).toBe('second-new');
  });

  it('loads an explicit apiVersion from the first folder that has it', () => {
    expect(metaMarker(loaderFor(first, second).loadServiceModel('widgets', 'service-2', '2020-01-01'))).toBe('first-old');
    expect(metaMarker(loaderFor(second, first).loadServiceModel('widgets', 'service-2', '2020-01-01'))).toBe('second-old');
  });

  it('loads top-level data files in search order, .json.gz included', () => {
    expect(loaderFor(first, second).loadData('endpoints')).toEqual({ partitions: ['from-first'] });
    expect(loaderFor(second, first).loadData('endpoints')).toEqual({ partitions: ['from-second'] });
    expect(loaderFor(first, second).loadData('widgets/2020-01-01/service-2')).toMatchObject({ metadata: { marker: 'first-old' } });
  });

  it('parses each file once and returns the cached object', () => {
    const loader = loaderFor(first, second);
    const a = loader.loadServiceModel('widgets', 'service-2');
    fs.rmSync(path.join(second, 'widgets', '2021-06-30', 'service-2.json.gz'));
    expect(loader.loadServiceModel('widgets', 'service-2')).toBe(a);
    loader.clearCache();
    expect(metaMarker(loader.loadServiceModel('widgets', 'service-2'))).toBe('first-old');
  });

  it('throws UnknownServiceError naming close matches', () => {
    const loader = loaderFor(first, second);
    let caught: unknown;
    try {
      loader.loadServiceModel('widget', 'service-2');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnknownServiceError);
    expect((caught as UnknownServiceError).closeMatches).toContain('widgets');
    expect((caught as Error).message).toMatch(/Unknown service: 'widget'.*'widgets'/);
    expect(() => loader.loadServiceModel('widget', 'paginators-1')).toThrow(UnknownServiceError);
    expect(() => loader.loadServiceModelObject('widget')).toThrow(UnknownServiceError);
  });

  it('throws DataNotFoundError for a missing file of a known service', () => {
    const loader = loaderFor(first, second);
    expect(() => loader.loadServiceModel('widgets', 'waiters-2')).toThrow(DataNotFoundError);
    expect(() => loader.loadServiceModel('widgets', 'service-2', '1999-01-01')).toThrow(DataNotFoundError);
    expect(() => loader.loadServiceModel('widgets', 'service-2', '..')).toThrow(DataNotFoundError);
    expect(() => loader.loadData('nope')).toThrow(DataNotFoundError);
    expect(() => loader.loadData('../first/endpoints')).toThrow(DataNotFoundError);
    // No segment may name a parent, be empty, or hide a separator or NUL.
    expect(loader.findFile('widgets/2020-01-01/service-2')).toBeDefined();
    for (const name of ['widgets/../widgets/2020-01-01/service-2', 'widgets//2020-01-01/service-2', 'widgets/2020-01-01/.\\service-2', 'widgets/2020-01-01/service-2\0']) {
      expect(loader.findFile(name)).toBeUndefined();
    }
    expect(() => loader.loadServiceModel('wid\0gets', 'service-2')).toThrow(UnknownServiceError);
    expect(() => loader.loadServiceModel('widgets', 'service-2', '2020-01-01\\')).toThrow(DataNotFoundError);
  });

  it('merges <type>.sdk-extras.json as botocore does, without touching the file cache', () => {
    const dir = path.join(second, 'gadgets', '2019-01-01');
    writeJson(path.join(dir, 'service-2.sdk-extras'), {
      version: 1.0,
      merge: { metadata: { serviceId: 'Gadgets', extra: true }, operations: { X: { name: 'X' } } },
    });
    const loader = loaderFor(second);
    const merged = loader.loadServiceModel('gadgets', 'service-2') as Record<string, Record<string, unknown>>;
    expect(merged.metadata).toMatchObject({ serviceId: 'Gadgets', extra: true, marker: 'gadgets', apiVersion: '2019-01-01' });
    expect(Object.keys(merged.operations)).toEqual(['ListWidgets', 'X']);
    const raw = loader.loadData('gadgets/2019-01-01/service-2') as Record<string, Record<string, unknown>>;
    expect(raw.metadata.serviceId).toBe('Widgets');
  });

  it('builds one ServiceModel per service and version', () => {
    const loader = loaderFor(first, second);
    const model = loader.loadServiceModelObject('widgets');
    expect(model).toBeInstanceOf(ServiceModel);
    expect(model.serviceName).toBe('widgets');
    expect(model.apiVersion).toBe('2021-06-30');
    expect(loader.loadServiceModelObject('widgets')).toBe(model);
    expect(loader.loadServiceModelObject('widgets', '2020-01-01').apiVersion).toBe('2020-01-01');
  });
});

describe('search path from the environment', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-env-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('puts BOTOJS_DATA_PATH, then AWS_DATA_PATH, then ~/.botojs/models, then the package', () => {
    const env = {
      BOTOJS_DATA_PATH: ['/b1', '/b2'].join(path.delimiter),
      AWS_DATA_PATH: ['/a1', '$HOMEISH/a2'].join(path.delimiter),
      HOMEISH: '/h',
    };
    expect(defaultSearchPaths(env)).toEqual([
      path.resolve('/b1'),
      path.resolve('/b2'),
      path.resolve('/a1'),
      path.resolve('/h/a2'),
      path.join(os.homedir(), '.botojs', 'models'),
      ...builtinDataPaths(),
    ]);
  });

  it('lets BOTOJS_DATA_PATH shadow AWS_DATA_PATH and the shipped models', () => {
    const botojs = path.join(tmp, 'botojs');
    const aws = path.join(tmp, 'aws');
    writeJson(path.join(botojs, 's3', '2006-03-01', 'service-2'), serviceDoc('2006-03-01', 'botojs-path'));
    writeJson(path.join(aws, 's3', '2006-03-01', 'service-2'), serviceDoc('2006-03-01', 'aws-path'), true);
    writeJson(path.join(aws, 'partitions'), { from: 'aws-path' });
    const loader = new ModelLoader({ env: { BOTOJS_DATA_PATH: botojs, AWS_DATA_PATH: aws } });
    expect(metaMarker(loader.loadServiceModel('s3', 'service-2'))).toBe('botojs-path');
    expect(loader.loadData('partitions')).toEqual({ from: 'aws-path' });
    const awsOnly = new ModelLoader({ env: { AWS_DATA_PATH: aws } });
    expect(metaMarker(awsOnly.loadServiceModel('s3', 'service-2'))).toBe('aws-path');
    // Services not in the user folders still come from the package.
    expect(awsOnly.hasModel('sqs', 'service-2')).toBe(true);
  });

  it('finds a newer apiVersion in a user folder before the shipped one', () => {
    const aws = path.join(tmp, 'aws');
    writeJson(path.join(aws, 'sqs', '2099-01-01', 'service-2'), serviceDoc('2099-01-01', 'future'));
    const loader = new ModelLoader({ env: { AWS_DATA_PATH: aws } });
    expect(loader.listApiVersions('sqs', 'service-2')).toEqual(['2012-11-05', '2099-01-01']);
    expect(metaMarker(loader.loadServiceModel('sqs', 'service-2'))).toBe('future');
  });
});

describe('the shipped models', () => {
  const loader = getDefaultLoader();

  it('is one process-wide loader', () => {
    expect(getDefaultLoader()).toBe(loader);
  });

  it('lists the imported services and the boto3 resource models', () => {
    const services = loader.listAvailableServices('service-2');
    expect(services.length).toBeGreaterThan(400);
    expect(services).toEqual(expect.arrayContaining(['s3', 'ec2', 'dynamodb', 'sts', 'lambda']));
    expect(loader.listAvailableServices('resources-1')).toEqual(
      ['cloudformation', 'cloudwatch', 'dynamodb', 'ec2', 'glacier', 'iam', 's3', 'sns', 'sqs'],
    );
  });

  it('loads s3 with its paginators, waiters, rule set and resources', () => {
    const s3 = loader.loadServiceModelObject('s3');
    expect(s3.apiVersion).toBe('2006-03-01');
    expect(s3.metadata.protocol).toBe('rest-xml');
    expect(s3.operationIndex.resolve('listObjectsV2')).toBe('ListObjectsV2');
    expect(loader.loadServiceModel('s3', 'paginators-1')).toHaveProperty('pagination.ListObjectsV2');
    expect(loader.loadServiceModel('s3', 'waiters-2')).toHaveProperty('waiters.BucketExists');
    expect(loader.loadServiceModel('s3', 'endpoint-rule-set-1')).toHaveProperty('rules');
    expect(loader.loadServiceModel('s3', 'resources-1')).toHaveProperty('resources.Bucket');
  });

  it('has the top-level data files and a SOURCE record', () => {
    expect(loader.loadData('partitions')).toHaveProperty('partitions');
    expect(loader.loadData('endpoints')).toHaveProperty('partitions');
    expect(loader.loadData('_retry')).toHaveProperty('retry');
    expect(loader.loadData('sdk-default-configuration')).toHaveProperty('base');
    expect(loader.loadData('SOURCE')).toMatchObject({ botocoreVersion: expect.any(String) });
  });

  it('suggests close names for a typo', () => {
    expect(() => loader.loadServiceModel('dynamodbb', 'service-2')).toThrow(/Did you mean: 'dynamodb'/);
  });
});
