/**
 * The managed-transfer methods on S3 clients (boto3 injects them into S3.Client):
 * `uploadFile`, `downloadFile`, `uploadFileobj`, `downloadFileobj`, `copy`, added at
 * `creating-client-class.s3`; other services get nothing.
 */
import type { Client } from '../../../client/proxy';
import { documentMethod } from '../../../util/method-docs';
import type { HierarchicalEmitter } from '../../../events/emitter';
import type { ClientBuild } from '../../../client/client-build';
import type { CopySource } from './copy';
import type { WritableLike } from './download';
import type { CopyOptions, TransferOptions } from './types';
import type * as ExtraArgsModule from './extra-args';
import type * as Operations from './operations';
import type { UploadInput } from './upload-sources';

// The implementation loads on the first transfer, not with every S3 client.
const ops = () => require('./operations') as typeof Operations;

/** The members the extension adds to an S3 client. */
export interface S3TransferMethods {
  uploadFile(filename: string, bucket: string, key: string, options?: TransferOptions): Promise<void>;
  downloadFile(bucket: string, key: string, filename: string, options?: TransferOptions): Promise<void>;
  uploadFileobj(fileobj: UploadInput, bucket: string, key: string, options?: TransferOptions): Promise<void>;
  downloadFileobj(bucket: string, key: string, fileobj: WritableLike, options?: TransferOptions): Promise<void>;
  copy(copySource: CopySource, bucket: string, key: string, options?: CopyOptions): Promise<void>;
}

function named<T extends (...args: never[]) => unknown>(name: string, fn: T): T {
  Object.defineProperty(fn, 'name', { value: name });
  return documentMethod(fn, () => transferHelp(name as keyof S3TransferMethods));
}

/** Where the bucket and key go in each method's arguments, for the client and the resources. */
export const TRANSFER_SIGNATURES: Record<keyof S3TransferMethods, { client: string; bucket: string; object: string; what: string }> = {
  uploadFile: { client: 'filename, bucket, key', bucket: 'filename, key', object: 'filename', what: 'Uploads a local file; a failed multipart upload is aborted.' },
  downloadFile: {
    client: 'bucket, key, filename',
    bucket: 'key, filename',
    object: 'filename',
    what: 'Downloads to a local file (written under a temporary name, renamed when complete).',
  },
  uploadFileobj: { client: 'fileobj, bucket, key', bucket: 'fileobj, key', object: 'fileobj', what: 'Uploads a Readable, Buffer or string; a failed multipart upload is aborted.' },
  downloadFileobj: { client: 'bucket, key, fileobj', bucket: 'key, fileobj', object: 'fileobj', what: 'Downloads into a Writable, in order (the stream is not ended).' },
  copy: { client: 'copySource, bucket, key', bucket: 'copySource, key', object: 'copySource', what: 'Copies server-side from copySource ({ Bucket, Key, VersionId? }).' },
};

function wrapWords(words: readonly string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const w of words) {
    if (line.length > indent.length && line.length + w.length + 2 > width) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += `${w}, `;
  }
  lines.push(line.replace(/, $/, ''));
  return lines;
}

/** help() text of a transfer method; `form` says whose arguments the signature shows. */
export function transferHelp(name: keyof S3TransferMethods, form: 'client' | 'bucket' | 'object' = 'client'): string {
  const sig = TRANSFER_SIGNATURES[name];
  const owner = form === 'client' ? 's3' : form === 'bucket' ? 'bucket' : 'object';
  const extra = require('./extra-args') as typeof ExtraArgsModule;
  const allowed = name === 'copy' ? extra.ALLOWED_COPY_ARGS : name.startsWith('download') ? extra.ALLOWED_DOWNLOAD_ARGS : extra.ALLOWED_UPLOAD_ARGS;
  const options = name === 'copy' ? 'ExtraArgs, Callback, Config, SourceClient, abortSignal' : 'ExtraArgs, Callback, Config, abortSignal';
  return [
    `${owner}.${name}(${sig[form]}, options?) -> Promise<void>   [managed transfer, as boto3's ${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}]`,
    `  ${sig.what}`,
    '  Multipart at and above Config.multipartThreshold (8 MiB by default): multipartChunksize parts,',
    '  maxConcurrency at a time.',
    '',
    `Options { ${options} } (all optional):`,
    '  ExtraArgs: request parameters, among:',
    ...wrapWords(allowed, '    '),
    '  Callback: (bytes) => void, called with each increment (progressBar(total) draws a bar)',
    '  Config: new TransferConfig({ multipartThreshold, multipartChunksize, maxConcurrency, useThreads, ... })',
    ...(name === 'copy' ? ['  SourceClient: the client that reads copySource (HeadObject), when it differs'] : []),
    '  abortSignal: cancels the transfer (the REPL\'s Ctrl-C does too)',
  ].join('\n');
}

export function s3TransferExtension(_ctx: unknown, client: Client): Record<string, unknown> {
  const methods: S3TransferMethods = {
    uploadFile: named('uploadFile', (filename, bucket, key, options) => ops().uploadFile(client, filename, bucket, key, options)),
    downloadFile: named('downloadFile', (bucket, key, filename, options) => ops().downloadFile(client, bucket, key, filename, options)),
    uploadFileobj: named('uploadFileobj', (fileobj, bucket, key, options) => ops().uploadFileobj(client, fileobj, bucket, key, options)),
    downloadFileobj: named('downloadFileobj', (bucket, key, fileobj, options) => ops().downloadFileobj(client, bucket, key, fileobj, options)),
    copy: named('copy', (copySource, bucket, key, options) => ops().copy(client, copySource, bucket, key, options)),
  };
  return { ...methods };
}

/** Adds the transfer methods to every S3 client a session creates. */
export function installS3TransferMethods(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => void (p.build as ClientBuild).methods.extensions.push(s3TransferExtension));
}
