/**
 * botocore's protocol input (serialization) conformance vectors, run against our serializers.
 *
 * Reads spec/conformance/vectors/protocols/{input,legacy/input}/*.json, honours
 * protocol-tests-ignore-list.json as botocore's runner does, and compares as
 * conformance/README.md says (CBOR bodies decoded and compared as data). Cases listed in known-failures.json run and must still fail (spec/helpers/known-failures.ts);
 * one that starts passing is reported. Select cases with CASE=<substring of the case key>.
 * Case key: `<file>#<suite index>#<case id, or "case N">`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OperationModel, RawOperation, RawServiceModel, ServiceModel } from '../../src/models/service-model';
import type { Shape } from '../../src/models/shape';
import { fillIdempotencyTokens } from '../../src/protocols/serialize';
import { serializers } from '../../src/protocols';
import type { HttpRequestSpec } from '../../src/protocols/types';
import { CONFORMANCE_DIR, readConformanceJson } from '../helpers/shared';
import { knownFailures } from '../helpers/known-failures';
import { actualUri, bodyText, cborBodyProblem, effectiveHeaders, formPairs, headerLookup, parseXml } from './protocols-input-compare';

interface Serialized {
  method?: string;
  uri?: string;
  body?: string;
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  host?: string;
}
interface Case {
  id?: string;
  description?: string;
  given: RawOperation;
  params: Record<string, unknown>;
  serialized: Serialized;
}
interface Suite {
  description: string;
  metadata: RawServiceModel['metadata'];
  shapes: RawServiceModel['shapes'];
  clientEndpoint?: string;
  cases: Case[];
}
type IgnoreSection = { suites?: string[]; cases?: string[] };
interface IgnoreList {
  general?: { input?: IgnoreSection };
  protocols?: Record<string, { input?: IgnoreSection }>;
}

const FILES = [
  'input/query.json',
  'input/ec2.json',
  'input/json.json',
  'input/json_1_0.json',
  'input/json_1_0-query-compatible.json',
  'input/rest-json.json',
  'input/rest-xml.json',
  'input/smithy-rpc-v2-cbor.json',
  'input/smithy-rpc-v2-cbor-query-compatible.json',
  'input/smithy-rpc-v2-cbor-non-query-compatible.json',
  'legacy/input/query.json',
  'legacy/input/ec2.json',
  'legacy/input/json.json',
  'legacy/input/rest-json.json',
  'legacy/input/rest-xml.json',
];
const FIXED_UUID = '00000000-0000-4000-8000-000000000000';
const DEFAULT_ENDPOINT = 'https://example.com';
const KNOWN = knownFailures('protocols-input');
const SELECT = process.env.CASE;

function ignored(list: IgnoreList, protocolFile: string, suite: string, id: string | undefined): boolean {
  const hit = (s?: IgnoreSection) => !!s && ((s.suites ?? []).includes(suite) || (!!id && (s.cases ?? []).includes(id)));
  return hit(list.general?.input) || hit(list.protocols?.[protocolFile]?.input);
}

/** botocore's runner turns top-level "Infinity"/"-Infinity"/"NaN" strings into floats. */
function specialFloats(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) {
    out[k] = v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v;
  }
  return out;
}

function build(suite: Suite, c: Case): OperationModel {
  const name = c.given.name ?? 'OperationName';
  const raw: RawServiceModel = {
    metadata: suite.metadata,
    operations: { [name]: c.given },
    shapes: suite.shapes ?? {},
  };
  return new OperationModel(c.given, new ServiceModel(raw, 'conformance'), name);
}

