/**
 * The client's endpoint cache: one rule-set run per set of parameters; parameters the rule set
 * never reads (S3's Key) leave the key once the client has seen a few, so a workload of many
 * object keys is not a rule-set run per call.
 */
import * as path from 'path';
import { EndpointResolutionError } from '../../../src/errors';
import { compileRuleSet, resolveEndpoint } from '../../../src/endpoints';
import { ModelLoader } from '../../../src/models/loader';
import { cacheKey, EndpointCache, SCAN_AFTER_MISSES } from '../../../src/pipeline/endpoint-cache';

const partitions = {
  partitions: [{ id: 'aws', regionRegex: '^us\\-\\w+\\-\\d+$', regions: {}, outputs: { dnsSuffix: 'amazonaws.com', supportsFIPS: true } }],
};

const ruleSet = {
  version: '1.0',
  parameters: {
    Region: { type: 'String', required: true },
    Bucket: { type: 'String' },
    Key: { type: 'String' },
    Flag: { type: 'Boolean' },
  },
  rules: [
    {
      type: 'endpoint',
      conditions: [{ fn: 'isSet', argv: [{ ref: 'Bucket' }] }],
      endpoint: { url: 'https://{Bucket}.svc.{Region}.amazonaws.com', properties: {}, headers: {} },
    },
    { type: 'endpoint', conditions: [], endpoint: { url: 'https://svc.{Region}.amazonaws.com', properties: {}, headers: {} } },
  ],
};

function counting(): { cache: EndpointCache; runs: () => number; resolve: (params: Record<string, unknown>) => string } {
  const cache = new EndpointCache();
  let runs = 0;
  return {
    cache,
    runs: () => runs,
    resolve: (params) =>
      cache.resolve(ruleSet, () => partitions, params, () => {
        runs++;
        return resolveEndpoint(ruleSet, params, partitions);
      }).url,
  };
}

describe('EndpointCache', () => {
  test('the same parameters run the rule set once', () => {
    const c = counting();
    for (let i = 0; i < 5; i++) expect(c.resolve({ Region: 'us-east-1', Bucket: 'b' })).toBe('https://b.svc.us-east-1.amazonaws.com');
    expect(c.runs()).toBe(1);
  });

  test('a parameter no rule reads stops being part of the key after a few misses', () => {
    const c = counting();
    for (let i = 0; i < 50; i++) expect(c.resolve({ Region: 'us-east-1', Bucket: 'b', Key: `k${i}` })).toBe('https://b.svc.us-east-1.amazonaws.com');
    expect(c.runs()).toBe(SCAN_AFTER_MISSES);
    // A parameter the rules read still tells endpoints apart.
    expect(c.resolve({ Region: 'us-east-1', Bucket: 'other', Key: 'k0' })).toBe('https://other.svc.us-east-1.amazonaws.com');
    expect(c.resolve({ Region: 'us-east-1', Key: 'k0' })).toBe('https://svc.us-east-1.amazonaws.com');
    expect(c.runs()).toBe(SCAN_AFTER_MISSES + 2);
  });

  test('a value of the wrong type for an unread parameter still reaches the rule set, which refuses it', () => {
    const c = counting();
    for (let i = 0; i < SCAN_AFTER_MISSES + 2; i++) c.resolve({ Region: 'us-east-1', Key: `k${i}` });
    expect(() => c.resolve({ Region: 'us-east-1', Key: 42 })).toThrow(EndpointResolutionError);
  });

  describe('a call with the same parameter values as the last one', () => {
    test('gets the same endpoint without a run, whatever the order of the parameters', () => {
      const c = counting();
      c.resolve({ Region: 'us-east-1', Bucket: 'b', Flag: true });
      expect(c.resolve({ Flag: true, Bucket: 'b', Region: 'us-east-1' })).toBe('https://b.svc.us-east-1.amazonaws.com');
      expect(c.runs()).toBe(1);
    });

    test('one value changed, added, removed or set to undefined is another key', () => {
      const c = counting();
      const variants: Array<Record<string, unknown>> = [
        { Region: 'us-east-1', Bucket: 'b' },
        { Region: 'us-east-1', Bucket: 'c' },
        { Region: 'us-east-1', Bucket: 'c', Flag: false },
        { Region: 'us-east-1', Bucket: 'c', Flag: undefined },
        { Region: 'us-east-1', Bucket: 'c' },
        { Region: 'us-east-1' },
      ];
      const urls = variants.map((p) => c.resolve(p));
      expect(urls).toEqual([
        'https://b.svc.us-east-1.amazonaws.com',
        'https://c.svc.us-east-1.amazonaws.com',
        'https://c.svc.us-east-1.amazonaws.com',
        'https://c.svc.us-east-1.amazonaws.com',
        'https://c.svc.us-east-1.amazonaws.com',
        'https://svc.us-east-1.amazonaws.com',
      ]);
      // b, c, c+Flag=false, c+Flag=undefined are four keys; c again is a cache hit; no Bucket a fifth.
      expect(c.runs()).toBe(5);
    });

    test('parameters whose resolution threw never get the last good endpoint', () => {
      const cache = new EndpointCache();
      const resolve = (params: Record<string, unknown>) =>
        cache.resolve(ruleSet, () => partitions, params, () => {
          if (params.Region === 'bad') throw new EndpointResolutionError('no endpoint for that region');
          return resolveEndpoint(ruleSet, params, partitions);
        }).url;
      expect(resolve({ Region: 'us-east-1' })).toBe('https://svc.us-east-1.amazonaws.com');
      expect(() => resolve({ Region: 'bad' })).toThrow(EndpointResolutionError);
      expect(() => resolve({ Region: 'bad' })).toThrow(EndpointResolutionError);
      expect(resolve({ Region: 'us-east-1' })).toBe('https://svc.us-east-1.amazonaws.com');
    });

    test('an object value is compared by its content, even the same object changed since', () => {
      const runs: string[] = [];
      const cache = new EndpointCache();
      const tags = ['a'];
      const resolve = (params: Record<string, unknown>) =>
        cache.resolve(ruleSet, () => partitions, params, () => {
          runs.push(JSON.stringify(params));
          return resolveEndpoint(ruleSet, { Region: 'us-east-1' }, partitions);
        });
      resolve({ Region: 'us-east-1', Tags: tags });
      resolve({ Region: 'us-east-1', Tags: tags });
      tags.push('b');
      resolve({ Region: 'us-east-1', Tags: tags });
      expect(runs).toEqual(['{"Region":"us-east-1","Tags":["a"]}', '{"Region":"us-east-1","Tags":["a","b"]}']);
    });
  });

  test('keeps at most 100 endpoints, dropping the least recently used', () => {
    const c = counting();
    // Past the scan, which starts the cache afresh once it finds an unread parameter (Key).
    for (let i = 0; i < SCAN_AFTER_MISSES; i++) c.resolve({ Region: 'us-east-1', Bucket: `warm${i}` });
    for (let i = 0; i < 100; i++) c.resolve({ Region: 'us-east-1', Bucket: `b${i}` });
    c.resolve({ Region: 'us-east-1', Bucket: 'b0' }); // b0 is now the newest
    c.resolve({ Region: 'us-east-1', Bucket: 'b100' }); // evicts b1
    expect(c.cache.size).toBe(100);
    const before = c.runs();
    c.resolve({ Region: 'us-east-1', Bucket: 'b0' });
    expect(c.runs()).toBe(before);
    c.resolve({ Region: 'us-east-1', Bucket: 'b1' });
    expect(c.runs()).toBe(before + 1);
  });
});

