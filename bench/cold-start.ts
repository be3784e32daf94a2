/**
 * Cold-start probe, run once per fresh `node` process: require the SDK, create the client, make
 * one call against the canned server, then print one JSON line with its own timings (ms) and
 * peak RSS. Args: <sdk> <op> <endpoint>; module paths come from the env (see sdk-adapters).
 */
import { performance } from 'node:perf_hooks';
import { checkResult, loadSdk, sdkPathsFromEnv, type OpName, type SdkName } from './sdk-adapters';

/** What one cold-start run reports. */
export interface ColdStartSample {
  sdk: SdkName;
  op: OpName;
  /** Time from process start to this script's first line (node boot, same for both SDKs). */
  bootMs: number;
  requireMs: number;
  createMs: number;
  firstCallMs: number;
  /** require + create + first call. */
  totalMs: number;
  /** process.resourceUsage().maxRSS, in MiB. */
  maxRssMiB: number;
  /** JS files in require.cache after the first call (modules loaded and compiled). */
  modules: number;
  /** Wall time of the whole process, spawn to exit, measured by the parent (bench/run.ts). */
  processMs?: number;
  /** The same, for a second process started without NODE_EXTRA_CA_CERTS (when it is set). */
  processMsWithoutExtraCa?: number;
}

async function main(): Promise<void> {
  const [sdk, op, endpoint] = process.argv.slice(2) as [SdkName, OpName, string];
  const bootMs = performance.now();
  const paths = sdkPathsFromEnv();

  const t0 = performance.now();
  const loaded = loadSdk(sdk, op, paths);
  const t1 = performance.now();
  const call = loaded.createCaller(endpoint);
  const t2 = performance.now();
  const result = await call();
  const t3 = performance.now();
  checkResult(op, result);

  const sample: ColdStartSample = {
    sdk,
    op,
    bootMs,
    requireMs: t1 - t0,
    createMs: t2 - t1,
    firstCallMs: t3 - t2,
    totalMs: t3 - t0,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    // Minus this probe's own two modules.
    modules: Object.keys(require.cache).length - 2,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  // Keep-alive sockets would hold the process open; the measurement is done.
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`cold-start failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
