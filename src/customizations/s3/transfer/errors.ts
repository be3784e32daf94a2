/**
 * The errors a managed transfer raises beyond the client's own (boto3.exceptions and
 * s3transfer.exceptions). Invalid input is a ParamValidationError, raised before any request.
 */
import { BotojsError } from '../../../errors';

/** Base of the transfer failures below (boto3's S3TransferFailedError). */
export class S3TransferFailedError extends BotojsError {}

/**
 * uploadFile failed on a service error (boto3 wraps ClientError the same way); the
 * ClientError is `cause`. Any multipart upload it started was aborted.
 */
export class S3UploadFailedError extends S3TransferFailedError {}

/** The object changed while it was being downloaded in ranges (its ETag no longer matched). */
export class S3DownloadFailedError extends S3TransferFailedError {}

/** A ranged response did not hold the range that was asked for. */
export class S3ValidationError extends S3TransferFailedError {}

/** A download stream failed `numDownloadAttempts` times; the last failure is `lastException`. */
export class RetriesExceededError extends S3TransferFailedError {
  constructor(readonly lastException: unknown) {
    super(`Max Retries Exceeded${lastException instanceof Error ? `: ${lastException.message}` : ''}`, { cause: lastException });
  }
}
