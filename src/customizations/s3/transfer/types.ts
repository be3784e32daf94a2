/**
 * What the transfer functions take: the S3 client (called through its own methods, so events,
 * retries and a Stubber apply to every request), and the options boto3 spells ExtraArgs,
 * Callback, Config (camelCase spellings are accepted too), plus the per-call `abortSignal`.
 *
 * Every request of a transfer carries the signal (callerOf), except the cleanup that has to go
 * out after an abort (AbortMultipartUpload), which uses uncancellableCallerOf.
 */
import type { Client } from '../../../client/proxy';
import { ParamValidationError } from '../../../errors';
import { didYouMean } from '../../../models/naming';
import { outsideAbortScope, resolveCallOptions } from '../../../pipeline/abort-scope';
import { kBodyProgress, type CallOptions } from '../../../pipeline/call-options';
import { TransferConfig } from './config';
import type { ExtraArgs } from './extra-args';
import { ProgressReporter, type ProgressCallback } from './progress';

export interface TransferOptions {
  /** Extra request parameters (ContentType, Metadata, SSE, VersionId, ...), checked per method. */
  ExtraArgs?: ExtraArgs;
  /**
   * Called with the number of bytes transferred since the previous call, while they move
   * (uploads: as the socket takes the body, in batches of 256 KiB; downloads: every
   * `ioChunksize` bytes read; copies: per part), as s3transfer calls it. A download range that
   * is read again after a failure is taken back with a negative number.
   */
  Callback?: ProgressCallback;
  Config?: TransferConfig;
  /**
   * Cancels the transfer: requests in flight are aborted, no new part starts, a multipart upload
   * is ended with AbortMultipartUpload, a download's temporary file is removed; the transfer
   * rejects with AbortError.
   */
  abortSignal?: AbortSignal;
}

export interface CopyOptions extends TransferOptions {
  /** The client for the HeadObject of the source (default: the copying client). */
  SourceClient?: Client;
}

export type S3Response = Record<string, unknown>;
/** Calls an operation; `onBody` follows the request body onto the wire (kBodyProgress). */
export type S3Call = (operation: string, params: Record<string, unknown>, onBody?: (bytes: number) => void) => Promise<S3Response>;

/**
 * Calls an operation through the client's own method (`putObject`, `uploadPart`, ...), with
 * `{ abortSignal: signal }` when there is a signal, and the body progress hook when given.
 */
export function callerOf(client: Client, signal?: AbortSignal): S3Call {
  return (operation, params, onBody) => {
    const method = client[operation];
    if (typeof method !== 'function') throw new TypeError(`Managed transfers need an S3 client; this client has no '${operation}'`);
    const call = method as (p: Record<string, unknown>, o?: CallOptions) => Promise<S3Response>;
    if (!signal && !onBody) return call(params);
    const options: CallOptions = {};
    if (signal) options.abortSignal = signal;
    if (onBody) options[kBodyProgress] = onBody;
    return call(params, options);
  };
}

/**
 * A caller for requests that must go out even after the transfer was aborted: no signal, and
 * outside any abort scope (the REPL's), so an abort cannot leave a multipart upload behind.
 */
export function uncancellableCallerOf(client: Client): S3Call {
  const call = callerOf(client);
  return (operation, params) => outsideAbortScope(() => call(operation, params));
}

export interface ResolvedOptions {
  extraArgs: unknown;
  progress: ProgressReporter;
  config: TransferConfig;
  sourceClient?: Client;
  /** request_checksum_calculation of the client (uploads default to CRC32 when_supported). */
  checksumCalculation?: string;
  /** The caller's abortSignal, joined with the abort scope's (the REPL's). */
  signal?: AbortSignal;
}

const OPTION_NAMES: Record<string, keyof CopyOptions> = { extraargs: 'ExtraArgs', callback: 'Callback', config: 'Config', sourceclient: 'SourceClient', abortsignal: 'abortSignal' };

/**
 * Reads the options bag, accepting `ExtraArgs` or `extraArgs` (and the others likewise).
 * @throws ParamValidationError for an unknown option, a Callback that is not a function, a
 *   Config that is not a TransferConfig or an abortSignal that is not an AbortSignal
 */
export function resolveOptions(client: Client, options: unknown, method: string, allowSource = false): ResolvedOptions {
  const out: Partial<CopyOptions> = {};
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') throw new ParamValidationError([`The options of ${method} must be an object ({ ExtraArgs, Callback, Config, abortSignal }), got ${typeof options}`]);
    for (const [k, v] of Object.entries(options)) {
      const name = OPTION_NAMES[k.toLowerCase().replace(/_/g, '')];
      if (!name || (name === 'SourceClient' && !allowSource)) {
        const valid = allowSource ? ['ExtraArgs', 'Callback', 'Config', 'SourceClient', 'abortSignal'] : ['ExtraArgs', 'Callback', 'Config', 'abortSignal'];
        throw new ParamValidationError([`Unknown option '${k}' of ${method}.${didYouMean(k, valid, 2)} Valid options: ${valid.join(', ')}`]);
      }
      (out as Record<string, unknown>)[name] = v;
    }
  }
  if (out.Callback !== undefined && typeof out.Callback !== 'function') throw new ParamValidationError([`Callback of ${method} must be a function`]);
  if (out.Config !== undefined && !(out.Config instanceof TransferConfig)) throw new ParamValidationError([`Config of ${method} must be a TransferConfig (new TransferConfig({ ... }))`]);
  // Checked (and joined with the abort scope) as every operation's options are.
  const { abortSignal } = resolveCallOptions(out.abortSignal === undefined ? undefined : { abortSignal: out.abortSignal });
  return {
    signal: abortSignal,
    extraArgs: out.ExtraArgs,
    progress: new ProgressReporter(out.Callback),
    config: out.Config ?? new TransferConfig(),
    sourceClient: out.SourceClient,
    checksumCalculation: client.meta?.config?.requestChecksumCalculation,
  };
}
