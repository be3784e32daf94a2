/**
 * CPU profile of botojs's throughput loop: runs the throughput worker under `node --cpu-prof`,
 * then reads the .cpuprofile and reports where the time goes: self time by area (botojs module
 * folder, dependency, node internals, GC), the top functions by self time and the top botojs
 * functions by inclusive time, each located as src/<file>.ts:<line> through dist/'s source maps.
 */
import * as fs from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runNodeJson, WORK_DIR, type Pinning } from './processes';
import type { OpName } from './sdk-adapters';
import { OP_LABEL } from './report';
import { table } from './stats';
import type { ThroughputSample } from './throughput';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** One function's share of the profile. */
export interface HotSpot {
  name: string;
  location: string;
  area: string;
  selfUs: number;
  totalUs: number;
  /** Line inside the function with the most self samples (source-mapped), when known. */
  hotLine?: string;
}

const mapCache = new Map<string, { map: SourceMap; dir: string; lines: string[] } | null>();

function sourceMapFor(file: string): { map: SourceMap; dir: string; lines: string[] } | null {
  if (!mapCache.has(file)) {
    let entry: { map: SourceMap; dir: string; lines: string[] } | null = null;
    try {
      const payload = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload;
      entry = { map: new SourceMap(payload), dir: path.resolve(path.dirname(file), payload.sourceRoot ?? ''),
        lines: fs.readFileSync(file, 'utf8').split('\n') };
    } catch {
      entry = null;
    }
    mapCache.set(file, entry);
  }
  return mapCache.get(file) ?? null;
}

/** `file:line` (1-based) for a generated position, mapped back to src/*.ts when dist/ has a map. */
function locate(url: string, line0: number, col0?: number): string {
  if (!url) return '(native)';
  if (!url.startsWith('file://')) return `${url}:${line0 + 1}`;
  const file = fileURLToPath(url);
  const mapped = sourceMapFor(file);
  if (mapped) {
    // Without a column (position ticks), map the line's first non-blank character.
    const col = col0 ?? Math.max(0, (mapped.lines[line0] ?? '').search(/\S/));
    const hit = mapped.map.findEntry(line0, col) as { originalSource?: string; originalLine?: number };
    if (hit.originalSource !== undefined && hit.originalLine !== undefined) {
      const source = hit.originalSource.startsWith('file://') ? fileURLToPath(hit.originalSource)
        : path.resolve(mapped.dir, hit.originalSource);
      return `${path.relative(REPO_ROOT, source)}:${hit.originalLine + 1}`;
    }
  }
  return `${path.relative(REPO_ROOT, file)}:${line0 + 1}`;
}

/** Coarse bucket for a frame: botojs folder, npm package, node internals, or a VM pseudo-frame. */
function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1];
  if (file.startsWith(path.join(REPO_ROOT, 'dist'))) {
    // dist/botojs.js is the whole package in one bundle: its map says which src/ folder a frame is in.
    const source = locate(url, frame.lineNumber, frame.columnNumber);
    const folder = /^src\/([^/]+)\//.exec(source);
    if (folder) return `botojs ${folder[1]}/`;
    return source.startsWith('src/') ? 'botojs index' : 'botojs bundle runtime';
  }
  return file.includes('botojs-bench') ? 'bench harness' : path.basename(file);
}

/** Aggregates a .cpuprofile into per-function self/inclusive time and per-area self time. */
export function analyzeProfile(profile: CpuProfile): { spots: HotSpot[]; areas: Map<string, number>; activeUs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (f: CallFrame): string => `${f.functionName}|${f.url}|${f.lineNumber}|${f.columnNumber}`;

  const spots = new Map<string, HotSpot & { frame: CallFrame; ticks: Map<number, number> }>();
  const spotFor = (node: ProfileNode): HotSpot & { frame: CallFrame; ticks: Map<number, number> } => {
    const key = keyOf(node.callFrame);
    let spot = spots.get(key);
    if (!spot) {
      const f = node.callFrame;
      spot = { name: f.functionName || '(anonymous)', location: '', area: areaOf(f), selfUs: 0, totalUs: 0,
        frame: f, ticks: new Map() };
      spots.set(key, spot);
    }
    return spot;
  };
  const areas = new Map<string, number>();
  let activeUs = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byId.get(profile.samples[i]);
    // timeDeltas[i + 1] is the time until the next sample, i.e. the time spent in this one.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (!node || node.callFrame.functionName === '(idle)') continue;
    activeUs += dt;
    const self = spotFor(node);
    self.selfUs += dt;
    areas.set(self.area, (areas.get(self.area) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frameNode = byId.get(id);
      if (!frameNode) break;
      const spot = spotFor(frameNode);
      if (!seen.has(spot.name + spot.frame.url + spot.frame.lineNumber)) {
        seen.add(spot.name + spot.frame.url + spot.frame.lineNumber);
        spot.totalUs += dt;
      }
    }
  }
  for (const node of profile.nodes) {
    const spot = spotFor(node);
    for (const tick of node.positionTicks ?? []) spot.ticks.set(tick.line, (spot.ticks.get(tick.line) ?? 0) + tick.ticks);
  }
  const result: HotSpot[] = [];
  for (const spot of spots.values()) {
    spot.location = locate(spot.frame.url, spot.frame.lineNumber, spot.frame.columnNumber);
    const hottest = [...spot.ticks.entries()].sort((a, b) => b[1] - a[1])[0];
    if (hottest && spot.frame.url) spot.hotLine = locate(spot.frame.url, hottest[0] - 1).split(':').pop();
    const { frame: _frame, ticks: _ticks, ...plain } = spot;
    result.push(plain);
  }
  return { spots: result, areas, activeUs };
}

