/**
 * Request signing: SigV4 headers, presigned URLs and POST policies, bearer tokens.
 * Only this folder imports aws4 (through aws4-signer.ts).
 */
export { signRequest, canonicalRequest, stringToSign } from './sigv4';
export type { SignableRequest, SigningOptions, SigningCredentials } from './sigv4';
export { presignUrl } from './presign-url';
export type { PresignOptions } from './presign-url';
export { presignPost, pythonJsonDumps } from './presign-post';
export type { PresignPostArgs, PresignedPost } from './presign-post';
export { signBearer } from './bearer';
export { EMPTY_SHA256_HASH, UNSIGNED_PAYLOAD, STREAMING_UNSIGNED_PAYLOAD_TRAILER } from './request-parts';