/** Expected headers after the normalizations botocore's own runner applies. */
function expectedHeaders(protocol: string, ser: Serialized, input: Shape | undefined): Record<string, string> {
  const out = { ...(ser.headers ?? {}) };
  if (protocol === 'query' || protocol === 'ec2') {
    const ct = out['Content-Type'] ?? '';
    if (!ct.includes('charset=utf-8')) out['Content-Type'] = `${ct}; charset=utf-8`;
  } else if (protocol === 'rest-xml') {
    delete out['Content-Type'];
  } else if (protocol === 'rest-json') {
    const ct = out['Content-Type'];
    if (ct && ct !== 'application/json') delete out['Content-Type'];
  }
  // Smithy joins list headers with ", ", botocore with ",".
  for (const member of Object.values(input?.type === 'structure' ? input.members : {})) {
    const n = member.serialization.name;
    if (n && member.serialization.location === 'header' && member.type === 'list' && n in out) {
      out[n] = out[n].replace(/, /g, ',');
    }
  }
  return out;
}

function timestampListHeaders(input: Shape | undefined): Set<string> {
  const out = new Set<string>();
  for (const member of Object.values(input?.type === 'structure' ? input.members : {})) {
    const n = member.serialization.name;
    if (n && member.serialization.location === 'header' && member.type === 'list' && member.listMember.type === 'timestamp') {
      out.add(n.toLowerCase());
    }
  }
  return out;
}

function compareBody(protocol: string, actual: string, expected: string): string | undefined {
  if (protocol === 'json' || protocol === 'rest-json') {
    try {
      const a: unknown = actual === '' ? '' : JSON.parse(actual);
      const e: unknown = expected === '' ? '' : JSON.parse(expected);
      return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(e)) ? undefined : `body ${actual} != ${expected}`;
    } catch {
      return actual === expected ? undefined : `body ${actual} != ${expected}`;
    }
  }
  if (protocol === 'rest-xml') {
    try {
      const same = JSON.stringify(parseXml(actual)) === JSON.stringify(parseXml(expected));
      return same ? undefined : `body ${actual} != ${expected}`;
    } catch {
      return actual === expected ? undefined : `body ${actual} != ${expected}`;
    }
  }
  const a = formPairs(actual);
  const e = formPairs(expected);
  return JSON.stringify(a) === JSON.stringify(e) ? undefined : `body ${JSON.stringify(a)} != ${JSON.stringify(e)}`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Every mismatch between our request and the expected one (empty means pass). */
function check(suite: Suite, c: Case): { problems: string[]; spec?: HttpRequestSpec } {
  const op = build(suite, c);
  const protocol = suite.metadata.protocol;
  const serialize = serializers[protocol];
  if (!serialize) return { problems: [`no serializer for ${protocol}`] };
  const params = fillIdempotencyTokens(op.input, specialFloats(c.params ?? {}), () => FIXED_UUID);
  let spec: HttpRequestSpec;
  try {
    spec = serialize(op, params, { service: op.service });
  } catch (e) {
    return { problems: [`threw: ${(e as Error).message}`] };
  }
  const exp = c.serialized;
  const problems: string[] = [];
  if (exp.method !== undefined && spec.method !== exp.method) problems.push(`method ${spec.method} != ${exp.method}`);
  const uri = actualUri(spec);
  if (uri !== (exp.uri ?? '')) problems.push(`uri ${uri} != ${exp.uri}`);
  if (exp.body !== undefined) {
    const p = protocol === 'smithy-rpc-v2-cbor' ? cborBodyProblem(spec.body, exp.body) : compareBody(protocol, bodyText(spec.body), exp.body);
    if (p) problems.push(p);
  }
  const headers = effectiveHeaders(spec);
  const timestampLists = timestampListHeaders(op.input);
  for (const [h, v] of Object.entries(expectedHeaders(protocol, exp, op.input))) {
    let got = headerLookup(headers, h);
    // botocore's runner also strips ", " inside rfc822 dates of timestamp-list headers.
    if (got !== undefined && timestampLists.has(h.toLowerCase())) got = got.replace(/, /g, ',');
    if (got !== v) problems.push(`header ${h}: ${String(got)} != ${v}`);
  }
  // As botocore's runner: forbidden headers are checked on the serializer's own headers (a
  // transport adds Content-Length later); required ones on what the transport would send.
  for (const h of exp.forbidHeaders ?? []) {
    if (headerLookup(spec.headers, h) !== undefined) problems.push(`forbidden header ${h} present`);
  }
  for (const h of exp.requireHeaders ?? []) {
    if (headerLookup(headers, h) === undefined) problems.push(`required header ${h} missing`);
  }
  if (exp.host !== undefined) {
    const host = (spec.hostPrefix ?? '') + new URL(suite.clientEndpoint ?? DEFAULT_ENDPOINT).host;
    if (host !== exp.host) problems.push(`host ${host} != ${exp.host}`);
  }
  return { problems, spec };
}

