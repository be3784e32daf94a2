/**
 * TransferConfig: the knobs of managed transfers (boto3.s3.transfer.TransferConfig), with
 * boto3's defaults. Values are checked when the config is built, so a bad setting fails before
 * any request. `useThreads: false` means one request at a time (JavaScript has no threads; the
 * setting keeps boto3's meaning: no concurrency).
 */
import { didYouMean } from '../../../models/naming';

export const KB = 1024;
export const MB = KB * KB;
export const GB = MB * KB;

/** S3's limits on multipart uploads (s3transfer.utils). */
export const MAX_PARTS = 10_000;
export const MIN_UPLOAD_CHUNKSIZE = 5 * MB;
export const MAX_SINGLE_UPLOAD_SIZE = 5 * GB;

export interface TransferConfigOptions {
  /** Size at and above which uploads, downloads and copies go multipart. Default 8 MiB. */
  multipartThreshold?: number;
  /** Part size of multipart transfers. Default 8 MiB (uploads keep it within S3's limits). */
  multipartChunksize?: number;
  /** Requests in flight at once for one transfer. Default 10. */
  maxConcurrency?: number;
  /** Attempts per download stream that fails while its body is read. Default 5. */
  numDownloadAttempts?: number;
  /** false: one request at a time, whatever maxConcurrency says. Default true. */
  useThreads?: boolean;
  /**
   * Bytes a download reads from the body before it reports progress (s3transfer reads its
   * bodies io_chunksize at a time and calls back per read). Default 256 KiB.
   */
  ioChunksize?: number;
}

const DEFAULTS: Required<TransferConfigOptions> = {
  multipartThreshold: 8 * MB,
  multipartChunksize: 8 * MB,
  maxConcurrency: 10,
  numDownloadAttempts: 5,
  useThreads: true,
  ioChunksize: 256 * KB,
};

const NUMERIC = ['multipartThreshold', 'multipartChunksize', 'maxConcurrency', 'numDownloadAttempts', 'ioChunksize'] as const;

export class TransferConfig {
  readonly multipartThreshold: number;
  readonly multipartChunksize: number;
  readonly maxConcurrency: number;
  readonly numDownloadAttempts: number;
  readonly useThreads: boolean;
  readonly ioChunksize: number;

  /**
   * @example new TransferConfig({ multipartThreshold: 64 * 1024 * 1024, maxConcurrency: 4 })
   * @throws TypeError for an unknown option (naming close matches) or a value that is not a
   *   positive integer (boolean for useThreads)
   */
  constructor(options: TransferConfigOptions = {}) {
    const known = Object.keys(DEFAULTS);
    for (const name of Object.keys(options)) {
      if (!known.includes(name)) {
        throw new TypeError(`Unknown TransferConfig option '${name}'.${didYouMean(name, known)} Valid options: ${known.join(', ')}`);
      }
    }
    const merged = { ...DEFAULTS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    for (const name of NUMERIC) {
      const v = merged[name];
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
        throw new TypeError(`TransferConfig option ${name} must be a positive integer, got ${String(v)}`);
      }
    }
    if (typeof merged.useThreads !== 'boolean') throw new TypeError(`TransferConfig option useThreads must be a boolean, got ${String(merged.useThreads)}`);
    this.multipartThreshold = merged.multipartThreshold;
    this.multipartChunksize = merged.multipartChunksize;
    this.maxConcurrency = merged.maxConcurrency;
    this.numDownloadAttempts = merged.numDownloadAttempts;
    this.useThreads = merged.useThreads;
    this.ioChunksize = merged.ioChunksize;
  }

  /** Requests one transfer may have in flight. */
  get concurrency(): number {
    return this.useThreads ? this.maxConcurrency : 1;
  }
}

/**
 * The part size for an upload or copy: doubled until the parts fit in 10,000, then clamped to
 * S3's 5 MiB..5 GiB (s3transfer's ChunksizeAdjuster). `size` is undefined for streams.
 */
export function adjustChunksize(chunksize: number, size?: number): number {
  let c = chunksize;
  if (size !== undefined) while (Math.ceil(size / c) > MAX_PARTS) c *= 2;
  return Math.min(MAX_SINGLE_UPLOAD_SIZE, Math.max(MIN_UPLOAD_CHUNKSIZE, c));
}

/** `bytes=a-b` for part `index` of `count` (the last part open-ended unless `total` is known). */
export function rangeFor(partSize: number, index: number, count: number, total?: number): string {
  const start = index * partSize;
  const end = index === count - 1 ? (total === undefined ? '' : String(total - 1)) : String(start + partSize - 1);
  return `bytes=${start}-${end}`;
}
