/**
 * Soak: botojs makes N DynamoDB GetItem calls in one process (16 lanes) and reports the heap and
 * RSS after a forced GC at every tenth of the run: after warm-up (20,000 calls, or a fifth of a
 * shorter run), both must stay flat. The warm-up covers V8 growing its young generation to full size (2 x 16 MB semi-spaces):
 * at 10,000 calls it was still at half, 16 MB less RSS, and full by 20,000 (docs/PERFORMANCE.md,
 * "Requests kept alive by a Set's old tables"). Args: <endpoint> <calls>. Run with --expose-gc.
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runNodeJson, type Pinning } from './processes';
import { checkResult, loadSdk, sdkPathsFromEnv } from './sdk-adapters';
import { fmt, table } from './stats';

export interface SoakCheckpoint { calls: number; heapMiB: number; rssMiB: number }
export interface SoakSample { calls: number; seconds: number; checkpoints: SoakCheckpoint[] }

const MiB = 2 ** 20;

async function soak(endpoint: string, calls: number): Promise<SoakSample> {
  const call = loadSdk('botojs', 'getItem', sdkPathsFromEnv()).createCaller(endpoint);
  const checkpoints: SoakCheckpoint[] = [];
  const step = Math.max(1, Math.floor(calls / 10));
  let started = 0;
  let done = 0;
  let nextCheckpoint = step;
  const t0 = performance.now();
  const lane = async (): Promise<void> => {
    while (started < calls) {
      started += 1;
      checkResult('getItem', await call());
      done += 1;
      if (done >= nextCheckpoint) {
        nextCheckpoint += step;
        if (typeof global.gc === 'function') global.gc();
        const mem = process.memoryUsage();
        checkpoints.push({ calls: done, heapMiB: mem.heapUsed / MiB, rssMiB: mem.rss / MiB });
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return { calls: done, seconds: (performance.now() - t0) / 1000, checkpoints };
}

export async function runSoak(calls: number, pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>): Promise<SoakSample | { error: string }> {
  process.stderr.write(`bench: soak, ${calls} calls in one process\n`);
  try {
    return await runNodeJson<SoakSample>(pin, path.join(jsDir, 'soak.js'), [endpoint, String(calls)], env, ['--expose-gc']);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export function soakReport(result: SoakSample | { error: string }): string {
  if ('error' in result) return `Soak: failed: ${result.error}`;
  const cps = result.checkpoints;
  // The end of the warm-up (see the header): the first checkpoint at 20,000 calls, or at a
  // fifth of a shorter run.
  const warm = Math.min(20_000, result.calls / 5);
  const first = cps.find((c) => c.calls >= warm) ?? cps[cps.length - 1];
  const last = cps[cps.length - 1];
  const rows = [['calls done', 'heap MiB (after gc)', 'RSS MiB'], ...cps.map((c) => [String(c.calls), fmt(c.heapMiB), fmt(c.rssMiB)])];
  return [
    `Soak: ${result.calls} botojs DynamoDB GetItem calls in one process, 16 lanes, ${fmt(result.seconds)} s`,
    table(rows),
    `after warm-up (${first?.calls} calls) to the end: heap ${fmt((last?.heapMiB ?? 0) - (first?.heapMiB ?? 0))} MiB, ` +
      `RSS ${fmt((last?.rssMiB ?? 0) - (first?.rssMiB ?? 0))} MiB`,
  ].join('\n');
}

if (require.main === module) {
  soak(process.argv[2], Number(process.argv[3] ?? 100_000)).then(
    (sample) => {
      process.stdout.write(`${JSON.stringify(sample)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`soak failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
