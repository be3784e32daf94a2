/**
 * `npm run bench`: botojs vs the AWS SDK for JavaScript v3 against a canned loopback server.
 *
 *   npm run bench                      # cold start, client creation, throughput, transfers, soak (~15 min)
 *   npm run bench -- --quick           # fewer/shorter runs, 64 MiB transfers, 20,000-call soak: a smoke check
 *   npm run bench -- --profile         # also CPU-profile botojs's throughput loop
 *   npm run bench -- --only=profile    # just the profile
 *   npm run bench -- --only=throughput --ops=listObjectsV2,describeInstances --concurrency=1
 *   options: --runs=N --rounds=N --warmup=MS --measure=MS --concurrency=1,16 --ops=a,b
 *            --only=cold,create,throughput,transfer,soak,profile --transfer-mib=N --transfer-rounds=N --soak-calls=N
 *            --no-pin --rebuild --no-build
 *   (--ops picks throughput operations: putObject, getObject, listObjectsV2, getItem, query,
 *    sendMessage, publish, describeInstances)
 *
 * Every measurement runs in a fresh plain-`node` child (never ts-node) pinned to core 0, the
 * server in its own process pinned to the last core. The bench reports; it never fails on speed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ColdStartSample } from './cold-start';
import {
  backgroundLoad, choosePinning, ensureBotojsBuilt, REPO_ROOT, runNodeJson, startServerProcess, timeBareNode, transpileBench, WORK_DIR,
  type Pinning,
} from './processes';
import { runProfile } from './profile';
import { createTable, runCreateProbes } from './create-probe';
import { runSoak, soakReport } from './soak';
import { runTransfers, transferTable } from './transfer';
import { coldStartTable, throughputTable, type BareNodeTimes, type ColdStartResults, type Outcome, type ThroughputResults } from './report';
import { ALL_V3_PACKAGES, COLD_OPS, hasOp, OPS, SDKS, sdkPathsToEnv, type OpName, type SdkName } from './sdk-adapters';
import type { ThroughputSample } from './throughput';

interface Options {
  runs: number;
  rounds: number;
  warmupMs: number;
  measureMs: number;
  concurrency: number[];
  pin: boolean;
  build: 'auto' | 'force' | 'skip';
  parts: Set<Part>;
  ops: OpName[];
  /** What --profile profiles: the --ops given, else PutObject and GetItem. */
  profileOps: OpName[];
  /** Bytes moved by each transfer run (1 GiB by default, 64 MiB with --quick). */
  transferBytes: number;
  /** Runs of each transfer case per SDK, reported as medians (3 by default, 1 with --quick). */
  transferRounds: number;
  /** Calls of the soak run (100,000 by default, 20,000 with --quick). */
  soakCalls: number;
}

type Part = 'cold' | 'create' | 'throughput' | 'transfer' | 'soak' | 'profile';
const DEFAULT_PARTS: readonly Part[] = ['cold', 'create', 'throughput', 'transfer', 'soak'];
const ALL_PARTS: readonly Part[] = [...DEFAULT_PARTS, 'profile'];

function parseOptions(argv: readonly string[]): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    flags.set(key, value ?? 'true');
  }
  const quick = flags.has('quick');
  const num = (key: string, fallback: number): number => Number(flags.get(key) ?? fallback);
  const only = flags.get('only');
  const parts = new Set<Part>(only ? parseList(only, ALL_PARTS, '--only') : DEFAULT_PARTS);
  if (flags.has('profile')) parts.add('profile');
  return {
    runs: num('runs', quick ? 3 : 10),
    rounds: num('rounds', quick ? 1 : 3),
    warmupMs: num('warmup', quick ? 1000 : 3000),
    measureMs: num('measure', quick ? 1000 : 2000),
    concurrency: (flags.get('concurrency') ?? '1,16').split(',').map(Number),
    pin: !flags.has('no-pin'),
    build: flags.has('rebuild') ? 'force' : flags.has('no-build') ? 'skip' : 'auto',
    parts,
    ops: parseOps(flags.get('ops')),
    profileOps: flags.has('ops') ? parseOps(flags.get('ops')) : ['putObject', 'getItem'],
    transferBytes: num('transfer-mib', quick ? 64 : 1024) * 2 ** 20,
    transferRounds: num('transfer-rounds', quick ? 1 : 3),
    soakCalls: num('soak-calls', quick ? 20_000 : 100_000),
  };
}

