/**
 * Request signing: SigV4 headers, presigned URLs and POST policies, SigV2 form bodies, bearer tokens.
 * Only this folder imports aws4 (through aws4-signer.ts).
 */
export { signRequest, canonicalRequest, stringToSign } from './sigv4';
export type { SignableRequest, SigningOptions, SigningCredentials } from './sigv4';
export { presignUrl } from './presign-url';
export type { PresignOptions } from './presign-url';
export { presignPost } from './presign-post';
export type { PresignPostArgs, PresignedPost } from './presign-post';
export { signBearer } from './bearer';
export { signV2 } from './sigv2';
export { EMPTY_SHA256_HASH, UNSIGNED_PAYLOAD, STREAMING_UNSIGNED_PAYLOAD_TRAILER } from './request-parts';

/**
 * Whether a service signs the S3 way (x-amz-content-sha256 always, no double encoding): its
 * model says signatureVersion `s3` or `s3v4`, as botocore's S3 and S3 Control do.
 */
export function usesS3Signing(metadata: { signatureVersion?: string }): boolean {
  return metadata.signatureVersion === 's3' || metadata.signatureVersion === 's3v4';
}
