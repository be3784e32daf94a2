/**
 * The request context botocore's generate_presigned_url / generate_presigned_post build for any
 * service, and the helpers they use:
 *
 * - use_global_endpoint (signers._should_use_global_endpoint): the client is in the `aws`
 *   partition, not dual-stack, not virtual-addressed, and not us-east-1 (as Config's regionName)
 *   with `us_east_1_regional_endpoint = regional`; only S3's endpoint handler reads it;
 * - the signing region: the client's own, not the rule set's, unless the Bucket param is an ARN
 *   (_resolve_endpoint_ruleset's ignore_signing_region);
 * - the auth path an HMAC-v1 signature covers: the operation's recorded authPath with its labels
 *   rendered as the serializer renders the request URI (serialize._render_uri_template), less a
 *   leading ARN bucket segment (S3's remove_arn_from_signing_path, before-sign.s3: access points
 *   sign the key alone).
 */
import { legacyEndpoint } from '../endpoints';
import type { OperationModel } from '../models/service-model';
import type { ClientContext } from '../pipeline/context';
import { percentEncode } from '../util/percent-encode';

/** botocore's ArnParser.is_arn: `arn:` and six colon-separated parts. */
export function isArn(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('arn:') && value.split(':').length >= 6;
}

export function shouldUseGlobalEndpoint(ctx: ClientContext): boolean {
  const partition = legacyEndpoint(ctx.loader.loadData('endpoints'), ctx.service.metadata.endpointPrefix, ctx.region ?? 'us-east-1')?.partition;
  if (partition !== 'aws') return false;
  const config = ctx.config;
  if (config.useDualstackEndpoint) return false;
  if (config.s3.usEast1RegionalEndpoint === 'regional' && config.regionName === 'us-east-1') return false;
  return config.s3.addressingStyle !== 'virtual';
}

/** The region a presigned request signs for. */
export function presignRegion(ctx: ClientContext, params: Record<string, unknown>, ruleSetRegion: string): string {
  return isArn(params.Bucket) ? ruleSetRegion : ctx.endpoint.signingRegion();
}

/** The operation's authPath with `{Label}` / `{Label+}` filled from params, or undefined. */
export function renderAuthPath(op: OperationModel, params: Record<string, unknown>): string | undefined {
  const template = op.raw.http.authPath;
  if (template === undefined) return undefined;
  const byLocation = new Map<string, unknown>();
  const input = op.input;
  if (input) {
    for (const name of input.memberNames) {
      const member = input.member(name);
      const traits = member?.serialization;
      if (traits?.location === 'uri') byLocation.set(traits.name ?? name, params[name]);
    }
  }
  const path = template.replace(/\{([^}]+?)(\+?)\}/g, (_m, label: string, greedy: string) => {
    const value = String(byLocation.get(label) ?? '');
    // Greedy labels keep their slashes (percent_encode(value, safe='/~')).
    return greedy ? value.split('/').map(percentEncode).join('/') : percentEncode(value);
  });
  if (path.startsWith('/arn%3A')) {
    const parts = path.split('/');
    if (parts.length > 1 && isArn(decodeURIComponent(parts[1]))) return ['', ...parts.slice(2)].join('/');
  }
  return path;
}
