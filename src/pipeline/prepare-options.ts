/**
 * What prepareRequest knows about why it prepares: botocore's request context keys for
 * presigning. Handed to before-endpoint-resolution handlers as `context` (S3 uses the global
 * endpoint for presigned URLs and POSTs, src/customizations/s3/presign.ts).
 */
export interface PrepareOptions {
  /** botocore's is_presign_request. */
  presign?: boolean;
  /** botocore's use_global_endpoint (signers._should_use_global_endpoint). */
  useGlobalEndpoint?: boolean;
}
