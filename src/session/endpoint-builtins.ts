/**
 * Values for the endpoint rule sets' builtIn parameters, computed once per client from the
 * resolved config exactly as botocore's compute_endpoint_resolver_builtin_defaults does.
 * The names (AWS::S3::ForcePathStyle, ...) are data from the rule sets, not service branches.
 */
import type { ResolvedConfig } from '../session/config-resolver';

// Regions where sts_regional_endpoints=legacy still sends STS to the global endpoint.
const LEGACY_GLOBAL_STS_REGIONS = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

/** An `s3-accelerate[.dualstack].amazonaws.com` URL (botocore's is_s3_accelerate_url). */
function isS3AccelerateUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!u.hostname.endsWith('amazonaws.com') || !['http:', 'https:'].includes(u.protocol)) return false;
  const parts = u.hostname.split('.');
  if (parts[0] !== 's3-accelerate') return false;
  const features = parts.slice(1, -2);
  if (new Set(features).size !== features.length) return false;
  return features.every((f) => f === 'dualstack');
}

export function endpointBuiltIns(config: ResolvedConfig, region: string | undefined, configuredUrl: string | undefined): Record<string, unknown> {
  const s3 = config.s3;
  let forcePathStyle: boolean;
  if (s3.useAccelerateEndpoint) forcePathStyle = false;
  else if (configuredUrl !== undefined && !isS3AccelerateUrl(configuredUrl)) forcePathStyle = s3.addressingStyle !== 'virtual';
  else forcePathStyle = s3.addressingStyle === 'path';
  const given = configuredUrl !== undefined;
  return {
    'AWS::Region': region,
    // SDK::Endpoint cannot be combined with FIPS or dual-stack.
    'AWS::UseFIPS': !given && config.useFipsEndpoint,
    'AWS::UseDualStack': !given && config.useDualstackEndpoint,
    'AWS::STS::UseGlobalEndpoint': config.stsRegionalEndpoints === 'legacy' && region !== undefined && LEGACY_GLOBAL_STS_REGIONS.has(region),
    'AWS::S3::UseGlobalEndpoint': (s3.usEast1RegionalEndpoint ?? 'legacy') === 'legacy' && (region === undefined || region === 'us-east-1'),
    'AWS::S3::Accelerate': s3.useAccelerateEndpoint ?? false,
    'AWS::S3::ForcePathStyle': forcePathStyle,
    'AWS::S3::UseArnRegion': s3.useArnRegion ?? true,
    'AWS::S3Control::UseArnRegion': s3.useArnRegion ?? false,
    'AWS::S3::DisableMultiRegionAccessPoints': s3.disableMultiRegionAccessPoints ?? false,
    'AWS::S3::DisableS3ExpressSessionAuth': false,
    'SDK::Endpoint': configuredUrl,
    'AWS::Auth::AccountIdEndpointMode': config.accountIdEndpointMode,
  };
}
