/**
 * Runs sweep cases through both SDKs: starts the capture server and the two driver processes
 * (boto3_driver.py, botojs-driver.ts), feeds every case to each driver one at a time while its
 * capture slot answers with the case's response, and pairs up what each side did.
 *
 * The drivers run at the same time when the host has a second loopback address (Linux does:
 * all of 127/8), each on its own slot; otherwise one after the other on a single slot. Both see
 * the same endpoint URL (`http://api.sweep.test:<port>`), so their Host headers and signatures
 * can match exactly.
 *
 * `pythonStatus()` says whether the boto3 side can run here (python3 with boto3, of the botocore
 * version the shipped models came from); callers skip with its message when it cannot.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { CaptureServer, Slot } from './capture-server';
import type { SweepCase } from './cases';
import { MODELS_DIR } from './model-catalog';
import type { Outcome, SideResult } from './outcome';
import { SWEEP_NOW } from './response-writer';

const ROOT = path.resolve(__dirname, '../..');
const CASE_TIMEOUT_MS = 60_000;

export interface PythonStatus {
  ok: boolean;
  python: string;
  message: string;
}

/** Whether python3 + boto3 are here and match the shipped models' botocore version. */
export function pythonStatus(): PythonStatus {
  const python = process.env.SWEEP_PYTHON ?? 'python3';
  const r = spawnSync(python, ['-c', 'import boto3, botocore; print(botocore.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return { ok: false, python, message: `${python} with boto3 is not available (${(r.error?.message ?? r.stderr ?? '').trim().split('\n').pop()})` };
  const installed = r.stdout.trim();
  const shipped = (JSON.parse(fs.readFileSync(path.join(MODELS_DIR, 'SOURCE.json'), 'utf8')) as { botocoreVersion: string }).botocoreVersion;
  if (installed !== shipped && !process.env.SWEEP_ALLOW_VERSION_MISMATCH) {
    return { ok: false, python, message: `installed botocore ${installed} is not ${shipped}, the version service-models/ came from (set SWEEP_ALLOW_VERSION_MISMATCH=1 to run anyway)` };
  }
  return { ok: true, python, message: `botocore ${installed}` };
}

/** One driver process, asked one case at a time over stdin/stdout JSON lines. */
class Driver {
  private child?: ChildProcess;
  private pending?: (line: Record<string, unknown>) => void;
  private stderrTail = '';
  private exited: Promise<'died'> = Promise.resolve('died');

  constructor(readonly name: string, private readonly command: string, private readonly args: string[], private readonly env: NodeJS.ProcessEnv) {}

  async start(): Promise<void> {
    const child = spawn(this.command, this.args, { cwd: ROOT, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-4000);
    });
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // a stray print; the protocol lines are JSON
      }
      const p = this.pending;
      this.pending = undefined;
      p?.(msg);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve('died')));
    const ready = new Promise<Record<string, unknown>>((resolve) => (this.pending = resolve));
    if ((await Promise.race([ready, this.exited])) === 'died') throw new Error(`${this.name} driver exited before it was ready:\n${this.stderrTail}`);
  }

  async call(c: SweepCase): Promise<Outcome> {
    const child = this.child!;
    const answer = new Promise<Record<string, unknown>>((resolve) => (this.pending = resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), CASE_TIMEOUT_MS)));
    child.stdin!.write(JSON.stringify({ id: c.id, service: c.service, operation: c.operation, params: c.params }) + '\n');
    const r = await Promise.race([answer, timeout, this.exited]);
    clearTimeout(timer);
    if (r === 'timeout' || r === 'died') {
      // Start afresh: the next case must not read this one's late answer.
      this.pending = undefined;
      this.stop();
      await this.start();
      return r === 'timeout' ? { kind: 'timeout' } : { kind: 'exception', class: 'DriverCrashed', message: this.stderrTail.slice(-300) };
    }
    return r.outcome as Outcome;
  }

  stop(): void {
    const child = this.child;
    if (!child) return;
    child.removeAllListeners('exit');
    child.stdin?.end();
    child.kill();
    this.child = undefined;
  }
}

