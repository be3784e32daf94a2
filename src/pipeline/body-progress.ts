/**
 * Request-body progress for one call (the kBodyProgress call option, call-options.ts): the
 * transport's wire bytes turned into payload bytes, per attempt, so a retried attempt's bytes
 * can be taken back before its body goes out again (botocore's reset_stream rewinds the body,
 * and s3transfer's reader calls back with the negative amount). An aws-chunked body's wire
 * bytes include its framing and trailer; they are scaled to the payload, exactly at the end.
 */
export class BodyProgress {
  private wire = 0;
  private reported = 0;

  constructor(
    private readonly report: (bytes: number) => void,
    private readonly payloadLength: number,
    private readonly wireLength: number,
  ) {}

  readonly onWire = (bytes: number): void => {
    this.wire += bytes;
    const payload = this.wireLength === this.payloadLength || this.wire >= this.wireLength ? Math.min(this.wire, this.payloadLength) : Math.floor((this.wire * this.payloadLength) / this.wireLength);
    if (payload > this.reported) {
      const delta = payload - this.reported;
      this.reported = payload;
      this.report(delta);
    }
  };

  /** The attempt is retried: what it reported is taken back (botocore's reset_stream). */
  rewind(): void {
    if (this.reported > 0) this.report(-this.reported);
    this.wire = 0;
    this.reported = 0;
  }
}

/** Bytes of a string or byte body; undefined for a stream. */
export function bodyLength(body: unknown): number | undefined {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.length;
  return undefined;
}
