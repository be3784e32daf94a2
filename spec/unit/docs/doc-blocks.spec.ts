/**
 * The harness behind spec/integration/docs-code-blocks.spec.ts: how markdown is read, how
 * directives attach to blocks, and that a broken block is reported at its markdown file:line.
 */
import * as path from 'path';
import { missingNpmScripts, parseDoc } from '../../helpers/doc-blocks';
import { compileBlocks } from '../../helpers/doc-blocks-compile';
import type { CompiledBlock } from '../../helpers/doc-blocks-compile';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES_MODULE = path.join(ROOT, 'spec/helpers/docs-fixtures');
const fence = '```';

describe('parseDoc', () => {
  it('finds ts and js blocks with their first code line, and keeps other languages apart', () => {
    const md = ['# T', '', `${fence}ts`, 'const a = 1;', fence, '', `${fence}sh`, 'npm test', fence, '', `${fence}javascript`, 'let b = 2;', fence].join('\n');
    const doc = parseDoc('x.md', md);
    expect(doc.blocks.map((b) => [b.line, b.lang, b.code, b.mode])).toEqual([
      [4, 'ts', 'const a = 1;', 'run'],
      [12, 'js', 'let b = 2;', 'run'],
    ]);
    expect(doc.others).toEqual([{ line: 8, lang: 'sh', code: 'npm test' }]);
    expect(doc.problems).toEqual([]);
  });

  it('applies skip and typecheck-only, with their reasons, to the next block only', () => {
    const md = ['<!-- docs-test: skip (needs real AWS: STS AssumeRole) -->', `${fence}ts`, 'a;', fence, '<!-- docs-test: typecheck-only (needs EC2) -->', '', `${fence}ts`, 'b;', fence, `${fence}ts`, 'c;', fence].join('\n');
    const doc = parseDoc('x.md', md);
    expect(doc.blocks.map((b) => [b.code, b.mode, b.reason])).toEqual([
      ['a;', 'skip', 'needs real AWS: STS AssumeRole'],
      ['b;', 'typecheck', 'needs EC2'],
      ['c;', 'run', undefined],
    ]);
  });

  it('refuses a skip without a reason, an unknown directive, and a directive with no block after it', () => {
    const md = ['<!-- docs-test: skip -->', `${fence}ts`, 'a;', fence, '<!-- docs-test: sikp (x) -->', `${fence}ts`, 'b;', fence, '<!-- docs-test: typecheck-only (y) -->', 'Some prose.', `${fence}ts`, 'c;', fence].join('\n');
    const { problems } = parseDoc('x.md', md);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^x\.md:1: 'docs-test: skip' needs a reason/);
    expect(problems[1]).toMatch(/^x\.md:5: unknown docs-test directive 'sikp \(x\)'/);
    expect(problems[2]).toBe('x.md:9: docs-test directive is not followed by a code block');
  });

  it('gives every later block the hidden and visible preludes before it, and runs setup comments in place', () => {
    const md = [
      '<!-- docs-test: setup',
      "await fixtures.bucket('b1');",
      '-->',
      '<!-- docs-test: prelude',
      'const x = 1;',
      '-->',
      '<!-- docs-test: prelude -->',
      `${fence}ts`,
      'const y = x + 1;',
      fence,
      `${fence}ts`,
      'y;',
      fence,
    ].join('\n');
    const doc = parseDoc('x.md', md);
    expect(doc.blocks.map((b) => [b.role, b.line, b.preludes.map((p) => p.line)])).toEqual([
      ['setup', 2, []],
      ['prelude', 9, [5]],
      ['block', 12, [5, 9]],
    ]);
  });

  it('reads blocks indented in list items, without their indentation', () => {
    const doc = parseDoc('x.md', ['- item:', '', `   ${fence}ts`, '   if (a) {', '     b();', '   }', `   ${fence}`].join('\n'));
    expect(doc.blocks[0].code).toBe('if (a) {\n  b();\n}');
    expect(doc.blocks[0].indent).toBe(3);
  });
});

describe('missingNpmScripts', () => {
  it("names each 'npm run' of a shell block that package.json lacks, with its line", () => {
    const doc = parseDoc('R.md', ['x', `${fence}sh`, 'npm ci && npm run demo', 'npm run nope -- --x', fence].join('\n'));
    expect(missingNpmScripts(doc, { demo: 'ts-node demo.ts' })).toEqual(["R.md:4: 'npm run nope' names no script in package.json"]);
  });
});

describe('compileBlocks', () => {
  const X_MD = [
    '<!-- docs-test: prelude',
    "import { Session } from 'botojs';",
    'const session = new Session();',
    '-->',
    'Prose.',
    '',
    `${fence}ts`,
    "import { Session, Config } from 'botojs';",
    '',
    "const s3 = new Session().client('s3', { config: new Config({ connectTimeout: 5 }) });",
    'const session = 1;          // a block may redeclare a prelude name',
    fence,
    '',
    '- In a list:',
    `  ${fence}ts`,
    "  import { NoSuchThing } from 'botojs';",
    '  const n: number = session.regionName;',
    `  ${fence}`,
    '',
    `${fence}ts`,
    'declare const orders: Array<{ total: number }>;   // what the prose describes',
    'const sum: number = orders.reduce((a, o) => a + o.total, 0);',
    fence,
    '',
    `${fence}js`,
    "const { Session: S } = require('botojs');",
    'const region = new S().regionName;',
    fence,
  ].join('\n');
  const Y_MD = ['<!-- docs-test: prelude', 'const a = 1;', '-->', '', `${fence}ts`, "import { Session } from 'botojs';", '', 'const x: number = a;', "throw new Error('here');", fence].join('\n');
  let compiled: CompiledBlock[] = [];
  // One program for both pages, as the docs spec compiles every page in one.
  beforeAll(() => {
    compiled = compileBlocks([...parseDoc('docs/x.md', X_MD).blocks, ...parseDoc('docs/y.md', Y_MD).blocks], ROOT, FIXTURES_MODULE);
  }, 60000);

  it('type-checks against src with botojs mapped, merges imports, and reports errors at the markdown line', () => {
    const [good, bad, declared, js] = compiled;
    expect(good.diagnostics).toEqual([]);
    expect(good.js).toMatch(/require\("botojs"\)/);
    expect(declared.diagnostics).toEqual([]);
    expect(js.diagnostics).toEqual([]);
    expect(js.js).toMatch(/exports\.__docBlock = __docBlock/);
    expect(bad.diagnostics).toEqual([
      expect.stringMatching(/^docs\/x\.md:16:12: Module '"botojs"' has no exported member 'NoSuchThing'/),
      expect.stringMatching(/^docs\/x\.md:17:9: Type 'string( \| null)?( \| undefined)?' is not assignable to type 'number'/),
    ]);
  });

  it('maps a line of the emitted JavaScript back to the markdown line it came from', () => {
    const c = compiled[4];
    const jsLines = c.js.split('\n');
    const throwLine = jsLines.findIndex((l) => l.includes("throw new Error('here')")) + 1;
    const preludeLine = jsLines.findIndex((l) => l.includes('const a = 1')) + 1;
    expect(c.locate(throwLine, jsLines[throwLine - 1].indexOf('throw') + 1)).toBe('docs/y.md:9');
    expect(c.locate(preludeLine, 1)).toBe('docs/y.md:2');
  });
});
