#!/usr/bin/env node
/**
 * `npx botojs repl [--profile P] [--region R] [--endpoint-url URL]`: a Node REPL with `session`,
 * `client(name)`, `resource(name)` and `help(obj)` in scope. Top-level await works, and tab
 * completion lists a client's operations (its Object.keys). Ctrl-C while a line runs cancels
 * the botojs calls it started and returns to the prompt (repl-cancel.ts).
 */
import * as repl from 'repl';
import { help } from '../help';
import { cancelCallsOnSigint } from './repl-cancel';
import type * as TypesCommandModule from './types-command';
import type { ClientOptions } from '../session/create-client';
import { Session } from '../session/session';

interface Args {
  command?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

const USAGE = 'usage: botojs repl [--profile P] [--region R] [--endpoint-url URL]';

export function parseArgs(argv: string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--profile') out.profile = value();
    else if (flag === '--region') out.region = value();
    else if (flag === '--endpoint-url') out.endpointUrl = value();
    else if (!flag.startsWith('-') && !out.command) out.command = flag;
    else throw new Error(`unknown argument '${a}'\n${USAGE}`);
  }
  return out;
}

/** The REPL's context: what a user finds in scope. */
export function replContext(args: Args): Record<string, unknown> {
  const session = new Session({ profileName: args.profile, regionName: args.region });
  const options: ClientOptions = args.endpointUrl ? { endpointUrl: args.endpointUrl } : {};
  return {
    session,
    client: (name: string, opts: ClientOptions = {}) => session.client(name, { ...options, ...opts }),
    resource: (name: string, opts: ClientOptions = {}) => session.resource(name, { ...options, ...opts }),
    // Prints only: returning the text too would make the REPL echo it again as a quoted string.
    help: (obj: unknown): void => void help(obj),
  };
}

/**
 * Starts the REPL (on stdin/stdout unless `options` say otherwise) with `context` in scope.
 * `breakEvalOnSigint` lets Ctrl-C interrupt an awaited line, as in `node`'s own REPL.
 */
export function startRepl(context: Record<string, unknown>, options: repl.ReplOptions = {}): repl.REPLServer {
  const server = repl.start({ prompt: 'botojs> ', useGlobal: false, breakEvalOnSigint: true, ...options });
  Object.assign(server.context, context);
  cancelCallsOnSigint(server);
  return server;
}

function main(argv: string[]): void {
  if (argv[0] === 'types') {
    // `botojs types` (types-command.ts), required only here so the REPL never loads the generator.
    process.exitCode = (require('./types-command') as typeof TypesCommandModule).typesCommand(argv.slice(1));
    return;
  }
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return;
  }
  if (args.command !== 'repl') {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const context = replContext(args);
  const session = context.session as Session;
  console.log(`botojs REPL (profile ${session.profileName}, region ${session.regionName ?? 'none'}). In scope: session, client(name), resource(name), help(obj).`);
  console.log("Try: const s3 = client('s3'); help(s3); await s3.listBuckets()   (Ctrl-C cancels a call that is running)");
  startRepl(context);
}

if (require.main === module) main(process.argv.slice(2));
