/**
 * docs/botocore-customizations.md is the checklist of every handler botocore and boto3 register:
 * its tables must stay well formed (every row has a known status, the counts line is right,
 * every file an "implemented" row names exists) and, where python3 has botocore and boto3, list
 * exactly their handlers, in botocore's order.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const DOC = fs.readFileSync(path.join(ROOT, 'docs/botocore-customizations.md'), 'utf8');
const STATUSES = ['implemented', 'not applicable', 'deliberately different', 'TODO (issue 11)', 'TODO (issue 15)'] as const;

interface Row {
  index?: number;
  event: string;
  handler: string;
  status: string;
  detail: string;
}

/** The rows of the table under `heading` (cells split on unescaped pipes). */
function tableRows(heading: string): Row[] {
  const start = DOC.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`no section ${heading}`);
  const end = DOC.indexOf('\n## ', start + 3);
  const lines = DOC.slice(start, end < 0 ? undefined : end).split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| #') && !l.startsWith('| Event'));
  return lines.map((line) => {
    const cells = line.slice(2, -2).split(/ (?<!\\)\| /).map((c) => c.replace(/\\\|/g, '|').trim());
    const numbered = cells.length === 5;
    const [event, handler, , statusCell] = numbered ? cells.slice(1) : cells;
    const status = STATUSES.find((s) => statusCell.startsWith(`${s}: `)) ?? `?${statusCell}`;
    return { index: numbered ? Number(cells[0]) : undefined, event: event.replace(/`/g, ''), handler: handler.replace(/`/g, ''), status, detail: statusCell.slice(status.length + 2) };
  });
}

const botocoreRows = tableRows('botocore: `BUILTIN_HANDLERS`');
const boto3Rows = [...tableRows('boto3: `Session._register_default_handlers`'), ...tableRows('boto3: handlers the DynamoDB resource registers on its client')];

function countsLine(label: string, rows: Row[]): string {
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  return `Counts, ${label} (${rows.length}): ${STATUSES.map((s) => `${s} ${n(s)}`).join(', ')}.`;
}

/** botocore's and boto3's registrations, from the installed packages, or undefined. */
function installed(): { botocore: Array<[string, string]>; boto3: Array<[string, string]> } | undefined {
  const script = `
import json, re, inspect
import botocore.handlers as h, boto3.session
b = [[t[0], getattr(t[1], '__name__', None) or type(t[1]).__name__] for t in h.BUILTIN_HANDLERS]
src = inspect.getsource(boto3.session.Session._register_default_handlers)
s = [[e, f.rsplit('.', 1)[1]] for e, f in re.findall(r"register\\(\\s*'([^']+)',\\s*boto3\\.utils\\.lazy_call\\(\\s*'([^']+)'", src)]
print(json.dumps({'botocore': b, 'boto3': s}))`;
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { botocore: Array<[string, string]>; boto3: Array<[string, string]> };
  } catch {
    console.log('[botojs] python3 with botocore/boto3 not available: the inventory is not compared with them');
    return undefined;
  }
}

describe('docs/botocore-customizations.md', () => {
  it('numbers the botocore rows 0..n-1 and gives every row a known status', () => {
    expect(botocoreRows.map((r) => r.index)).toEqual(botocoreRows.map((_, i) => i));
    expect([...botocoreRows, ...boto3Rows].filter((r) => r.status.startsWith('?'))).toEqual([]);
  });

  it('states the right counts', () => {
    expect(DOC).toContain(countsLine('botocore', botocoreRows));
    expect(DOC).toContain(countsLine('boto3', boto3Rows));
  });

  it('names only files that exist for implemented rows', () => {
    const missing = [...botocoreRows, ...boto3Rows]
      .filter((r) => r.status === 'implemented' || r.status === 'deliberately different')
      .flatMap((r) => [...r.detail.matchAll(/src\/[\w./-]+\.ts/g)].map((m) => m[0]))
      .filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
  });

  it('lists exactly the installed botocore and boto3 registrations', () => {
    const found = installed();
    if (!found) return;
    expect(botocoreRows.map((r) => [r.event, r.handler])).toEqual(found.botocore);
    const sessionRows = tableRows('boto3: `Session._register_default_handlers`');
    expect(sessionRows.map((r) => [r.event, r.handler])).toEqual(found.boto3);
  });
});
