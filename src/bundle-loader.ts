/**
 * Loads the package's bundle (dist/botojs.js, written by scripts/bundle.js) once per process, with
 * V8's code cache when it can: the installed entry points (dist/index.js, dynamodb.js, testing.js
 * and the `botojs` bin) are stubs that call loadBundle() and hand out parts of the one bundle, so
 * every subpath shares the same classes.
 *
 * Compiling the bundle's 1 MB of JavaScript is most of what is left of `require('botojs')` once
 * the modules are one file; a code cache (V8's bytecode for the functions a run compiled) lets
 * the next process skip it. The cache is a file per bundle build, Node release and architecture
 * in a folder the user can write (BOTOJS_CACHE_DIR, else $XDG_CACHE_HOME/botojs or
 * ~/.cache/botojs). Nothing here may fail a program: a folder that cannot be made or written, a
 * cache file that is missing, unreadable, damaged or from another build is the same as no cache
 * (a file is checked against its own digest before V8 sees it; docs/DESIGN.md, "The bundle").
 *
 * Not part of the bundle (it loads it); imports only Node's own modules.
 */
import { isAscii } from 'buffer';
import crypto = require('crypto');
import fs = require('fs');
import os = require('os');
import path = require('path');
import vm = require('vm');
import Module = require('module');

/** What became of the code cache for a load (tests and the bench read it). */
export type CodeCacheOutcome =
  /** BOTOJS_CACHE_DIR=off, or a context where a plain require is right (see plainRequireReason). */
  | 'off'
  /** The cache file was there and V8 took it. */
  | 'used'
  /** No cache file (or an unreadable one): it is written when the process exits. */
  | 'missing'
  /** V8 refused the file (corrupt, another V8 or flags): it is rewritten when the process exits. */
  | 'rejected';

export interface BundleLoad {
  exports: BundleExports;
  outcome: CodeCacheOutcome;
  /** The cache file this load read or will write, when there is one. */
  cacheFile?: string;
}

/**
 * Where the bundle notes the kinds of work a process did (src/util/code-paths.ts): an object
 * with `add(key)` that the loader puts on the global object before it runs the bundle. Each
 * loaded bundle file listens for keys new to the process.
 */
const CODE_PATHS = Symbol.for('botojs.codeCachePaths');

interface CodePathRegistry {
  add(key: string): void;
  readonly keys: Set<string>;
  readonly listeners: Array<(key: string) => void>;
}
type WithCodePaths = typeof globalThis & { [CODE_PATHS]?: CodePathRegistry };

function codePathRegistry(): CodePathRegistry {
  const g = globalThis as WithCodePaths;
  if (!g[CODE_PATHS]) {
    const keys = new Set<string>();
    const listeners: Array<(key: string) => void> = [];
    g[CODE_PATHS] = {
      keys,
      listeners,
      add(key) {
        if (keys.has(key)) return;
        keys.add(key);
        for (const listener of listeners) listener(key);
      },
    };
  }
  return g[CODE_PATHS];
}

/** What the bundle's entry exports (scripts/bundle.js writes the entry). */
export interface BundleExports {
  index: Record<string, unknown>;
  dynamodb: Record<string, unknown>;
  testing: Record<string, unknown>;
  cli: { runCli(argv: string[]): void };
}

const loads = new Map<string, BundleLoad>();

/**
 * A cache file is this header, the SHA-1 of the rest, then the rest: the byte length of the list
 * of work it covers (4 bytes, big-endian), that list (keys joined by newlines), and V8's data.
 * Release builds of V8 check a code cache's header but not a checksum of its contents, so a file
 * damaged in the middle (a bad disk, a copy cut and patched) must never reach V8: the digest is
 * checked first.
 */
const CACHE_MAGIC = Buffer.from('botojs-v8cache2\n', 'latin1');
const DIGEST_BYTES = 20;

/** What a cache file holds once its digest checked out. */
interface CacheContents {
  /** The kinds of work (src/util/code-paths.ts) the processes that wrote it did. */
  paths: Set<string>;
  data: Buffer;
}

/** Cache files older than this (by modification time) are removed when a new one is written. */
const STALE_CACHE_MS = 30 * 24 * 3600 * 1000;

