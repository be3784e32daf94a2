/**
 * One case in full, for whoever fixes a difference: the response the server gave, and for each
 * SDK the requests it sent (request line, headers in order, body) and the outcome it reported.
 * Used by `npm run sweep -- --show=<case ids>`.
 */
import type { CapturedRequest } from './capture-server';
import type { SweepPair } from './sweep-runner';

function body(b: Buffer): string {
  if (!b.length) return '(empty)';
  const s = b.toString('utf8');
  return /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(s) ? s : `base64:${b.toString('base64')}`;
}

function request(r: CapturedRequest): string {
  const lines = [`${r.method} ${r.target} ${r.httpVersion}${r.incomplete ? '   (body incomplete)' : ''}`];
  for (const [k, v] of r.headers) lines.push(`${k}: ${v}`);
  lines.push('', body(r.body));
  return lines.map((l) => `    ${l}`).join('\n');
}

export function describePair(p: SweepPair): string {
  const c = p.case;
  const res = c.response;
  const out = [
    `=== ${c.id} (${c.protocol})`,
    `params: ${JSON.stringify(c.params)}`,
    `server answered: ${res.status} ${res.headers.map(([k, v]) => `${k}: ${v}`).join(' | ')}`,
    `    ${body(Buffer.from(res.body, 'base64'))}`,
  ];
  for (const [name, side] of [['boto3', p.boto3], ['botojs', p.botojs]] as const) {
    out.push(`--- ${name}: ${side.requests.length} request(s), ${side.ms} ms`);
    for (const r of side.requests) out.push(request(r));
    out.push(`  outcome: ${JSON.stringify(side.outcome, null, 1).replace(/\n\s*/g, ' ')}`);
  }
  return out.join('\n');
}
