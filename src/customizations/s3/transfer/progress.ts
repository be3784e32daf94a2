/**
 * Progress callbacks, as s3transfer makes them: the caller's `Callback(bytesTransferred)` gets
 * increments while the bytes move, never one call per part.
 *
 * - Uploads (PutObject, each UploadPart): the request body is counted as the socket takes it
 *   (the transport reports it through the kBodyProgress call option) and handed on in batches
 *   of at least 256 KiB, the rest when the request succeeds (s3transfer's
 *   AggregatedProgressCallback over its ReadFileChunk). When an attempt is retried its bytes
 *   are taken back (botocore rewinds the body, and the rewind calls back with a negative
 *   amount); the batching absorbs that, so the caller sees the count pause while the body is
 *   sent again, and no negative call, exactly as with boto3.
 * - Downloads: every `ioChunksize` bytes read from a body (s3transfer reads io_chunksize at a
 *   time and calls back per read), the rest at its end. A body that fails mid-read and is
 *   requested again reports the negative of what it had reported (s3transfer's GetObjectTask).
 * - Copies: each part once it is copied (the bytes never pass through the caller).
 *
 * The net total is the object's size. A callback that throws fails the transfer (the error is
 * the caller's own).
 */
export type ProgressCallback = (bytesTransferred: number) => void;

/** s3transfer's AggregatedProgressCallback threshold. */
export const UPLOAD_PROGRESS_BATCH = 256 * 1024;

export class ProgressReporter {
  /** Net bytes reported so far. */
  total = 0;

  constructor(private readonly callback?: ProgressCallback) {}

  /** Whether anyone listens (a transfer without a Callback skips the per-byte bookkeeping). */
  get followed(): boolean {
    return this.callback !== undefined;
  }

  report(bytes: number): void {
    if (bytes === 0) return;
    this.total += bytes;
    this.callback?.(bytes);
  }

  /** The progress of one upload request whose body is `size` bytes. */
  upload(size: number): UploadProgress {
    return new UploadProgress(this, size);
  }

  /** The progress of one download attempt, reported every `chunk` bytes. */
  download(chunk: number): DownloadProgress {
    return new DownloadProgress(this, chunk);
  }
}

/** One upload request's body: wire progress in, batched increments out. */
export class UploadProgress {
  private seen = 0;
  private pending = 0;

  constructor(
    private readonly reporter: ProgressReporter,
    private readonly size: number,
  ) {}

  /** The body's bytes as the transport sends them; negative when an attempt is retried. */
  readonly onBody = (bytes: number): void => {
    this.seen += bytes;
    this.pending += bytes;
    if (this.pending >= UPLOAD_PROGRESS_BATCH) this.flush();
  };

  /**
   * The request succeeded: the rest of the body counts now, including what no socket reported
   * (a Stubber answered, or the body was framed), so the part adds up to its size.
   */
  complete(): void {
    this.pending += this.size - this.seen;
    this.seen = this.size;
    this.flush();
  }

  private flush(): void {
    if (this.pending <= 0) return;
    this.reporter.report(this.pending);
    this.pending = 0;
  }
}

/** One download attempt's body: chunks in, increments of `chunk` bytes out. */
export class DownloadProgress {
  private reported = 0;
  private pending = 0;

  constructor(
    private readonly reporter: ProgressReporter,
    private readonly chunk: number,
  ) {}

  /** Bytes read from the body and written to the target. */
  read(bytes: number): void {
    this.pending += bytes;
    while (this.pending >= this.chunk) {
      this.pending -= this.chunk;
      this.reported += this.chunk;
      this.reporter.report(this.chunk);
    }
  }

  /** The body ended: the last, shorter piece. */
  end(): void {
    this.reported += this.pending;
    this.reporter.report(this.pending);
    this.pending = 0;
  }

  /** The attempt failed and the range is requested again: what it reported is taken back. */
  rewind(): void {
    this.reporter.report(-this.reported);
    this.reported = 0;
    this.pending = 0;
  }
}