/**
 * The bundle's exports; `file` is the absolute path of dist/botojs.js, `buildId` the package
 * version and the bundle's content hash, which scripts/bundle.js writes into the stubs.
 * `plainRequire` is the stub's own function requiring ./botojs.js by a literal path, which a
 * program's bundler can follow, used whenever the code cache is not (and when the file is not
 * where `file` says, as inside such a program's bundle).
 */
export function loadBundle(file: string, buildId: string, plainRequire?: () => unknown): BundleExports {
  return loadBundleWithOutcome(file, buildId, process.env, plainRequire).exports;
}

export function loadBundleWithOutcome(file: string, buildId: string, env: NodeJS.ProcessEnv = process.env, plainRequire?: () => unknown): BundleLoad {
  let load = loads.get(file);
  if (!load) {
    load = loadOnce(file, buildId, env, (plainRequire ?? (() => require(file))) as () => BundleExports);
    loads.set(file, load);
  }
  return load;
}

function loadOnce(file: string, buildId: string, env: NodeJS.ProcessEnv, plainRequire: () => BundleExports): BundleLoad {
  const dir = plainRequireReason(env) ? undefined : cacheDir(env);
  if (!dir) return { exports: plainRequire(), outcome: 'off' };
  let prepared: Compiled;
  try {
    prepared = compile(file, buildId, dir, env);
  } catch {
    // Anything unexpected before the bundle runs: Node's own loader does the same job uncached.
    return { exports: plainRequire(), outcome: 'off' };
  }
  const { script, cacheFile, outcome, covered, coveredBytes } = prepared;
  const registry = codePathRegistry();
  // V8 drops the bytecode of functions that did not run for a few full collections (a long
  // process, a large download), so the data taken at exit may have lost what a call compiled.
  // It is also taken just after each kind of work the file does not list is first done (once
  // per kind, about 5 ms), and the exit write uses the fuller of the two.
  let fresh: Buffer | undefined;
  registry.listeners.push((key) => {
    if (outcome === 'used' && covered.has(key)) return;
    setImmediate(() => {
      try {
        const data = script.createCachedData();
        if (!fresh || data.length > fresh.length) fresh = data;
      } catch {
        // No data now: the exit write takes its own.
      }
    }).unref();
  });
  const exports = run(script, file);
  // At exit the cache holds every function this run compiled, not just the top level; a used
  // cache is rewritten (once) when this process did work that the one which wrote it did not.
  process.once('exit', () => {
    const learned = [...registry.keys].filter((key) => !covered.has(key));
    if (outcome === 'used' && learned.length === 0) return;
    let atExit: Buffer;
    try {
      atExit = script.createCachedData();
    } catch {
      // Nothing here may fail a program: without data there is nothing to write.
      return;
    }
    const data = fresh && fresh.length > atExit.length ? fresh : atExit;
    if (outcome !== 'used') return writeCache(dir, cacheFile, registry.keys, data);
    // Data smaller than the file's would lose what the processes before put in it, while the
    // list still claimed it: such a process leaves the file alone.
    if (data.length >= coveredBytes) writeCache(dir, cacheFile, new Set([...covered, ...learned]), data);
  });
  return { exports, outcome, cacheFile };
}

/**
 * Why the bundle should load through a plain require, if it should: a context other than the
 * main one (Jest's sandboxes: vm.Script would run the bundle with the main context's globals),
 * source maps on (Node maps stack traces only for what its loader compiled), or Node's own
 * compile cache on (Node 22.1+, NODE_COMPILE_CACHE or module.enableCompileCache: it caches the
 * bundle itself).
 */
function plainRequireReason(env: NodeJS.ProcessEnv): string | undefined {
  const setting = env.BOTOJS_CACHE_DIR;
  if (setting === 'off' || setting === '') return 'BOTOJS_CACHE_DIR=off';
  if (vm.runInThisContext('globalThis') !== globalThis) return 'not the main context';
  const proc = process as NodeJS.Process & { sourceMapsEnabled?: boolean };
  if (proc.sourceMapsEnabled || process.execArgv.includes('--enable-source-maps') || /--enable-source-maps/.test(env.NODE_OPTIONS ?? '')) return 'source maps';
  const nodeCache = (Module as unknown as { getCompileCacheDir?: () => string | undefined }).getCompileCacheDir;
  if (nodeCache?.()) return "Node's compile cache";
  return undefined;
}

