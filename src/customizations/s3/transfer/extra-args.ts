/**
 * Which ExtraArgs each managed transfer accepts, and which of them go to each request it
 * makes: the lists of s3transfer 0.x (manager.py, upload.py, copies.py, constants.py). Checked
 * before anything is sent, with the bad key and its close matches in the error.
 */
import { ParamValidationError } from '../../../errors';
import { didYouMean } from '../../../models/naming';

export type ExtraArgs = Record<string, unknown>;

export const ALLOWED_DOWNLOAD_ARGS: readonly string[] = ['ChecksumMode', 'VersionId', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner'];

export const FULL_OBJECT_CHECKSUM_ARGS: readonly string[] = [
  'ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumMD5', 'ChecksumSHA1', 'ChecksumSHA256', 'ChecksumSHA512',
  'ChecksumXXHASH3', 'ChecksumXXHASH64', 'ChecksumXXHASH128',
];

const SHARED_ARGS: readonly string[] = [
  'ACL', 'CacheControl', 'ChecksumAlgorithm', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'ContentType',
  'ExpectedBucketOwner', 'Expires', 'GrantFullControl', 'GrantRead', 'GrantReadACP', 'GrantWriteACP', 'Metadata',
  'ObjectLockLegalHoldStatus', 'ObjectLockMode', 'ObjectLockRetainUntilDate', 'RequestPayer', 'ServerSideEncryption',
  'StorageClass', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'SSEKMSKeyId', 'SSEKMSEncryptionContext',
  'Tagging', 'WebsiteRedirectLocation',
];

export const ALLOWED_UPLOAD_ARGS: readonly string[] = [...SHARED_ARGS, 'ChecksumType', 'MpuObjectSize', ...FULL_OBJECT_CHECKSUM_ARGS];

export const ALLOWED_COPY_ARGS: readonly string[] = [
  ...SHARED_ARGS, 'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch', 'CopySourceIfUnmodifiedSince',
  'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKey', 'CopySourceSSECustomerKeyMD5', 'MetadataDirective', 'TaggingDirective',
];

/** Upload: what PutObject, CreateMultipartUpload, UploadPart and CompleteMultipartUpload get. */
export const PUT_OBJECT_BLOCKLIST = ['ChecksumType', 'MpuObjectSize'];
export const CREATE_MULTIPART_BLOCKLIST = [...FULL_OBJECT_CHECKSUM_ARGS, 'MpuObjectSize'];
export const UPLOAD_PART_ARGS = ['ChecksumAlgorithm', 'SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner'];
export const COMPLETE_MULTIPART_ARGS = ['SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner', 'ChecksumType', 'MpuObjectSize', ...FULL_OBJECT_CHECKSUM_ARGS];

/** Copy: the HeadObject of the source, and what each multipart request gets. */
export const COPY_TO_HEAD_ARGS: Readonly<Record<string, string>> = {
  CopySourceIfMatch: 'IfMatch',
  CopySourceIfModifiedSince: 'IfModifiedSince',
  CopySourceIfNoneMatch: 'IfNoneMatch',
  CopySourceIfUnmodifiedSince: 'IfUnmodifiedSince',
  CopySourceSSECustomerKey: 'SSECustomerKey',
  CopySourceSSECustomerAlgorithm: 'SSECustomerAlgorithm',
  CopySourceSSECustomerKeyMD5: 'SSECustomerKeyMD5',
  RequestPayer: 'RequestPayer',
  ExpectedBucketOwner: 'ExpectedBucketOwner',
};
export const UPLOAD_PART_COPY_ARGS = [
  'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch', 'CopySourceIfUnmodifiedSince',
  'CopySourceSSECustomerKey', 'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKeyMD5',
  'SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner',
];
export const COPY_CREATE_MULTIPART_BLOCKLIST = [
  'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch', 'CopySourceIfUnmodifiedSince',
  'CopySourceSSECustomerKey', 'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKeyMD5', 'MetadataDirective', 'TaggingDirective',
];
export const COPY_COMPLETE_MULTIPART_ARGS = ['SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner'];

// s3transfer refuses S3 Object Lambda access points: only direct client calls work there.
const OBJECT_LAMBDA_ARN = /^arn:(aws).*:s3-object-lambda:[a-z\-0-9]+:[0-9]{12}:accesspoint[/:][a-zA-Z0-9-]{1,63}/;

/**
 * A copy of `extra` after checking every key against `allowed`.
 * @throws ParamValidationError naming each bad key with close matches
 */
export function checkExtraArgs(extra: unknown, allowed: readonly string[], method: string): ExtraArgs {
  if (extra === undefined || extra === null) return {};
  if (typeof extra !== 'object' || Array.isArray(extra)) throw new ParamValidationError([`ExtraArgs of ${method} must be an object, got ${Array.isArray(extra) ? 'array' : typeof extra}`]);
  const problems: string[] = [];
  for (const key of Object.keys(extra)) {
    if (allowed.includes(key)) continue;
    problems.push(`Invalid ExtraArgs key '${key}' for ${method}.${didYouMean(key, allowed)} Allowed keys: ${allowed.join(', ')}`);
  }
  if (problems.length) throw new ParamValidationError(problems);
  return { ...(extra as ExtraArgs) };
}

/** @throws ParamValidationError for a bucket transfers cannot use (S3 Object Lambda). */
export function checkBucket(bucket: unknown, what = 'Bucket'): string {
  if (typeof bucket !== 'string' || bucket === '') throw new ParamValidationError([`${what} must be a non-empty string, got ${typeof bucket === 'string' ? "''" : typeof bucket}`]);
  if (OBJECT_LAMBDA_ARN.test(bucket)) throw new ParamValidationError([`Managed transfers do not support S3 Object Lambda resources (${what} ${bucket}). Use direct client calls instead.`]);
  return bucket;
}

export function checkKey(key: unknown, what = 'Key'): string {
  if (typeof key !== 'string' || key === '') throw new ParamValidationError([`${what} must be a non-empty string, got ${typeof key === 'string' ? "''" : typeof key}`]);
  return key;
}

/** The entries of `args` whose keys are in `keys`. */
export function pick(args: ExtraArgs, keys: readonly string[]): ExtraArgs {
  const out: ExtraArgs = {};
  for (const k of keys) if (k in args) out[k] = args[k];
  return out;
}

/** The entries of `args` whose keys are not in `keys`. */
export function omit(args: ExtraArgs, keys: readonly string[]): ExtraArgs {
  const out: ExtraArgs = {};
  for (const [k, v] of Object.entries(args)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/**
 * s3transfer's upload defaults: with request_checksum_calculation=when_supported every upload
 * asks for CRC32 unless the caller supplied a full-object checksum.
 */
export function addUploadDefaults(args: ExtraArgs, checksumCalculation: string | undefined): void {
  if (checksumCalculation !== 'when_supported') return;
  if (FULL_OBJECT_CHECKSUM_ARGS.some((k) => k in args)) return;
  if (!('ChecksumAlgorithm' in args)) args.ChecksumAlgorithm = 'CRC32';
}
