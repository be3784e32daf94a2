/**
 * botocore's endpoint rule-set vectors (spec/conformance/vectors/endpoint-rules):
 *  - engine cases: every testCase's `params` through resolveEndpoint against the rule set in the
 *    same folder, comparing url, headers and properties, or the error message;
 *  - operationInputs cases (s3, s3control, dynamodb, sts, lambda, ec2, iam): the operation
 *    params, built-ins and client params bound through the SHIPPED model by buildEndpointParams.
 * Known failures live in known-failures.json (`<service>#<index>` or
 * `<service>#<index>/op<k>`, with a reason); a listed case that starts passing fails the suite
 * so the list stays honest. CASE=<substring> selects cases by id or documentation.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { buildEndpointParams, resolveEndpoint } from '../../src/endpoints';
import { EndpointResolutionError } from '../../src/errors';
import { ServiceModel, RawServiceModel } from '../../src/models/service-model';
import { knownFailures } from '../helpers/known-failures';
import { CONFORMANCE_DIR, readConformanceJson } from '../helpers/shared';

interface TestCase {
  documentation?: string;
  params?: Record<string, unknown>;
  expect: { endpoint?: { url: string; headers?: Record<string, string[]>; properties?: Record<string, unknown> }; error?: string };
  operationInputs?: Array<{
    operationName: string;
    operationParams?: Record<string, unknown>;
    builtInParams?: Record<string, unknown>;
    clientParams?: Record<string, unknown>;
  }>;
}

const RULES_DIR = path.join(CONFORMANCE_DIR, 'endpoint-rules');
const MODELS_DIR = path.resolve(__dirname, '../../service-models');
const SELECTOR = process.env.CASE;
const OPERATION_INPUT_SERVICES = ['s3', 's3control', 'dynamodb', 'sts', 'lambda', 'ec2', 'iam'];
const KNOWN = knownFailures('endpoint-rules');

function outcome(run: () => { url: string; headers: Record<string, string[]>; properties: Record<string, unknown> }): unknown {
  try {
    const r = run();
    return { endpoint: { url: r.url, headers: r.headers, properties: r.properties } };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function expected(tc: TestCase): unknown {
  const ep = tc.expect.endpoint;
  if (ep) return { endpoint: { url: ep.url, headers: ep.headers ?? {}, properties: ep.properties ?? {} } };
  return { error: tc.expect.error };
}

function selected(id: string, tc: TestCase): boolean {
  return !SELECTOR || id.includes(SELECTOR) || (tc.documentation ?? '').includes(SELECTOR);
}

/** The shipped model (service-models/<service>/<newest apiVersion>/service-2.json), if any. */
function loadShippedModel(service: string): ServiceModel | undefined {
  const dir = path.join(MODELS_DIR, service);
  if (!fs.existsSync(dir)) return undefined;
  const versions = fs.readdirSync(dir).filter((v) => fs.existsSync(path.join(dir, v, 'service-2.json'))).sort();
  if (versions.length === 0) return undefined;
  const raw = JSON.parse(fs.readFileSync(path.join(dir, versions[versions.length - 1], 'service-2.json'), 'utf8'));
  return new ServiceModel(raw as RawServiceModel, service);
}

/**
 * Test-local stand-in for botocore's `before-endpoint-resolution.s3` handler
 * (handlers.customize_endpoint_resolver_builtins), which belongs in src/customizations/s3:
 * GetBucketLocation always goes path-style, and an ARN bucket never does.
 */
function customizeS3BuiltIns(operationName: string, input: Record<string, unknown>, builtIns: Record<string, unknown>): void {
  const bucket = input.Bucket;
  const isArn = typeof bucket === 'string' && bucket.startsWith('arn:') && bucket.split(':').length >= 6;
  if (operationName === 'GetBucketLocation') builtIns['AWS::S3::ForcePathStyle'] = true;
  else if (isArn) builtIns['AWS::S3::ForcePathStyle'] = false;
}

const services = fs.readdirSync(RULES_DIR).filter((d) => fs.existsSync(path.join(RULES_DIR, d, 'endpoint-tests-1.json'))).sort();

