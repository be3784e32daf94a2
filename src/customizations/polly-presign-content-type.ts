/**
 * botocore's remove_content_type_header_for_presigning (`before-sign.polly.SynthesizeSpeech`):
 * a presigned SynthesizeSpeech URL is fetched by a browser or media player, which sends no
 * Content-Type, so the header must not be signed. Applies only to presigning (the payload's
 * `isPresignRequest`, emitted by src/client/presign.ts); calls keep their Content-Type.
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { PreparedRequest } from '../pipeline/make-api-call';
import { deleteHeader } from '../util/headers';

function removeContentTypeForPresigning(payload: Record<string, unknown>): void {
  if (payload.isPresignRequest !== true) return;
  deleteHeader((payload.request as PreparedRequest).headers, 'content-type');
}

export function installPollyPresignContentType(events: HierarchicalEmitter): void {
  events.register('before-sign.polly.SynthesizeSpeech', removeContentTypeForPresigning);
}
