/**
 * A "still working" line for steps that block the main thread, such as the first `require` of
 * botojs under ts-node (seconds of compiling, during which no timer of the main thread runs).
 * A worker thread writes it straight to the output's file descriptor, which needs no help from
 * the blocked main thread: in place on a terminal, one line every few seconds elsewhere.
 */
import { Worker } from 'worker_threads';

// Plain JavaScript: the worker must not need ts-node (compiling is what the main thread is busy with).
const WORKER = `
const { workerData, parentPort } = require('worker_threads');
const fs = require('fs');
const { fd, message, tty } = workerData;
const started = Date.now();
const timer = setInterval(() => {
  const s = Math.round((Date.now() - started) / 1000);
  if (tty) fs.writeSync(fd, '\\r' + message + ' ' + s + ' s');
  else if (s % 2 === 0) fs.writeSync(fd, message + ' ' + s + ' s\\n');
}, 1000);
parentPort.once('message', () => {
  clearInterval(timer);
  if (tty) fs.writeSync(fd, '\\r\\x1b[2K');
  parentPort.postMessage('done');
});
`;

/** Starts the line; the returned function clears it (and resolves once it is cleared). */
export function heartbeat(message: string, stream: NodeJS.WriteStream = process.stdout): () => Promise<void> {
  const fd = (stream as { fd?: number }).fd;
  if (typeof fd !== 'number') return async () => undefined;
  const worker = new Worker(WORKER, { eval: true, workerData: { fd, message, tty: stream.isTTY === true } });
  worker.unref();
  return () =>
    new Promise<void>((resolve) => {
      worker.once('message', () => {
        void worker.terminate();
        resolve();
      });
      worker.once('error', () => resolve());
      worker.postMessage('stop');
    });
}
