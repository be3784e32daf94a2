/**
 * Finds the code blocks of a markdown file and the `docs-test` directives (HTML comments, which
 * GitHub does not render) that tell spec/integration/docs-code-blocks.spec.ts what to do with them.
 *
 * Directives, each an HTML comment starting with `docs-test:`:
 *
 *   <!-- docs-test: skip (reason) -->            the next block is neither compiled nor run
 *   <!-- docs-test: typecheck-only (reason) -->  the next block is compiled, not run
 *   <!-- docs-test: prelude -->                  the next block runs, and every later block of
 *                                                the file sees its names (it is prepended)
 *   <!-- docs-test: prelude                      hidden code every later block of the file sees
 *   const table = ddb.Table('orders');           (names a fragment uses but the page defined in
 *   -->                                          prose, or not at all)
 *   <!-- docs-test: setup                        hidden code run once, here, in page order, with
 *   await fixtures.bucket('my-bucket', ['k']);   `fixtures` (spec/helpers/docs-fixtures.ts) to
 *   -->                                          create the buckets, tables and files blocks name
 *
 * A single-line directive applies to the code block right after it (blank lines allowed in
 * between); `skip` and `typecheck-only` must give a reason in parentheses.
 */

/** The languages whose blocks are compiled (and run unless a directive says otherwise). */
const CODE_LANGS: Record<string, 'ts' | 'js'> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js', mjs: 'js', cjs: 'js' };
/** Shell blocks: not run, but each `npm run <script>` in them must name a package.json script. */
const SHELL_LANGS = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

export type BlockMode = 'run' | 'typecheck' | 'skip';

/** Code shared by the later blocks of a file: a hidden prelude comment or a visible prelude block. */
export interface Prelude {
  file: string;
  /** 1-based line of the prelude's first code line in the markdown file. */
  line: number;
  code: string;
}

export interface DocBlock {
  /** Path relative to the repository root, as shown in messages (`docs/resources.md`). */
  file: string;
  /** 1-based line of the block's first code line (the line after the opening fence). */
  line: number;
  lang: 'ts' | 'js';
  code: string;
  /** Columns of fence indentation removed from each code line (blocks inside list items). */
  indent: number;
  mode: BlockMode;
  /** Why a block is skipped or only type-checked. */
  reason?: string;
  /** `setup`: hidden code with `fixtures`; `prelude`: a visible block later blocks build on. */
  role: 'block' | 'prelude' | 'setup';
  /** The preludes in effect for this block, in page order (its own code excluded). */
  preludes: Prelude[];
}

export interface OtherBlock {
  line: number;
  lang: string;
  code: string;
}

export interface ParsedDoc {
  file: string;
  blocks: DocBlock[];
  /** Blocks in other languages (sh, ini, plain output): not compiled. */
  others: OtherBlock[];
  /** Misused directives, each `file:line: problem`. */
  problems: string[];
}

