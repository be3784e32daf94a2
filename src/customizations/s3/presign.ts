/**
 * How boto3 presigns S3 (botocore ClientCreator._set_s3_presign_signature_version and the
 * presign half of handlers.customize_endpoint_resolver_builtins):
 *
 * - Signer: unless a signature version is configured, presigned URLs and POSTs use S3's legacy
 *   HMAC-SHA1 signature (src/signing/hmac-v1.ts) in every region endpoints.json knows for S3
 *   (or `aws-global`) whose endpoint lists the `s3` signature version: us-east-1, us-west-1,
 *   us-west-2, eu-west-1, ap-northeast-1, ap-southeast-1/2, sa-east-1, GovCloud. Newer regions
 *   stay SigV4. SigV4a (multi-region access points) and S3 Express keep their own signers.
 *   With HMAC-SHA1 the x-amz-* headers (metadata, ACL, SSE, ...) and Content-Type travel in the
 *   URL's query, so a plain PUT of the URL stores them.
 * - Endpoint: a presigned request is addressed to the global endpoint (Region `aws-global`,
 *   UseGlobalEndpoint) when the client may use it (aws partition, no dual-stack, not
 *   virtual-addressed, not us-east-1 with regional endpoints: src/client/presign-context.ts)
 *   and the bucket allows it: a valid host label, no path style asked for, not an ARN, not an
 *   S3 Express bucket. Registered after installS3, so GetBucketLocation's and ARNs' path-style
 *   choices are seen first, as in botocore's single handler.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../session/create-client';
import { legacyEndpoint, regionalEndpointNames } from '../../endpoints';
import type { PrepareOptions } from '../../pipeline/prepare-options';
import { isArn } from '../../client/presign-context';

// botocore's VALID_HOST_LABEL_RE: 1-63 letters, digits and hyphens, not starting or ending with one.
const VALID_HOST_LABEL = /^(?!-)[a-zA-Z0-9-]{1,63}$/;

function validHostLabel(bucket: string): boolean {
  return VALID_HOST_LABEL.test(bucket) && !bucket.endsWith('-');
}

/**
 * Whether boto3 would presign with HMAC-SHA1 for this client's region (kept for reference and
 * for `presignSignatureVersion`'s explanation; botojs does not use it by default, see below).
 */
export function boto3PresignsWithHmacV1(build: ClientBuild): boolean {
  const region = build.region;
  if (build.config.signatureVersion !== undefined || region === undefined) return false;
  const data = build.loader.loadData('endpoints');
  const endpoint = legacyEndpoint(data, 's3', region);
  if (!endpoint) return false;
  if (region !== 'aws-global' && !regionalEndpointNames(data, 's3', endpoint.partition).includes(region)) return false;
  return (endpoint.signatureVersions ?? []).includes('s3');
}

/**
 * Deliberately different from boto3 1.43 (docs/DESIGN.md): by default botojs presigns S3 with
 * SigV4 at the regional endpoint, hoisting x-amz-* headers into the query
 * (src/signing/presign-url.ts). boto3's default HMAC-SHA1 URLs on the global endpoint are
 * refused by buckets created since mid-2020 and by newer regions; they are available as an
 * opt-in, `Config({ signatureVersion: 's3' })`, which also brings the global endpoint.
 */
export function installS3Presign(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => {
    const build = p.build as ClientBuild;
    build.presignSignatureVersion = () => (build.config.signatureVersion === 's3' ? 's3' : undefined);
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
