/**
 * `botojs [repl] [--profile P] [--region R] [--endpoint-url URL]`: a Node REPL with botojs in
 * scope (context.ts), top-level await, completion from the models (complete.ts), short echoes
 * of botojs objects and results (writer.ts), transfer progress bars (transfer-bars.ts), a
 * history file, and Ctrl-C cancelling the calls of the running line (cancel.ts).
 */
import os = require('os');
import path = require('path');
import type { AsyncCompleter } from 'readline';
import repl = require('repl');
import vm = require('vm');
import type { ProgressStream } from '../../customizations/s3/transfer/progress-bar';
import { parseReplArgs, REPL_USAGE, UsageError } from './args';
import { cancelCallsOnSigint } from './cancel';
import { completeLine, type ScopeLookup } from './complete';
import { replContext } from './context';
import { replWriter } from './writer';

export { parseReplArgs, REPL_USAGE, UsageError } from './args';
export type { ReplArgs } from './args';
export { replContext } from './context';
export { completeLine } from './complete';

/**
 * The history file: $BOTOJS_REPL_HISTORY if set ('' or only spaces: none, as NODE_REPL_HISTORY
 * does for `node`), else ~/.botojs_repl_history.
 */
export function historyFile(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string | undefined {
  const chosen = env.BOTOJS_REPL_HISTORY;
  if (chosen !== undefined) return chosen.trim() === '' ? undefined : chosen;
  return path.join(home, '.botojs_repl_history');
}

/** Reads an identifier of the REPL's scope: `const` and `let` of earlier lines are not properties of the context. */
function scopeLookup(context: vm.Context): ScopeLookup {
  return (name) => {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
    // A bare identifier (checked above) runs no code but a global getter's.
    return vm.runInContext(`typeof ${name} === 'undefined' ? undefined : ${name}`, context);
  };
}

/** Botojs completions first; anything they do not cover goes to Node's completer. */
function installCompleter(server: repl.REPLServer): void {
  const nodeCompleter = server.completer;
  const lookup = scopeLookup(server.context);
  (server as { completer: AsyncCompleter }).completer = (line, callback) => {
    let ours: ReturnType<typeof completeLine>;
    try {
      ours = completeLine(line, lookup);
    } catch {
      ours = undefined;
    }
    if (ours) callback(null, ours);
    else (nodeCompleter as AsyncCompleter).call(server, line, callback);
  };
}

/**
 * Starts the REPL (on stdin/stdout unless `options` say otherwise) with `context` in scope.
 * `breakEvalOnSigint` lets Ctrl-C interrupt an awaited line, as in `node`'s own REPL.
 */
export function startRepl(context: Record<string, unknown>, options: repl.ReplOptions = {}): repl.REPLServer {
  const output = (options.output ?? process.stdout) as ProgressStream;
  const terminal = options.terminal ?? output.isTTY === true;
  const colors = options.useColors ?? (terminal && (output as { hasColors?: () => boolean }).hasColors?.() === true);
  const server = repl.start({
    prompt: 'botojs> ',
    useGlobal: false,
    breakEvalOnSigint: true,
    // Passed on to readline (Node's REPL keeps 30 lines otherwise); not in @types/node's ReplOptions.
    ...({ historySize: 1000 } as repl.ReplOptions),
    writer: replWriter(colors),
    ...options,
  });
  Object.assign(server.context, context);
  installCompleter(server);
  cancelCallsOnSigint(server);
  return server;
}

/** What the Ctrl-C of a running line must stop before the REPL prints its prompt again. */
function interruptHook(server: repl.REPLServer) {
  return (stop: () => void) => {
    server.prependListener('SIGINT', stop);
    return () => void server.removeListener('SIGINT', stop);
  };
}

/** Runs the REPL command: returns the exit code once the REPL closes (2 for a bad command line). */
export async function runRepl(argv: string[], io: { stdout?: NodeJS.WriteStream; stderr?: NodeJS.WriteStream; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let args;
  try {
    args = parseReplArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr.write(`${e.message}\n`);
    return 2;
  }
  if (args.help) {
    stdout.write(`${REPL_USAGE}\n`);
    return 0;
  }
  let server: repl.REPLServer | undefined;
  const context = replContext(args, { output: stdout, onInterrupt: (stop) => interruptHook(server!)(stop) });
  const session = context.session as { profileName: string; regionName?: string };
  let region: string | undefined;
  try {
    // A named profile that does not exist fails here, before the prompt, not at the first call.
    region = session.regionName;
  } catch (e) {
    stderr.write(`botojs: ${(e as Error).message}\n`);
    return 1;
  }
  const where = `profile ${session.profileName}, region ${region ?? 'none'}${args.endpointUrl ? `, endpoint ${args.endpointUrl}` : ''}`;
  stdout.write(`botojs REPL (${where}). In scope: session, client(name), resource(name), help(obj), progressBar(total).\n`);
  stdout.write("Try: const s3 = client('s3'); help(s3); await s3.listBuckets()   (TAB completes; Ctrl-C cancels a running call; .exit quits)\n");
  server = startRepl(context);
  const file = historyFile(io.env ?? process.env);
  // Only a terminal REPL recalls lines; piped input (a script fed to botojs) leaves no file behind.
  if (file && server.terminal) {
    server.setupHistory(file, (err) => {
      if (err) stderr.write(`botojs: history is not kept (${err.message})\n`);
    });
  }
  return new Promise((resolve) => server!.once('exit', () => resolve(0)));
}
