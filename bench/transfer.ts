/**
 * Large transfers: botojs's managed uploadFile/downloadFile (8 MiB parts, 10 at a time, as
 * boto3's TransferConfig) against v3's @aws-sdk/lib-storage Upload (5 MiB parts, 4 at a time,
 * its defaults) and a GetObject streamed to a file (v3 has no managed download). One fresh
 * process per SDK and direction; reports MiB/s, the process's CPU and its peak RSS (memory
 * must stay bounded by concurrency x part size, not grow with the file).
 *
 * Downloads run twice: in a bare process, and in one that first fills its heap with 32 MiB of
 * small objects, as an application's data would. A bare process (7-8 MB of heap once an SDK is
 * loaded) sits near V8's 8 MB incremental-marking threshold: over it, the 64 KiB buffers of a
 * download's socket reads, counted as external memory grown since the last full collection,
 * start a mark-compact every few dozen MiB, whichever SDK downloads (docs/PERFORMANCE.md,
 * "Downloads: V8's marking threshold, the write pattern and the file" and "Downloads: the
 * bundle's text off the heap"). The second run shows what a program with data of its own sees.
 * Args: <sdk> <up|down> <endpoint> <bytes> <file> [app heap MiB].
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { botojsClient, loadBotojs, methodOf } from './ops-botojs';
import { v3Options } from './ops-v3';
import { runNodeJson, WORK_DIR, type Pinning } from './processes';
import { BUCKET, requireModule, sdkPathsFromEnv, type SdkName } from './sdk-adapters';
import { fmt, median, ratio, table } from './stats';

type Direction = 'up' | 'down';

/** The application heap of the second download run. */
const APP_HEAP_MIB = 32;

/** A run: a direction, in a bare process or one holding an application heap. */
interface TransferCase {
  direction: Direction;
  appHeapMiB: number;
}

const CASES: readonly TransferCase[] = [
  { direction: 'up', appHeapMiB: 0 },
  { direction: 'down', appHeapMiB: 0 },
  { direction: 'down', appHeapMiB: APP_HEAP_MIB },
];

const caseKey = (sdk: SdkName, c: TransferCase): string => `${sdk}@${c.direction}${c.appHeapMiB ? `+${c.appHeapMiB}MiB` : ''}`;

/**
 * Keeps about `mib` MiB of small objects alive for the rest of the process (an application's
 * data): V8 sizes its next full collection from the heap that survives the last one.
 */
function holdAppHeap(mib: number): void {
  // About 100 bytes each: an object with a number, a short string and a one-element array.
  const count = Math.round((mib * 2 ** 20) / 100);
  (globalThis as { benchAppHeap?: unknown }).benchAppHeap = Array.from({ length: count }, (_, i) => ({ n: i, s: `item-${i}`, a: [i] }));
}

export interface TransferSample {
  sdk: SdkName;
  direction: Direction;
  bytes: number;
  seconds: number;
  mibPerSec: number;
  cpuSeconds: number;
  maxRssMiB: number;
}

/** The key of the server's generated object of `bytes` bytes (server-answers.ts). */
const bigKey = (bytes: number): string => `bench/big-${bytes}`;

