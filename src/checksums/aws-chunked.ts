/**
 * aws-chunked content encoding with an unsigned checksum trailer (botocore's
 * AwsChunkedWrapper): `<hex len>\r\n<data>\r\n` per chunk, then
 * `0\r\n<x-amz-checksum-alg>:<base64>\r\n\r\n`. Buffer bodies are cut into 1 MiB chunks as
 * botocore does; a stream's chunks are at least 1 MiB (whatever has arrived), except the last.
 *
 * Buffers are encoded in one pass into one Buffer (its length is then known, so the transport
 * can send Content-Length); streams go through AwsChunkedEncoder, which holds at most one
 * chunk in memory and computes the checksum as data passes.
 */
import { Transform, TransformCallback } from 'stream';
import { Checksum, createChecksum } from './algorithms';

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
const CRLF = Buffer.from('\r\n');

function chunkHeader(length: number): Buffer {
  return Buffer.from(`${length.toString(16)}\r\n`, 'latin1');
}

function trailer(headerName: string, checksum: Checksum): Buffer {
  return Buffer.from(`0\r\n${headerName}:${checksum.digest().toString('base64')}\r\n\r\n`, 'latin1');
}

/** Encodes a whole body; `headerName` is the trailer's name (`x-amz-checksum-crc32`). */
export function encodeAwsChunked(
  body: Uint8Array,
  algorithm: string,
  headerName: string,
  chunkSize = DEFAULT_CHUNK_SIZE,
): Buffer {
  const checksum = createChecksum(algorithm);
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += chunkSize) {
    const chunk = body.subarray(offset, Math.min(offset + chunkSize, body.length));
    checksum.update(chunk);
    parts.push(chunkHeader(chunk.length), chunk, CRLF);
  }
  parts.push(trailer(headerName, checksum));
  return Buffer.concat(parts);
}

/** Stream form of encodeAwsChunked: pipe the raw body in, read the encoded body out. */
export class AwsChunkedEncoder extends Transform {
  private readonly checksum: Checksum;
  private pending: Buffer[] = [];
  private pendingLength = 0;

  constructor(
    algorithm: string,
    private readonly headerName: string,
    private readonly chunkSize = DEFAULT_CHUNK_SIZE,
  ) {
    super();
    this.checksum = createChecksum(algorithm);
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    if (data.length === 0) return callback();
    this.checksum.update(data);
    this.pending.push(data);
    this.pendingLength += data.length;
    if (this.pendingLength >= this.chunkSize) this.emitChunk();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.pendingLength > 0) this.emitChunk();
    this.push(trailer(this.headerName, this.checksum));
    callback();
  }

  // Pushes the pending pieces as one chunk frame without concatenating them.
  private emitChunk(): void {
    this.push(chunkHeader(this.pendingLength));
    for (const piece of this.pending) this.push(piece);
    this.push(CRLF);
    this.pending = [];
    this.pendingLength = 0;
  }
}
