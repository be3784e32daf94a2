/**
 * Throughput worker, one fresh process per (SDK, operation, concurrency) cell: builds one
 * client, runs `concurrency` closed-loop lanes against the canned server for a warm-up period,
 * then for a measured period, and prints one JSON line: ops/sec, latency percentiles and the
 * client process's own CPU time per operation (user + system, all threads).
 * Args: <sdk> <op> <concurrency> <endpoint> <warmupMs> <measureMs>.
 * With BENCH_CPU_PROFILE=<file>, the measured period (not the warm-up) is CPU-profiled through
 * the inspector, the same profiler `node --cpu-prof` uses, and written there as a .cpuprofile.
 */
import * as fs from 'node:fs';
import { Session as InspectorSession } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { checkResult, loadSdk, sdkPathsFromEnv, type Call, type OpName, type SdkName } from './sdk-adapters';
import { percentile } from './stats';

/** What one throughput cell reports. */
export interface ThroughputSample {
  sdk: SdkName;
  op: OpName;
  concurrency: number;
  ops: number;
  elapsedMs: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Client CPU (user + system) per operation, microseconds. */
  cpuUsPerOp: number;
  maxRssMiB: number;
  /** Set by the parent: other processes' CPU use just before this run (% of all cores). */
  backgroundPct?: number;
}

/** Runs closed-loop lanes until `durationMs` has passed; returns every call's latency (ms). */
async function runFor(call: Call, op: OpName, concurrency: number, durationMs: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + durationMs;
  const lane = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const start = performance.now();
      const result = await call();
      latencies.push(performance.now() - start);
      // Checking every result is cheap next to a request and catches an SDK that stops working.
      checkResult(op, result);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return latencies;
}

function post<T>(session: InspectorSession, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result as T))));
}

/** Starts the inspector's CPU profiler; the returned function stops it and writes the profile. */
async function startProfiler(file: string): Promise<() => Promise<void>> {
  const session = new InspectorSession();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  return async () => {
    const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  };
}

async function main(): Promise<void> {
  const [sdk, op, concurrencyArg, endpoint, warmupArg, measureArg] = process.argv.slice(2);
  const concurrency = Number(concurrencyArg);
  const call = loadSdk(sdk as SdkName, op as OpName, sdkPathsFromEnv()).createCaller(endpoint);

  // No forced collection before the measured period: it also throws away optimized code, and
  // the first half second after it measured V8 re-optimizing (docs/PERFORMANCE.md, "Steady
  // state"). The warm-up is long enough (3 s) for both SDKs' code to settle.
  await runFor(call, op as OpName, concurrency, Number(warmupArg));

  const profileFile = process.env.BENCH_CPU_PROFILE;
  const stopProfiler = profileFile ? await startProfiler(profileFile) : undefined;
  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  const latencies = await runFor(call, op as OpName, concurrency, Number(measureArg));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  if (stopProfiler) await stopProfiler();

  latencies.sort((a, b) => a - b);
  const sample: ThroughputSample = {
    sdk: sdk as SdkName,
    op: op as OpName,
    concurrency,
    ops: latencies.length,
    elapsedMs,
    opsPerSec: (latencies.length * 1000) / elapsedMs,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    cpuUsPerOp: (cpu.user + cpu.system) / latencies.length,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`throughput failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