/** The folder for cache files: BOTOJS_CACHE_DIR, else the user's cache folder. */
function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.BOTOJS_CACHE_DIR) return path.resolve(env.BOTOJS_CACHE_DIR);
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'botojs');
  try {
    const home = os.homedir();
    return home ? path.join(home, '.cache', 'botojs') : undefined;
  } catch {
    return undefined;
  }
}

interface Compiled {
  script: vm.Script;
  cacheFile: string;
  outcome: CodeCacheOutcome;
  /** The work the cache file covers (empty unless it was used). */
  covered: Set<string>;
  /** The size of the cache file's V8 data (0 unless it was used). */
  coveredBytes: number;
}

function compile(file: string, buildId: string, dir: string, env: NodeJS.ProcessEnv): Compiled {
  const source = readWrappedSource(file);
  // The build id changes with every build; size and mtime catch a bundle edited in place
  // (patch-package). V8 also refuses a cache made for another source length or V8, or under
  // other flags: processes started with other flags (--expose-gc, a NODE_OPTIONS heap size) get
  // a file of their own, rather than each rejecting and rewriting the other's.
  const stat = fs.statSync(file);
  const flags = [...flagsOf(process.execArgv), env.NODE_OPTIONS ?? ''].join(' ').trim();
  const flagsKey = flags ? `-f${crypto.createHash('sha1').update(flags).digest('hex').slice(0, 10)}` : '';
  const key = `${buildId}-${stat.size}-${Math.floor(stat.mtimeMs)}-node${process.versions.node}-${process.arch}${flagsKey}`.replace(/[^\w.-]/g, '_');
  const cacheFile = path.join(dir, `botojs-${key}.v8cache`);
  let stored: Buffer | undefined;
  try {
    stored = fs.readFileSync(cacheFile);
  } catch {
    stored = undefined;
  }
  const contents = stored && checkedContents(stored);
  const script = new vm.Script(source, { filename: file, cachedData: contents?.data });
  const outcome: CodeCacheOutcome = !stored ? 'missing' : !contents || script.cachedDataRejected ? 'rejected' : 'used';
  const used = outcome === 'used' && contents;
  return { script, cacheFile, outcome, covered: used ? contents.paths : new Set(), coveredBytes: used ? contents.data.length : 0 };
}

/**
 * Node's options from `execArgv`, without the code of `-e` / `-p` (which is no flag of V8's).
 * `-e`, `--eval` and `-pe` always take the code next; `-p` / `--print` take it only when the
 * next argument is not an option (`node -p --max-old-space-size=100 -e code` is valid).
 */
