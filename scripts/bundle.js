#!/usr/bin/env node
/**
 * The last step of `npm run build`: turns tsc's dist/ (one file per module) into one bundle.
 *
 *   dist/botojs.js          every module of the package, made by esbuild from tsc's output (so
 *                           each module keeps tsc's CommonJS semantics and its lazy requires),
 *                           with dist/botojs.js.map pointing at src/*.ts (not packed);
 *   dist/bundle-loader.js   loads it once per process with V8's code cache (src/bundle-loader.ts);
 *   dist/index.js, dynamodb.js, testing.js, cli/botojs.js
 *                           stubs in place of tsc's files: each hands out its part of the one
 *                           bundle, so `botojs` and its subpaths share classes, and lists its
 *                           export names where Node's ESM loader reads them (cjs-module-lexer);
 *   dist/**\/*.d.ts          tsc's declarations, unchanged.
 *
 * tsc's other .js files are removed: nothing loads them. Why a bundle: docs/DESIGN.md, "The
 * bundle". Plain JavaScript, like scripts/prepare.js: it runs during a git install's build.
 * Exported for the spec that builds a bundle from a transpiled tree (spec/unit/architecture/bundle.spec.ts).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

/** The package's entry points: their file under dist/, and the bundle entry's name for them. */
const ENTRIES = [
  { file: 'index.js', part: 'index' },
  { file: 'dynamodb.js', part: 'dynamodb' },
  { file: 'testing.js', part: 'testing' },
];
const CLI = 'cli/botojs.js';
const KEEP = new Set(['botojs.js', 'botojs.js.map', 'bundle-loader.js', 'bundle-loader.js.map', ...ENTRIES.map((e) => e.file), CLI]);
/** Run-time dependencies stay packages of their own (loaded when used, and their licenses intact). */
const EXTERNAL = ['aws4', 'jmespath', 'cli-progress'];

/** Names Node's ESM loader finds in a CommonJS file, following its re-exports inside `dir`. */
function exportNames(lexer, file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const { exports, reexports } = lexer.parse(fs.readFileSync(file, 'utf8'));
  const names = [...exports];
  for (const spec of reexports) {
    if (!spec.startsWith('.')) throw new Error(`bundle: ${file} re-exports the package ${spec}; the stub cannot list its names`);
    const base = path.resolve(path.dirname(file), spec);
    const target = [base, `${base}.js`, path.join(base, 'index.js')].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
    if (!target) throw new Error(`bundle: cannot find ${spec} re-exported by ${file}`);
    names.push(...exportNames(lexer, target, seen));
  }
  return [...new Set(names)];
}

function entryStub(part, buildId, names) {
  return [
    "'use strict';",
    '// Written by scripts/bundle.js: the code is in ./botojs.js, one bundle for every entry point',
    '// (so `botojs` and its subpaths share classes); bundle-loader.js loads it with V8\'s code cache.',
    `const bundle = require('./bundle-loader.js').loadBundle(__dirname + '/botojs.js', ${JSON.stringify(buildId)}, () => require('./botojs.js'));`,
    `module.exports = bundle.${part};`,
    "// The export names, for Node's ESM loader (cjs-module-lexer reads them; this line never runs).",
    `0 && (${names.map((n) => `exports.${n}`).join(' = ')} = 0);`,
    '',
  ].join('\n');
}

function cliStub(buildId) {
  return [
    '#!/usr/bin/env node',
    "'use strict';",
    '// Written by scripts/bundle.js: the `botojs` command, from the package\'s one bundle (../botojs.js).',
    `require('../bundle-loader.js').loadBundle(require('path').join(__dirname, '..', 'botojs.js'), ${JSON.stringify(buildId)}, () => require('../botojs.js')).cli.runCli(process.argv.slice(2));`,
    '',
  ].join('\n');
}

/** Every file under `dir`, as paths relative to it. */
function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...walk(dir, rel));
    else out.push(rel);
  }
  return out;
}

/**
 * Bundles the tsc output in `distDir` (in place). `version` goes into the code cache's key with
 * the bundle's hash.
 */
