/**
 * Amazon Glacier's request customizations (botocore handlers.py):
 *
 * - inject_account_id (before-parameter-build.glacier): `accountId` defaults to `-`, the
 *   caller's own account, when absent or null (presigned URLs too);
 * - add_glacier_version (before-call.glacier): `x-amz-glacier-version: <the model's apiVersion>`;
 * - add_glacier_checksums (before-call.glacier.UploadArchive / UploadMultipartPart):
 *   `x-amz-content-sha256` (SHA-256 of the body) and `x-amz-sha256-tree-hash` (tree-hash.ts),
 *   each only when the request does not carry it already (a `checksum` param is the tree hash).
 *
 * botocore's before-call sees the serialized request before its checksum stage, which is
 * botojs's before-checksum; like before-call it is not part of presigning, so a presigned URL
 * gets neither header. The hashes need the body in memory: a stream body is sent without them
 * (botocore would read and rewind a seekable file; botojs never buffers a stream), so pass
 * `checksum` with it.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec } from '../../protocols/types';
import { sha256TreeHash } from './tree-hash';
import { createHash } from 'crypto';

function inMemory(body: unknown): Buffer | undefined {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

export function installGlacier(events: HierarchicalEmitter): void {
  events.register('before-parameter-build.glacier', (p) => {
    const params = p.params as Record<string, unknown>;
    if (params.accountId === undefined || params.accountId === null) params.accountId = '-';
  });
  // Handlers of the more specific event run first: the checksum headers precede
  // x-amz-glacier-version, as in botocore's request.
  for (const op of ['UploadArchive', 'UploadMultipartPart']) {
    events.register(`before-checksum.glacier.${op}`, (p) => {
      if (p.isPresign) return;
      const request = p.request as HttpRequestSpec;
      const body = inMemory(request.body);
      if (!body) return;
      // botocore tests these names as written (request_dict headers are a plain dict).
      if (!('x-amz-content-sha256' in request.headers)) request.headers['x-amz-content-sha256'] = createHash('sha256').update(body).digest('hex');
      if (!('x-amz-sha256-tree-hash' in request.headers)) request.headers['x-amz-sha256-tree-hash'] = sha256TreeHash(body);
    });
  }
  events.register('before-checksum.glacier', (p) => {
    if (p.isPresign) return;
    (p.request as HttpRequestSpec).headers['x-amz-glacier-version'] = (p.operation as OperationModel).service.apiVersion;
  });
}
