/**
 * S3 presigning choices (botocore ClientCreator._set_s3_presign_signature_version, the presign
 * half of handlers.customize_endpoint_resolver_builtins, and the S3 rules botocore keeps in its
 * generic generate_presigned_url), with botojs's deliberate default:
 *
 * - Signer: SigV4 at the regional endpoint, the x-amz-* headers hoisted into the query
 *   (src/signing/presign-url.ts). boto3 1.43 instead presigns with S3's legacy HMAC-SHA1 in the
 *   regions whose endpoints.json entry lists the `s3` signature version, on the global
 *   endpoint; buckets created since mid-2020 refuse those URLs (docs/DESIGN.md). That is the
 *   opt-in `Config({ signatureVersion: 's3' })` (src/signing/hmac-v1.ts), for URLs and POSTs;
 *   SigV4a and S3 Express endpoints keep their own signers.
 * - Endpoint, with that opt-in only: presigned requests go to the global endpoint (Region
 *   `aws-global`, UseGlobalEndpoint) when the client may use it (botocore's
 *   _should_use_global_endpoint: aws partition, no dual-stack, not virtual-addressed, not
 *   us-east-1 with regional endpoints) and the bucket allows it: a valid host label, no path
 *   style asked for, not an ARN, not an S3 Express bucket. Registered after installS3, so
 *   GetBucketLocation's and ARNs' path-style choices are seen first, as in botocore's single
 *   handler.
 * - Region: a presigned request signs for the client's region, except for an ARN bucket, which
 *   signs for the region the rule set chose (botocore's ignore_signing_region); S3 Control too.
 *   A bucket whose region the client learned from a redirect signs for that region too, where
 *   botocore keeps the client's (its URL goes to the bucket's region with the wrong scope).
 * - HMAC-SHA1 signs the operation's auth path (`/bucket/key`, kept by the model patch in
 *   index.ts) with its labels rendered as the request URI renders them, less a leading ARN
 *   bucket segment (botocore's remove_arn_from_signing_path: access points sign the key alone).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { ClientContext } from '../../pipeline/context';
import type { PresignCall, PresignHooks } from '../../pipeline/prepare-options';
import type { AuthPlan } from '../../pipeline/make-api-call';
import type { OperationModel } from '../../models/service-model';
import { signingCredentials } from '../../pipeline/signing-credentials';
import { legacyEndpoint } from '../../endpoints';
import { presignHmacV1Url } from '../../signing/hmac-v1';
import { renderUriTemplate } from '../../protocols/serialize/uri';
import { uriLabelValues } from '../../protocols/serialize/rest';
import { isArn } from '../arn';
import { redirectedRegion } from './region-redirect';

// botocore's VALID_HOST_LABEL_RE: 1-63 letters, digits and hyphens, not starting or ending with one.
const VALID_HOST_LABEL = /^(?!-)[a-zA-Z0-9-]{1,63}$/;

function validHostLabel(bucket: string): boolean {
  return VALID_HOST_LABEL.test(bucket) && !bucket.endsWith('-');
}

/**
 * An ARN bucket signs for the rule set's region, and so does a bucket whose region a redirect
 * taught the client (region-redirect.ts: its endpoint is that region's); any other for the client's.
 */
const arnBucketRegion: PresignHooks['signingRegion'] = (ctx, params, ruleSetRegion) =>
  isArn(params.Bucket) || redirectedRegion(ctx, params.Bucket) !== undefined ? ruleSetRegion : undefined;

/** botocore's signers._should_use_global_endpoint for one client. */
function shouldUseGlobalEndpoint(ctx: ClientContext): boolean {
  const partition = legacyEndpoint(ctx.loader.loadData('endpoints'), ctx.service.metadata.endpointPrefix, ctx.region ?? 'us-east-1')?.partition;
  if (partition !== 'aws') return false;
  const config = ctx.config;
  if (config.useDualstackEndpoint) return false;
  if (config.s3.usEast1RegionalEndpoint === 'regional' && config.regionName === 'us-east-1') return false;
  return config.s3.addressingStyle !== 'virtual';
}

/** Whether HMAC-SHA1 may sign a request the endpoint planned: plain SigV4 only (SigV4a and S3 Express keep theirs). */
export function hmacV1Signs(auth: AuthPlan): boolean {
  return auth.kind === 'sigv4' && auth.scheme !== 'sigv4-s3express';
}

/**
 * The operation's authPath with its labels rendered as the request URI renders them (one
 * renderer, src/protocols/serialize/uri.ts, from the same label values), or undefined.
 */
export function renderAuthPath(op: OperationModel, params: Record<string, unknown>): string | undefined {
  const template = op.raw.http.authPath;
  if (template === undefined) return undefined;
  const path = renderUriTemplate(template, op.input ? uriLabelValues(op.input, params) : new Map());
  if (path.startsWith('/arn%3A')) {
    const parts = path.split('/');
    if (parts.length > 1 && isArn(decodeURIComponent(parts[1]))) return ['', ...parts.slice(2)].join('/');
  }
  return path;
}

async function hmacV1Url(ctx: ClientContext, call: PresignCall): Promise<string> {
  const creds = await signingCredentials(ctx);
  return presignHmacV1Url(call.request, creds, { expiresIn: call.expiresIn, date: ctx.clockSkew.now(), authPath: renderAuthPath(call.operation, call.params) });
}

/** The presign rules of an S3 client: HMAC-SHA1 and the global endpoint only with the opt-in. */
function s3PresignHooks(hmacV1: boolean): PresignHooks {
  if (!hmacV1) return { signingRegion: arnBucketRegion };
  return {
    signingRegion: arnBucketRegion,
    useGlobalEndpoint: shouldUseGlobalEndpoint,
    signUrl: (ctx, call) => (hmacV1Signs(call.auth) ? hmacV1Url(ctx, call) : undefined),
  };
}

/** Registers the presign rules (signer, global endpoint, ARN signing region) on a session's events. */
export function installS3Presign(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => {
    const build = p.build as ClientBuild;
    build.presign = s3PresignHooks(build.config.signatureVersion === 's3');
  });
  events.register('creating-client-class.s3-control', (p) => {
    (p.build as ClientBuild).presign = { signingRegion: arnBucketRegion };
  });
  events.register('before-endpoint-resolution.s3', (p) => {
    if (!p.context.useGlobalEndpoint) return;
    const builtIns = p.builtIns;
    const bucket = p.params.Bucket;
    const name = typeof bucket === 'string' ? bucket : undefined;
    const pathStyleRequired = name !== undefined && !validHostLabel(name);
    if (pathStyleRequired || builtIns['AWS::S3::ForcePathStyle'] === true || (name !== undefined && (isArn(name) || name.endsWith('--x-s3')))) return;
    builtIns['AWS::Region'] = 'aws-global';
    builtIns['AWS::S3::UseGlobalEndpoint'] = true;
  });
}