function flagsOf(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (/^(-e|--eval|-pe)$/.test(arg)) i++;
    else if (/^(-p|--print)$/.test(arg)) {
      if (!(execArgv[i + 1] ?? '-').startsWith('-')) i++;
    } else if (!/^--(eval|print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/**
 * Node makes the latin1 text of a buffer this long or longer an external string, whose bytes
 * live outside V8's heap (string_bytes.cc, EXTERN_APEX: the same in Node 20, 22 and 24).
 */
const EXTERNAL_STRING_BYTES = 0xfbee9;

/**
 * The bundle's text inside Node's CommonJS wrapper, ready to compile. The bundle is ASCII
 * (esbuild's charset: 'ascii'), so the wrapped bytes are made into one-byte text: faster than
 * UTF-8 decoding (about 1.4 ms for its 1 MB), and, being wrapped as bytes rather than as a
 * string (Module.wrap), an external string, so its megabyte (kept for as long as the process
 * lives, as the script's source) stays off V8's heap. That megabyte took a bare process over
 * V8's 8 MB incremental-marking threshold, where a download's socket buffers set off a
 * mark-compact every ~20 MiB (docs/PERFORMANCE.md, "Downloads: the bundle's text off the
 * heap"); a bundle shorter than Node's external size is padded with spaces up to it. A file
 * that is not ASCII (edited in place) is decoded as UTF-8 and wrapped as a string.
 */
function readWrappedSource(file: string): string {
  // Node's CommonJS wrapper, as text before and after a module's code (whatever Module.wrap
  // does today, as the plain-require path follows it too).
  const [head, tail] = Module.wrap('\0').split('\0');
  // Read straight into the wrapper's buffer: one copy of the megabyte, not three.
  const { buffer, size } = readInto(file, head.length, tail.length);
  const body = buffer.subarray(head.length, head.length + size);
  if (!isAscii(body) || !isAscii(Buffer.from(head + tail))) return Module.wrap(body.toString('utf8'));
  buffer.write(head, 0, 'latin1');
  const end = head.length + size + buffer.write(tail, head.length + size, 'latin1');
  buffer.fill(0x20, end);
  return buffer.toString('latin1');
}

/**
 * The file's bytes at offset `before` of a buffer with at least `after` bytes of room behind
 * them, and at least EXTERNAL_STRING_BYTES long; `size` is how many bytes the file had.
 */
function readInto(file: string, before: number, after: number): { buffer: Buffer; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    // One byte more than the file needs, so that the read which finds its end has room to ask.
    let buffer = Buffer.allocUnsafeSlow(Math.max(EXTERNAL_STRING_BYTES, before + fs.fstatSync(fd).size + after + 1));
    let size = 0;
    for (;;) {
      const room = buffer.length - after - before - size;
      // A file that grew since fstat (edited while read) gets a bigger buffer.
      if (room === 0) {
        const bigger = Buffer.allocUnsafeSlow(buffer.length * 2);
        buffer.copy(bigger, 0, 0, before + size);
        buffer = bigger;
        continue;
      }
      const n = fs.readSync(fd, buffer, before + size, room, null);
      if (n === 0) return { buffer, size };
      size += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What a cache file holds, or undefined when the file is not one we wrote whole. */
function checkedContents(stored: Buffer): CacheContents | undefined {
  const start = CACHE_MAGIC.length + DIGEST_BYTES;
  if (stored.length < start + 4 || !stored.subarray(0, CACHE_MAGIC.length).equals(CACHE_MAGIC)) return undefined;
  const rest = stored.subarray(start);
  const digest = crypto.createHash('sha1').update(rest).digest();
  if (!digest.equals(stored.subarray(CACHE_MAGIC.length, start))) return undefined;
  const pathBytes = rest.readUInt32BE(0);
  if (4 + pathBytes >= rest.length) return undefined;
  const text = rest.toString('utf8', 4, 4 + pathBytes);
  return { paths: new Set(text ? text.split('\n') : []), data: rest.subarray(4 + pathBytes) };
}

/** The work a cache file covers, or undefined when it is not a whole cache file (for tests). */
export function cacheFileCodePaths(cacheFile: string): string[] | undefined {
  try {
    const contents = checkedContents(fs.readFileSync(cacheFile));
    return contents && [...contents.paths].sort();
  } catch {
    return undefined;
  }
}

/** Runs the compiled bundle as Node's loader runs a CommonJS file, registered under its path. */
function run(script: vm.Script, file: string): BundleExports {
  const mod = new Module(file, module);
  mod.filename = file;
  const requireFromBundle = Module.createRequire(file);
  mod.paths = requireFromBundle.resolve.paths('x') ?? [];
  require.cache[file] = mod;
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  try {
    wrapper.call(mod.exports, mod.exports, requireFromBundle, mod, file, path.dirname(file));
  } catch (err) {
    delete require.cache[file];
    throw err;
  }
  mod.loaded = true;
  return mod.exports as BundleExports;
}

/** Writes the cache file through a temporary name; any failure leaves things as they were. */
function writeCache(dir: string, cacheFile: string, paths: Set<string>, data: Buffer): void {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    const pathText = Buffer.from([...paths].sort().join('\n'), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(pathText.length);
    const rest = Buffer.concat([length, pathText, data]);
    const digest = crypto.createHash('sha1').update(rest).digest();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(temp, Buffer.concat([CACHE_MAGIC, digest, rest]), { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    removeStaleCaches(dir, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Never made, or already gone.
    }
  }
}

/** Old builds' cache files: removed once unused for a month, so upgrades do not pile them up. */
function removeStaleCaches(dir: string, keep: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    if (!/^botojs-.*\.v8cache$/.test(name)) continue;
    const full = path.join(dir, name);
    if (full === keep) continue;
    try {
      if (now - fs.statSync(full).mtimeMs > STALE_CACHE_MS) fs.unlinkSync(full);
    } catch {
      // Another process removed it first.
    }
  }
}
