/**
 * Flexible checksums: request checksums (header or aws-chunked trailer) and response
 * validation, with botocore 1.43's defaults (when_supported for both).
 */
export {
  createChecksum,
  computeChecksum,
  contentMd5,
  isSupportedAlgorithm,
  SUPPORTED_ALGORITHMS,
  RESPONSE_PRIORITY,
} from './algorithms';
export type { Checksum, ChecksumAlgorithm } from './algorithms';
export { crc32, crc32c } from '../util/crc';
export { AwsChunkedEncoder, encodeAwsChunked } from './aws-chunked';
export { applyRequestChecksum } from './request-checksum';
export type { AppliedRequestChecksum, ChecksumBody, ChecksumRequest, RequestChecksumArgs } from './request-checksum';
export {
  setRequestValidationMode,
  resolveResponseAlgorithms,
  validateResponseChecksum,
  createChecksumValidatingStream,
  streamChecksum,
  ChecksumValidatingStream,
} from './response-checksum';
