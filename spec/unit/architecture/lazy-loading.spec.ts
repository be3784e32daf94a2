/**
 * Cold start: a program that only builds a client and calls it must not load the modules of
 * the parts it does not use (resources, paginators, waiters, transfers, the Stubber, help, the
 * credential providers beyond the ones reached, the other protocols). Checked in a fresh Node
 * process, since jest's own module registry is not Node's require cache. The processes (each
 * seconds of ts-node start-up) run at the same time, started before the tests that read them.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '../../..');

/** The last line of `program`'s output, run by a fresh Node with ts-node. */
async function runFresh(program: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', program], { cwd: ROOT, env, encoding: 'utf8' });
  return stdout.trim().split('\n').pop() as string;
}

/** The src/ modules (relative paths) loaded by `script` in a fresh process. */
async function loadedModules(script: string): Promise<string[]> {
  const program = `
    const http = require('http');
    const srv = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('ETag', '"e"'); res.end(); }); });
    srv.listen(0, '127.0.0.1', async () => {
      const endpointUrl = 'http://127.0.0.1:' + srv.address().port;
      const botojs = require('./src');
      ${script}
      srv.close();
      const src = require('path').join(process.cwd(), 'src') + require('path').sep;
      console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.startsWith(src)).map((f) => f.slice(src.length))));
    });`;
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
  return JSON.parse(await runFresh(program, env)) as string[];
}

const DYNAMODB_PACKAGES = `
  const http = require('http');
  const srv = http.createServer((req, res) => { req.resume(); req.on('end', () => res.end('{}')); });
  srv.listen(0, '127.0.0.1', async () => {
    const botojs = require('./src');
    const ddb = botojs.client('dynamodb', { regionName: 'us-east-1', endpointUrl: 'http://127.0.0.1:' + srv.address().port, awsAccessKeyId: 'a', awsSecretAccessKey: 'b' });
    await ddb.listTables();
    ddb.close();
    srv.close();
    const marker = require('path').sep + 'node_modules' + require('path').sep;
    const packages = new Set(Object.keys(require.cache).filter((f) => f.includes(marker) && !f.includes('ts-node') && !f.includes('typescript') && !f.includes('source-map')).map((f) => f.split(marker).pop().split(require('path').sep)[0]));
    console.log(JSON.stringify([...packages].sort()));
  });`;

let s3Put: Promise<string[]>;
let lazyExports: Promise<string[]>;
let dynamoDbPackages: Promise<string>;
beforeAll(() => {
  s3Put = loadedModules(`
    const s3 = botojs.client('s3', { regionName: 'us-east-1', endpointUrl, config: { s3: { addressingStyle: 'path' } } });
    await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' });`);
  lazyExports = loadedModules(`
    if (typeof botojs.Paginator !== 'function' || !(new botojs.TransferConfig() instanceof botojs.TransferConfig)) throw new Error('lazy export broken');
    if (!Object.keys(botojs).includes('ResourceCollection')) throw new Error('lazy export not enumerable');`);
  dynamoDbPackages = runFresh(DYNAMODB_PACKAGES);
  // Each test awaits its own; a failure shows there, not as an unhandled rejection here.
  for (const p of [s3Put, lazyExports, dynamoDbPackages]) p.catch(() => undefined);
});

const folder = (m: string) => m.split(/[\\/]/).slice(0, -1).join('/');

