/**
 * Every TypeScript/JavaScript code block of README.md and docs/*.md is type-checked against
 * the project's source (`from 'botojs'` is src/index.ts, strict mode) and run, in page order,
 * against an S3 and a DynamoDB on loopback (spec/helpers/docs-fixtures.ts), so the docs cannot
 * drift from the code. Shell blocks are not run, but their `npm run` commands must exist.
 *
 * What a page says about its blocks lives in HTML comments, invisible on GitHub (the grammar is
 * in spec/helpers/doc-blocks.ts):
 *   <!-- docs-test: setup            hidden code, run once here, creating what the blocks name
 *   await fixtures.bucket('my-bucket', ['images/cat.png']);
 *   fixtures.file('big.iso', 9 * 1024 * 1024);
 *   -->
 *   <!-- docs-test: prelude          hidden code every later block of the page starts with
 *   const s3 = new Session().client('s3');
 *   -->
 *   <!-- docs-test: prelude -->      the next block runs, and later blocks start with it too
 *   <!-- docs-test: typecheck-only (needs EC2: no local server for it) -->
 *   <!-- docs-test: skip (reason) -->
 * A failing block fails a test named `<file>:<line>`, with the message pointing at the line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import * as botojs from '../../src';
import * as botojsDynamodb from '../../src/dynamodb';
import * as botojsTesting from '../../src/testing';
import { missingNpmScripts, parseDoc, shellBlockCount } from '../helpers/doc-blocks';
import type { DocBlock, ParsedDoc } from '../helpers/doc-blocks';
import { compileBlocks, ENTRY } from '../helpers/doc-blocks-compile';
import type { CompiledBlock } from '../helpers/doc-blocks-compile';
import { startDocsWorld } from '../helpers/docs-fixtures';
import type { DocsFixtures, DocsWorld } from '../helpers/docs-fixtures';

const ROOT = path.resolve(__dirname, '../..');
const BLOCK_TIMEOUT_MS = 20000;
const FILES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const DOCS: ParsedDoc[] = FILES.map((f) => parseDoc(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

let compiled = new Map<DocBlock, CompiledBlock>();
let world: DocsWorld | undefined;
let blockRuns = 0;
const timings = { compileMs: 0, runMs: 0 };

function label(block: DocBlock): string {
  const role = block.role === 'block' ? '' : ` (${block.role})`;
  return `${block.file}:${block.line}${role}`;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs one compiled block as a reader would: in this process, with `botojs` being src/. Its
 * console output is kept for the failure message; timers and signal handlers it leaves behind
 * are removed afterwards.
 */
