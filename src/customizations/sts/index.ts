/**
 * STS's customizations:
 *
 * - `AWS::STS::UseGlobalEndpoint`: with `sts_regional_endpoints = legacy`, the regions below
 *   still send STS to the global endpoint (botocore's compute_endpoint_resolver_builtin_defaults
 *   and _LEGACY_GLOBAL_STS_REGIONS);
 * - standard and adaptive retry modes retry STS's IDPCommunicationError (botocore's
 *   special.RetryIDPCommunicationError, checked when the service is STS).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ClientBuild } from '../../client/client-build';
import type { BuiltInProvider } from '../../endpoints/builtins';
import type { ServiceRetryChecks } from '../../retries';

// Regions where sts_regional_endpoints=legacy still sends STS to the global endpoint.
const LEGACY_GLOBAL_STS_REGIONS = new Set([
  'ap-northeast-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'aws-global', 'ca-central-1', 'eu-central-1',
  'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
]);

/** The code STS's standard and adaptive retries add. */
export const STS_RETRY_CHECKS: ServiceRetryChecks = { retryableErrorCodes: ['IDPCommunicationError'] };

const stsBuiltIns: BuiltInProvider = ({ config, region }) => ({
  'AWS::STS::UseGlobalEndpoint': config.stsRegionalEndpoints === 'legacy' && region !== undefined && LEGACY_GLOBAL_STS_REGIONS.has(region),
});

/** Registers STS's client-creation changes on a session's events. */
export function installSts(events: HierarchicalEmitter): void {
  events.register('creating-client-class.sts', (p) => {
    const build = p.build as ClientBuild;
    build.endpointBuiltIns.push(stsBuiltIns);
    build.retryChecks = STS_RETRY_CHECKS;
  });
}