describe('endpoint rule sets (engine cases)', () => {
  const partitions = readConformanceJson('endpoint-rules', 'partitions.json');
  let total = 0;
  let passed = 0;

  it.each(services)('%s', (service) => {
    const ruleSet = readConformanceJson('endpoint-rules', service, 'endpoint-rule-set-1.json');
    const { testCases } = readConformanceJson<{ testCases: TestCase[] }>('endpoint-rules', service, 'endpoint-tests-1.json');
    const unexpected: string[] = [];
    testCases.forEach((tc, i) => {
      const id = `${service}#${i}`;
      if (!selected(id, tc)) return;
      total++;
      const got = outcome(() => resolveEndpoint(ruleSet, { ...(tc.params ?? {}) }, partitions));
      const ok = isDeepStrictEqual(got, expected(tc));
      if (ok) passed++;
      const problem = KNOWN.verdict(id, ok, () => `${id} ${tc.documentation ?? ''}\n  expected ${JSON.stringify(expected(tc))}\n  got      ${JSON.stringify(got)}`);
      if (problem) unexpected.push(problem);
    });
    expect(unexpected).toEqual([]);
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    if (total) console.log(`endpoint engine cases: ${passed}/${total} passed`);
  });
});

describe('shipped rule sets (service-models/)', () => {
  const shippedPartitions = path.join(MODELS_DIR, 'partitions.json');
  const ruleSetFiles = fs.existsSync(shippedPartitions)
    ? fs.readdirSync(MODELS_DIR).flatMap((svc) => {
        const dir = path.join(MODELS_DIR, svc);
        if (!fs.statSync(dir).isDirectory()) return [];
        return fs.readdirSync(dir).map((v) => path.join(dir, v, 'endpoint-rule-set-1.json')).filter((f) => fs.existsSync(f));
      })
    : [];

  (ruleSetFiles.length ? it : it.skip)('every shipped rule set compiles and resolves a plain regional endpoint', () => {
    const partitions = JSON.parse(fs.readFileSync(shippedPartitions, 'utf8'));
    const broken: string[] = [];
    for (const file of ruleSetFiles) {
      const ruleSet = JSON.parse(fs.readFileSync(file, 'utf8'));
      try {
        const url = resolveEndpoint(ruleSet, { Region: 'us-east-1' }, partitions).url;
        if (!url.startsWith('https://')) broken.push(`${file}: ${url}`);
      } catch (e) {
        // Some services need more than a region (e.g. an account id or ARN); those must still fail cleanly.
        if (!(e instanceof EndpointResolutionError)) broken.push(`${file}: ${(e as Error).message}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('endpoint rule sets (operationInputs bound through the shipped model)', () => {
  const partitions = readConformanceJson('endpoint-rules', 'partitions.json');
  let total = 0;
  let passed = 0;
  let skipped = 0;

  it.each(OPERATION_INPUT_SERVICES.filter((s) => services.includes(s)))('%s', (service) => {
    const ruleSet = readConformanceJson('endpoint-rules', service, 'endpoint-rule-set-1.json');
    const { testCases } = readConformanceJson<{ testCases: TestCase[] }>('endpoint-rules', service, 'endpoint-tests-1.json');
    const model = loadShippedModel(service);
    const unexpected: string[] = [];
    testCases.forEach((tc, i) => {
      (tc.operationInputs ?? []).forEach((oi, k) => {
        const id = `${service}#${i}/op${k}`;
        if (!selected(id, tc)) return;
        if (!model || !model.hasOperation(oi.operationName)) {
          skipped++;
          return;
        }
        total++;
        const input = oi.operationParams ?? {};
        const builtIns = { ...(oi.builtInParams ?? {}) };
        if (service === 's3') customizeS3BuiltIns(oi.operationName, input, builtIns);
        const got = outcome(() => {
          const params = buildEndpointParams({
            ruleSet,
            operation: model.operation(oi.operationName),
            input,
            builtIns,
            clientContextParams: oi.clientParams ?? {},
          });
          return resolveEndpoint(ruleSet, params, partitions);
        });
        const ok = isDeepStrictEqual(got, expected(tc));
        if (ok) passed++;
        const problem = KNOWN.verdict(id, ok, () => `${id} ${oi.operationName} ${tc.documentation ?? ''}\n  expected ${JSON.stringify(expected(tc))}\n  got      ${JSON.stringify(got)}`);
        if (problem) unexpected.push(problem);
      });
    });
    expect(unexpected).toEqual([]);
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    if (total || skipped) console.log(`endpoint operationInputs cases: ${passed}/${total} passed, ${skipped} skipped (operation not in shipped model)`);
  });
});

describe('endpoint rule sets: known failures', () => {
  KNOWN.checkEntries(() =>
    services.flatMap((service) =>
      readConformanceJson<{ testCases: TestCase[] }>('endpoint-rules', service, 'endpoint-tests-1.json').testCases.flatMap((tc, i) => [
        `${service}#${i}`,
        ...(tc.operationInputs ?? []).map((_oi, k) => `${service}#${i}/op${k}`),
      ]),
    ),
  );
});
