/**
 * The signing names whose services may switch to a bearer token found in the environment
 * (`AWS_BEARER_TOKEN_BEDROCK`), botocore's get_bearer_auth_supported_services: Bedrock and
 * Bedrock Runtime, which sign as `bedrock`. The switch itself is generic (src/pipeline/choose-auth.ts).
 * Added to every client, since the list is keyed by signing name, not by service.
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { ClientBuild } from '../client/client-build';

const SIGNING_NAMES = ['bedrock'];

export function installBedrockBearerToken(events: HierarchicalEmitter): void {
  events.register('creating-client-class', (p) => void (p.build as ClientBuild).environmentBearerSigningNames.push(...SIGNING_NAMES));
}