describe('cacheKey', () => {
  test('is unambiguous whatever the values hold', () => {
    const keys = [
      { Bucket: 'x;Key=s1:y' },
      { Bucket: 'x', Key: 'y' },
      { Bucket: 'true' },
      { Bucket: true },
      { Bucket: ['a', 'b'] },
      { Bucket: 'a,b' },
      { Bucket: '' },
      {},
    ].map((p) => cacheKey(p, undefined));
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('leaves out only string values of the ignored names', () => {
    const ignored = new Set(['Key']);
    expect(cacheKey({ Bucket: 'b', Key: 'k1' }, ignored)).toBe(cacheKey({ Bucket: 'b', Key: 'k2' }, ignored));
    expect(cacheKey({ Bucket: 'b', Key: 1 }, ignored)).not.toBe(cacheKey({ Bucket: 'b', Key: 2 }, ignored));
  });
});

describe('which parameters a rule set reads', () => {
  const unread = (rules: unknown[], parameters: Record<string, unknown>): string[] =>
    [...compileRuleSet({ version: '1.0', parameters, rules }, partitions).unreferencedStringParameters()].sort();

  test('a name read only in a template counts, whatever characters it has and whatever path follows it', () => {
    const parameters = { 'Foo-Bar': { type: 'String' }, Plain: { type: 'String' }, Escaped: { type: 'String' }, Unused: { type: 'String' } };
    const rules = [{ type: 'endpoint', conditions: [], endpoint: { url: 'https://{Foo-Bar}.{Plain#x}.example.com/{{Escaped}}', properties: {}, headers: {} } }];
    expect(unread(rules, parameters)).toEqual(['Unused']);
  });

  test('a name read only by ref, in a nested tree or an error counts; booleans and required strings are never left out', () => {
    const parameters = {
      InTree: { type: 'String' },
      InError: { type: 'String' },
      Flag: { type: 'Boolean' },
      Needed: { type: 'String', required: true },
      Loose: { type: 'String' },
    };
    const rules = [
      {
        type: 'tree',
        conditions: [{ fn: 'isSet', argv: [{ ref: 'InTree' }] }],
        rules: [{ type: 'error', conditions: [], error: 'bad {InError}' }],
      },
      { type: 'endpoint', conditions: [], endpoint: { url: 'https://x.example.com', properties: {}, headers: {} } },
    ];
    expect(unread(rules, parameters)).toEqual(['Loose']);
  });
});

describe("S3's rule set", () => {
  const loader = new ModelLoader({ searchPaths: [path.resolve(__dirname, '../../../service-models')] });
  const s3Rules = loader.loadServiceModel('s3', 'endpoint-rule-set-1');

  test('reads neither Key, Prefix nor CopySource; every other optional string parameter is read', () => {
    const unread = compileRuleSet(s3Rules, loader.loadData('partitions')).unreferencedStringParameters();
    expect([...unread].sort()).toEqual(['CopySource', 'Key', 'Prefix']);
  });

  test('DynamoDB and SQS read all their parameters', () => {
    for (const service of ['dynamodb', 'sqs']) {
      const rules = loader.loadServiceModel(service, 'endpoint-rule-set-1');
      expect(compileRuleSet(rules, loader.loadData('partitions')).unreferencedStringParameters().size).toBe(0);
    }
  });
});
