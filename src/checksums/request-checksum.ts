/**
 * Request checksums as botocore 1.43 applies them (httpchecksum.resolve_request_checksum_algorithm
 * + apply_request_checksum), called after serialization and before signing.
 *
 * - Nothing happens when the request already carries an `x-amz-checksum-*` header.
 * - The algorithm is the `requestAlgorithmMember` param when given (unknown names throw
 *   ChecksumError); otherwise CRC32 when the operation requires a checksum (`httpChecksumRequired`
 *   or `requestChecksumRequired`) or has a requestAlgorithmMember and calculation is
 *   when_supported. A defaulted algorithm is also announced in the member's header
 *   (`x-amz-sdk-checksum-algorithm: CRC32`). Presigned requests get no default checksum.
 *   botocore 1.43 no longer sends Content-MD5 for httpChecksumRequired: it sends CRC32, so do we
 *   (`contentMd5` is exported for customizations that still need it).
 * - Location: a trailer (aws-chunked body, `X-Amz-Trailer`, `X-Amz-Decoded-Content-Length`,
 *   Content-Length removed) for operations with a blob payload over https, else a header.
 *
 * Stream bodies are never buffered. Where botocore would read a (seekable) stream to put its
 * checksum in a header (plain http), we cannot: a defaulted checksum is then skipped, and an
 * explicitly requested algorithm is sent as a trailer instead. A stream's decoded length comes
 * from its Content-Length header; without one `X-Amz-Decoded-Content-Length` is omitted, as
 * botocore does for bodies of unknown length.
 */
import { pipeline } from 'stream';
import type { OperationModel } from '../models/service-model';
import { ChecksumError } from '../errors';
import { ChecksumAlgorithm, computeChecksum, isSupportedAlgorithm } from './algorithms';
import { AwsChunkedEncoder, DEFAULT_CHUNK_SIZE, encodeAwsChunked } from './aws-chunked';
import { isReadable } from '../util/is-readable';
import { takeHeader } from '../util/headers';
import type { HttpRequest, RequestBody } from '../types/http';

export type ChecksumBody = RequestBody;

/**
 * The request the checksum is applied to (headers and body are replaced in place): the
 * pipeline's one request type, whose URL may be absent (header checksums then; trailers are
 * only used over https).
 */
export type ChecksumRequest = Pick<HttpRequest, 'headers' | 'body'> & Partial<Pick<HttpRequest, 'url'>>;

export interface RequestChecksumArgs {
  operation: OperationModel;
  params: Record<string, unknown>;
  request: ChecksumRequest;
  /** Config `requestChecksumCalculation`; when_supported by default. */
  calculation?: 'when_supported' | 'when_required';
  /** Presigned URLs get no default checksum. */
  isPresign?: boolean;
  /** botocore's legacy `s3` (SigV2) signature version cannot send trailers. */
  signatureVersion?: string;
  /** aws-chunked chunk size (tests use small ones). */
  chunkSize?: number;
}

export interface AppliedRequestChecksum {
  algorithm: ChecksumAlgorithm;
  location: 'header' | 'trailer';
  /** `x-amz-checksum-<algorithm>`: the header or trailer name. */
  name: string;
}

const CHECKSUM_HEADER = /^x-amz-checksum-[a-z0-9]*$/i;

/** Adds the checksum botocore would send; returns what was applied, if anything. */
export function applyRequestChecksum(args: RequestChecksumArgs): AppliedRequestChecksum | undefined {
  const { operation, params, request } = args;
  const headers = request.headers;
  for (const key in headers) if (CHECKSUM_HEADER.test(key)) return undefined;

  const http = operation.raw.httpChecksum ?? {};
  const required = operation.checksumRequired;
  const member = http.requestAlgorithmMember;
  let algorithm: string;
  let announce: string | undefined; // header naming a defaulted algorithm
  const explicit = member !== undefined && params[member] !== undefined;
  if (explicit) {
    algorithm = String(params[member as string]).toLowerCase();
    if (!isSupportedAlgorithm(algorithm)) throw new ChecksumError(`Unsupported checksum algorithm: ${algorithm}`);
  } else if (required || (member !== undefined && (args.calculation ?? 'when_supported') === 'when_supported')) {
    if (args.isPresign) return undefined;
    algorithm = 'crc32';
    announce = member !== undefined ? operation.input?.member(member)?.serialization.name : undefined;
  } else {
    return undefined;
  }

  const body = request.body;
  const isStream = isReadable(body);
  const https = request.url !== undefined && request.url.startsWith('https:');
  let location: 'header' | 'trailer' =
    hasBlobPayload(operation) && https && args.signatureVersion !== 's3' ? 'trailer' : 'header';
  if (location === 'header' && isStream) {
    if (!explicit) return undefined; // would need buffering; the checksum is optional here
    location = 'trailer';
  }

  const name = `x-amz-checksum-${algorithm}`;
  if (location === 'header') {
    headers[name] = computeChecksum(algorithm, body as string | Uint8Array | undefined);
  } else {
    applyTrailer(request, algorithm, name, args.chunkSize ?? DEFAULT_CHUNK_SIZE);
  }
  if (announce) headers[announce] = algorithm.toUpperCase();
  return { algorithm: algorithm as ChecksumAlgorithm, location, name };
}

/** botocore's has_streaming_input: the input payload member is a blob (streaming or not). */
function hasBlobPayload(operation: OperationModel): boolean {
  const input = operation.input;
  const payload = input?.raw.payload as string | undefined;
  return payload !== undefined && input?.member(payload)?.type === 'blob';
}

function applyTrailer(request: ChecksumRequest, algorithm: string, name: string, chunkSize: number): void {
  const headers = request.headers;
  const encoding = takeHeader(headers, 'content-encoding');
  headers['Content-Encoding'] = encoding ? `${encoding},aws-chunked` : 'aws-chunked';
  headers['X-Amz-Trailer'] = name;
  const declared = takeHeader(headers, 'content-length');
  const body = request.body;
  if (isReadable(body)) {
    if (declared !== undefined) headers['X-Amz-Decoded-Content-Length'] = declared;
    // The encoded length is unknown, so the transport must frame the body itself.
    headers['Transfer-Encoding'] = 'chunked';
    const encoder = new AwsChunkedEncoder(algorithm, name, chunkSize);
    // pipeline forwards a source error to the encoder, so the upload fails instead of hanging.
    request.body = pipeline(body, encoder, () => undefined);
  } else {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body ?? Buffer.alloc(0);
    headers['X-Amz-Decoded-Content-Length'] = String(bytes.length);
    // A byte body keeps a known length; the transport sends Content-Length for it (no chunking).
    request.body = encodeAwsChunked(bytes, algorithm, name, chunkSize);
  }
}
