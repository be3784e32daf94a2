/**
 * S3 SSE-C keys, botocore's `sse_md5` and `copy_source_sse_md5` (`before-parameter-build`):
 * the caller gives the raw key; it is sent base64-encoded with the base64 MD5 of its bytes,
 * unless the caller gave the MD5 (then both are sent as given). botocore registers these for a
 * fixed list of operations, and only those are encoded: for any other operation with the
 * members (GetObjectAttributes, ListParts, ...) the key is sent exactly as given, as boto3 does.
 */
import { createHash } from 'crypto';
import type { HierarchicalEmitter } from '../../events/emitter';

type Prefix = 'SSECustomer' | 'CopySourceSSECustomer';

// botocore's BUILTIN_HANDLERS registrations, in its order.
const SSE_MD5_OPERATIONS = ['HeadObject', 'GetObject', 'PutObject', 'CopyObject', 'CreateMultipartUpload', 'UploadPart', 'UploadPartCopy', 'CompleteMultipartUpload', 'SelectObjectContent'];
const COPY_SOURCE_SSE_MD5_OPERATIONS = ['CopyObject', 'UploadPartCopy'];

function encodeKey(params: Record<string, unknown>, prefix: Prefix): void {
  const key = params[`${prefix}Key`];
  // botocore: the key is not None and the MD5 member is not in the params (even as None).
  if (key === undefined || key === null || `${prefix}KeyMD5` in params) return;
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key as Uint8Array);
  params[`${prefix}Key`] = bytes.toString('base64');
  params[`${prefix}KeyMD5`] = createHash('md5').update(bytes).digest('base64');
}

/** Registers the SSE-C key encoding on a session's events. */
export function installS3SseCustomerKey(events: HierarchicalEmitter): void {
  for (const op of SSE_MD5_OPERATIONS) {
    events.register(`before-parameter-build.s3.${op}`, (p) => encodeKey(p.params as Record<string, unknown>, 'SSECustomer'));
  }
  for (const op of COPY_SOURCE_SSE_MD5_OPERATIONS) {
    events.register(`before-parameter-build.s3.${op}`, (p) => encodeKey(p.params as Record<string, unknown>, 'CopySourceSSECustomer'));
  }
}