/** The environment both drivers run in: no AWS settings of the host leak in. */
function driverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|BOTO|BOTOJS_)/.test(k)) env[k] = v;
  return {
    ...env,
    AWS_CONFIG_FILE: '/nonexistent/sweep-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/sweep-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONDONTWRITEBYTECODE: '1',
    ...extra,
  };
}

export interface SweepPair {
  case: SweepCase;
  boto3: SideResult;
  botojs: SideResult;
}

export interface RunTimes {
  boto3Ms: number;
  botojsMs: number;
  wallMs: number;
  parallel: boolean;
}

async function runSide(driver: Driver, slot: Slot, cases: SweepCase[], out: Map<string, SideResult>, progress?: (n: number) => void): Promise<number> {
  const t0 = Date.now();
  await driver.start();
  let n = 0;
  for (const c of cases) {
    slot.captured = [];
    slot.response = c.response;
    const started = Date.now();
    const outcome = await driver.call(c);
    slot.response = undefined;
    out.set(c.id, { outcome, requests: slot.captured, ms: Date.now() - started });
    progress?.(++n);
  }
  driver.stop();
  return Date.now() - t0;
}

/**
 * Runs the non-skipped `cases` through both SDKs and returns them paired, in input order.
 * `opts.protocol` (the cases' own, from casesFor) makes both drivers speak it to models that list it.
 */
export async function runSweep(cases: SweepCase[], opts: { python: string; protocol?: string; onProgress?: (side: string, done: number) => void }): Promise<{ pairs: SweepPair[]; times: RunTimes }> {
  const server = new CaptureServer();
  const addrs = await server.start(['127.0.0.1', '127.0.0.2']);
  const endpoint = `http://api.sweep.test:${server.port}`;
  const runnable = cases.filter((c) => !c.skip);
  const py = new Map<string, SideResult>();
  const js = new Map<string, SideResult>();
  const common = { SWEEP_ENDPOINT: endpoint, SWEEP_NOW, ...(opts.protocol ? { SWEEP_PROTOCOL: opts.protocol } : {}) };
  const pyAddr = addrs[0];
  const jsAddr = addrs[addrs.length - 1];
  const boto3 = new Driver('boto3', opts.python, [path.join(__dirname, 'boto3_driver.py')], driverEnv({ ...common, SWEEP_ADDR: pyAddr }));
  const botojs = new Driver('botojs', process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(__dirname, 'botojs-driver.ts')], driverEnv({ ...common, SWEEP_ADDR: jsAddr }));
  const t0 = Date.now();
  let times: RunTimes;
  try {
    const pySlot = server.slots.get(pyAddr)!;
    const jsSlot = server.slots.get(jsAddr)!;
    const progress = (side: string) => (n: number) => opts.onProgress?.(side, n);
    if (pyAddr !== jsAddr) {
      const [a, b] = await Promise.all([runSide(boto3, pySlot, runnable, py, progress('boto3')), runSide(botojs, jsSlot, runnable, js, progress('botojs'))]);
      times = { boto3Ms: a, botojsMs: b, wallMs: Date.now() - t0, parallel: true };
    } else {
      const a = await runSide(boto3, pySlot, runnable, py, progress('boto3'));
      const b = await runSide(botojs, jsSlot, runnable, js, progress('botojs'));
      times = { boto3Ms: a, botojsMs: b, wallMs: Date.now() - t0, parallel: false };
    }
  } finally {
    boto3.stop();
    botojs.stop();
    await server.stop();
  }
  const pairs = runnable.map((c) => ({ case: c, boto3: py.get(c.id)!, botojs: js.get(c.id)! }));
  return { pairs, times };
}
