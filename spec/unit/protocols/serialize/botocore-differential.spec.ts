/**
 * Opt-in differential test against the installed botocore (BOTOCORE_DIFF=1, needs python3 with
 * botocore): random params for every operation of ~45 services are serialized by botocore and
 * by us, and the requests must be identical (bodies compared parsed for JSON and XML, exactly
 * for form bodies, CBOR decoded and compared as data). BOTOCORE_DIFF_SEED picks the random seed;
 * BOTOCORE_DIFF_SERVICES=cloudwatch,gamelift limits the services.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ServiceModel } from '../../../../src/models/service-model';
import { encodeQuery } from '../../../../src/protocols/serialize';
import { serializers } from '../../../../src/protocols';
import { bodyText, cborBodyProblem, parseXml } from '../../../conformance/protocols-input-compare';

interface FuzzCase {
  svc: string;
  ver: string;
  op: string;
  protocol: string;
  params: Record<string, unknown>;
  expected: Record<string, unknown> & { error?: string; headers?: Record<string, string>; body?: string };
}

/** Parsed comparison where the body parses (a blob/string payload may not), else exact. */
function sameBody(protocol: string, a: string, b: string): boolean {
  try {
    if (protocol === 'rest-xml') return JSON.stringify(parseXml(a)) === JSON.stringify(parseXml(b));
    if (protocol.includes('json')) return JSON.stringify(JSON.parse(a || '""')) === JSON.stringify(JSON.parse(b || '""'));
  } catch {
    // not a structured body
  }
  return a === b;
}

const enabled = process.env.BOTOCORE_DIFF === '1';
const MODELS = path.resolve(__dirname, '../../../../service-models');

(enabled ? describe : describe.skip)('serializers vs botocore (differential)', () => {
  it('produces the same requests as botocore for random params', () => {
    const out = execFileSync('python3', [path.join(__dirname, 'botocore-differential.py'), MODELS, process.env.BOTOCORE_DIFF_SEED ?? '1'], {
      maxBuffer: 1 << 30,
    });
    const cases = JSON.parse(out.toString('utf8')) as FuzzCase[];
    const models = new Map<string, ServiceModel>();
    const diffs: string[] = [];
    for (const c of cases) {
      let svc = models.get(c.svc);
      if (!svc) {
        svc = new ServiceModel(JSON.parse(fs.readFileSync(path.join(MODELS, c.svc, c.ver, 'service-2.json'), 'utf8')), c.svc);
        models.set(c.svc, svc);
      }
      const op = svc.operation(c.op);
      const exp = c.expected;
      let act: Record<string, unknown>;
      try {
        const spec = serializers[c.protocol](op, c.params, { service: svc });
        const body = c.protocol === 'smithy-rpc-v2-cbor' ? spec.body : bodyText(spec.body);
        act = { method: spec.method, path: spec.path, query: encodeQuery(spec.query), headers: spec.headers, body, hostPrefix: spec.hostPrefix ?? null };
      } catch (e) {
        act = { error: String(e) };
      }
      if (exp.error || act.error) {
        if (!(exp.error && act.error)) diffs.push(`${c.svc}.${c.op}: error ${exp.error} vs ${String(act.error)}`);
        continue;
      }
      for (const k of ['method', 'path', 'query', 'hostPrefix']) {
        if (exp[k] !== act[k]) diffs.push(`${c.svc}.${c.op}: ${k} ${String(exp[k])} vs ${String(act[k])}`);
      }
      const norm = (h: Record<string, unknown>) => JSON.stringify(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]).sort());
      if (norm(exp.headers ?? {}) !== norm(act.headers as Record<string, unknown>)) diffs.push(`${c.svc}.${c.op}: headers`);
      const eb = exp.body ?? '';
      if (c.protocol === 'smithy-rpc-v2-cbor') {
        const problem = cborBodyProblem(act.body as Buffer | '', eb.replace(/^base64:/, ''));
        if (problem) diffs.push(`${c.svc}.${c.op}: ${problem}`);
        continue;
      }
      const ab = act.body as string;
      if (!sameBody(c.protocol, eb, ab)) diffs.push(`${c.svc}.${c.op}: body\n  ${eb}\n  ${ab}`);
    }
    expect(cases.length).toBeGreaterThan(process.env.BOTOCORE_DIFF_SERVICES ? 0 : 1000);
    expect(diffs).toEqual([]);
  });
});
