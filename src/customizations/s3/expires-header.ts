/**
 * S3's `Expires` header, botocore's `handle_expires_header` (`before-parse.s3.*`). For outputs
 * with an Expires member (GetObject, HeadObject), the header's raw text is returned as
 * `ExpiresString` whenever it is not empty, error responses included. A value that does not
 * parse as a timestamp is removed from the response headers before parsing, so `Expires` is
 * absent (and so is `expires` in ResponseMetadata.HTTPHeaders) instead of failing the call.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import { parseTimestamp } from '../../protocols/parse/timestamps';
import type { RawResponse } from '../../protocols/types';
import { findHeader } from '../../util/headers';

/** botocore's _has_expires_shape: a member of shape `Expires` bound to the `Expires` header. */
function hasExpiresShape(shape: Shape | undefined): boolean {
  if (!shape) return false;
  return shape.memberNames.some((name) => {
    const member = shape.members[name];
    return member.name === 'Expires' && member.serialization.name === 'Expires';
  });
}

// Decided once per operation: every S3 response asks.
const expiresOutput = new WeakMap<OperationModel, boolean>();

function hasExpiresOutput(op: OperationModel): boolean {
  let has = expiresOutput.get(op);
  if (has === undefined) expiresOutput.set(op, (has = hasExpiresShape(op.output)));
  return has;
}


/** Registers the Expires handling on a session's events. */
export function installS3ExpiresHeader(events: HierarchicalEmitter): void {
  events.register('before-parse.s3', (p) => {
    if (!hasExpiresOutput(p.operation)) return;
    const raw = p.response as RawResponse;
    // RawResponse promises lower-case names; any spelling is found all the same.
    const key = findHeader(raw.headers, 'expires');
    const value = key === undefined ? undefined : raw.headers[key];
    // An empty header is skipped, as botocore's truthiness test (its parse then fails, as there).
    if (key === undefined || !value) return;
    try {
      parseTimestamp(value);
    } catch {
      delete raw.headers[key];
    }
    p.customizedResponse.ExpiresString = value;
  });
}