/** A comma-separated flag value, every item checked against `choices`. */
function parseList<T extends string>(value: string, choices: readonly T[], flag: string): T[] {
  const items = value.split(',');
  const unknown = items.filter((item) => !(choices as readonly string[]).includes(item));
  if (unknown.length > 0) throw new Error(`unknown ${flag} ${unknown.join(', ')}; choose from ${choices.join(', ')}`);
  return items as T[];
}

function parseOps(value: string | undefined): OpName[] {
  return value ? parseList(value, OPS, '--ops') : [...OPS];
}

function moduleVersion(name: string): string {
  try {
    const pkgPath = require.resolve(`${name}/package.json`, { paths: [REPO_ROOT] });
    return (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function describeMachine(pin: Pinning, buildNote: string): string {
  const cpus = os.cpus();
  return [
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`,
    `node ${process.version}; ${ALL_V3_PACKAGES.map((p) => `${p} ${moduleVersion(p)}`).join(', ')}; botojs from dist/ (${buildNote})`,
    `pinning: ${pin.description}`,
  ].join('\n');
}

/** Alternates which SDK goes first so drift (thermal, page cache) doesn't favour one. */
function orderFor(round: number, sdks: readonly SdkName[] = SDKS): SdkName[] {
  return round % 2 === 0 ? [...sdks] : [...sdks].reverse();
}

// Up to this much waiting in total, per bench, for other processes to go quiet before a run.
let quietBudgetMs = 30_000;

/**
 * Samples other processes' CPU use in 300 ms windows and waits (within the shared budget) until
 * it drops below 15% of the machine; returns the last sample so the report can show it.
 */
async function waitForQuiet(): Promise<number | undefined> {
  for (;;) {
    const started = Date.now();
    const pct = await backgroundLoad(300);
    if (pct === undefined || pct < 15 || quietBudgetMs <= 0) return pct;
    quietBudgetMs -= Date.now() - started;
  }
}

function loadNote(when: string, pct: number | undefined): string {
  if (pct === undefined) return `background CPU load ${when}: unknown (no /proc/stat)`;
  const warning = pct > 10 ? ' -- WARNING: other processes are busy, expect noisy numbers' : '';
  return `background CPU load ${when} the runs (other processes, % of all cores): ${pct.toFixed(0)}%${warning}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function runColdStarts(
  opts: Options, pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>,
): Promise<{ results: ColdStartResults; bare: BareNodeTimes }> {
  const fresh = (): Outcome<ColdStartSample> => ({ samples: [] });
  const results: ColdStartResults = {};
  const bare: BareNodeTimes = { ms: [], msWithoutExtraCa: [] };
  // Node reads NODE_EXTRA_CA_CERTS as every process starts (tens of ms on some machines, the
  // same for both SDKs): when it is set, each probe runs a second time without it.
  const extraCa = Boolean(process.env.NODE_EXTRA_CA_CERTS);
  const withoutExtraCa = { ...env, NODE_EXTRA_CA_CERTS: undefined };
  for (const op of COLD_OPS) results[op] = { botojs: fresh(), v3: fresh() };
  const script = path.join(jsDir, 'cold-start.js');
  const timed = async (args: string[], probeEnv: Record<string, string | undefined>): Promise<[ColdStartSample, number]> => {
    const started = performance.now();
    const sample = await runNodeJson<ColdStartSample>(pin, script, args, probeEnv);
    return [sample, performance.now() - started];
  };
  for (let run = 0; run < opts.runs; run += 1) {
    process.stderr.write(`bench: cold start run ${run + 1}/${opts.runs}\n`);
    await waitForQuiet();
    bare.ms.push(await timeBareNode(pin, env));
    if (extraCa) bare.msWithoutExtraCa.push(await timeBareNode(pin, withoutExtraCa));
    for (const op of COLD_OPS) {
      for (const sdk of orderFor(run, ['botojs', 'v3'])) {
        const outcome = results[op]?.[sdk];
        if (!outcome || outcome.error) continue;
        try {
          const [sample, processMs] = await timed([sdk, op, endpoint], env);
          sample.processMs = processMs;
          if (extraCa) sample.processMsWithoutExtraCa = (await timed([sdk, op, endpoint], withoutExtraCa))[1];
          outcome.samples.push(sample);
        } catch (err) {
          outcome.error = errorText(err);
        }
      }
    }
  }
  return { results, bare };
}

async function runThroughput(
  opts: Options, pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>,
): Promise<ThroughputResults> {
  const results: ThroughputResults = {};
  const script = path.join(jsDir, 'throughput.js');
  for (const op of opts.ops) {
    for (const concurrency of opts.concurrency) {
      const cell = `${op}@${concurrency}`;
      const sdks = SDKS.filter((sdk) => hasOp(sdk, op));
      results[cell] = Object.fromEntries(sdks.map((sdk) => [sdk, { samples: [] }]));
      for (let round = 0; round < opts.rounds; round += 1) {
        for (const sdk of orderFor(round, sdks)) {
          const outcome = results[cell][sdk];
          if (!outcome || outcome.error) continue;
          process.stderr.write(`bench: throughput ${sdk} ${cell} round ${round + 1}/${opts.rounds}\n`);
          const args = [sdk, op, String(concurrency), endpoint, String(opts.warmupMs), String(opts.measureMs)];
          try {
            const backgroundPct = await waitForQuiet();
            const sample = await runNodeJson<ThroughputSample>(pin, script, args, env);
            outcome.samples.push({ ...sample, backgroundPct });
          } catch (err) {
            outcome.error = errorText(err);
          }
        }
      }
    }
  }
  return results;
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const buildNote = opts.build === 'skip' ? 'build skipped' : ensureBotojsBuilt(opts.build === 'force');
  const jsDir = transpileBench();
  const pin = choosePinning(!opts.pin);
  const modules: Record<string, string> = { botojs: path.join(REPO_ROOT, 'dist', 'index.js') };
  for (const pkg of ALL_V3_PACKAGES) modules[pkg] = require.resolve(pkg, { paths: [REPO_ROOT] });
  // The raw floor signs with aws4 (issue 14's definition of the floor).
  modules.aws4 = require.resolve('aws4', { paths: [REPO_ROOT] });
  const env: Record<string, string> = { BENCH_REPO: REPO_ROOT, ...sdkPathsToEnv(modules) };
  const server = await startServerProcess(pin, jsDir);
  process.on('exit', () => server.stop());
  const loadBefore = await backgroundLoad(1000);
  const machine = `${describeMachine(pin, buildNote)}\n${loadNote('before', loadBefore)}`;
  process.stderr.write(`bench: canned server at ${server.endpoint} (${pin.description})\n`);

  const output: string[] = [machine];
  const json: Record<string, unknown> = { options: { ...opts, parts: [...opts.parts] }, machine };
  try {
    if (opts.parts.has('cold')) {
      const cold = await runColdStarts(opts, pin, jsDir, server.endpoint, env);
      json.coldStart = cold.results;
      json.bareNodeMs = cold.bare;
      output.push('', coldStartTable(cold.results, opts.runs, cold.bare));
    }
    if (opts.parts.has('throughput')) {
      const throughput = await runThroughput(opts, pin, jsDir, server.endpoint, env);
      json.throughput = throughput;
      output.push(
        '',
        `warm-up ${opts.warmupMs} ms, then ${opts.measureMs} ms measured, closed loop, one fresh process per cell`,
        throughputTable(throughput, opts.rounds),
      );
    }
    if (opts.parts.has('create')) {
      const create = await runCreateProbes(opts.runs, pin, jsDir, env, waitForQuiet);
      json.create = create;
      output.push('', createTable(create, opts.runs));
    }
    if (opts.parts.has('transfer')) {
      const transfer = await runTransfers(opts.transferBytes, opts.transferRounds, pin, jsDir, server.endpoint, env, waitForQuiet, orderFor);
      json.transfer = transfer;
      output.push('', transferTable(transfer, opts.transferBytes, opts.transferRounds));
    }
    if (opts.parts.has('soak')) {
      const soak = await runSoak(opts.soakCalls, pin, jsDir, server.endpoint, env);
      json.soak = soak;
      output.push('', soakReport(soak));
    }
    if (opts.parts.has('profile')) {
      output.push('', await runProfile(pin, jsDir, server.endpoint, env, opts.measureMs, opts.profileOps));
    }
  } finally {
    server.stop();
  }
  output.push('', loadNote('after', await backgroundLoad(1000)));
  output.push(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const resultsFile = path.join(WORK_DIR, 'results.json');
  fs.writeFileSync(resultsFile, JSON.stringify(json, null, 2));
  process.stdout.write(`${output.join('\n')}\nraw results: ${resultsFile}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
