/**
 * botocore's protocol output suites (spec/conformance/vectors/protocols/{output,legacy/output}):
 * each case's `response` goes through our parser and must equal `result`, or `error` with
 * `errorCode`/`errorMessage`, compared as botocore's tests/functional/test_protocols.py does
 * (ResponseMetadata dropped, blobs as utf-8 strings, Error reduced to Code and Message, special
 * floats as strings; timestamps compare by epoch seconds). Cases on botocore's ignore list and
 * in the output section of known-failures.json are skipped. Select cases with CASE=<substring of the key>;
 * RUN_IGNORED=1 also runs the ignore-listed ones (botocore fails those too).
 */
import { Readable } from 'stream';
import { OperationModel, RawOperation, RawServiceModel, ServiceModel } from '../../src/models/service-model';
import { responseParsers } from '../../src/protocols';
import { EventStream } from '../../src/protocols/parse/event-stream';
import type { RawResponse } from '../../src/protocols/types';
import { readConformanceJson } from '../helpers/shared';
import { knownFailures } from '../helpers/known-failures';

interface OutputCase {
  id?: string;
  given: RawOperation;
  description?: string;
  response: { status_code: number; headers?: Record<string, string>; body?: string };
  result?: unknown;
  error?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
}
interface Suite {
  description: string;
  metadata: RawServiceModel['metadata'];
  shapes: RawServiceModel['shapes'];
  cases: OutputCase[];
}
interface IgnoreSection {
  suites?: string[];
  cases?: string[];
}
interface IgnoreList {
  general?: { output?: IgnoreSection };
  protocols?: Record<string, { output?: IgnoreSection }>;
}

const FILES = [
  'output/query.json',
  'output/ec2.json',
  'output/json.json',
  'output/json_1_0.json',
  'output/json_1_0-query-compatible.json',
  'output/rest-json.json',
  'output/rest-xml.json',
  'output/smithy-rpc-v2-cbor.json',
  'output/smithy-rpc-v2-cbor-query-compatible.json',
  'output/smithy-rpc-v2-cbor-non-query-compatible.json',
  'legacy/output/query.json',
  'legacy/output/ec2.json',
  'legacy/output/json.json',
  'legacy/output/rest-json.json',
  'legacy/output/rest-xml.json',
];
const KNOWN = knownFailures('protocols-output');
const SELECT = process.env.CASE;

function ignored(list: IgnoreList, protocol: string, suite: string, id: string | undefined): boolean {
  const sections = [list.general?.output, list.protocols?.[protocol]?.output];
  return sections.some((s) => !!s && ((s.suites ?? []).includes(suite) || (id !== undefined && (s.cases ?? []).includes(id))));
}

/** Replaces each EventStream with the list of its events (test_protocols.py does the same). */
async function drainEventStreams(parsed: Record<string, unknown>): Promise<void> {
  for (const [k, v] of Object.entries(parsed)) {
    if (v instanceof EventStream) {
      const events: unknown[] = [];
      for await (const e of v) events.push(e);
      parsed[k] = events;
    }
  }
}

/** Our parsed output in the vectors' terms (test_protocols.py's _fixup_parsed_result). */
function normalize(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Readable) return '<stream>';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalize(v);
    return out;
  }
  return value;
}

/** Deep equality where a timestamp (epoch seconds) may differ below a millisecond. */
function close(actual: unknown, expected: unknown): unknown {
  if (typeof actual === 'number' && typeof expected === 'number' && Math.abs(actual - expected) < 0.001) return expected;
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.map((a, i) => close(a, expected[i]));
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object' && !Array.isArray(actual)) {
    const out: Record<string, unknown> = {};
    const exp = expected as Record<string, unknown>;
    for (const [k, v] of Object.entries(actual)) out[k] = close(v, exp[k]);
    return out;
  }
  return actual;
}

export async function runCase(suite: Suite, c: OutputCase): Promise<{ actual: unknown; expected: unknown }> {
  const name = c.given.name ?? 'OperationName';
  let given = c.given;
  // As botocore's runner: the smithy query suites leave the resultWrapper out of the model.
  const outputRaw = given.output ? suite.shapes[given.output.shape] : undefined;
  if (suite.metadata.protocol === 'query' && !c.error && outputRaw && Object.keys(outputRaw.members ?? {}).length > 0) {
    given = { ...given, output: { ...given.output!, resultWrapper: `${name}Result` } };
  }
  const raw: RawServiceModel = {
    metadata: suite.metadata,
    shapes: suite.shapes,
    operations: { [name]: given },
  };
  const service = new ServiceModel(raw, 'conformance');
  const op = new OperationModel(given, service, name);
  const parse = responseParsers[suite.metadata.protocol];
  if (!parse) throw new Error(`no parser for ${suite.metadata.protocol}`);
  // Event stream and CBOR bodies are base64 in the vectors.
  const output = op.output;
  const streams = !!output && output.memberNames.some((m) => output.members[m].serialization.eventstream);
  const binary = streams || suite.metadata.protocol === 'smithy-rpc-v2-cbor';
  const response: RawResponse = {
    statusCode: c.response.status_code,
    headers: { ...(c.response.headers ?? {}) },
    body: Buffer.from(c.response.body ?? '', binary ? 'base64' : 'utf8'),
  };
  const result = parse(op, response, { service });
  await drainEventStreams(result);
  const parsed = normalize(result) as Record<string, unknown>;
  delete parsed.ResponseMetadata;
  let expected: unknown;
  if (c.error) {
    const err = parsed.Error as Record<string, unknown> | undefined;
    if (err) for (const k of Object.keys(err)) if (k !== 'Code' && k !== 'Message') delete err[k];
    expected = { Error: { Code: c.errorCode ?? '', Message: c.errorMessage ?? '' }, ...c.error };
  } else {
    expected = c.result;
  }
  return { actual: close(parsed, expected), expected };
}

describe('protocol output conformance', () => {
  const ignoreList: IgnoreList = readConformanceJson<IgnoreList>('protocols', 'protocol-tests-ignore-list.json');
  for (const file of FILES) {
    const suites: Suite[] = readConformanceJson<Suite[]>('protocols', ...file.split('/'));
    const protocol = file.split('/').pop()!.replace(/\.json$/, '');
    describe(file, () => {
      suites.forEach((suite) => {
        suite.cases.forEach((c, index) => {
          const key = `${file}#${suite.description}#${c.id ?? index}`;
          if (SELECT && !key.includes(SELECT)) return;
          if (!process.env.RUN_IGNORED && ignored(ignoreList, protocol, suite.description, c.id)) {
            test.skip(`${key} (botocore ignore list)`, () => undefined);
            return;
          }
          KNOWN.test(key, key, async () => {
            const { actual, expected } = await runCase(suite, c);
            expect(actual).toEqual(expected);
          });
        });
      });
    });
  }

  KNOWN.checkEntries(() =>
    FILES.flatMap((file) => readConformanceJson<Suite[]>('protocols', ...file.split('/')).flatMap((s) => s.cases.map((c, i) => `${file}#${s.description}#${c.id ?? i}`))),
  );
});
