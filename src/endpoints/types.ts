/**
 * Plain data types of endpoint resolution: what the rules engine returns and how a rule set
 * declares its parameters.
 */

/** The endpoint a rule set resolved to. Headers keep every value the rule listed. */
export interface ResolvedEndpoint {
  url: string;
  headers: Record<string, string[]>;
  /** Free-form properties, e.g. `authSchemes`, `backend`. */
  properties: Record<string, unknown>;
}

/** One entry of a rule set's `parameters` (botocore accepts `String`/`Boolean` too). */
export interface EndpointParameterDefinition {
  type: 'string' | 'boolean' | 'stringArray' | string;
  builtIn?: string;
  default?: unknown;
  required?: boolean;
  documentation?: string;
  deprecated?: { message?: string; since?: string };
}

/** The built-in parameter names botocore knows (EndpointResolverBuiltins). */
export const KNOWN_BUILT_INS = new Set<string>([
  'AWS::Region',
  'AWS::UseFIPS',
  'AWS::UseDualStack',
  'AWS::STS::UseGlobalEndpoint',
  'AWS::S3::UseGlobalEndpoint',
  'AWS::S3::Accelerate',
  'AWS::S3::ForcePathStyle',
  'AWS::S3::UseArnRegion',
  'AWS::S3Control::UseArnRegion',
  'AWS::S3::DisableMultiRegionAccessPoints',
  'AWS::S3::DisableS3ExpressSessionAuth',
  'SDK::Endpoint',
  'AWS::Auth::AccountId',
  'AWS::Auth::AccountIdEndpointMode',
]);
