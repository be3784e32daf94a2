/**
 * Ctrl-C in the REPL cancels the botojs calls of the line being evaluated.
 *
 * Each evaluation runs in its own abort scope (runWithAbortSignal) with a fresh controller, so
 * whatever the line starts, however deep (the pages of a paginator, the polls of a waiter, the
 * parts of a transfer, calls made by a function it calls), carries that evaluation's signal,
 * and no client has to be wrapped. The REPL must run with `breakEvalOnSigint`: then Ctrl-C
 * during an `await` interrupts the evaluation and returns to the prompt (Node's own
 * behaviour), and the SIGINT listener added here aborts the controller, so the calls stop too
 * instead of running on unseen (a transfer still sends its AbortMultipartUpload).
 *
 * At an idle prompt no evaluation runs and nothing is aborted: Ctrl-C behaves exactly as in
 * Node's REPL (clear the line; twice on an empty line exits). Calls a finished line left
 * running (`p = s3.listBuckets()` without await) are not cancelled by a later Ctrl-C.
 */
import type { REPLEval, REPLServer } from 'repl';
import { runWithAbortSignal } from '../../pipeline/abort-scope';

export function cancelCallsOnSigint(server: REPLServer): void {
  let running: AbortController | undefined;
  const evaluate = server.eval;
  const scopedEval: REPLEval = function (this: REPLServer, code, context, file, callback) {
    const controller = new AbortController();
    running = controller;
    const done: typeof callback = (err, result) => {
      if (running === controller) running = undefined;
      callback(err, result);
    };
    runWithAbortSignal(controller.signal, () => evaluate.call(this, code, context, file, done));
  };
  // REPLServer reads `this.eval` for every line it evaluates.
  (server as { eval: REPLEval }).eval = scopedEval;
  // Registered after the REPL's own listener, which interrupts the awaited evaluation first.
  server.on('SIGINT', () => running?.abort());
}
