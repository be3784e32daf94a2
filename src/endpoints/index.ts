/**
 * Endpoint resolution: the rules engine over endpoint-rule-set-1.json, parameter binding from
 * the model and call, auth-scheme selection, and configured endpoint URLs.
 */
export type { ResolvedEndpoint, EndpointParameterDefinition } from './types';
export { resolveEndpoint, compileRuleSet, CompiledRuleSet } from './rule-set';
export { buildEndpointParams } from './endpoint-params';
export type { BuildEndpointParamsArgs, EndpointBuiltIns } from './endpoint-params';
export { selectAuthScheme } from './auth-scheme';
export {
  clientSigningName,
  globalEndpointName,
  legacyEndpoint,
  legacySigningName,
  legacySigningRegion,
  partitionNames,
  regionalEndpointNames,
  scopedSigningNamePrefixes,
  SCOPED_SIGNING_NAMES_FILE,
} from './legacy-endpoint';
export type { LegacyEndpoint } from './legacy-endpoint';
export type { AuthSchemeSelection } from './auth-scheme';
export {
  resolveConfiguredEndpointUrl,
  serviceEndpointEnvVar,
  serviceIdSnakeCase,
} from './configured-endpoint-url';
export type { ConfiguredEndpointUrlArgs } from './configured-endpoint-url';