const pct = (us: number, total: number): string => `${((100 * us) / total).toFixed(1)}%`;

function isRoot(spot: HotSpot): boolean {
  return spot.name.startsWith('(') || spot.location === '(native)';
}

/** Renders the analysis: areas, top self-time functions, top botojs inclusive functions. */
export function formatProfile(title: string, analysis: ReturnType<typeof analyzeProfile>, top = 15): string {
  const { spots, areas, activeUs } = analysis;
  const areaRows = [...areas.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)
    .map(([area, us]) => [area, pct(us, activeUs)]);
  const selfRows = [...spots].sort((a, b) => b.selfUs - a.selfUs).slice(0, top).map((s) => [
    pct(s.selfUs, activeUs), pct(s.totalUs, activeUs), s.name, `${s.location}${s.hotLine ? ` (hot line ${s.hotLine})` : ''}`,
  ]);
  const botoRows = spots.filter((s) => s.area.startsWith('botojs') && !isRoot(s))
    .sort((a, b) => b.totalUs - a.totalUs).slice(0, top)
    .map((s) => [pct(s.totalUs, activeUs), pct(s.selfUs, activeUs), s.name, s.location]);
  return [
    `${title} — ${(activeUs / 1000).toFixed(0)} ms of non-idle CPU sampled`,
    table([['self time by area', 'share'], ...areaRows]),
    '',
    table([['self', 'incl', 'function (top by self time)', 'where'], ...selfRows]),
    '',
    table([['incl', 'self', 'botojs function (top by inclusive time)', 'where'], ...botoRows]),
  ].join('\n');
}

/** Profiles botojs at concurrency 16 for each operation and returns the formatted report. */
export async function runProfile(
  pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>, measureMs: number,
  ops: readonly OpName[] = ['putObject', 'getItem'],
): Promise<string> {
  const dir = path.join(WORK_DIR, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const sections: string[] = [
    'Where the time goes (botojs CPU profile, concurrency 16, measured period only, 200 us sampling)',
  ];
  for (const op of ops) {
    const name = `botojs-${op}.cpuprofile`;
    process.stderr.write(`bench: profiling botojs ${op}\n`);
    try {
      const sample = await runNodeJson<ThroughputSample>(
        pin, path.join(jsDir, 'throughput.js'), ['botojs', op, '16', endpoint, '3000', String(measureMs)],
        { ...env, BENCH_CPU_PROFILE: path.join(dir, name) },
      );
      const profile = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CpuProfile;
      sections.push('', formatProfile(`${OP_LABEL[op]} (${Math.round(sample.opsPerSec)} ops/s while profiled)`,
        analyzeProfile(profile)), `profile file: ${path.join(dir, name)}`);
    } catch (err) {
      sections.push('', `${OP_LABEL[op]}: profiling failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const op of ['putObject', 'getItem'] as OpName[]) {
    const name = `botojs-cold-${op}.cpuprofile`;
    process.stderr.write(`bench: profiling botojs cold start ${op}\n`);
    // A cold start is ~0.2 s: sample every 100 us instead of the default 1 ms.
    const flags = ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`];
    try {
      await runNodeJson<unknown>(pin, path.join(jsDir, 'cold-start.js'), ['botojs', op, endpoint], env, flags);
      const profile = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as CpuProfile;
      sections.push('', formatProfile(`Cold start, ${OP_LABEL[op]} (whole process)`, analyzeProfile(profile), 10),
        `profile file: ${path.join(dir, name)}`);
    } catch (err) {
      sections.push('', `cold start ${OP_LABEL[op]}: profiling failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return sections.join('\n');
}
