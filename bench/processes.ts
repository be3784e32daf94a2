/**
 * Process plumbing for the bench: builds botojs's dist/ when stale, transpiles the bench's own
 * child scripts to plain JS (so children run on bare `node`, never under ts-node), pins processes
 * to CPU cores with taskset when it can, runs a child and parses the JSON line it prints, and
 * starts the canned server in its own process.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as TypeScript from 'typescript';

// Transpiled copies run from WORK_DIR, so the parent hands them the real root through the env.
export const REPO_ROOT = process.env.BENCH_REPO ?? path.resolve(__dirname, '..');
/** Scratch space outside the repo: transpiled children, CPU profiles, results. */
export const WORK_DIR = path.join(os.tmpdir(), 'botojs-bench');

function newestMtime(dir: string, ext: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, ext));
    else if (entry.name.endsWith(ext)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Runs `npm run build` when dist/index.js is missing or older than any file in src/.
 * tsc still emits when other files have type errors, so a failed build only warns as long as
 * dist/index.js exists. Returns a one-line note for the report.
 */
export function ensureBotojsBuilt(force: boolean): string {
  const entry = path.join(REPO_ROOT, 'dist', 'index.js');
  const fresh = fs.existsSync(entry) &&
    fs.statSync(entry).mtimeMs >= newestMtime(path.join(REPO_ROOT, 'src'), '.ts');
  if (fresh && !force) return 'dist/ is up to date';
  process.stderr.write('bench: building botojs (npm run build)...\n');
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    if (!fs.existsSync(entry)) throw new Error(`npm run build failed and dist/index.js is missing:\n${result.stdout}`);
    const errors = (result.stdout.match(/error TS/g) ?? []).length;
    process.stderr.write(`bench: warning: npm run build reported ${errors} type error(s); using the emitted dist/\n`);
    return `dist/ rebuilt with ${errors} type error(s) reported`;
  }
  return 'dist/ rebuilt';
}

/** Transpiles every bench/*.ts to WORK_DIR/js (type-free, CommonJS) and returns that dir. */
export function transpileBench(): string {
  // Required here, not at the top: children import this module and have no typescript to load.
  const ts = require('typescript') as typeof TypeScript;
  const outDir = path.join(WORK_DIR, 'js');
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of fs.readdirSync(__dirname)) {
    if (!name.endsWith('.ts')) continue;
    const source = fs.readFileSync(path.join(__dirname, name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.writeFileSync(path.join(outDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  return outDir;
}

/** Core assignment: on >= 2 cores the server gets the last core and clients core 0. */
export interface Pinning {
  enabled: boolean;
  clientCore: number;
  serverCore: number;
  description: string;
}

export function choosePinning(disabled: boolean): Pinning {
  const cores = os.availableParallelism();
  const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  if (disabled || cores < 2 || !hasTaskset) {
    const why = disabled ? 'disabled by --no-pin' : cores < 2 ? 'only one core' : 'taskset not available';
    return { enabled: false, clientCore: 0, serverCore: 0, description: `not pinned (${why})` };
  }
  const serverCore = cores - 1;
  return {
    enabled: true,
    clientCore: 0,
    serverCore,
    description: `taskset: client process on core 0, server process on core ${serverCore}`,
  };
}

function pinnedCommand(pin: Pinning, core: number, nodeArgs: string[]): [string, string[]] {
  return pin.enabled
    ? ['taskset', ['-c', String(core), process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
}

/**
 * Runs `node -e 0` on the client core and resolves with its wall time in ms, spawn to exit: Node's
 * own start-up and exit, which every SDK's process pays. `env` values that are undefined are
 * left out of the child's environment.
 */
export function timeBareNode(pin: Pinning, env: Record<string, string | undefined>): Promise<number> {
  const [command, argv] = pinnedCommand(pin, pin.clientCore, ['-e', '0']);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e 0 exited ${code}`))));
  });
}

/** Runs `node [nodeFlags] script args` on the client core and parses the last JSON line of stdout. */
export function runNodeJson<T>(
  pin: Pinning,
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  nodeFlags: readonly string[] = [],
): Promise<T> {
  const [command, argv] = pinnedCommand(pin, pin.clientCore, [...nodeFlags, script, ...args]);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${path.basename(script)} ${args.join(' ')} exited ${code}: ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve(JSON.parse(last) as T);
    });
  });
}

/** The canned server, running in its own (pinned) process. */
export interface ServerProcess {
  endpoint: string;
  stop(): void;
}

export function startServerProcess(pin: Pinning, jsDir: string): Promise<ServerProcess> {
  const [command, argv] = pinnedCommand(pin, pin.serverCore, [path.join(jsDir, 'server.js')]);
  const child: ChildProcess = spawn(command, argv, {
    env: { ...process.env, BENCH_PARENT_PID: String(process.pid) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`canned server exited early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      const { port } = JSON.parse(buffered.slice(0, newline)) as { port: number };
      child.removeAllListeners('exit');
      resolve({ endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill() });
    });
  });
}

function cpuTimes(): { busy: number; total: number } | undefined {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    // idle + iowait are not busy time.
    return { busy: total - (fields[3] ?? 0) - (fields[4] ?? 0), total };
  } catch {
    return undefined;
  }
}

/**
 * How busy the machine is with other work while the bench idles (percent of all cores, over
 * `ms`), or undefined where /proc/stat is unavailable. Shared CI/dev boxes make numbers noisy;
 * the bench reports this rather than pretending the machine was quiet.
 */
export async function backgroundLoad(ms = 1000): Promise<number | undefined> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return undefined;
  return (100 * (after.busy - before.busy)) / (after.total - before.total);
}