async function transfer(sdk: SdkName, direction: Direction, endpoint: string, bytes: number, file: string, appHeapMiB: number): Promise<TransferSample> {
  if (appHeapMiB > 0) holdAppHeap(appHeapMiB);
  const paths = sdkPathsFromEnv();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (sdk === 'botojs') {
    const s3 = botojsClient(loadBotojs(paths), 's3', endpoint);
    if (direction === 'up') await methodOf(s3, 'uploadFile')(file, BUCKET, 'bench/upload');
    else await methodOf(s3, 'downloadFile')(BUCKET, bigKey(bytes), file);
  } else {
    const s3mod = requireModule(paths, '@aws-sdk/client-s3') as Record<string, new (arg: unknown) => { send(c: unknown): Promise<unknown> }>;
    const client = new s3mod.S3Client(v3Options(endpoint, { forcePathStyle: true }));
    if (direction === 'up') {
      const { Upload } = requireModule(paths, '@aws-sdk/lib-storage') as { Upload: new (arg: unknown) => { done(): Promise<unknown> } };
      await new Upload({ client, params: { Bucket: BUCKET, Key: 'bench/upload', Body: fs.createReadStream(file) } }).done();
    } else {
      const out = (await client.send(new s3mod.GetObjectCommand({ Bucket: BUCKET, Key: bigKey(bytes) }))) as { Body: NodeJS.ReadableStream };
      await pipeline(out.Body, fs.createWriteStream(file));
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  if (direction === 'down') {
    const got = fs.statSync(file).size;
    fs.rmSync(file, { force: true });
    if (got !== bytes) throw new Error(`${sdk} downloaded ${got} bytes, expected ${bytes}`);
  }
  return {
    sdk, direction, bytes, seconds,
    mibPerSec: bytes / 2 ** 20 / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/** Every run of a case, per SDK: its samples, or the error that stopped it. */
export type TransferResults = Record<string, { samples: TransferSample[]; error?: string }>;

/** A sparse file of `bytes` zeros (made once, reused across runs): reading it costs no disk I/O. */
function sourceFile(bytes: number): string {
  const file = path.join(WORK_DIR, `upload-${bytes}.bin`);
  if (!fs.existsSync(file) || fs.statSync(file).size !== bytes) {
    fs.mkdirSync(WORK_DIR, { recursive: true });
    fs.writeFileSync(file, '');
    fs.truncateSync(file, bytes);
  }
  return file;
}

/**
 * `rounds` runs of every case, each SDK in a fresh process. A single 1 GiB run moves by a
 * quarter or more between runs here (the page cache, and loopback's kernel work charged to
 * whichever process is on the core), so the table reports medians; which SDK goes first
 * alternates by round, as throughput's rounds do, so neither always runs on the other's
 * leftovers (a page cache just filled, a server process just warmed).
 */
export async function runTransfers(
  bytes: number, rounds: number, pin: Pinning, jsDir: string, endpoint: string, env: Record<string, string>,
  waitForQuiet: () => Promise<unknown>, orderFor: (round: number, sdks: readonly SdkName[]) => SdkName[],
): Promise<TransferResults> {
  const results: TransferResults = {};
  const upload = sourceFile(bytes);
  for (let round = 0; round < rounds; round += 1) {
    for (const c of CASES) {
      for (const sdk of orderFor(round, ['botojs', 'v3'])) {
        const key = caseKey(sdk, c);
        const outcome = (results[key] ??= { samples: [] });
        if (outcome.error) continue;
        process.stderr.write(`bench: transfer ${sdk} ${c.direction} ${bytes / 2 ** 20} MiB${c.appHeapMiB ? ` (${c.appHeapMiB} MiB app heap)` : ''}, round ${round + 1}/${rounds}\n`);
        await waitForQuiet();
        const file = c.direction === 'up' ? upload : path.join(WORK_DIR, `download-${sdk}.bin`);
        try {
          outcome.samples.push(await runNodeJson<TransferSample>(pin, path.join(jsDir, 'transfer.js'), [sdk, c.direction, endpoint, String(bytes), file, String(c.appHeapMiB)], env));
        } catch (err) {
          outcome.error = err instanceof Error ? err.message : String(err);
        }
      }
    }
  }
  return results;
}

export function transferTable(results: TransferResults, bytes: number, rounds: number): string {
  const runs = rounds === 1 ? 'one run' : `median of ${rounds} runs`;
  const rows = [[`Transfer of ${fmt(bytes / 2 ** 20)} MiB (${runs})`, 'botojs MiB/s', '(min-max)', 'v3 MiB/s', '(min-max)', 'botojs/v3', 'botojs CPU s', 'v3 CPU s', 'botojs peak RSS MiB', 'v3 peak RSS MiB']];
  const notes: string[] = [];
  for (const c of CASES) {
    const samples = (sdk: SdkName): TransferSample[] => {
      const r = results[caseKey(sdk, c)];
      if (r?.error) notes.push(`  ! ${caseKey(sdk, c)}: ${r.error.split('\n')[0]}`);
      return r?.samples ?? [];
    };
    const b = samples('botojs');
    const v = samples('v3');
    const mid = (list: TransferSample[], pick: (s: TransferSample) => number): number => median(list.map(pick));
    const range = (list: TransferSample[]): string => (list.length > 1 ? `${fmt(Math.min(...list.map((s) => s.mibPerSec)))}-${fmt(Math.max(...list.map((s) => s.mibPerSec)))}` : '');
    const peak = (list: TransferSample[]): number => (list.length ? Math.max(...list.map((s) => s.maxRssMiB)) : NaN);
    const label = c.direction === 'up' ? 'upload: uploadFile vs lib-storage Upload' : 'download: downloadFile vs GetObject stream';
    const bRate = mid(b, (s) => s.mibPerSec);
    const vRate = mid(v, (s) => s.mibPerSec);
    rows.push([
      c.appHeapMiB ? `${label}, ${c.appHeapMiB} MiB app heap` : label,
      fmt(bRate), range(b), fmt(vRate), range(v), ratio(bRate, vRate),
      fmt(mid(b, (s) => s.cpuSeconds)), fmt(mid(v, (s) => s.cpuSeconds)), fmt(peak(b)), fmt(peak(v)),
    ]);
  }
  return [
    table(rows),
    '(botojs: 8 MiB parts x 10 concurrent; v3 Upload: 5 MiB x 4; v3 download is one GetObject stream;',
    ` "app heap": the process first holds ${APP_HEAP_MIB} MiB of small objects, as a program with data of its own; peak RSS includes them;`,
    ' CPU s: median of the runs; peak RSS: the largest of the runs)',
    ...notes,
  ].join('\n');
}

if (require.main === module) {
  const [sdk, direction, endpoint, bytes, file, appHeapMiB] = process.argv.slice(2);
  transfer(sdk as SdkName, direction as Direction, endpoint, Number(bytes), file, Number(appHeapMiB ?? 0)).then(
    (sample) => {
      process.stdout.write(`${JSON.stringify(sample)}\n`);
      process.exit(0);
    },
    (err: unknown) => {
      process.stderr.write(`transfer failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
