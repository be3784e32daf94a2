/**
 * Request comparison: what boto3 and botojs put on the wire for the same call.
 *
 * Compared: whether each side sent at all (or refused first, and with which error class), the
 * number of requests, method, raw path, query (sorted raw pairs: botocore guarantees no order,
 * and the signature sorts them anyway), headers by lower-cased name, body (JSON parsed, form
 * bodies as decoded key/value multisets, XML as trees, anything else as bytes; a semantic match
 * with different bytes is `body-raw`) and the signature.
 *
 * Headers that legitimately differ are not compared (EXCLUDED_HEADERS). Consequences are not
 * reported twice: when the body bytes differ, the headers derived from them (length, digests)
 * are not reported, and `signature` is reported only when nothing else differs, which makes a
 * matching Authorization header the strong check that everything signed is identical.
 */
import type { CapturedRequest } from './capture-server';
import { both, clip, describeOutcome, Difference, SideResult } from './outcome';
import { parseXml } from '../conformance/protocols-input-compare';
import { jsonDiff } from './json-diff';

/** Never compared, each for a documented reason (see README.md). */
export const EXCLUDED_HEADERS = new Set([
  'user-agent', // each SDK names itself
  'amz-sdk-invocation-id', // random per call; botojs sends none (deliberate)
  'amz-sdk-request', // retry bookkeeping; botojs sends none (deliberate)
  'accept-encoding', // urllib3's `identity`; botojs deliberately omits it
  'connection', // transport-level
]);

/** Headers computed from the body: not reported when the body bytes already differ. */
function derivedFromBody(name: string): boolean {
  return name === 'content-length' || name === 'content-md5' || name === 'x-amz-content-sha256' || name.startsWith('x-amz-checksum-') || name === 'authorization';
}

function headerMap(req: CapturedRequest): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of req.headers) {
    const name = k.toLowerCase();
    m.set(name, m.has(name) ? `${m.get(name)},${v}` : v);
  }
  return m;
}

function splitTarget(target: string): { path: string; query: string[] } {
  const i = target.indexOf('?');
  if (i < 0) return { path: target, query: [] };
  return { path: target.slice(0, i), query: target.slice(i + 1).split('&').filter((p) => p !== '').sort() };
}

function formPairs(body: string): string[] {
  if (body === '') return [];
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return body
    .split('&')
    .map((kv) => {
      const i = kv.indexOf('=');
      return i < 0 ? dec(kv) : `${dec(kv.slice(0, i))}=${dec(kv.slice(i + 1))}`;
    })
    .sort();
}