interface Entry {
  key: string;
  file: string;
  suite: Suite;
  c: Case;
}

function collect(): { entries: Entry[]; skipped: Record<string, number> } {
  const entries: Entry[] = [];
  const skipped: Record<string, number> = {};
  const ignore = readConformanceJson<IgnoreList>('protocols', 'protocol-tests-ignore-list.json');
  for (const file of FILES) {
    if (!fs.existsSync(path.join(CONFORMANCE_DIR, 'protocols', file))) continue;
    const suites = readConformanceJson<Suite[]>('protocols', file);
    const protocolFile = path.basename(file, '.json');
    suites.forEach((suite, si) => {
      suite.cases.forEach((c, ci) => {
        const key = `${file}#${si}#${c.id ?? `case ${ci}`}`;
        if (SELECT && !key.includes(SELECT) && !(suite.description ?? '').includes(SELECT)) return;
        if (ignored(ignore, protocolFile, suite.description, c.id)) {
          skipped[file] = (skipped[file] ?? 0) + 1;
          return;
        }
        entries.push({ key, file, suite, c });
      });
    });
  }
  return { entries, skipped };
}

const { entries, skipped } = collect();
const tally: Record<string, { pass: number; fail: number; known: number }> = {};

describe('protocol input conformance', () => {
  KNOWN.checkEntries(() =>
    FILES.filter((file) => fs.existsSync(path.join(CONFORMANCE_DIR, 'protocols', file))).flatMap((file) =>
      readConformanceJson<Suite[]>('protocols', file).flatMap((suite, si) => suite.cases.map((c, ci) => `${file}#${si}#${c.id ?? `case ${ci}`}`)),
    ),
  );

  afterAll(() => {
    const lines = Object.entries(tally).map(
      ([f, t]) => `${f}: ${t.pass} passed, ${t.fail} failed, ${t.known} known failures, ${skipped[f] ?? 0} ignored`,
    );
    // eslint-disable-next-line no-console
    if (lines.length) console.log(lines.join('\n'));
  });

  for (const { key, file, suite, c } of entries) {
    const title = `${key} ${c.description ?? suite.description}`;
    KNOWN.test(key, title, () => {
      const { problems, spec } = check(suite, c);
      const t = (tally[file] ??= { pass: 0, fail: 0, known: 0 });
      if (problems.length) t[KNOWN.reason(key) === undefined ? 'fail' : 'known']++;
      else t.pass++;
      if (problems.length) {
        const body = Buffer.isBuffer(spec?.body) && suite.metadata.protocol === 'smithy-rpc-v2-cbor' ? spec.body.toString('hex') : bodyText(spec?.body);
        throw new Error(`${problems.join('\n')}\nactual: ${JSON.stringify({ ...spec, body })}`);
      }
    });
  }
});

/** Idempotency-token suites are on botocore's ignore list; with a fixed generator they pass. */
describe('protocol input conformance: idempotency token auto-fill', () => {
  for (const file of FILES) {
    const suites = readConformanceJson<Suite[]>('protocols', file);
    suites.forEach((suite, si) => {
      if (!/Idempotency/i.test(suite.description)) return;
      // ec2's vector expects `Token` from a member with no queryName; botocore (and we) send
      // `token`, which is why botocore lists it too.
      if (file === 'input/ec2.json') return;
      suite.cases.forEach((c, ci) => {
        const key = `${file}#${si}#${c.id ?? `case ${ci}`}`;
        if (SELECT && !key.includes(SELECT)) return;
        test(key, () => expect(check(suite, c).problems).toEqual([]));
      });
    });
  }
});
