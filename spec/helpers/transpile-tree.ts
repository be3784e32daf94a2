/**
 * A transpiled copy of src/ for specs that run botojs in a fresh plain node process as the
 * package runs (tsc's CommonJS output, file by file, as `npm run build` makes it, without the
 * declarations), rather than through ts-node, whose hooks change what the process does.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');

/** Transpiles every .ts file under `from` into `to`, keeping the folder layout. */
export function transpileTree(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      transpileTree(source, path.join(to, entry.name));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const js = ts.transpileModule(fs.readFileSync(source, 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, isolatedModules: true },
        fileName: source,
      }).outputText;
      fs.mkdirSync(to, { recursive: true });
      fs.writeFileSync(path.join(to, entry.name.replace(/\.ts$/, '.js')), js);
    }
  }
}

/**
 * A package folder `pkg` with src/ transpiled into pkg/dist and the repository's models and
 * node_modules linked beside it: `require(pkg + '/dist')` is botojs.
 */
export function transpiledPackage(pkg: string, version = '9.8.7'): void {
  transpileTree(path.join(ROOT, 'src'), path.join(pkg, 'dist'));
  fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'botojs', version, main: 'dist/index.js' }));
  for (const linked of ['service-models', 'resource-models', 'node_modules']) fs.symlinkSync(path.join(ROOT, linked), path.join(pkg, linked));
}
