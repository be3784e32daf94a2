#!/usr/bin/env node
/**
 * The `botojs` command: dispatches to a subcommand. `botojs` alone (or with options only) is
 * `botojs repl`. Each command lives in its own module and reads its own arguments.
 */

import { didYouMean } from '../util/spelling';

interface Command {
  summary: string;
  /** Runs with the arguments after the command's name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

// Required when chosen, so one command never loads another's modules.
const COMMANDS: Record<string, Command> = {
  repl: {
    summary: 'an interactive session with botojs in scope (the default command)',
    run: (argv) => (require('./repl') as typeof import('./repl')).runRepl(argv),
  },
  types: {
    summary: 'write TypeScript declarations (.d.ts) for services from the models (docs/types.md)',
    run: async (argv) => (require('./types-command') as typeof import('./types-command')).typesCommand(argv),
  },
  sso: {
    summary: 'sso login --profile NAME: sign in to IAM Identity Center and cache the token (docs/credentials.md)',
    run: (argv) => (require('./sso-command') as typeof import('./sso-command')).ssoCommand(argv),
  },
};

const DEFAULT_COMMAND = 'repl';

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'usage: botojs [command] [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    "botojs <command> --help describes a command's options.",
  ].join('\n');
}

/** Picks the command and its arguments; a first argument that is an option belongs to the default command. */
export function dispatch(argv: string[]): { command: Command; args: string[] } | { error: string } {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return { command: COMMANDS[DEFAULT_COMMAND], args: argv };
  const command = COMMANDS[first];
  if (!command) return { error: `botojs: unknown command '${first}'.${didYouMean(first, Object.keys(COMMANDS))}\n${usage()}` };
  return { command, args: rest };
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h') {
    // The commands, then the options of the default command (which options alone start).
    process.stdout.write(`${usage()}\n\n`);
    return COMMANDS[DEFAULT_COMMAND].run(['--help']);
  }
  const chosen = dispatch(argv);
  if ('error' in chosen) {
    process.stderr.write(`${chosen.error}\n`);
    return 2;
  }
  return chosen.command.run(chosen.args);
}

/**
 * Runs the command line and sets the exit code. The installed `botojs` bin (a stub scripts/bundle.js
 * writes) calls this inside the package's bundle, where `require.main === module` never holds.
 */
export function runCli(argv: string[]): void {
  main(argv).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}

if (require.main === module) runCli(process.argv.slice(2));
