/**
 * S3 user metadata must be ASCII (botocore's validate_ascii_metadata, on the same three
 * events): each `Metadata` key and value becomes an `x-amz-meta-*` header, and S3 stores
 * metadata as US-ASCII over REST. A non-ASCII key or value is a ParamValidationError before
 * anything else runs, with botocore's wording and bounded excerpts of the pair.
 *
 * Runs before parameter validation (as botocore's does), so anything but a map of strings is
 * left for the validator to describe.
 */
import { ParamValidationError } from '../../errors';
import type { HierarchicalEmitter } from '../../events/emitter';
import { quoteExcerpt } from '../../util/excerpt';

const OPERATIONS_WITH_METADATA = ['PutObject', 'CopyObject', 'CreateMultipartUpload'];
const NON_ASCII = /[^\x00-\x7f]/;

function checkAsciiMetadata(payload: Record<string, unknown>): void {
  const metadata = (payload.params as Record<string, unknown>).Metadata;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return;
  for (const [key, value] of Object.entries(metadata)) {
    if (NON_ASCII.test(key) || (typeof value === 'string' && NON_ASCII.test(value))) {
      throw new ParamValidationError([
        `Non ascii characters found in S3 metadata for key ${quoteExcerpt(key)}, value: ${typeof value === 'string' ? quoteExcerpt(value) : String(value)}. S3 metadata can only contain ASCII characters.`,
      ]);
    }
  }
}

export function installS3AsciiMetadata(ev: HierarchicalEmitter): void {
  for (const op of OPERATIONS_WITH_METADATA) ev.register(`before-parameter-build.s3.${op}`, checkAsciiMetadata);
}
