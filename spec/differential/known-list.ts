/**
 * The known-differences list (known-differences.json): every difference the sweep may report
 * without failing, each with a reason and a status, `deliberate` (botojs differs on purpose, and
 * says so in its docs) or `bug` (to fix; issue 11 tracks them).
 *
 * A third status, `environment`, is for differences this machine causes and botojs does not
 * (botocore without its optional awscrt dependency refusing CRT-only algorithms).
 *
 * An entry matches a difference when each field it sets matches: `service`, `operation`,
 * `aspect`, `detail` are patterns where `*` stands for any run of characters and `?` for any
 * one (`detail` is matched against the `boto3: ... | botojs: ...` text); `protocol`, `kind`,
 * `phase` are exact. Fields left out match anything.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Difference } from './outcome';

export interface KnownDifference {
  service?: string;
  operation?: string;
  protocol?: string;
  kind?: string;
  phase: 'request' | 'response';
  aspect: string;
  detail?: string;
  status: 'bug' | 'deliberate' | 'environment';
  reason: string;
}

export const KNOWN_FILE = path.join(__dirname, 'known-differences.json');

export function loadKnown(file = KNOWN_FILE): KnownDifference[] {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { differences: KnownDifference[] };
  for (const [i, e] of raw.differences.entries()) {
    if (!e.phase || !e.aspect || !e.reason || !['bug', 'deliberate', 'environment'].includes(e.status)) {
      throw new Error(`${path.basename(file)}: entry ${i} needs phase, aspect, reason and status (bug|deliberate|environment)`);
    }
  }
  return raw.differences;
}

const patternCache = new Map<string, RegExp>();

function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  let re = patternCache.get(pattern);
  if (!re) {
    const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/, '\\$&'))).join('');
    re = new RegExp(`^${source}$`, 's');
    patternCache.set(pattern, re);
  }
  return re.test(value);
}

export interface CaseKey {
  service: string;
  operation: string;
  protocol: string;
  kind: string;
}

/** The index of the first entry that covers `d` in case `c`, or -1. */
export function findKnown(known: KnownDifference[], c: CaseKey, d: Difference): number {
  return known.findIndex(
    (e) =>
      e.phase === d.phase &&
      matches(e.aspect, d.aspect) &&
      matches(e.detail, d.detail) &&
      matches(e.service, c.service) &&
      matches(e.operation, c.operation) &&
      (e.protocol === undefined || e.protocol === c.protocol) &&
      (e.kind === undefined || e.kind === c.kind),
  );
}
