/**
 * The pipeline is a straight path through src/: run-time imports point down the layers below,
 * never up, and folders on the same layer do not import each other (lazy `require()`s included). Type-only imports are
 * exempt (they vanish at run time), so a lower layer may name a type defined above it.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');

// Top to bottom. A folder may import (at run time) only folders on a lower layer.
const LAYERS: string[][] = [
  ['index', 'cli'],
  ['help'],
  ['session'],
  ['customizations'],
  ['resources'],
  ['client'],
  ['paginate', 'waiters'],
  ['pipeline'],
  ['validate', 'endpoints', 'checksums', 'signing', 'credentials', 'transport', 'retries', 'protocols'],
  ['events', 'config'],
  ['models'],
  ['util'],
  ['errors'],
  ['types'],
];

// The only same-layer run-time imports allowed, each with its reason.
const ALLOWED_PEERS: Record<string, string> = {
  'paginate->waiters': 'one client extension registers both',
  'waiters->paginate': 'one client extension registers both',
};

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((l) => l.includes(folder));
  if (i < 0) throw new Error(`src/${folder} is not in the layer table of this test: add it`);
  return i;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

// A file at the root of src/ is its own layer entry, named without its extension, so that
// `src/help.ts` and an import of `../help` both map to 'help'.
const topOf = (file: string) => path.relative(SRC, file).split(path.sep)[0].replace(/\.ts$/, '');

describe('import direction', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = topOf(file);
    const text = fs.readFileSync(file, 'utf8');
    const imports = [
      ...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm),
      // Lazy requires (`require('../resources/service-resource')`) obey the same direction.
      ...text.matchAll(/\brequire\(()'(\.[^']+)'\)/g),
    ];
    for (const m of imports) {
      if (m[1]) continue;
      const to = topOf(path.resolve(path.dirname(file), m[2]));
      if (to === from || to === '..') continue; // same folder, or outside src/ (package.json)
      const a = layerOf(from);
      const b = layerOf(to);
      if (b > a) continue;
      if (b === a && ALLOWED_PEERS[`${from}->${to}`]) continue;
      violations.push(`${path.relative(SRC, file)} imports ${m[2]} (${from} -> ${to})`);
    }
  }

  it('has no run-time import that points up or sideways', () => {
    expect(violations).toEqual([]);
  });
});
