/**
 * botocore's _set_extra_headers_for_unsigned_request (`before-sign.s3`): an unsigned S3 request
 * (signatureVersion UNSIGNED, or an operation/endpoint with no auth) whose checksum travels in
 * an aws-chunked trailer must say `X-Amz-Content-SHA256: STREAMING-UNSIGNED-PAYLOAD-TRAILER`;
 * S3 refuses the trailer otherwise. Signed requests get the header from the signer. The
 * trailer is recognised by its `X-Amz-Trailer` header, which the checksum stage
 * (src/checksums/) sets exactly when it chose a trailer (botocore's checksum context "in: trailer").
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { AuthPlan, PreparedRequest } from '../../pipeline/make-api-call';
import { STREAMING_UNSIGNED_PAYLOAD_TRAILER } from '../../signing';
import { findHeader, setHeader } from '../../util/headers';

function setUnsignedTrailerHeader(payload: Record<string, unknown>): void {
  if ((payload.auth as AuthPlan | undefined)?.kind !== 'none') return;
  const headers = (payload.request as PreparedRequest).headers;
  if (findHeader(headers, 'x-amz-trailer') === undefined) return;
  setHeader(headers, 'X-Amz-Content-SHA256', STREAMING_UNSIGNED_PAYLOAD_TRAILER);
}

export function installS3UnsignedTrailer(events: HierarchicalEmitter): void {
  events.register('before-sign.s3', setUnsignedTrailerHeader);
}
