/**
 * Compiles every docs code block in one TypeScript program (one type-check for all of them),
 * against the project's source: `import ... from 'botojs'` resolves to src/index.ts.
 *
 * Each block becomes a module of its own:
 *
 *   import ...                               every import of its preludes and of the block, one
 *                                            specifier a line, duplicates dropped; and their
 *   declare ...                              `declare` statements
 *   export async function __docBlock() {
 *     { <prelude code>                       the file's preludes so far, in page order, each
 *       { <next prelude code>                in a scope inside the one before, so a later
 *         { <block code> } } }               prelude or the block may redeclare a name
 *   }
 *
 * Code lines are copied verbatim (imports blanked in place), so every diagnostic maps back to
 * the markdown file and line it came from.
 */
import * as path from 'path';
import * as ts from 'typescript';
import type { DocBlock, Prelude } from './doc-blocks';

export const ENTRY = '__docBlock';

interface Segment {
  /** 0-based first line in the generated source. */
  genLine: number;
  lines: number;
  file: string;
  /** 1-based markdown line of the segment's first line. */
  mdLine: number;
  indent: number;
  /** For a regenerated import line: the 0-based markdown column of what it imports. */
  column?: number;
}

export interface CompiledBlock {
  block: DocBlock;
  /** `file:line:col: message`, for every syntax or type error. */
  diagnostics: string[];
  /** CommonJS code defining `exports.__docBlock`; empty for skipped blocks. */
  js: string;
  /** The markdown `file:line:col` of a 1-based line and column of `js`, if it maps to one. */
  locate(jsLine: number, jsColumn: number): string | undefined;
}

interface Source {
  code: string;
  file: string;
  line: number;
  indent: number;
}

/** Blanks an import in place (keeping line breaks) and returns one import line per binding. */
/** A statement that must stand at module level: one binding of an import, or a `declare`. */
interface ImportLine {
  key: string;
  text: string;
  line: number;
  /** Set for regenerated import lines, whose columns are not the markdown's. */
  column?: number;
}

function isAmbient(st: ts.Statement): boolean {
  return ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
}

/**
 * Blanks, in place (keeping line breaks), the statements that cannot go inside a function:
 * imports (returned one binding a line) and `declare` statements (returned verbatim), so a
 * fragment can `declare const orders: Order[];` what the page describes in prose.
 */
function extractImports(src: Source, kind: ts.ScriptKind): { body: string; imports: ImportLine[] } {
  const sf = ts.createSourceFile('block.ts', src.code, ts.ScriptTarget.ES2022, true, kind);
  let body = src.code;
  const imports: ImportLine[] = [];
  for (const st of sf.statements) {
    const ambient = isAmbient(st);
    if (!ts.isImportDeclaration(st) && !ambient) continue;
    const start = st.getStart(sf);
    body = body.slice(0, start) + body.slice(start, st.end).replace(/[^\n]/g, ' ') + body.slice(st.end);
    const at = (node: ts.Node) => {
      const pos = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      return { line: src.line + pos.line, column: pos.character + src.indent };
    };
    if (!ts.isImportDeclaration(st)) {
      const text = st.getText(sf);
      imports.push({ key: `declare|${text}`, text, line: at(st).line });
      continue;
    }
    const from = st.moduleSpecifier.getText(sf);
    const clause = st.importClause;
    const type = clause?.isTypeOnly ? 'type ' : '';
    if (!clause) imports.push({ key: `side|${from}`, text: `import ${from};`, ...at(st) });
    if (clause?.name) imports.push({ key: `default|${from}|${clause.name.text}`, text: `import ${type}${clause.name.text} from ${from};`, ...at(clause.name) });
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) imports.push({ key: `ns|${from}|${bindings.name.text}`, text: `import ${type}* as ${bindings.name.text} from ${from};`, ...at(bindings) });
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) {
        imports.push({ key: `named|${from}|${el.name.text}|${type}`, text: `import ${type}{ ${el.getText(sf)} } from ${from};`, ...at(el) });
      }
    }
  }
  return { body, imports };
}

/** The generated module for one block and the map from its lines back to the markdown. */
export function generateModule(block: DocBlock, fixturesModule: string): { text: string; segments: Segment[] } {
  const kind = block.lang === 'ts' ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sources: Source[] = [
    ...block.preludes.map((p: Prelude) => ({ code: p.code, file: p.file, line: p.line, indent: 0 })),
    { code: block.code, file: block.file, line: block.line, indent: block.indent },
  ];
  const parts = sources.map((s) => ({ src: s, ...extractImports(s, kind) }));
  const out: string[] = [];
  const segments: Segment[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    for (const imp of part.imports) {
      if (seen.has(imp.key)) continue;
      seen.add(imp.key);
      const lines = imp.text.split('\n');
      segments.push({ genLine: out.length, lines: lines.length, file: part.src.file, mdLine: imp.line, indent: part.src.indent, column: imp.column });
      out.push(...lines);
    }
  }
  const param = block.role !== 'setup' ? '' : block.lang === 'ts' ? `fixtures: import(${JSON.stringify(fixturesModule)}).DocsFixtures` : 'fixtures';
  out.push(`export async function ${ENTRY}(${param})${block.lang === 'ts' ? ': Promise<void>' : ''} {`);
  // Each segment opens a scope inside the one before: a later prelude or the block may
  // redeclare an earlier prelude's name, as a reader takes the latest definition.
  for (const part of parts) {
    out.push('{');
    const bodyLines = part.body.split('\n');
    segments.push({ genLine: out.length, lines: bodyLines.length, file: part.src.file, mdLine: part.src.line, indent: part.src.indent });
    out.push(...bodyLines);
  }
  out.push(...parts.map(() => '}'), '}', '');
  return { text: out.join('\n'), segments };
}

