/**
 * import-models: regenerates service-models/ and resource-models/ from an installed botocore
 * and boto3 (`npm run models:import [-- --botocore DIR --boto3 DIR]`).
 *
 * Output keeps botocore's own layout (`<service>/<apiVersion>/<type>.json`), so the runtime
 * loader reads it exactly as it reads any botocore `data/` folder. Only the newest apiVersion of
 * each service is kept; `documentation`/`documentationUrl` are stripped from service-2 (they are
 * most of its bytes and nothing at run time reads them); `*.sdk-extras.json` are merged in as
 * botocore's loader would, so the shipped files need no extras step. Files are written minified,
 * service-2 in the line layout (one operation or shape per line, src/models/line-layout.ts).
 * The new trees are built beside the old ones and swapped in only when complete.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { applyExtras } from '../src/models/deep-merge';
import { writeLineLayout } from '../src/models/line-layout';
import { isRecord } from '../src/util/objects';
import { SCOPED_SIGNING_NAMES_FILE, scopedSigningNamePrefixes } from '../src/endpoints/legacy-endpoint';

const ROOT = path.resolve(__dirname, '..');
const SERVICE_OUT = path.join(ROOT, 'service-models');
const RESOURCE_OUT = path.join(ROOT, 'resource-models');

/** Per-version model files copied from botocore, when present. */
const SERVICE_TYPES = ['service-2', 'paginators-1', 'waiters-2', 'endpoint-rule-set-1'] as const;
/** Types botocore merges `<type>.sdk-extras.json` into. */
const EXTRAS_TYPES = new Set<string>(['service-2', 'paginators-1']);
/** Top-level data files the runtime needs (partitions, endpoints, retry and defaults config). */
const TOP_LEVEL = ['partitions', 'endpoints', '_retry', 'sdk-default-configuration'] as const;
/** Keys whose children are names chosen by the model author, never doc keys to strip. */
const NAME_MAPS = new Set(['members', 'operations', 'shapes']);
const DOC_KEYS = new Set(['documentation', 'documentationUrl']);
/** service-2 sections written one entry per line (read lazily at run time). */
const LINE_LAYOUT_SECTIONS = ['operations', 'shapes'] as const;

interface Args {
  botocore?: string;
  boto3?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag !== '--botocore' && flag !== '--boto3') throw new Error(`unknown argument: ${a}`);
    const value = inline ?? argv[++i];
    if (!value) throw new Error(`${flag} needs a directory`);
    out[flag === '--botocore' ? 'botocore' : 'boto3'] = path.resolve(value);
  }
  return out;
}

/** The package directory of a Python module, as the installed interpreter sees it. */
function pythonPackageDir(module: string): string {
  const code = `import ${module}, os; print(os.path.dirname(${module}.__file__))`;
  return execFileSync('python3', ['-c', code], { encoding: 'utf8' }).trim();
}

/** Accepts either a package folder (holding data/) or the data folder itself. */
function dataDirOf(dir: string): string {
  const inner = path.join(dir, 'data');
  return fs.existsSync(inner) && fs.statSync(inner).isDirectory() ? inner : dir;
}

/** `__version__` from the package's __init__.py (the data folder's parent). */
function packageVersion(dataDir: string): string {
  const init = path.join(path.dirname(dataDir), '__init__.py');
  if (!fs.existsSync(init)) return 'unknown';
  const m = /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(fs.readFileSync(init, 'utf8'));
  return m ? m[1] : 'unknown';
}

/** Path of `<base>.json` or `<base>.json.gz`, whichever exists (plain first, as botocore). */
function findJson(base: string): string | undefined {
  for (const ext of ['.json', '.json.gz']) {
    if (fs.existsSync(base + ext)) return base + ext;
  }
  return undefined;
}

// JSON.parse would round number literals that a double cannot hold as written (`5.0` -> `5`,
// 9223372036854775807 -> ...808). Such literals travel through parse/stringify as marked strings
// and are put back verbatim, so the written file keeps the source's numbers exactly.
const RAW_NUMBER_OPEN = '@@botojs-raw-number:';
const RAW_NUMBER_CLOSE = '@@';
const RAW_NUMBER_BACK = /"@@botojs-raw-number:([-+.0-9eE]+)@@"/g;
const NUMBER_TOKEN = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

/** Wraps, outside string literals, every number literal that would not round-trip. */
export function protectNumbers(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) {
        if (text.charCodeAt(i) === 92 /* \\ */) i++;
      }
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      NUMBER_TOKEN.lastIndex = i;
      const m = NUMBER_TOKEN.exec(text);
      if (!m) continue;
      const literal = m[0];
      if (String(Number(literal)) !== literal) {
        out += `${text.slice(last, i)}"${RAW_NUMBER_OPEN}${literal}${RAW_NUMBER_CLOSE}"`;
        last = i + literal.length;
      }
      i += literal.length - 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Minified JSON with protected number literals restored. */
export function stringifyExact(data: unknown): string {
  return JSON.stringify(data).replace(RAW_NUMBER_BACK, '$1');
}

function readJson(file: string): unknown {
  let buf = fs.readFileSync(file);
  if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  return JSON.parse(protectNumbers(buf.toString('utf8')));
}

/**
 * Writes minified JSON; with `sections`, in the line layout (src/models/line-layout.ts): still
 * one JSON document, but each entry of those sections on its own line, so the runtime parses
 * only the operations and shapes a program uses.
 */
