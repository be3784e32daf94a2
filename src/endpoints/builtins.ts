/**
 * Values for the endpoint rule sets' builtIn parameters that every service shares, computed
 * once per client from the resolved config as botocore's
 * compute_endpoint_resolver_builtin_defaults does. The service-specific ones (`AWS::S3::*`,
 * `AWS::S3Control::*`, `AWS::STS::*`) come from the services' customizations, through
 * ClientBuild.endpointBuiltIns (src/client/client-build.ts; src/customizations/s3/endpoint-builtins.ts, src/customizations/sts/).
 */
import type { ResolvedConfig } from '../config/config-resolver';

/** What a builtIn value may depend on: the client's resolved settings. */
export interface BuiltInInput {
  config: ResolvedConfig;
  region: string | undefined;
  /** endpoint_url from the client, the environment or the config file. */
  configuredUrl: string | undefined;
}

/** A customization's builtIn values for one client (merged over the shared ones). */
export type BuiltInProvider = (input: BuiltInInput) => Record<string, unknown>;

export function endpointBuiltIns(input: BuiltInInput, providers: readonly BuiltInProvider[] = []): Record<string, unknown> {
  const { config, region, configuredUrl } = input;
  const given = configuredUrl !== undefined;
  const builtIns: Record<string, unknown> = {
    'AWS::Region': region,
    // SDK::Endpoint cannot be combined with FIPS or dual-stack.
    'AWS::UseFIPS': !given && config.useFipsEndpoint,
    'AWS::UseDualStack': !given && config.useDualstackEndpoint,
    'SDK::Endpoint': configuredUrl,
    'AWS::Auth::AccountIdEndpointMode': config.accountIdEndpointMode,
  };
  for (const provide of providers) Object.assign(builtIns, provide(input));
  return builtIns;
}