function tryJson(s: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

function tryXml(s: string): string | undefined {
  try {
    return JSON.stringify(parseXml(s));
  } catch {
    return undefined;
  }
}

type BodyVerdict = { kind: 'same' } | { kind: 'raw' } | { kind: 'different'; parts?: Map<string, string> };

/** A form key with its list positions generalized (`Item.N.Attribute.N.Name`). */
function formKey(k: string): string {
  return k.replace(/\.\d+(?=\.|$)/g, '.N');
}

function formDiff(a: string, b: string): Map<string, string> {
  const pairs = (s: string) => {
    const m = new Map<string, string[]>();
    for (const p of formPairs(s)) {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      m.set(k, [...(m.get(k) ?? []), i < 0 ? '' : p.slice(i + 1)]);
    }
    return m;
  };
  const pa = pairs(a);
  const pb = pairs(b);
  const out = new Map<string, string>();
  for (const k of [...new Set([...pa.keys(), ...pb.keys()])].sort()) {
    const va = pa.get(k)?.join(',');
    const vb = pb.get(k)?.join(',');
    if (va !== vb && !out.has(formKey(k))) out.set(formKey(k), both(va, vb));
  }
  return out;
}

/** Same bytes; same meaning in other bytes; or different (with the differing parts, by key). */
function compareBodies(py: CapturedRequest, js: CapturedRequest, contentType: string): BodyVerdict {
  if (py.body.equals(js.body)) return { kind: 'same' };
  const a = py.body.toString('utf8');
  const b = js.body.toString('utf8');
  if (/json/i.test(contentType) || (a.startsWith('{') && b.startsWith('{'))) {
    const ja = tryJson(a);
    const jb = tryJson(b);
    if (ja.ok && jb.ok) {
      const parts = jsonDiff(ja.value, jb.value);
      return parts.size ? { kind: 'different', parts } : { kind: 'raw' };
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) {
    const parts = formDiff(a, b);
    return parts.size ? { kind: 'different', parts } : { kind: 'raw' };
  }
  if (a.trimStart().startsWith('<') && b.trimStart().startsWith('<')) {
    const xa = tryXml(a);
    const xb = tryXml(b);
    if (xa !== undefined && xb !== undefined) return xa === xb ? { kind: 'raw' } : { kind: 'different' };
  }
  return { kind: 'different' };
}

function showBody(b: Buffer): string {
  const s = b.toString('utf8');
  return /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(s) ? s : `<${b.length} bytes: ${b.toString('base64')}>`;
}

function comparePair(py: CapturedRequest, js: CapturedRequest, prefix: string): Difference[] {
  const diffs: Difference[] = [];
  const add = (aspect: string, a: unknown, b: unknown) => diffs.push({ phase: 'request', aspect: prefix + aspect, detail: both(a, b) });
  if (py.method !== js.method) add('method', py.method, js.method);
  const tp = splitTarget(py.target);
  const tj = splitTarget(js.target);
  if (tp.path !== tj.path) add('path', tp.path, tj.path);
  if (tp.query.join('&') !== tj.query.join('&')) add('query', tp.query.join('&'), tj.query.join('&'));
  if (Boolean(py.incomplete) !== Boolean(js.incomplete)) add('incomplete-body', Boolean(py.incomplete), Boolean(js.incomplete));
  if (py.chunked !== js.chunked) add('transfer-encoding', py.chunked ? 'chunked' : 'length', js.chunked ? 'chunked' : 'length');

  const hp = headerMap(py);
  const hj = headerMap(js);
  const verdict = compareBodies(py, js, hp.get('content-type') ?? hj.get('content-type') ?? '');
  if (verdict.kind === 'different') {
    // A structured body names what differs (`body:UserData`); anything else is one `body`.
    if (verdict.parts) for (const [k, detail] of verdict.parts) diffs.push({ phase: 'request', aspect: `${prefix}body:${k}`, detail });
    else add('body', showBody(py.body), showBody(js.body));
  }
  if (verdict.kind === 'raw') add('body-raw', showBody(py.body), showBody(js.body));
  const bodyCmp = verdict.kind;

  const names = [...new Set([...hp.keys(), ...hj.keys()])].sort();
  for (const name of names) {
    if (EXCLUDED_HEADERS.has(name) || name === 'authorization') continue;
    if (bodyCmp !== 'same' && derivedFromBody(name)) continue;
    if (hp.get(name) !== hj.get(name)) add(`header:${name}`, hp.get(name), hj.get(name));
  }
  if (diffs.length === 0 && hp.get('authorization') !== hj.get('authorization')) add('signature', hp.get('authorization'), hj.get('authorization'));
  return diffs;
}

function refusedUrl(side: SideResult): string | undefined {
  return side.outcome.kind === 'exception' ? /"(https?:\/\/[^"]+)"/.exec(side.outcome.message)?.[1] : undefined;
}

export function compareRequests(py: SideResult, js: SideResult): Difference[] {
  const np = py.requests.length;
  const nj = js.requests.length;
  if (np === 0 && nj === 0) {
    // Both refused before sending: the same refusal is agreement.
    const cp = py.outcome.kind === 'exception' ? py.outcome.class : py.outcome.kind;
    const cj = js.outcome.kind === 'exception' ? js.outcome.class : js.outcome.kind;
    if (cp !== cj) return [{ phase: 'request', aspect: 'refused-with', detail: both(describeOutcome(py.outcome), describeOutcome(js.outcome)) }];
    // Endpoint rules that route away from endpoint_url (Kinesis account endpoints): neither
    // could connect, but each named the URL it tried, and those must agree.
    const up = refusedUrl(py);
    const uj = refusedUrl(js);
    return up !== uj ? [{ phase: 'request', aspect: 'refused-url', detail: both(up, uj) }] : [];
  }
  if (np === 0 || nj === 0) {
    const refused = np === 0 ? py : js;
    const who = np === 0 ? 'boto3' : 'botojs';
    return [{ phase: 'request', aspect: 'sent', detail: clip(`only ${who === 'boto3' ? 'botojs' : 'boto3'} sent; ${who} raised ${describeOutcome(refused.outcome)}`, 300) }];
  }
  const diffs: Difference[] = [];
  if (np !== nj) diffs.push({ phase: 'request', aspect: 'request-count', detail: both(np, nj) });
  const n = Math.min(np, nj);
  for (let i = 0; i < n; i++) diffs.push(...comparePair(py.requests[i], js.requests[i], i === n - 1 ? '' : `request#${i + 1}:`));
  return diffs;
}

/** Both sides sent at least one request (the comparison exercised the wire). */
export function bothSent(py: SideResult, js: SideResult): boolean {
  return py.requests.length > 0 && js.requests.length > 0;
}
