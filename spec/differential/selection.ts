/**
 * Which cases a run covers. The full sweep is every operation of every shipped model; the jest
 * subset (the CI budget allows a few minutes) is every operation of the core services, a
 * deterministic sample of operations per protocol from the rest, chosen by a seeded hash so the
 * same operations are picked on every run, and every operation with an event stream output.
 * Shards split the full sweep by service, balanced by operation count, so `--shard=i/n` runs
 * are independent and together cover everything.
 */
import { serviceCases, SweepCase } from './cases';
import { CORE_SERVICES, listServices, loadModel } from './model-catalog';
import { hasEventStream } from './input-values';
import { hashSeed } from './prng';

/** Operations sampled per protocol from the non-core services, for the jest subset. */
export const SAMPLE_PER_PROTOCOL: Record<string, number> = { json: 40, 'rest-json': 60, query: 30, 'rest-xml': 20, ec2: 0 };

/** The cases of `services`; with `protocol`, spoken in it by the models that list it. */
export function casesFor(services: readonly string[], protocol?: string): SweepCase[] {
  return services.flatMap((s) => serviceCases(s, undefined, protocol));
}

export function subsetCases(): SweepCase[] {
  const out = casesFor(CORE_SERVICES);
  const candidates = new Map<string, Array<{ service: string; op: string }>>();
  // Every operation with an event stream output is in too: few, and each reads a different stream.
  const eventStreams: Array<{ service: string; op: string }> = [];
  for (const s of listServices()) {
    if (CORE_SERVICES.includes(s.name)) continue;
    const list = candidates.get(s.protocol) ?? [];
    const model = loadModel(s.file);
    for (const [op, raw] of Object.entries(model.operations)) {
      const entry = { service: s.name, op };
      list.push(entry);
      if (hasEventStream(model, raw.output)) eventStreams.push(entry);
    }
    candidates.set(s.protocol, list);
  }
  for (const [protocol, list] of [...candidates.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const n = SAMPLE_PER_PROTOCOL[protocol] ?? 20;
    const sampled = list
      .map((x) => ({ ...x, h: hashSeed(`sample:${x.service}.${x.op}`) }))
      .sort((a, b) => a.h - b.h)
      .slice(0, n);
    const picked = [...sampled, ...eventStreams.filter((e) => list.includes(e) && !sampled.some((x) => x.service === e.service && x.op === e.op))];
    const byService = new Map<string, string[]>();
    for (const p of picked) byService.set(p.service, [...(byService.get(p.service) ?? []), p.op]);
    for (const [service, ops] of [...byService.entries()].sort(([a], [b]) => a.localeCompare(b))) out.push(...serviceCases(service, ops));
  }
  return out;
}

/** The services of shard `index` (0-based) of `count`: greedy balance by operation count. */
export function shardServices(index: number, count: number): string[] {
  const sized = listServices()
    .map((s) => ({ name: s.name, ops: Object.keys(loadModel(s.file).operations).length }))
    .sort((a, b) => b.ops - a.ops || a.name.localeCompare(b.name));
  const loads = new Array<number>(count).fill(0);
  const assigned: string[][] = Array.from({ length: count }, () => []);
  for (const s of sized) {
    let best = 0;
    for (let i = 1; i < count; i++) if (loads[i] < loads[best]) best = i;
    loads[best] += s.ops;
    assigned[best].push(s.name);
  }
  return assigned[index].sort();
}
