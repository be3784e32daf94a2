/**
 * AWS Import/Export signs with SigV4 although its model says `signatureVersion: v2`: botocore's
 * ClientCreator._register_importexport_events registers a choose-signer.importexport handler
 * returning 'v4' ("previously switched to v4 via endpoints.json before endpoint rulesets"). It
 * means to skip clients with a configured signature version, but botocore calls it without the
 * client's config, so every client gets it, and a choose-signer answer overrides the configured
 * version too: boto3 1.43 signs Import/Export with SigV4 even with signature_version='v2'. The
 * client build records the same choice (src/pipeline/signature-version.ts reads it first).
 */
import type { HierarchicalEmitter } from '../events/emitter';
import type { ClientBuild } from '../client/client-build';

export function installImportExport(events: HierarchicalEmitter): void {
  events.register('creating-client-class.importexport', (p) => {
    (p.build as ClientBuild).signatureVersion = 'v4';
  });
}
