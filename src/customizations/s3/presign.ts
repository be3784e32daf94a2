/**
 * S3 presigning choices (botocore ClientCreator._set_s3_presign_signature_version and the presign
 * half of handlers.customize_endpoint_resolver_builtins), with botojs's deliberate default:
 *
 * - Signer: SigV4 at the regional endpoint, the x-amz-* headers hoisted into the query
 *   (src/signing/presign-url.ts). boto3 1.43 instead presigns with S3's legacy HMAC-SHA1 in the
 *   regions whose endpoints.json entry lists the `s3` signature version, on the global
 *   endpoint; buckets created since mid-2020 refuse those URLs (docs/DESIGN.md). That is the
 *   opt-in `Config({ signatureVersion: 's3' })` (src/signing/hmac-v1.ts).
 * - Endpoint, with that opt-in only: presigned requests go to the global endpoint (Region
 *   `aws-global`, UseGlobalEndpoint) when the client may use it (aws partition, no dual-stack,
 *   not virtual-addressed, not us-east-1 with regional endpoints: src/client/presign-context.ts)
 *   and the bucket allows it: a valid host label, no path style asked for, not an ARN, not an
 *   S3 Express bucket. Registered after installS3, so GetBucketLocation's and ARNs' path-style
 *   choices are seen first, as in botocore's single handler.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../session/create-client';
import type { PrepareOptions } from '../../pipeline/prepare-options';
import { isArn } from '../../client/presign-context';

// botocore's VALID_HOST_LABEL_RE: 1-63 letters, digits and hyphens, not starting or ending with one.
const VALID_HOST_LABEL = /^(?!-)[a-zA-Z0-9-]{1,63}$/;

function validHostLabel(bucket: string): boolean {
  return VALID_HOST_LABEL.test(bucket) && !bucket.endsWith('-');
}

/** Registers the presign signer choice and the global-endpoint rule on a session's events. */
export function installS3Presign(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => {
    const build = p.build as ClientBuild;
    if (build.config.signatureVersion === 's3') build.presignSignatureVersion = 's3';
  });
  events.register('before-endpoint-resolution.s3', (p) => {
    const context = p.context as PrepareOptions | undefined;
    if (!context?.useGlobalEndpoint) return;
    const builtIns = p.builtIns as Record<string, unknown>;
    const bucket = (p.params as Record<string, unknown>).Bucket;
    const name = typeof bucket === 'string' ? bucket : undefined;
    const pathStyleRequired = name !== undefined && !validHostLabel(name);
    if (pathStyleRequired || builtIns['AWS::S3::ForcePathStyle'] === true || (name !== undefined && (isArn(name) || name.endsWith('--x-s3')))) return;
    builtIns['AWS::Region'] = 'aws-global';
    builtIns['AWS::S3::UseGlobalEndpoint'] = true;
  });
}