async function bundle({ distDir, version, sourcemap = true }) {
  const esbuild = require('esbuild');
  const lexer = require('cjs-module-lexer');
  await lexer.init();

  const names = Object.fromEntries(ENTRIES.map((e) => [e.part, exportNames(lexer, path.join(distDir, e.file))]));
  // The bundle's entry: the top level at once; the subpaths and the command on first read, so a
  // program that never imports them never runs their modules.
  const entry = [
    "'use strict';",
    "exports.index = require('./index.js');",
    ...[...ENTRIES.slice(1).map((e) => [e.part, `./${e.file}`]), ['cli', `./${CLI}`]].map(
      ([part, file]) => `Object.defineProperty(exports, ${JSON.stringify(part)}, { enumerable: true, get: () => require(${JSON.stringify(file)}) });`,
    ),
  ].join('\n');
  const outfile = path.join(distDir, 'botojs.js');
  const result = await esbuild.build({
    stdin: { contents: entry, resolveDir: distDir, sourcefile: 'bundle-entry.js', loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Non-ASCII characters escaped (esbuild's default, stated): the loader reads the file as
    // one-byte text, which skips UTF-8 decoding (src/bundle-loader.ts readSource).
    charset: 'ascii',
    target: 'node20.0',
    external: EXTERNAL,
    outfile,
    // Not minified: stack traces stay readable without the map; the code cache makes size moot.
    sourcemap: sourcemap ? 'linked' : false,
    sourcesContent: false,
    // No keepNames: it wraps every function in a call that redefines its `name`, about 1,500 at
    // load and more on every call that makes a closure (4% of a GetItem's CPU). Modules stay
    // CommonJS closures, so esbuild renames no function; the one rename it makes is the inner
    // name of a class whose body names the class (`var Config = class _Config`), which
    // nameRenamedClasses gives back its own name.
    keepNames: false,
    logLevel: 'warning',
    write: true,
  });
  if (result.errors.length) throw new Error('bundle: esbuild failed');
  nameRenamedClasses(outfile);

  const buildId = `${version}-${crypto.createHash('sha256').update(fs.readFileSync(outfile)).digest('hex').slice(0, 16)}`;
  const stubs = ENTRIES.map((e) => {
    const stub = entryStub(e.part, buildId, names[e.part]);
    // The stub must show Node exactly the names tsc's file showed.
    const seen = lexer.parse(stub);
    const missing = names[e.part].filter((n) => !seen.exports.includes(n));
    if (missing.length || seen.reexports.length) throw new Error(`bundle: the ${e.file} stub hides ${missing.join(', ') || 're-exports'} from ESM importers`);
    return [e.file, stub];
  });
  for (const file of walk(distDir)) {
    if (/\.js(\.map)?$/.test(file) && !KEEP.has(file.split(path.sep).join('/'))) fs.rmSync(path.join(distDir, file));
  }
  for (const [file, stub] of stubs) fs.writeFileSync(path.join(distDir, file), stub);
  fs.writeFileSync(path.join(distDir, CLI), cliStub(buildId), { mode: 0o755 });
  return { outfile, buildId, names };
}

/**
 * Class names are API (err.name, constructor.name, inspect output). esbuild emits a class whose
 * body refers to the class itself as `var X = class _X ...`, so its name would read `_X`; each
 * such class gets a static block (on the same line, so the source map still holds) that sets
 * its name back. Any other class that would not be named as written fails the build.
 */
function nameRenamedClasses(outfile) {
  const code = fs.readFileSync(outfile, 'latin1');
  const nameBlock = (name) => ` static { Object.defineProperty(this, "name", { value: ${JSON.stringify(name)}, configurable: true }); }`;
  // The class head on one line, up to its body's brace (an `extends` of a plain name).
  const fixed = code.replace(/(\bvar (\w+) = class _\2(?: extends [\w.]+)? \{)/g, (head, _all, name) => head + nameBlock(name));
  const missed = [...fixed.matchAll(/\bvar (\w+) = class _\1\b[^\n]*/g)].filter((m) => !m[0].includes(nameBlock(m[1]))).map((m) => m[1]);
  const odd = (fixed.match(/\bclass _\w+/g) ?? []).filter((m) => !fixed.includes(`var ${m.slice(7)} = ${m}`));
  if (missed.length || odd.length) throw new Error(`bundle: classes esbuild renamed that the build cannot name back: ${[...missed, ...odd].join(', ')}`);
  fs.writeFileSync(outfile, fixed, 'latin1');
}

module.exports = { bundle, ENTRIES };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  bundle({ distDir: path.join(root, 'dist'), version }).then(
    ({ outfile, buildId }) => console.error(`bundle: ${path.relative(root, outfile)} (${(fs.statSync(outfile).size / 1e6).toFixed(2)} MB, ${buildId})`),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
