/**
 * S3 Control's model patch, botocore's `remove_accid_host_prefix_from_model`
 * (`before-parameter-build.s3-control`): an operation whose endpoint hostPrefix is
 * `{AccountId}.` and whose static context parameter RequiresAccountId is true loses the
 * hostPrefix, because the endpoint rule set already puts the account id in the host; with both,
 * the host would be `123456789012.123456789012.s3-control...`. The RequiresAccountId parameter
 * stays, so the rule set still does. botocore patches each operation on its first call; botojs
 * patches the whole model once, when the first S3 Control client is built (the same end state).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { ServiceModel } from '../../models/service-model';
import type { ClientBuild } from '../../client/client-build';

const ACCOUNT_ID_PREFIX = '{AccountId}.';
const patched = new WeakSet<ServiceModel>();

function removeAccountIdHostPrefix(service: ServiceModel): void {
  if (patched.has(service)) return;
  patched.add(service);
  for (const name of service.operationNames) {
    const op = service.raw.operations[name];
    const requiresAccountId = op.staticContextParams?.RequiresAccountId?.value === true;
    // Only the key goes, as botocore deletes it from the operation's endpoint dict.
    if (op.endpoint?.hostPrefix === ACCOUNT_ID_PREFIX && requiresAccountId) delete (op.endpoint as { hostPrefix?: string }).hostPrefix;
  }
}

/** Registers S3 Control's model patch on a session's events. */
export function installS3ControlHostPrefix(events: HierarchicalEmitter): void {
  events.register('creating-client-class.s3-control', (p) => removeAccountIdHostPrefix((p.build as ClientBuild).service));
}
