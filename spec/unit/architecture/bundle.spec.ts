/**
 * The installed package is one bundle (scripts/bundle.js) behind stub entry points, loaded by
 * src/bundle-loader.ts with V8's code cache. Built here from a transpiled copy of src/ in a
 * temporary folder (tsc's CommonJS output, file by file, as `npm run build` makes it, without
 * the declarations), then used by fresh plain-node processes, since the code cache is only
 * used in Node's main context (not in jest's sandbox):
 *   - `botojs`, `botojs/dynamodb` and `botojs/testing` share classes (CommonJS and ESM);
 *   - a cache folder that cannot be written, a cache file that is garbage or cut short, and a
 *     cache path that is a file are all harmless: the program runs, and a bad file is replaced.
 * scripts/pack-check.sh checks the same entry points on the installed tarball.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { transpiledPackage } from '../../helpers/transpile-tree';

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { bundle } = require(path.join(ROOT, 'scripts/bundle.js')) as {
  bundle(opts: { distDir: string; version: string; sourcemap?: boolean }): Promise<{ outfile: string; buildId: string; names: Record<string, string[]> }>;
};

let work: string;
let pkg: string;
let built: { outfile: string; buildId: string; names: Record<string, string[]> };

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-bundle-spec-'));
  pkg = path.join(work, 'botojs');
  transpiledPackage(pkg);
  built = await bundle({ distDir: path.join(pkg, 'dist'), version: '9.8.7', sourcemap: false });
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** Runs `program` (CommonJS, or ESM with `esm`) in a fresh plain node; its stdout's last line as JSON. */
async function runNode(program: string, env: Record<string, string | undefined>, esm = false, flags: string[] = []): Promise<{ out: unknown; stderr: string }> {
  const args = [...flags, ...(esm ? ['--input-type=module', '-e', program] : ['-e', program])];
  const { stdout, stderr } = await promisify(execFile)(process.execPath, args, { cwd: work, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { out: JSON.parse(stdout.trim().split('\n').pop() as string), stderr };
}

/**
 * A program that makes one call (ListBuckets or ListTables) against a loopback server of its own,
 * then (or, with `churnBeforeCall`, before it), with `churn`, allocates that many rounds of
 * short-lived objects (each round 200,000; 60 rounds make V8 run several full collections of its
 * own accord), and reports how the bundle was loaded.
 */
function callProgram(service: string, churn = 0, churnBeforeCall = false): string {
  const dist = JSON.stringify(path.join(pkg, 'dist'));
  return `
    const dist = ${dist};
    const http = require('http');
    const botojs = require(dist + '/index.js');
    const s3 = ${JSON.stringify(service)} === 's3';
    const srv = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', s3 ? 'application/xml' : 'application/x-amz-json-1.0');
        res.end(s3 ? '<ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>' : '{"TableNames":[]}');
      });
    });
    const churn = () => { for (let i = 0, keep = []; i < ${churn}; i++, keep = []) for (let j = 0; j < 200000; j++) keep.push({ j, s: 'x' + j }); };
    srv.listen(0, '127.0.0.1', async () => {
      if (${churnBeforeCall}) churn();
      const session = new botojs.Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
      const client = session.client(${JSON.stringify(service)}, { endpointUrl: 'http://127.0.0.1:' + srv.address().port });
      const out = await (s3 ? client.listBuckets() : client.listTables());
      client.close();
      srv.close();
      // The churn comes in a later turn of the event loop, as a long program's next work would.
      if (!${churnBeforeCall} && ${churn} > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        churn();
      }
      const load = require(dist + '/bundle-loader.js').loadBundleWithOutcome(dist + '/botojs.js', 'ignored');
      console.log(JSON.stringify({ ok: Array.isArray(out.Buckets ?? out.TableNames), outcome: load.outcome, cacheFile: load.cacheFile }));
    });`;
}

/** A program that loads the package, makes a client and reports how the bundle was loaded. */
function loadProgram(service = 'dynamodb'): string {
  const dist = JSON.stringify(path.join(pkg, 'dist'));
  return `
    const dist = ${dist};
    const botojs = require(dist + '/index.js');
    const session = new botojs.Session({ regionName: 'us-east-1', awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
    const ok = typeof session.client(${JSON.stringify(service)}).canPaginate === 'function';
    const load = require(dist + '/bundle-loader.js').loadBundleWithOutcome(dist + '/botojs.js', 'ignored');
    console.log(JSON.stringify({ ok, outcome: load.outcome, cacheFile: load.cacheFile }));`;
}

describe('the bundle behind the entry points', () => {
  it('writes stubs that list the names tsc gave each entry point, and removes the per-module files', () => {
    const dist = path.join(pkg, 'dist');
    expect(fs.readdirSync(dist).filter((f) => f.endsWith('.js')).sort()).toEqual(['botojs.js', 'bundle-loader.js', 'dynamodb.js', 'index.js', 'testing.js']);
    expect(fs.readdirSync(path.join(dist, 'session')).filter((f) => f.endsWith('.js'))).toEqual([]);
    expect(built.names.index).toEqual(expect.arrayContaining(['Session', 'Config', 'client', 'Paginator', 'Key', 'ClientError']));
    expect(built.names.testing.sort()).toEqual(['ANY', 'StubAssertionError', 'StubResponseError', 'Stubber', 'UnStubbedResponseError', '__esModule'].sort());
    expect(built.buildId).toMatch(/^9\.8\.7-[0-9a-f]{16}$/);
  });

  it('botojs, botojs/dynamodb and botojs/testing share their classes (CommonJS)', async () => {
    const program = `
      const dist = ${JSON.stringify(path.join(pkg, 'dist'))};
      const botojs = require(dist + '/index.js');
      const dynamodb = require(dist + '/dynamodb.js');
      const testing = require(dist + '/testing.js');
      const same = [
        ...Object.keys(dynamodb).map((n) => botojs[n] === dynamodb[n]),
        ...Object.keys(testing).map((n) => botojs[n] === testing[n]),
        new dynamodb.DynamoDBNeedsConditionError('m') instanceof botojs.DynamoDBNeedsConditionError,
        new testing.StubAssertionError('m') instanceof botojs.BotojsError,
        new testing.Stubber(botojs.client('s3', { regionName: 'us-east-1' })) instanceof botojs.Stubber,
        require(dist + '/botojs.js').index === botojs,
      ];
      console.log(JSON.stringify({ same, names: Object.keys(dynamodb).length + Object.keys(testing).length }));`;
    const { out } = await runNode(program, { BOTOJS_CACHE_DIR: path.join(work, 'cache-cjs') });
    const { same, names } = out as { same: boolean[]; names: number };
    expect(names).toBeGreaterThan(10);
    expect(same.every(Boolean)).toBe(true);
  });

  it('keeps every exported class its own name (err.name, inspect output): esbuild renames none', async () => {
    // esbuild emits a class that refers to itself as `var Config = class _Config`; without the
    // bundle script's fix its name would read `_Config`, and EventStreamError's err.name
    // `_EventStreamError`.
    const program = `
      const botojs = require(${JSON.stringify(path.join(pkg, 'dist'))} + '/index.js');
      const renamed = Object.entries(botojs)
        .filter(([, v]) => typeof v === 'function' && /^class /.test(Function.prototype.toString.call(v)))
        .filter(([k, v]) => v.name !== k)
        .map(([k, v]) => k + ' -> ' + v.name);
      const err = new botojs.EventStreamError({ Error: { Code: 'C', Message: 'm' }, ResponseMetadata: {} }, 'Op');
      console.log(JSON.stringify({ renamed, errName: err.name, config: require('util').inspect(new botojs.Config({})).split(' ')[0] }));`;
    const { out } = await runNode(program, { BOTOJS_CACHE_DIR: 'off' });
    expect(out).toEqual({ renamed: [], errName: 'EventStreamError', config: 'Config' });
  });

  it('names back every class esbuild renamed, internal ones included, without keepNames wrappers on functions', () => {
    const code = fs.readFileSync(built.outfile, 'latin1');
    const renamed = [...code.matchAll(/var (\w+) = class _\1\b[^\n]*/g)];
    // Config, EventStreamError, ShapePlan, HierarchicalEmitter, ... (12 when this was written).
    expect(renamed.length).toBeGreaterThan(5);
    const unnamed = renamed.filter((m) => !m[0].includes(`static { Object.defineProperty(this, "name", { value: "${m[1]}", configurable: true }); }`));
    expect(unnamed.map((m) => m[1])).toEqual([]);
    // keepNames would redefine the name of every function, on every call that makes a closure.
    expect(code).not.toMatch(/\b__name\(/);
    // Internal classes read their own names too (stack traces, inspect).
    const shapePlan = renamed.find((m) => m[1] === 'ShapePlan');
    expect(shapePlan).toBeDefined();
  });

  it('botojs, botojs/dynamodb and botojs/testing share their classes (ESM named imports)', async () => {
    const url = (f: string) => JSON.stringify(`file://${path.join(pkg, 'dist', f)}`);
    const program = `
      import { Key, Stubber, Session, Paginator, ClientError } from ${url('index.js')};
      import { Key as K2 } from ${url('dynamodb.js')};
      import { Stubber as S2, StubAssertionError } from ${url('testing.js')};
      import * as all from ${url('index.js')};
      console.log(JSON.stringify([Key === K2, Stubber === S2, typeof Session, typeof Paginator, new StubAssertionError('m') instanceof all.BotojsError, typeof ClientError]));`;
    const { out } = await runNode(program, { BOTOJS_CACHE_DIR: path.join(work, 'cache-esm') }, true);
    expect(out).toEqual([true, true, 'function', 'function', true, 'function']);
  });

  it('writes a code cache at exit, keyed by version and build, and uses it in the next process', async () => {
    const dir = path.join(work, 'cache-fresh');
    const first = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir })).out as { ok: boolean; outcome: string; cacheFile: string };
    expect(first).toMatchObject({ ok: true, outcome: 'missing' });
    expect(path.dirname(first.cacheFile)).toBe(dir);
    expect(path.basename(first.cacheFile)).toContain(`botojs-${built.buildId}-`);
    expect(fs.statSync(first.cacheFile).size).toBeGreaterThan(1000);
    const second = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir })).out;
    expect(second).toMatchObject({ ok: true, outcome: 'used', cacheFile: first.cacheFile });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a process that did work its cache does not cover rewrites the cache once, adding that work', async () => {
    const dir = path.join(work, 'cache-learn');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const loader = require(path.join(pkg, 'dist', 'bundle-loader.js')) as typeof import('../../../src/bundle-loader');
    // A client that makes no call notes nothing: creating it does not run its protocol's paths.
    const first = (await runNode(loadProgram('s3'), { BOTOJS_CACHE_DIR: dir })).out as { outcome: string; cacheFile: string };
    expect(first.outcome).toBe('missing');
    expect(loader.cacheFileCodePaths(first.cacheFile)).toEqual([]);

    // A call that got an answer notes its client's work; the cache is used, then rewritten.
    expect((await runNode(callProgram('s3'), { BOTOJS_CACHE_DIR: dir })).out).toMatchObject({ ok: true, outcome: 'used', cacheFile: first.cacheFile });
    expect(loader.cacheFileCodePaths(first.cacheFile)).toEqual(['client s3 rest-xml']);
    expect((await runNode(callProgram('dynamodb'), { BOTOJS_CACHE_DIR: dir })).out).toMatchObject({ ok: true, outcome: 'used' });
    expect(loader.cacheFileCodePaths(first.cacheFile)).toEqual(['client dynamodb json', 'client s3 rest-xml']);
    const both = fs.readFileSync(first.cacheFile);

    // Nothing new: the file stays as it is, and V8 takes it.
    for (const service of ['dynamodb', 's3']) {
      expect((await runNode(callProgram(service), { BOTOJS_CACHE_DIR: dir })).out).toMatchObject({ ok: true, outcome: 'used' });
      expect(fs.readFileSync(first.cacheFile).equals(both)).toBe(true);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a process whose V8 dropped bytecode it did not use leaves a fuller cache file alone', async () => {
    // Full collections (those V8 starts itself; gc() does not do this) age the bytecode of
    // functions that do not run, and V8 drops it. Here they come before the new work (a process
    // that ran a long time before its first DynamoDB call): its data, even taken just after that
    // call, is smaller than the file's, which it must not replace.
    const dir = path.join(work, 'cache-flushed');
    const env = { BOTOJS_CACHE_DIR: dir };
    const { cacheFile } = (await runNode(callProgram('s3'), env)).out as { cacheFile: string };
    const s3Only = fs.readFileSync(cacheFile);
    expect((await runNode(callProgram('dynamodb', 60, true), env)).out).toMatchObject({ ok: true, outcome: 'used', cacheFile });
    // Whether V8 drops bytecode after these collections depends on its release (Node 20's does;
    // 24's did not here), so the rule itself is checked: the file is kept, or replaced by no
    // less V8 data than it had. (A file: magic 16 bytes, digest 20, list length 4, list, data.)
    const dataBytes = (file: Buffer): number => file.length - 40 - file.readUInt32BE(36);
    const after = fs.readFileSync(cacheFile);
    if (!after.equals(s3Only)) expect(dataBytes(after)).toBeGreaterThanOrEqual(dataBytes(s3Only));
    // Without those collections the same work is added.
    expect((await runNode(callProgram('dynamodb'), env)).out).toMatchObject({ ok: true, outcome: 'used', cacheFile });
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const loader = require(path.join(pkg, 'dist', 'bundle-loader.js')) as typeof import('../../../src/bundle-loader');
    expect(loader.cacheFileCodePaths(cacheFile)).toEqual(['client dynamodb json', 'client s3 rest-xml']);
  });

  it('a first process that ran long after its call still writes what the call compiled', async () => {
    // The data is also taken just after the call, before V8's own full collections drop
    // bytecode that stopped running; the exit write uses the fuller one.
    const sizes: number[] = [];
    for (const churn of [0, 60]) {
      const dir = path.join(work, `cache-first-${churn}`);
      const { cacheFile, outcome } = (await runNode(callProgram('dynamodb', churn), { BOTOJS_CACHE_DIR: dir })).out as { cacheFile: string; outcome: string };
      expect(outcome).toBe('missing');
      sizes.push(fs.statSync(cacheFile).size);
    }
    expect(sizes[1]).toBeGreaterThanOrEqual(sizes[0] * 0.95);
  });

  it('processes with other Node flags keep a cache file of their own instead of rejecting each other\'s', async () => {
    const dir = path.join(work, 'cache-flags');
    const plain = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir, NODE_OPTIONS: '' })).out as { cacheFile: string };
    const flagged = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir, NODE_OPTIONS: '--max-old-space-size=300' })).out as { cacheFile: string };
    expect(flagged.cacheFile).not.toBe(plain.cacheFile);
    expect((await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir, NODE_OPTIONS: '' })).out).toMatchObject({ outcome: 'used', cacheFile: plain.cacheFile });
    expect((await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir, NODE_OPTIONS: '--max-old-space-size=300' })).out).toMatchObject({ outcome: 'used', cacheFile: flagged.cacheFile });
  });

  it('the code given to node -e / -p is not part of the cache file\'s name (only flags are)', async () => {
    const dir = path.join(work, 'cache-eval');
    const dist = JSON.stringify(path.join(pkg, 'dist'));
    const expr = (tag: string) =>
      `(() => { require(${dist} + '/index.js'); return ${JSON.stringify(tag)} + require(${dist} + '/bundle-loader.js').loadBundleWithOutcome(${dist} + '/botojs.js', 'x').cacheFile; })()`;
    const names: string[] = [];
    for (const args of [['-p', expr('a:')], ['-p', '-e', expr('b:')], ['-pe', expr('c:')], [`--eval=console.log(${expr('d:')})`]]) {
      const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: work, env: { ...process.env, BOTOJS_CACHE_DIR: dir }, encoding: 'utf8' });
      names.push(stdout.trim().replace(/^[a-d]:/, ''));
    }
    const { cacheFile } = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir })).out as { cacheFile: string };
    expect(new Set([...names, cacheFile])).toEqual(new Set([cacheFile]));
    // An option between -p and -e is a real flag (Node applies it): it keeps its own file.
    const { stdout } = await promisify(execFile)(process.execPath, ['-p', '--max-old-space-size=100', '-e', expr('e:')], { cwd: work, env: { ...process.env, BOTOJS_CACHE_DIR: dir }, encoding: 'utf8' });
    expect(stdout.trim().replace(/^e:/, '')).not.toBe(cacheFile);
  });

  it('a corrupt, truncated or altered cache file is refused, the program runs, and the file is rewritten', async () => {
    const dir = path.join(work, 'cache-corrupt');
    const { cacheFile } = (await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir })).out as { cacheFile: string };
    const good = fs.readFileSync(cacheFile);
    // One byte changed in the middle: V8's release builds would not notice (no checksum there).
    const flipped = Buffer.from(good);
    flipped[flipped.length >> 1] ^= 0xff;
    for (const bad of [Buffer.from('not a code cache'), good.subarray(0, good.length >> 1), Buffer.alloc(good.length, 0x5a), flipped]) {
      fs.writeFileSync(cacheFile, bad);
      const { out, stderr } = await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir });
      expect(out).toMatchObject({ ok: true, outcome: 'rejected' });
      expect(stderr).toBe('');
      expect(fs.readFileSync(cacheFile).equals(bad)).toBe(false);
      expect((await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir })).out).toMatchObject({ ok: true, outcome: 'used' });
    }
  });

  it('a cache folder that cannot be made or written is harmless (the program runs, exits 0, prints nothing)', async () => {
    const file = path.join(work, 'a-file');
    fs.writeFileSync(file, 'x');
    // Under a regular file nothing can be created, even by root (whom permission bits do not stop).
    for (const dir of [path.join(file, 'cache'), file]) {
      const { out, stderr } = await runNode(loadProgram(), { BOTOJS_CACHE_DIR: dir });
      expect(out).toMatchObject({ ok: true, outcome: 'missing' });
      expect(stderr).toBe('');
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
    if (process.getuid?.() !== 0) {
      const readOnly = path.join(work, 'read-only');
      fs.mkdirSync(readOnly, { mode: 0o500 });
      const { out, stderr } = await runNode(loadProgram(), { BOTOJS_CACHE_DIR: readOnly });
      expect(out).toMatchObject({ ok: true, outcome: 'missing' });
      expect(stderr).toBe('');
      expect(fs.readdirSync(readOnly)).toEqual([]);
    }
  });

  it("a program that bundles botojs into its own file (esbuild) gets the bundle through the stubs' literal require", async () => {
    const app = path.join(work, 'app');
    fs.mkdirSync(app);
    const dist = path.join(pkg, 'dist');
    fs.writeFileSync(path.join(app, 'main.js'), `
      const botojs = require(${JSON.stringify(dist + '/index.js')});
      const { Key } = require(${JSON.stringify(dist + '/dynamodb.js')});
      console.log(JSON.stringify([Key === botojs.Key, typeof new botojs.Session({ regionName: 'us-east-1' }).client, botojs.Paginator.name]));`);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const esbuild = require('esbuild') as typeof import('esbuild');
    await esbuild.build({ entryPoints: [path.join(app, 'main.js')], bundle: true, platform: 'node', outfile: path.join(app, 'out', 'main.js'), logLevel: 'error' });
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(app, 'out', 'main.js')], { cwd: app, env: { ...process.env, BOTOJS_CACHE_DIR: path.join(work, 'cache-app') }, encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toEqual([true, 'function', 'Paginator']);
  });

  it('BOTOJS_CACHE_DIR=off loads the bundle with a plain require, and so does a context other than the main one', async () => {
    expect((await runNode(loadProgram(), { BOTOJS_CACHE_DIR: 'off' })).out).toMatchObject({ ok: true, outcome: 'off' });
    // This jest test file runs in a vm context of its own.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const loader = require(path.join(pkg, 'dist', 'bundle-loader.js')) as typeof import('../../../src/bundle-loader');
    const load = loader.loadBundleWithOutcome(path.join(pkg, 'dist', 'botojs.js'), built.buildId, { BOTOJS_CACHE_DIR: path.join(work, 'cache-jest') });
    expect(load.outcome).toBe('off');
    expect(typeof load.exports.index.Session).toBe('function');
  });

  it("keeps the bundle's text off V8's heap (an external string), where a plain require puts a copy of it on", async () => {
    // Large-object space holds any string over 128 KiB: the bundle's megabyte shows there when
    // its text is a heap string, and not when it is external.
    const dist = JSON.stringify(path.join(pkg, 'dist'));
    const program = `
      const v8 = require('v8');
      const large = () => { gc(); gc(); return v8.getHeapSpaceStatistics().find((s) => s.space_name === 'large_object_space').space_used_size; };
      const before = large();
      require(${dist} + '/index.js');
      const grew = large() - before;
      const { outcome } = require(${dist} + '/bundle-loader.js').loadBundleWithOutcome(${dist} + '/botojs.js', 'ignored');
      console.log(JSON.stringify({ grew, outcome }));`;
    const load = async (env: Record<string, string>) => (await runNode(program, env, false, ['--expose-gc'])).out as { grew: number; outcome: string };
    const size = fs.statSync(path.join(pkg, 'dist', 'botojs.js')).size;
    const dir = path.join(work, 'cache-heap');
    // Loaded through vm.Script (with no cache file yet, then with one): the text is external.
    for (const outcome of ['missing', 'used']) {
      const got = await load({ BOTOJS_CACHE_DIR: dir });
      expect(got.outcome).toBe(outcome);
      expect(got.grew).toBeLessThan(size / 4);
    }
    expect(await load({ BOTOJS_CACHE_DIR: 'off' })).toEqual({ outcome: 'off', grew: expect.any(Number) });
    expect((await load({ BOTOJS_CACHE_DIR: 'off' })).grew).toBeGreaterThan(size * 0.9);
  });

  it('loads a bundle shorter than an external string can be (padded up to it), with and without its cache', async () => {
    const small = path.join(work, 'small');
    fs.mkdirSync(small);
    fs.writeFileSync(path.join(small, 'botojs.js'), "'use strict';\nexports.index = { answer: 6 * 7, file: __filename, self: require('./botojs.js') === module.exports };\n");
    // The padded text is an external string: Node counts its bytes as external memory.
    const program = `
      const external = () => { gc(); gc(); return process.memoryUsage().external; };
      const loader = require(${JSON.stringify(path.join(pkg, 'dist', 'bundle-loader.js'))});
      const before = external();
      const load = loader.loadBundleWithOutcome(${JSON.stringify(path.join(small, 'botojs.js'))}, 'small-1');
      console.log(JSON.stringify({ outcome: load.outcome, index: load.exports.index, external: external() - before }));`;
    const env = { BOTOJS_CACHE_DIR: path.join(work, 'cache-small') };
    const expected = { answer: 42, file: path.join(small, 'botojs.js'), self: true };
    for (const outcome of ['missing', 'used']) {
      const got = (await runNode(program, env, false, ['--expose-gc'])).out as { outcome: string; index: unknown; external: number };
      expect(got).toEqual({ outcome, index: expected, external: expect.any(Number) });
      expect(got.external).toBeGreaterThanOrEqual(0xfbee9);
    }
  });

  it('is ASCII (the loader reads it as one-byte text), and a bundle edited in place with other text is read as UTF-8', async () => {
    const file = path.join(pkg, 'dist', 'botojs.js');
    const original = fs.readFileSync(file);
    expect(require('buffer').isAscii(original)).toBe(true);
    const dir = path.join(work, 'cache-edited');
    const probe = `
      require(${JSON.stringify(path.join(pkg, 'dist', 'index.js'))});
      console.log(JSON.stringify({ probe: globalThis.__botojsProbe }));`;
    try {
      fs.writeFileSync(file, Buffer.concat([original, Buffer.from("\nglobalThis.__botojsProbe = 'd\u00e9j\u00e0 \u2713';\n", 'utf8')]));
      for (let run = 0; run < 2; run++) {
        expect((await runNode(probe, { BOTOJS_CACHE_DIR: dir })).out).toEqual({ probe: 'd\u00e9j\u00e0 \u2713' });
      }
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