describe('lazy loading on the cold path', () => {
  it('an S3 putObject with environment keys loads only what it uses', async () => {
    const loaded = await s3Put;
    expect(loaded).toContain('protocols/serialize/rest-xml.ts');
    expect(loaded).toContain('credentials/providers.ts');
    const folders = new Set(loaded.map(folder));
    for (const unused of ['resources', 'waiters']) expect(folders).not.toContain(unused);
    // S3 clients carry the transfer methods, but their implementation loads on the first transfer.
    expect(loaded.filter((m) => folder(m) === 'customizations/s3/transfer').sort()).toEqual([
      'customizations/s3/transfer/client-extension.ts',
      'customizations/s3/transfer/resource-methods.ts',
    ]);
    const unusedFiles = [
      'help.ts',
      'client/stubber.ts',
      'paginate/paginator.ts',
      'credentials/assume-role.ts',
      'credentials/sso.ts',
      'credentials/imds.ts',
      'credentials/container.ts',
      'credentials/process.ts',
      'credentials/web-identity.ts',
      'protocols/serialize/json.ts',
      'protocols/parse/json.ts', // (parse/query.ts is loaded: rest-xml shares its XML body parser)
    ];
    expect(loaded.filter((m) => unusedFiles.includes(m))).toEqual([]);
  }, 30000);

  it('the lazy exports load their module on first read and give the real classes', async () => {
    const loaded = await lazyExports;
    expect(loaded).toContain('paginate/paginator.ts');
    expect(loaded).toContain('customizations/s3/transfer/config.ts');
  }, 30000);
});

describe('the transport is node:http', () => {
  it('a DynamoDB call loads no third-party package but the signer and the config reader (no HTTP library, no URL polyfill)', async () => {
    const out = await dynamoDbPackages;
    const packages = JSON.parse(out) as string[];
    const tooling = ['@cspotcode', '@jridgewell', 'acorn', 'acorn-walk', 'arg', 'create-require', 'diff', 'make-error', 'v8-compile-cache-lib', 'yn', '@tsconfig'];
    // The signer, and the config-file reader (the session reads ~/.aws/config): nothing else.
    expect(packages.filter((p) => !tooling.includes(p) && p !== 'ini')).toEqual(['aws4']);
  }, 30000);

  it('an http-only S3 upload (Expect: 100-continue included) loads neither node:https nor node:tls', async () => {
    const out = await runFresh(`
      const http = require('http');
      const srv = http.createServer((req, res) => { req.resume(); req.on('end', () => { res.setHeader('ETag', '"e"'); res.end(); }); });
      srv.listen(0, '127.0.0.1', async () => {
        const s3 = require('./src').client('s3', { regionName: 'us-east-1', endpointUrl: 'http://127.0.0.1:' + srv.address().port, awsAccessKeyId: 'a', awsSecretAccessKey: 'b', config: { s3: { addressingStyle: 'path' } } });
        const r = await s3.putObject({ Bucket: 'b', Key: 'k', Body: 'x' });
        srv.close();
        console.log(JSON.stringify({ etag: r.ETag, loaded: process.moduleLoadList.filter((m) => /^NativeModule (tls|https|_tls_wrap)$/.test(m)) }));
      });`);
    expect(JSON.parse(out)).toEqual({ etag: '"e"', loaded: [] });
  }, 30000);
});

describe('ESM named imports of the CommonJS build', () => {
  it("Node's export scanner (cjs-module-lexer) finds every public name of src/index.ts, lazy ones included", async () => {
    const fs = await import('fs');
    const ts = await import('typescript');
    const lexer = await import('cjs-module-lexer');
    await lexer.init();
    const source = fs.readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const found = new Set(lexer.parse(js).exports);
    const declared = [...source.matchAll(/^export declare const (\w+)/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(20);
    expect(declared.filter((name) => !found.has(name))).toEqual([]);
    for (const eager of ['Session', 'Config', 'client', 'resource', 'StreamingBody']) expect(found.has(eager)).toBe(true);
  });
});

describe('packages and Node modules are imported without a namespace copy', () => {
  // `import * as fs from 'fs'` compiles (esModuleInterop) to __importStar, which copies every
  // export of the module into a new object of getters when the module loads: about 2 ms of a cold
  // start over the 36 imports that had it. `import fs = require('fs')` (or named imports) binds
  // the module itself. Type-only namespace imports cost nothing and stay allowed.
  it('src/ has no value `import * as` (or `export *`) of a package or Node module', () => {
    const fs = require('fs') as typeof import('fs');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          const text = fs.readFileSync(full, 'utf8');
          // `export * from 'pkg'` compiles to the same copy (__exportStar), either quote style.
          for (const m of text.matchAll(/^(?:import \* as \w+|export \*) from (['"])([^.'"][^'"]*)\1/gm)) offenders.push(`${path.relative(ROOT, full)}: ${m[2]}`);
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
