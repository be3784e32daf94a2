/**
 * Judging and summarizing a sweep: each paired case is compared (requests for `required` and
 * `all` cases, parsed outcomes for `required` and `error` cases), each difference is looked up in
 * the known list, and the totals are printed per protocol, raw and after the known list, with
 * the most frequent differences and an example case each.
 *
 * A case passes a phase raw when that phase shows no difference, and after the known list when
 * every difference it shows is listed. Cases where both SDKs refused before sending count as
 * passes (they agree) and are reported separately, since they exercised no wire format.
 */
import type { SweepCase } from './cases';
import { findKnown, KnownDifference } from './known-list';
import type { Difference } from './outcome';
import { compareOutcomes } from './result-compare';
import type { RunTimes, SweepPair } from './sweep-runner';
import { bothSent, compareRequests } from './wire-compare';

export interface JudgedCase {
  case: SweepCase;
  diffs: Difference[];
  /** Differences no known entry covers. */
  unknown: Difference[];
  /** Per difference, the index of the known entry that covers it (-1: none). */
  knownIndex: number[];
  wireExercised: boolean;
}

export function judge(pairs: SweepPair[], known: KnownDifference[]): JudgedCase[] {
  return pairs.map(({ case: c, boto3, botojs }) => {
    const diffs: Difference[] = [];
    if (c.compareRequest) diffs.push(...compareRequests(boto3, botojs));
    if (c.compareResponse) diffs.push(...compareOutcomes(boto3.outcome, botojs.outcome));
    const knownIndex = diffs.map((d) => findKnown(known, c, d));
    return { case: c, diffs, unknown: diffs.filter((_, i) => knownIndex[i] < 0), knownIndex, wireExercised: bothSent(boto3, botojs) };
  });
}

interface PhaseStats {
  total: number;
  rawPass: number;
  knownPass: number;
}

interface ProtocolStats {
  requests: PhaseStats & { bothRefused: number };
  responses: PhaseStats;
  skipped: number;
}

function emptyStats(): ProtocolStats {
  return { requests: { total: 0, rawPass: 0, knownPass: 0, bothRefused: 0 }, responses: { total: 0, rawPass: 0, knownPass: 0 }, skipped: 0 };
}

export interface Summary {
  byProtocol: Map<string, ProtocolStats>;
  total: ProtocolStats;
}

export function summarize(judged: JudgedCase[], skipped: SweepCase[]): Summary {
  const byProtocol = new Map<string, ProtocolStats>();
  const total = emptyStats();
  const stats = (p: string) => {
    let s = byProtocol.get(p);
    if (!s) byProtocol.set(p, (s = emptyStats()));
    return s;
  };
  for (const c of skipped) {
    stats(c.protocol).skipped++;
    total.skipped++;
  }
  for (const j of judged) {
    for (const phase of ['request', 'response'] as const) {
      const applies = phase === 'request' ? j.case.compareRequest : j.case.compareResponse;
      if (!applies) continue;
      const mine = j.diffs.map((d, i) => ({ d, k: j.knownIndex[i] })).filter(({ d }) => d.phase === phase);
      for (const s of [stats(j.case.protocol), total]) {
        const t = phase === 'request' ? s.requests : s.responses;
        t.total++;
        if (!mine.length) t.rawPass++;
        if (mine.every(({ k }) => k >= 0)) t.knownPass++;
        if (phase === 'request' && !j.wireExercised && !mine.length) s.requests.bothRefused++;
      }
    }
  }
  return { byProtocol, total };
}

function pct(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '-';
}

export function formatSummary(summary: Summary, title: string, times?: RunTimes): string {
  const rows = [...summary.byProtocol.entries()].sort(([a], [b]) => a.localeCompare(b));
  rows.push(['ALL', summary.total]);
  const head = ['protocol', 'requests', 'raw pass', 'known pass', 'both refused', 'responses', 'raw pass', 'known pass', 'skipped'];
  const lines = rows.map(([p, s]) => [
    p,
    String(s.requests.total),
    pct(s.requests.rawPass, s.requests.total),
    pct(s.requests.knownPass, s.requests.total),
    String(s.requests.bothRefused),
    String(s.responses.total),
    pct(s.responses.rawPass, s.responses.total),
    pct(s.responses.knownPass, s.responses.total),
    String(s.skipped),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = [title, fmt(head), ...lines.map(fmt)];
  if (times) out.push(`time: wall ${(times.wallMs / 1000).toFixed(1)} s; boto3 ${(times.boto3Ms / 1000).toFixed(1)} s, botojs ${(times.botojsMs / 1000).toFixed(1)} s (${times.parallel ? 'in parallel' : 'one after the other'})`);
  return out.join('\n');
}

export interface DifferenceGroup {
  phase: string;
  aspect: string;
  cases: number;
  services: Set<string>;
  protocols: Set<string>;
  example: { id: string; detail: string };
}

/** Differences grouped by phase and aspect, most cases first. `only` filters (e.g. unknown). */
export function groupDifferences(judged: JudgedCase[], which: 'all' | 'unknown'): DifferenceGroup[] {
  const groups = new Map<string, DifferenceGroup>();
  for (const j of judged) {
    const list = which === 'all' ? j.diffs : j.unknown;
    const seen = new Set<string>();
    for (const d of list) {
      const key = `${d.phase} ${d.aspect}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { phase: d.phase, aspect: d.aspect, cases: 0, services: new Set(), protocols: new Set(), example: { id: j.case.id, detail: d.detail } }));
      g.cases++;
      g.services.add(j.case.service);
      g.protocols.add(j.case.protocol);
    }
  }
  return [...groups.values()].sort((a, b) => b.cases - a.cases || a.aspect.localeCompare(b.aspect));
}

export function formatGroups(groups: DifferenceGroup[], limit: number): string {
  return groups
    .slice(0, limit)
    .map((g) => {
      const svc = g.services.size > 4 ? `${g.services.size} services` : [...g.services].join(',');
      return `${String(g.cases).padStart(6)}  ${g.phase} ${g.aspect}  [${[...g.protocols].join(',')}; ${svc}]\n        e.g. ${g.example.id}: ${g.example.detail}`;
    })
    .join('\n');
}

/**
 * Stale known entries: those that matched nothing (meaningful only after a full sweep). A full
 * run fails on them, so the list only ever names differences that still exist.
 */
export function unusedKnown(judged: JudgedCase[], known: KnownDifference[]): KnownDifference[] {
  const used = new Set<number>();
  for (const j of judged) for (const k of j.knownIndex) if (k >= 0) used.add(k);
  return known.filter((_, i) => !used.has(i));
}
