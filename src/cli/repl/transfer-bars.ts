/**
 * In the REPL, `uploadFile` and `downloadFile` of S3 clients draw a progress bar by themselves
 * when the REPL writes to a terminal and the call passes no Callback of its own:
 *
 *   botojs> await s3.uploadFile('big.bin', 'my-bucket', 'big.bin')
 *   upload big.bin [██████████░░░░░░░░░░░░░░░░░░░░]  34% 4.0 MiB / 12.0 MiB | 9.1 MiB/s | ETA 0.9 s
 *
 * The total is the file's size for an upload, and for a download the ContentLength of a
 * HeadObject sent first (with the call's ExtraArgs, as the transfer's own HeadObject): one small
 * request more than the transfer makes by itself. Anything unusual (the file is missing, the
 * HeadObject fails, the options are not an object) leaves the call to the transfer itself,
 * without a bar, so its error is the one the user sees. Off a terminal nothing changes.
 *
 * Bucket and Object resources call their client's methods, so `bucket.uploadFile(...)` on a
 * resource made in the REPL draws the same bar.
 */
import { promises as fsp } from 'fs';
import type { Client } from '../../client/proxy';
import { progressBar, type ProgressBar, type ProgressStream } from '../../customizations/s3/transfer/progress-bar';
import { documentMethod, methodDoc } from '../../util/method-docs';

export interface BarOutput {
  /** The REPL's output: bars are drawn only when it is a terminal. */
  output: ProgressStream;
  /**
   * Runs `stop` on the REPL's Ctrl-C, before the REPL prints its prompt again (so the bar ends
   * its line first); returns the function that unregisters it.
   */
  onInterrupt?(stop: () => void): () => void;
}

type Transfer = (...args: unknown[]) => Promise<void>;

const decorated = new WeakSet<object>();

function hasOwnCallback(options: unknown): boolean {
  return typeof options === 'object' && options !== null && Object.keys(options).some((k) => k.toLowerCase() === 'callback');
}

/** Whether this call gets a bar: a terminal, options absent or an object, and no Callback given. */
function wantsBar(io: BarOutput, options: unknown): boolean {
  if (io.output.isTTY !== true) return false;
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) return false;
  return !hasOwnCallback(options);
}

async function withBar(io: BarOutput, total: number, label: string, run: (bar: ProgressBar) => Promise<void>): Promise<void> {
  const bar = progressBar(total, { label, stream: io.output, tty: true });
  const off = io.onInterrupt?.(() => bar.stop());
  try {
    await run(bar);
  } finally {
    off?.();
    bar.stop();
  }
}

const extraArgsOf = (options: unknown): Record<string, unknown> => {
  const o = (options ?? {}) as Record<string, unknown>;
  const key = Object.keys(o).find((k) => k.toLowerCase() === 'extraargs');
  const extra = key === undefined ? undefined : o[key];
  return typeof extra === 'object' && extra !== null ? (extra as Record<string, unknown>) : {};
};

/** Makes an S3 client's uploadFile and downloadFile draw bars (other clients are returned as they are). */
export function withTransferBars<T extends Client>(client: T, io: BarOutput): T {
  // `in` first: reading a name a client lacks throws (an unknown operation).
  if (decorated.has(client) || !('uploadFile' in client) || !('downloadFile' in client)) return client;
  decorated.add(client);
  const upload = client.uploadFile as Transfer;
  const download = client.downloadFile as Transfer;

  const uploadFile = async (filename: unknown, bucket: unknown, key: unknown, options?: unknown): Promise<void> => {
    if (!wantsBar(io, options) || typeof filename !== 'string') return upload(filename, bucket, key, options);
    const size = await fsp.stat(filename).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (size === undefined) return upload(filename, bucket, key, options);
    const opts = (options ?? {}) as Record<string, unknown>;
    return withBar(io, size, `upload ${String(key)}`, (bar) => upload(filename, bucket, key, { ...opts, Callback: bar }));
  };

  const downloadFile = async (bucket: unknown, key: unknown, filename: unknown, options?: unknown): Promise<void> => {
    if (!wantsBar(io, options)) return download(bucket, key, filename, options);
    const headObject = client.headObject as (params: Record<string, unknown>) => Promise<{ ContentLength?: number }>;
    const head = await headObject({ ...extraArgsOf(options), Bucket: bucket, Key: key }).catch(() => undefined);
    if (head?.ContentLength === undefined) return download(bucket, key, filename, options);
    const opts = (options ?? {}) as Record<string, unknown>;
    return withBar(io, Number(head.ContentLength), `download ${String(key)}`, (bar) => download(bucket, key, filename, { ...opts, Callback: bar }));
  };

  Object.defineProperty(uploadFile, 'name', { value: 'uploadFile' });
  Object.defineProperty(downloadFile, 'name', { value: 'downloadFile' });
  // help(s3.uploadFile) keeps describing the transfer: the wrappers carry the originals' docs.
  copyDoc(upload, uploadFile);
  copyDoc(download, downloadFile);
  // The client Proxy keeps assignments to names that are not operations on its own target.
  (client as Record<string, unknown>).uploadFile = uploadFile;
  (client as Record<string, unknown>).downloadFile = downloadFile;
  return client;
}

function copyDoc(from: object, to: object): void {
  documentMethod(to, () => methodDoc(from) ?? '');
}