function where(segments: Segment[], genLine: number, col: number, fallback: string): string {
  const seg = segments.find((s) => genLine >= s.genLine && genLine < s.genLine + s.lines);
  if (!seg) return `${fallback} (generated line ${genLine + 1})`;
  return `${seg.file}:${seg.mdLine + genLine - seg.genLine}:${(seg.column ?? col + seg.indent) + 1}`;
}

const VLQ = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes a source map's `mappings` into, per generated line, [generated column, source line]
 * pairs (0-based), so a runtime error's line in the emitted JS leads back to the markdown.
 */
export function decodeMappings(mappings: string): Array<Array<[number, number]>> {
  const lines: Array<Array<[number, number]>> = [];
  let sourceLine = 0;
  for (const lineText of mappings.split(';')) {
    const segs: Array<[number, number]> = [];
    let genCol = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = VLQ.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      genCol += values[0];
      if (values.length >= 4) {
        sourceLine += values[2];
        segs.push([genCol, sourceLine]);
      }
    }
    lines.push(segs);
  }
  return lines;
}

/**
 * Type-checks and transpiles the blocks. `root` is the repository root (for `botojs` ->
 * src/index.ts, its subpaths -> src/dynamodb.ts and src/testing.ts, and @types/node); skipped blocks come back with no diagnostics and no code.
 */
export function compileBlocks(blocks: DocBlock[], root: string, fixturesModule: string): CompiledBlock[] {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      lib: ['ES2022'],
      types: ['node'],
      strict: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      allowJs: true,
      baseUrl: '.',
      paths: { botojs: ['src/index.ts'], 'botojs/dynamodb': ['src/dynamodb.ts'], 'botojs/testing': ['src/testing.ts'] },
      outDir: '.docs-blocks-out',
      sourceMap: true,
    },
    root,
  );
  if (errors.length) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));

  const dir = path.join(root, '.docs-blocks');
  const generated = new Map<string, { block: DocBlock; text: string; segments: Segment[] }>();
  blocks.forEach((block, k) => {
    if (block.mode === 'skip') return;
    const name = `${block.file.replace(/[^\w.-]+/g, '_')}_L${block.line}_${k}.${block.lang}`;
    generated.set(path.join(dir, name), { block, ...generateModule(block, fixturesModule) });
  });

  const host = ts.createCompilerHost(options, true);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  const baseFileExists = host.fileExists.bind(host);
  const baseReadFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const g = generated.get(path.resolve(fileName));
    return g ? ts.createSourceFile(fileName, g.text, languageVersion, true) : baseGetSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => generated.has(path.resolve(fileName)) || baseFileExists(fileName);
  host.readFile = (fileName) => generated.get(path.resolve(fileName))?.text ?? baseReadFile(fileName);
  host.getCurrentDirectory = () => root;

  const program = ts.createProgram({ rootNames: [...generated.keys()], options, host });
  const global = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics());
  if (global.length) throw new Error(ts.formatDiagnostics(global, host));

  const results: CompiledBlock[] = [];
  const byBlock = new Map<DocBlock, string>();
  for (const [fileName, g] of generated) byBlock.set(g.block, fileName);
  for (const block of blocks) {
    const fileName = byBlock.get(block);
    if (!fileName) {
      results.push({ block, diagnostics: [], js: '', locate: () => undefined });
      continue;
    }
    const g = generated.get(fileName)!;
    const sf = program.getSourceFile(fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1, character: 0 };
      return `${where(g.segments, pos.line, pos.character, `${block.file}:${block.line}`)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    let js = '';
    let mappings = '';
    program.emit(sf, (name, text) => {
      if (name.endsWith('.js')) js = text.replace(/\n\/\/# sourceMappingURL=.*$/, '');
      if (name.endsWith('.js.map')) mappings = (JSON.parse(text) as { mappings: string }).mappings;
    });
    const decoded = decodeMappings(mappings);
    const locate = (jsLine: number, jsColumn: number): string | undefined => {
      const segs = decoded[jsLine - 1];
      if (!segs?.length) return undefined;
      const seg = [...segs].reverse().find(([col]) => col <= jsColumn - 1) ?? segs[0];
      return where(g.segments, seg[1], 0, `${block.file}:${block.line}`).replace(/:\d+$/, '');
    };
    results.push({ block, diagnostics, js, locate });
  }
  return results;
}