async function runBlock(c: CompiledBlock, { fixtures, unservedEndpoint }: DocsWorld): Promise<void> {
  const output: string[] = [];
  const spies = (['log', 'info', 'warn', 'error'] as const).map((m) =>
    jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void output.push(`${format(...args)}\n`)),
  );
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    output.push(String(chunk));
    return true;
  });
  const timers = new Set<NodeJS.Timeout>();
  const track = <A extends unknown[]>(set: (fn: (...a: A) => void, ms?: number, ...a: A) => NodeJS.Timeout) =>
    (fn: (...a: A) => void, ms?: number, ...a: A) => {
      const t = set(fn, ms, ...a);
      timers.add(t);
      return t;
    };
  const listenersBefore = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const exitCode = process.exitCode;
  const started = Date.now();
  // Stack frames of the block's code name this file, so a failure can name its markdown line.
  const sourceUrl = `docs-block-${++blockRuns}.js`;
  try {
    const module = { exports: {} as Record<string, unknown> };
    // The package's entry points (package.json "exports") are its src/ modules here.
    const entries: Record<string, unknown> = { botojs, 'botojs/dynamodb': botojsDynamodb, 'botojs/testing': botojsTesting };
    const load = (id: string): unknown => entries[id] ?? require(id); // eslint-disable-line @typescript-eslint/no-var-requires
    new Function('exports', 'require', 'module', 'setTimeout', 'setInterval', `${c.js}\n//# sourceURL=${sourceUrl}`)(module.exports, load, module, track(setTimeout), track(setInterval));
    const entry = module.exports[ENTRY] as (f: DocsFixtures) => Promise<void>;
    await withTimeout(entry(fixtures), BLOCK_TIMEOUT_MS, `the block at ${label(c.block)}`);
  } catch (err) {
    const shown = output.join('').split('\n').slice(-20).join('\n');
    let detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    if (detail.includes(unservedEndpoint)) {
      detail += `\n(${unservedEndpoint} stands for every service but S3 and DynamoDB: give the block '<!-- docs-test: typecheck-only (reason) -->')`;
    }
    // new Function puts two lines of its own before the body.
    const frame = err instanceof Error ? new RegExp(`${sourceUrl.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(err.stack ?? '') : null;
    const at = frame ? c.locate(Number(frame[1]) - 2, Number(frame[2])) : undefined;
    throw new Error(`${at ? `${at} (the block at ${label(c.block)})` : label(c.block)}: the block failed: ${detail}${shown.trim() ? `\n--- its output (last lines) ---\n${shown}` : ''}`);
  } finally {
    timings.runMs += Date.now() - started;
    for (const t of timers) clearTimeout(t);
    for (const [signal, before] of listenersBefore) {
      for (const l of process.listeners(signal)) if (!before.has(l)) process.removeListener(signal, l as (...a: unknown[]) => void);
    }
    process.exitCode = exitCode;
    spies.forEach((s) => s.mockRestore());
    write.mockRestore();
  }
}

function summary(): string {
  const rows = DOCS.map((doc) => {
    const count = (pred: (b: DocBlock) => boolean) => doc.blocks.filter(pred).length;
    const ran = count((b) => b.mode === 'run' && b.role !== 'setup');
    const setup = count((b) => b.role === 'setup');
    const typecheck = count((b) => b.mode === 'typecheck');
    const skipped = doc.blocks.filter((b) => b.mode === 'skip');
    const reasons = skipped.length ? ` [${skipped.map((b) => `${b.line}: ${b.reason}`).join('; ')}]` : '';
    return `  ${doc.file}: ${ran} ran, ${typecheck} type-checked only, ${skipped.length} skipped${reasons}; ${setup} setup; ${doc.others.length} other blocks (${shellBlockCount(doc)} shell, npm scripts checked)`;
  });
  return `docs code blocks (compile ${timings.compileMs} ms, run ${timings.runMs} ms):\n${rows.join('\n')}`;
}

beforeAll(async () => {
  const started = Date.now();
  const blocks = DOCS.flatMap((d) => d.blocks);
  compiled = new Map(compileBlocks(blocks, ROOT, path.join(ROOT, 'spec/helpers/docs-fixtures')).map((c) => [c.block, c]));
  timings.compileMs = Date.now() - started;
  world = await startDocsWorld();
}, 90000);

afterAll(async () => {
  await world?.stop();
  console.log(summary());
}, 30000);

describe('docs code blocks', () => {
  it('every docs-test directive is well-formed and every skip has a reason', () => {
    expect(DOCS.flatMap((d) => d.problems)).toEqual([]);
  });

  it("every 'npm run' in a shell block names a package.json script", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(DOCS.flatMap((d) => missingNpmScripts(d, scripts))).toEqual([]);
  });

  describe.each(DOCS.filter((d) => d.blocks.some((b) => b.mode !== 'skip')).map((d) => [d.file, d] as const))('%s', (_file, doc) => {
    // Each page starts from a fresh default session, whatever the page before it set up.
    beforeAll(() => void botojs.setupDefaultSession());

    for (const block of doc.blocks.filter((b) => b.mode !== 'skip')) {
      it(`${label(block)} type-checks`, () => {
        expect(compiled.get(block)?.diagnostics).toEqual([]);
      });
      if (block.mode === 'run') {
        it(`${label(block)} runs`, () => runBlock(compiled.get(block)!, world!), BLOCK_TIMEOUT_MS + 5000);
      }
    }
  });
});
