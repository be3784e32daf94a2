/**
 * Progress callbacks: the caller's `Callback(bytesTransferred)` gets increments, as boto3's
 * does; a download stream that is retried reports a negative increment for the bytes it lost.
 * A callback that throws fails the transfer (the error is the caller's own).
 */
export type ProgressCallback = (bytesTransferred: number) => void;

export class ProgressReporter {
  /** Net bytes reported so far. */
  total = 0;

  constructor(private readonly callback?: ProgressCallback) {}

  report(bytes: number): void {
    if (bytes === 0) return;
    this.total += bytes;
    this.callback?.(bytes);
  }
}
