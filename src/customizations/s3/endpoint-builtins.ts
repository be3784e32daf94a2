/**
 * S3's and S3 Control's builtIn endpoint parameters, from the client's `s3` config
 * (botocore's compute_endpoint_resolver_builtin_defaults): addressing style, accelerate,
 * us-east-1's global endpoint, ARN regions, multi-region access points, S3 Express session auth. Added to each client's
 * built-ins at `creating-client-class`; per-call changes are index.ts's and presign.ts's
 * before-endpoint-resolution handlers.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { BuiltInProvider } from '../../endpoints/builtins';

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

/**
 * The us-east-1 endpoint setting, checked as botocore checks it for S3 and S3 Control clients
 * only (InvalidS3UsEast1RegionalEndpointConfigError): a bad value breaks no other client.
 */
function usEast1RegionalEndpoint(value: string | undefined): 'legacy' | 'regional' {
  if (value === undefined) return 'legacy';
  if (value !== 'legacy' && value !== 'regional') {
    throw new TypeError(`S3 us-east-1 regional endpoint option '${value}' is invalid (AWS_S3_US_EAST_1_REGIONAL_ENDPOINT / s3_us_east_1_regional_endpoint / Config s3.usEast1RegionalEndpoint): use 'legacy' or 'regional'`);
  }
  return value;
}

const s3BuiltIns: BuiltInProvider = ({ config, region, configuredUrl }) => {
  const s3 = config.s3;
  let forcePathStyle: boolean;
  if (s3.useAccelerateEndpoint) forcePathStyle = false;
  else if (configuredUrl !== undefined && !isS3AccelerateUrl(configuredUrl)) forcePathStyle = s3.addressingStyle !== 'virtual';
  else forcePathStyle = s3.addressingStyle === 'path';
  return {
    'AWS::S3::UseGlobalEndpoint': usEast1RegionalEndpoint(s3.usEast1RegionalEndpoint) === 'legacy' && (region === undefined || region === 'us-east-1'),
    'AWS::S3::Accelerate': s3.useAccelerateEndpoint ?? false,
    'AWS::S3::ForcePathStyle': forcePathStyle,
    'AWS::S3::UseArnRegion': s3.useArnRegion ?? true,
    'AWS::S3::DisableMultiRegionAccessPoints': s3.disableMultiRegionAccessPoints ?? false,
    'AWS::S3::DisableS3ExpressSessionAuth': s3.disableS3ExpressSessionAuth ?? false,
  };
};

const s3ControlBuiltIns: BuiltInProvider = ({ config }) => {
  usEast1RegionalEndpoint(config.s3.usEast1RegionalEndpoint);
  return { 'AWS::S3Control::UseArnRegion': config.s3.useArnRegion ?? false };
};

/** Registers the built-in providers for S3 and S3 Control clients on a session's events. */
export function installS3EndpointBuiltIns(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3', (p) => void (p.build as ClientBuild).endpointBuiltIns.push(s3BuiltIns));
  events.register('creating-client-class.s3-control', (p) => void (p.build as ClientBuild).endpointBuiltIns.push(s3ControlBuiltIns));
}