interface Pending {
  line: number;
  mode: BlockMode;
  reason?: string;
  prelude: boolean;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`{]*)/;
const DIRECTIVE_START = /^\s*<!--\s*docs-test:\s*(.*)$/;
const SINGLE = /^(skip|typecheck-only|prelude)\s*(?:\((.*)\))?\s*$/;

function parseSingle(text: string, where: string, problems: string[]): Pending | null {
  const m = SINGLE.exec(text.trim());
  if (!m) {
    problems.push(`${where}: unknown docs-test directive '${text.trim()}' (expected skip (reason), typecheck-only (reason), prelude, or a multi-line prelude/setup comment)`);
    return null;
  }
  const [, kind, reason] = m;
  if (kind === 'prelude') return { line: 0, mode: 'run', prelude: true };
  if (!reason || !reason.trim()) {
    problems.push(`${where}: 'docs-test: ${kind}' needs a reason in parentheses, e.g. <!-- docs-test: ${kind} (needs real AWS: STS AssumeRole) -->`);
    return null;
  }
  return { line: 0, mode: kind === 'skip' ? 'skip' : 'typecheck', reason: reason.trim(), prelude: false };
}

/** Parses one markdown file. `file` is only used in messages and block ids. */
export function parseDoc(file: string, markdown: string): ParsedDoc {
  const lines = markdown.split(/\r?\n/);
  const blocks: DocBlock[] = [];
  const others: OtherBlock[] = [];
  const problems: string[] = [];
  const preludes: Prelude[] = [];
  let pending: Pending | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      const [, indentText, marker, langText] = fence;
      const closing = new RegExp(`^\\s*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
      let end = i + 1;
      while (end < lines.length && !closing.test(lines[end])) end++;
      if (end >= lines.length) problems.push(`${file}:${i + 1}: code block is never closed`);
      const indent = indentText.length;
      const code = lines
        .slice(i + 1, end)
        .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
        .join('\n');
      const lang = CODE_LANGS[langText.toLowerCase()];
      if (lang) {
        const block: DocBlock = {
          file,
          line: i + 2,
          lang,
          code,
          indent,
          mode: pending?.mode ?? 'run',
          reason: pending?.reason,
          role: pending?.prelude ? 'prelude' : 'block',
          preludes: preludes.slice(),
        };
        blocks.push(block);
        if (block.role === 'prelude') preludes.push({ file, line: block.line, code });
      } else {
        if (pending) problems.push(`${file}:${pending.line}: docs-test directive before a '${langText || 'plain'}' block, which is never compiled`);
        others.push({ line: i + 2, lang: langText.toLowerCase(), code });
      }
      pending = null;
      i = end;
      continue;
    }

    const directive = DIRECTIVE_START.exec(line);
    if (directive) {
      if (pending) problems.push(`${file}:${pending.line}: docs-test directive is not followed by a code block`);
      pending = null;
      const rest = directive[1];
      const where = `${file}:${i + 1}`;
      if (rest.includes('-->')) {
        const parsed = parseSingle(rest.slice(0, rest.indexOf('-->')), where, problems);
        if (parsed) pending = { ...parsed, line: i + 1 };
        continue;
      }
      const kind = rest.trim();
      let end = i + 1;
      while (end < lines.length && lines[end].trim() !== '-->') end++;
      if (end >= lines.length) problems.push(`${where}: docs-test comment is never closed (a line holding only '-->' ends it)`);
      const code = lines.slice(i + 1, end).join('\n');
      if (kind === 'prelude') preludes.push({ file, line: i + 2, code });
      else if (kind === 'setup') blocks.push({ file, line: i + 2, lang: 'ts', code, indent: 0, mode: 'run', role: 'setup', preludes: preludes.slice() });
      else problems.push(`${where}: a multi-line docs-test comment is 'prelude' or 'setup', not '${kind}'`);
      i = end;
      continue;
    }

    if (pending && line.trim() !== '') {
      problems.push(`${file}:${pending.line}: docs-test directive is not followed by a code block`);
      pending = null;
    }
  }
  if (pending) problems.push(`${file}:${pending.line}: docs-test directive is not followed by a code block`);
  return { file, blocks, others, problems };
}

/** Every `npm run <script>` of a file's shell blocks whose script package.json lacks, as `file:line: ...`. */
export function missingNpmScripts(doc: ParsedDoc, scripts: Record<string, string>): string[] {
  const missing: string[] = [];
  for (const other of doc.others) {
    if (!SHELL_LANGS.has(other.lang)) continue;
    other.code.split('\n').forEach((text, k) => {
      for (const m of text.matchAll(/\bnpm run ([\w:.-]+)/g)) {
        if (!Object.prototype.hasOwnProperty.call(scripts, m[1])) missing.push(`${doc.file}:${other.line + k}: 'npm run ${m[1]}' names no script in package.json`);
      }
    });
  }
  return missing;
}

/** How many shell blocks a file has (their `npm run` commands are checked, nothing is run). */
export function shellBlockCount(doc: ParsedDoc): number {
  return doc.others.filter((o) => SHELL_LANGS.has(o.lang)).length;
}
