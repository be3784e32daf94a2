/**
 * The pipeline is a straight path through src/: imports point down the layers docs/DESIGN.md
 * lists ("Layout"), never up, and folders on the same layer do not import each other. The
 * layer table is read from DESIGN.md itself, so the document and the code cannot tell two
 * stories: a folder of src/ missing from the list, or listed but gone, fails here. Every import
 * counts: run-time ones, lazy `require()`s, and type-only ones (a type is a dependency too).
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');

/** DESIGN.md's layout block: `<layer number>  src/<folder>/` or `src/<file>.ts`, one per line. */
export function layersFromDesign(markdown: string): Map<string, number> {
  const section = markdown.slice(markdown.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('docs/DESIGN.md has no layout block under "## Layout"');
  const layers = new Map<string, number>();
  for (const line of block[1].split('\n')) {
    const m = /^\s*(\d+)\s+src\/([\w-]+?)(?:\/|\.ts)\s/.exec(line);
    if (m) layers.set(m[2], Number(m[1]));
  }
  return layers;
}

const LAYERS = layersFromDesign(fs.readFileSync(path.join(ROOT, 'docs', 'DESIGN.md'), 'utf8'));

// The only same-layer imports allowed, each with its reason (DESIGN.md says the same).
const ALLOWED_PEERS: Record<string, string> = {
  'paginate->waiters': 'one client extension registers both',
  'waiters->paginate': "waiters evaluate paginate's JMESPath helpers",
};

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
  it('reads a layer for every folder of src/ from docs/DESIGN.md, and lists nothing that is gone', () => {
    const present = fs.readdirSync(SRC).map((n) => n.replace(/\.ts$/, '')).sort();
    expect([...LAYERS.keys()].sort()).toEqual(present);
  });

  it('has no import (run-time, lazy or type-only) that points up or sideways', () => {
    const violations: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = topOf(file);
      const text = fs.readFileSync(file, 'utf8');
      const specifiers = [
        ...text.matchAll(/^(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm),
        // Lazy requires (`require('../resources/service-resource')`) obey the same direction.
        ...text.matchAll(/\brequire\('(\.[^']+)'\)/g),
        // `import('../x')` in a type position (`typeof import('../x')`).
        ...text.matchAll(/\bimport\('(\.[^']+)'\)/g),
      ].map((m) => m[1]);
      for (const spec of specifiers) {
        const to = topOf(path.resolve(path.dirname(file), spec));
        if (to === from || to === '..') continue; // same folder, or outside src/ (package.json)
        const a = LAYERS.get(from);
        const b = LAYERS.get(to);
        if (a === undefined || b === undefined) throw new Error(`src/${a === undefined ? from : to} has no layer in docs/DESIGN.md`);
        if (b > a) continue;
        if (b === a && ALLOWED_PEERS[`${from}->${to}`]) continue;
        violations.push(`${path.relative(SRC, file)} imports ${spec} (${from} ${a} -> ${to} ${b})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('parses the layout block as DESIGN.md writes it', () => {
    const doc = '## Layout\n\n```\n 1  src/index.ts          exports\n 9  src/endpoints/        rules\n                          (a continuation)\n```\n';
    expect([...layersFromDesign(doc)]).toEqual([['index', 1], ['endpoints', 9]]);
  });
});