function writeJson(file: string, data: unknown, sections?: readonly string[]): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const text = sections && isRecord(data) ? writeLineLayout(data, sections, stringifyExact) : stringifyExact(data);
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}

/** Drops every `documentation`/`documentationUrl` key, except where it is a member's name. */
export function stripDocs(value: unknown, inNameMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => stripDocs(v));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    // launch-wizard has a structure member literally named `documentationUrl`.
    if (!inNameMap && DOC_KEYS.has(key)) continue;
    out[key] = stripDocs(child, !inNameMap && NAME_MAPS.has(key));
  }
  return out;
}

/** Subfolders of `dir` (sorted), or [] when it does not exist. */
function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** Newest apiVersion folder of a service that holds `typeName` (botocore compares strings). */
function newestVersion(serviceDir: string, typeName: string): string | undefined {
  const versions = subdirs(serviceDir).filter((v) => findJson(path.join(serviceDir, v, typeName)));
  return versions.length ? versions[versions.length - 1] : undefined;
}

export interface ImportStats {
  services: number;
  files: number;
  bytes: number;
}

export function importServices(botocoreData: string, outDir: string): ImportStats {
  const stats: ImportStats = { services: 0, files: 0, bytes: 0 };
  for (const service of subdirs(botocoreData)) {
    const serviceDir = path.join(botocoreData, service);
    const version = newestVersion(serviceDir, 'service-2');
    if (!version) continue;
    stats.services++;
    const versionDir = path.join(serviceDir, version);
    for (const typeName of SERVICE_TYPES) {
      const src = findJson(path.join(versionDir, typeName));
      if (!src) continue;
      let data = readJson(src);
      if (EXTRAS_TYPES.has(typeName) && isRecord(data)) {
        const extras = findJson(path.join(versionDir, `${typeName}.sdk-extras`));
        if (extras) data = applyExtras(data, [readJson(extras)]);
      }
      if (typeName === 'service-2') data = stripDocs(data);
      const sections = typeName === 'service-2' ? LINE_LAYOUT_SECTIONS : undefined;
      stats.bytes += writeJson(path.join(outDir, service, version, `${typeName}.json`), data, sections);
      stats.files++;
    }
  }
  for (const name of TOP_LEVEL) {
    const src = findJson(path.join(botocoreData, name));
    if (!src) throw new Error(`botocore data has no ${name}.json (looked in ${botocoreData})`);
    stats.bytes += writeJson(path.join(outDir, `${name}.json`), readJson(src));
    stats.files++;
  }
  // The endpoint prefixes endpoints.json scopes to another signing name, so that clients need not
  // parse all of it to learn theirs (src/endpoints/legacy-endpoint.ts, clientSigningName).
  const prefixes = scopedSigningNamePrefixes(readJson(path.join(outDir, 'endpoints.json')));
  stats.bytes += writeJson(path.join(outDir, `${SCOPED_SIGNING_NAMES_FILE}.json`), { prefixes });
  stats.files++;
  return stats;
}

export function importResources(boto3Data: string, outDir: string): ImportStats {
  const stats: ImportStats = { services: 0, files: 0, bytes: 0 };
  for (const service of subdirs(boto3Data)) {
    const serviceDir = path.join(boto3Data, service);
    const version = newestVersion(serviceDir, 'resources-1');
    if (!version) continue;
    const src = findJson(path.join(serviceDir, version, 'resources-1'));
    if (!src) continue;
    stats.services++;
    stats.bytes += writeJson(path.join(outDir, service, version, 'resources-1.json'), readJson(src));
    stats.files++;
  }
  return stats;
}

/** Replaces `target` with the freshly built `staged` folder. */
function swapIn(staged: string, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(staged, target);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const botocoreData = dataDirOf(args.botocore ?? pythonPackageDir('botocore'));
  const boto3Data = dataDirOf(args.boto3 ?? pythonPackageDir('boto3'));
  for (const [name, dir] of [['botocore', botocoreData], ['boto3', boto3Data]]) {
    if (!fs.existsSync(dir)) throw new Error(`${name} data folder not found: ${dir}`);
  }

  const stagedServices = `${SERVICE_OUT}.tmp-${process.pid}`;
  const stagedResources = `${RESOURCE_OUT}.tmp-${process.pid}`;
  try {
    const svc = importServices(botocoreData, stagedServices);
    const res = importResources(boto3Data, stagedResources);
    const source = {
      botocoreVersion: packageVersion(botocoreData),
      boto3Version: packageVersion(boto3Data),
      importedAt: new Date().toISOString(),
      services: svc.services,
      resourceServices: res.services,
    };
    writeJson(path.join(stagedServices, 'SOURCE.json'), source);
    swapIn(stagedServices, SERVICE_OUT);
    swapIn(stagedResources, RESOURCE_OUT);
    console.log(
      `botocore ${source.botocoreVersion}: ${svc.services} services, ${svc.files} files, ${mb(svc.bytes)} -> service-models/`,
    );
    console.log(`boto3 ${source.boto3Version}: ${res.services} resource models, ${mb(res.bytes)} -> resource-models/`);
  } finally {
    fs.rmSync(stagedServices, { recursive: true, force: true });
    fs.rmSync(stagedResources, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(`models:import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
