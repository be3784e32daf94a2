/**
 * `npx botojs types [service ...] [--all] [--out DIR] [--no-docs]`: writes TypeScript
 * declarations for services (docs/types.md). With no service named, the services the app in
 * the current folder uses (its `client('x')` / `resource('x')` calls) are found by a scan.
 */
import path = require('path');
import { closeMatches } from '../models/naming';
import { generateTypes, generationSession, scanServices } from '../typegen';
import type { GenerateResult } from '../typegen';

export const TYPES_USAGE = 'usage: botojs types [service ...] [--all] [--out DIR] [--no-docs]';

/** Where the declarations go unless `--out` says otherwise (relative to the current folder). */
export const DEFAULT_OUT_DIR = 'botojs-types';

export interface TypesArgs {
  services: string[];
  all: boolean;
  outDir: string;
  docs: boolean;
}

export function parseTypesArgs(argv: readonly string[]): TypesArgs {
  const out: TypesArgs = { services: [], all: false, outDir: DEFAULT_OUT_DIR, docs: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--all') out.all = true;
    else if (a === '--no-docs') out.docs = false;
    else if (a === '--out' || a.startsWith('--out=')) {
      const v = a === '--out' ? argv[++i] : a.slice('--out='.length);
      if (!v) throw new Error(`--out needs a folder\n${TYPES_USAGE}`);
      out.outDir = v;
    } else if (a.startsWith('-')) {
      const hint = closeMatches(a.replace(/^-+/, ''), ['all', 'out', 'no-docs']);
      throw new Error(`unknown option '${a}'${hint.length ? ` (did you mean --${hint[0]}?)` : ''}\n${TYPES_USAGE}`);
    } else out.services.push(a);
  }
  if (out.all && out.services.length) throw new Error(`name services or give --all, not both\n${TYPES_USAGE}`);
  return out;
}

export interface TypesRun {
  result: GenerateResult;
  /** What the run says: the files written, and notes (names the scan found that are not services). */
  lines: string[];
}

/**
 * Generates the declarations `args` ask for, from `cwd`.
 * @throws Error naming unknown services (with close matches), or saying the scan found none
 */
export function runTypes(args: TypesArgs, cwd = process.cwd()): TypesRun {
  const session = generationSession();
  const available = session.getAvailableServices();
  const outDir = path.resolve(cwd, args.outDir);
  const notes: string[] = [];
  let services: string[];
  if (args.all) services = available;
  else if (args.services.length) {
    const unknown = args.services.filter((s) => !available.includes(s));
    if (unknown.length) {
      const described = unknown.map((s) => {
        const close = closeMatches(s, available);
        return close.length ? `'${s}' (did you mean: ${close.join(', ')}?)` : `'${s}'`;
      });
      throw new Error(`unknown service${unknown.length === 1 ? '' : 's'}: ${described.join(', ')}`);
    }
    services = [...new Set(args.services)];
  } else {
    const scan = scanServices(cwd, [outDir]);
    services = scan.names.filter((s) => available.includes(s));
    const others = scan.names.filter((s) => !available.includes(s));
    if (others.length) notes.push(`ignored (not services): ${others.join(', ')}`);
    if (!services.length) {
      throw new Error(`no client('<service>') or resource('<service>') call found in ${scan.files} source files under ${cwd}: name the services (botojs types s3 dynamodb) or give --all`);
    }
  }
  const result = generateTypes({ services, outDir, docs: args.docs });
  const rel = path.relative(cwd, outDir) || '.';
  const named = services.length > 12 ? `${services.slice(0, 12).join(', ')} and ${services.length - 12} more` : services.join(', ');
  const lines = [
    `wrote ${result.files.length} service${result.files.length === 1 ? '' : 's'} to ${rel}/ (${(result.bytes / 1024).toFixed(0)} KB, ${result.ms} ms): ${named}`,
    ...notes,
    `include ${rel}/ in your tsconfig.json ("include": [..., "${rel}"]) and client('${services[0]}') is typed.`,
  ];
  return { result, lines };
}

/** The CLI entry: prints what it did, or the problem, and returns the exit code. */
export function typesCommand(argv: readonly string[]): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`${TYPES_USAGE}\n  service ...  botocore names (s3 dynamodb); default: those the app's client('x')/resource('x') calls use\n  --all        every service\n  --out DIR    where the .d.ts files go (default ${DEFAULT_OUT_DIR})\n  --no-docs    leave out the models' documentation`);
    return 0;
  }
  try {
    for (const line of runTypes(parseTypesArgs(argv)).lines) console.log(line);
    return 0;
  } catch (e) {
    console.error(`botojs types: ${(e as Error).message}`);
    return 2;
  }
}
