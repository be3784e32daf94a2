/**
 * `npm run bench`: botojs vs the AWS SDK for JavaScript v3 against a canned loopback server.
 *
 *   npm run bench                      # cold start + throughput (4 operations), ~3.5 minutes
 *   npm run bench -- --quick           # fewer/shorter runs, for a smoke check
 *   npm run bench -- --profile         # also CPU-profile botojs's throughput loop
 *   npm run bench -- --only=profile    # just the profile
 *   npm run bench -- --only=throughput --ops=listObjectsV2,describeInstances --concurrency=1
 *   options: --runs=N --rounds=N --warmup=MS --measure=MS --concurrency=1,16 --ops=a,b --no-pin --rebuild --no-build
 *   (--ops picks throughput operations: putObject, getItem, listObjectsV2, describeInstances)
 *
 * Every measurement runs in a fresh plain-`node` child (never ts-node) pinned to core 0, the
 * server in its own process pinned to the last core. The bench reports; it never fails on speed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ColdStartSample } from './cold-start';
import {
  backgroundLoad, choosePinning, ensureBotojsBuilt, REPO_ROOT, runNodeJson, startServerProcess, transpileBench, WORK_DIR,
  type Pinning,
} from './processes';
import { runProfile } from './profile';
import { coldStartTable, throughputTable, type ColdStartResults, type Outcome, type ThroughputResults } from './report';
import { COLD_OPS, OPS, SDKS, sdkPathsToEnv, type OpName, type SdkName } from './sdk-adapters';
import type { ThroughputSample } from './throughput';

interface Options {
  runs: number;
  rounds: number;
  warmupMs: number;
  measureMs: number;
  concurrency: number[];
  /** Throughput operations to run. */
  ops: OpName[];
  pin: boolean;
  build: 'auto' | 'force' | 'skip';
  parts: Set<'cold' | 'throughput' | 'profile'>;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const [key, value] = arg.replace(/^--/, '').split('=');
    flags.set(key, value ?? 'true');
  }
  const quick = flags.has('quick');
  const num = (key: string, fallback: number): number => Number(flags.get(key) ?? fallback);
  const only = flags.get('only');
  const parts = new Set<'cold' | 'throughput' | 'profile'>(
    only ? (only.split(',') as ('cold' | 'throughput' | 'profile')[]) : ['cold', 'throughput'],
  );
  if (flags.has('profile')) parts.add('profile');
  return {
    runs: num('runs', quick ? 3 : 10),
    rounds: num('rounds', quick ? 1 : 3),
    warmupMs: num('warmup', quick ? 500 : 1000),
    measureMs: num('measure', quick ? 1000 : 2000),
    concurrency: (flags.get('concurrency') ?? '1,16').split(',').map(Number),
    ops: parseOps(flags.get('ops')),
    pin: !flags.has('no-pin'),
    build: flags.has('rebuild') ? 'force' : flags.has('no-build') ? 'skip' : 'auto',
    parts,
  };
}

function parseOps(value: string | undefined): OpName[] {
  if (!value) return [...OPS];
  const ops = value.split(',');
  const unknown = ops.filter((op) => !(OPS as readonly string[]).includes(op));
  if (unknown.length > 0) throw new Error(`unknown --ops ${unknown.join(', ')}; choose from ${OPS.join(', ')}`);
  return ops as OpName[];
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
    `node ${process.version}; @aws-sdk/client-s3 ${moduleVersion('@aws-sdk/client-s3')}, ` +
      `@aws-sdk/client-dynamodb ${moduleVersion('@aws-sdk/client-dynamodb')}, @aws-sdk/client-ec2 ${moduleVersion('@aws-sdk/client-ec2')}; ` +
      `botojs from dist/ (${buildNote})`,
    `pinning: ${pin.description}`,
  ].join('\n');
}

/** Alternates which SDK goes first so drift (thermal, page cache) doesn't favour one. */
function orderFor(round: number): SdkName[] {
  return round % 2 === 0 ? [...SDKS] : [...SDKS].reverse();
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
): Promise<ColdStartResults> {
  const fresh = (): Outcome<ColdStartSample> => ({ samples: [] });
  const results: ColdStartResults = {
    putObject: { botojs: fresh(), v3: fresh() },
    getItem: { botojs: fresh(), v3: fresh() },
  };
  const script = path.join(jsDir, 'cold-start.js');
  for (let run = 0; run < opts.runs; run += 1) {
    process.stderr.write(`bench: cold start run ${run + 1}/${opts.runs}\n`);
    await waitForQuiet();
    for (const op of COLD_OPS) {
      for (const sdk of orderFor(run)) {
        const outcome = results[op]?.[sdk];
        if (!outcome) continue;
        if (outcome.error) continue;
        try {
          outcome.samples.push(await runNodeJson<ColdStartSample>(pin, script, [sdk, op, endpoint], env));
        } catch (err) {
          outcome.error = errorText(err);
        }
      }
    }
  }
  return results;
}

async function runThroughput(
  opts: Options, pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>,
): Promise<ThroughputResults> {
  const results: ThroughputResults = {};
  const script = path.join(jsDir, 'throughput.js');
  for (const op of opts.ops) {
    for (const concurrency of opts.concurrency) {
      const cell = `${op}@${concurrency}`;
      results[cell] = { botojs: { samples: [] }, v3: { samples: [] } };
      for (let round = 0; round < opts.rounds; round += 1) {
        for (const sdk of orderFor(round)) {
          const outcome = results[cell][sdk];
          if (outcome.error) continue;
          process.stderr.write(`bench: throughput ${sdk} ${cell} round ${round + 1}/${opts.rounds}\n`);
          const args = [sdk, op, String(concurrency), endpoint, String(opts.warmupMs), String(opts.measureMs)];
          try {
            const backgroundPct = await waitForQuiet();
            const sample = await runNodeJson<ThroughputSample>(pin, script, args, env, ['--expose-gc']);
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
  const env: Record<string, string> = { BENCH_REPO: REPO_ROOT, ...sdkPathsToEnv({
    botojs: path.join(REPO_ROOT, 'dist', 'index.js'),
    v3S3: require.resolve('@aws-sdk/client-s3', { paths: [REPO_ROOT] }),
    v3DynamoDb: require.resolve('@aws-sdk/client-dynamodb', { paths: [REPO_ROOT] }),
    v3Ec2: require.resolve('@aws-sdk/client-ec2', { paths: [REPO_ROOT] }),
  }) };
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
      json.coldStart = cold;
      output.push('', coldStartTable(cold, opts.runs));
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
    if (opts.parts.has('profile')) {
      output.push('', await runProfile(pin, jsDir, server.endpoint, env, opts.measureMs));
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
