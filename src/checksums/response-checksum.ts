/**
 * Response checksum validation as botocore 1.43 does it.
 *
 * 1. Before serialization, `setRequestValidationMode` sets the operation's
 *    `requestValidationModeMember` (S3 GetObject's ChecksumMode) to ENABLED when config
 *    responseChecksumValidation is when_supported and the caller left it unset.
 * 2. `resolveResponseAlgorithms` returns the algorithms to check, only when that member is in
 *    the params: the operation's `responseAlgorithms` that we support, in botocore's priority order.
 * 3. After the response: `validateResponseChecksum` for whole bodies, or
 *    `createChecksumValidatingStream` for streaming ones (validated when the stream ends; a
 *    partially read stream is not validated). The first algorithm whose
 *    `x-amz-checksum-<alg>` header is present is used; composite multipart values (`...-3`) are
 *    skipped, since they are not a checksum of the bytes received. Mismatch -> ChecksumError.
 *    The algorithm used is recorded as ResponseMetadata.ChecksumAlgorithm (lower-case, `crc32`),
 *    as botocore's parser reports the one httpchecksum validated with; a streamed body records
 *    it when the stream is wrapped, before it is read.
 */
import { Readable, Transform, TransformCallback } from 'stream';
import type { OperationModel } from '../models/service-model';
import { ChecksumError } from '../errors';
import type { BodyChecksum } from '../util/streaming-body';
import { Checksum, ChecksumAlgorithm, createChecksum, RESPONSE_PRIORITY } from './algorithms';

/** Sets the validation-mode member to ENABLED when botocore would (mutates `params`). */
export function setRequestValidationMode(
  operation: OperationModel,
  params: Record<string, unknown>,
  responseChecksumValidation: 'when_supported' | 'when_required' = 'when_supported',
): void {
  const member = operation.raw.httpChecksum?.requestValidationModeMember;
  if (member !== undefined && responseChecksumValidation === 'when_supported' && params[member] === undefined) {
    params[member] = 'ENABLED';
  }
}

/** Each operation's supported response algorithms in priority order, worked out once. */
const offeredAlgorithms = new WeakMap<OperationModel, readonly ChecksumAlgorithm[]>();

/** Algorithms to validate the response with, or undefined when validation was not requested. */
export function resolveResponseAlgorithms(
  operation: OperationModel,
  params: Record<string, unknown>,
): readonly ChecksumAlgorithm[] | undefined {
  const http = operation.raw.httpChecksum;
  const member = http?.requestValidationModeMember;
  if (member === undefined || params[member] === undefined) return undefined;
  let algorithms = offeredAlgorithms.get(operation);
  if (!algorithms) {
    const offered = new Set((http?.responseAlgorithms ?? []).map((a) => a.toLowerCase()));
    algorithms = Object.freeze(RESPONSE_PRIORITY.filter((a) => offered.has(a)));
    offeredAlgorithms.set(operation, algorithms);
  }
  return algorithms;
}

/** Where a validation records its algorithm: the response's ResponseMetadata. */
export interface ChecksumRecord {
  ChecksumAlgorithm?: string;
}

interface Expected {
  algorithm: ChecksumAlgorithm;
  value: string;
}

/** The response header that carries each algorithm's checksum (named once, not per call). */
const CHECKSUM_HEADERS = Object.fromEntries(RESPONSE_PRIORITY.map((a) => [a, `x-amz-checksum-${a}`])) as Record<ChecksumAlgorithm, string>;

function findExpected(headers: Record<string, string>, algorithms: readonly ChecksumAlgorithm[]): Expected | undefined {
  for (const algorithm of algorithms) {
    const value = headers[CHECKSUM_HEADERS[algorithm]];
    if (value === undefined || value.includes('-')) continue;
    return { algorithm, value };
  }
  return undefined;
}

function check(expected: Expected, checksum: Checksum): ChecksumError | undefined {
  const actual = checksum.digest();
  if (actual.equals(Buffer.from(expected.value, 'base64'))) return undefined;
  return new ChecksumError(
    `Expected checksum ${expected.value} did not match calculated checksum: ${actual.toString('base64')}`,
  );
}

/**
 * Validates a whole response body against its `x-amz-checksum-*` header (header names
 * lower-case, as RawResponse has them). Returns the algorithm checked, or undefined when the
 * response carried none of `algorithms`. Throws ChecksumError on mismatch.
 */
export function validateResponseChecksum(
  headers: Record<string, string>,
  body: Buffer,
  algorithms: readonly ChecksumAlgorithm[] = RESPONSE_PRIORITY,
  record?: ChecksumRecord,
): ChecksumAlgorithm | undefined {
  const expected = findExpected(headers, algorithms);
  if (!expected) return undefined;
  const checksum = createChecksum(expected.algorithm);
  checksum.update(body);
  const error = check(expected, checksum);
  if (error) throw error;
  if (record) record.ChecksumAlgorithm = expected.algorithm;
  return expected.algorithm;
}

/** Passes data through unchanged and fails with ChecksumError at the end on a mismatch. */
export class ChecksumValidatingStream extends Transform {
  private readonly checksum: Checksum;

  constructor(private readonly expected: Expected) {
    super();
    this.checksum = createChecksum(expected.algorithm);
  }

  get algorithm(): ChecksumAlgorithm {
    return this.expected.algorithm;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.checksum.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(check(this.expected, this.checksum) ?? null);
  }
}

/**
 * The check of a streamed body against its `x-amz-checksum-*` header, or undefined when the
 * response carries none of `algorithms`. Records the algorithm at once (before any byte is
 * read), as createChecksumValidatingStream does. Nothing is built until the body is read:
 * `read()` feeds a running checksum itself, and only a caller that takes the Node stream (or
 * iterates it) gets the validating Transform.
 */
export function streamChecksum(
  headers: Record<string, string>,
  algorithms: readonly ChecksumAlgorithm[] = RESPONSE_PRIORITY,
  record?: ChecksumRecord,
): BodyChecksum | undefined {
  const expected = findExpected(headers, algorithms);
  if (!expected) return undefined;
  if (record) record.ChecksumAlgorithm = expected.algorithm;
  return {
    start: () => {
      const checksum = createChecksum(expected.algorithm);
      return { update: (chunk) => checksum.update(chunk), verify: () => check(expected, checksum) };
    },
    wrap: (stream) => validatingPipe(stream, expected),
  };
}

/**
 * Wraps a streaming body so it is validated when fully read. Returns `stream` itself when the
 * response has no checksum to validate.
 */
export function createChecksumValidatingStream(
  stream: Readable,
  headers: Record<string, string>,
  algorithms: readonly ChecksumAlgorithm[] = RESPONSE_PRIORITY,
  record?: ChecksumRecord,
): Readable {
  return streamChecksum(headers, algorithms, record)?.wrap(stream) ?? stream;
}

function validatingPipe(stream: Readable, expected: Expected): Readable {
  const validating = new ChecksumValidatingStream(expected);
  stream.on('error', (err) => validating.destroy(err));
  // A reader that stops early (body.close(), a `break` out of `for await`) destroys the wrapper:
  // the response under it goes too, so its connection closes now, not at the read timeout.
  validating.once('close', () => {
    if (!stream.readableEnded) stream.destroy();
  });
  return stream.pipe(validating);
}
