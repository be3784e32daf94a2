/**
 * Route 53's parameter customization, botocore's `fix_route53_ids`
 * (`before-parameter-build.route53`): a top-level input member whose shape is ResourceId,
 * DelegationSetId or ChangeId keeps only what follows its last `/`, so ids as Route 53 returns
 * them (`/hostedzone/Z1`, `/change/C2`, `/delegationset/N3`) can be passed back as they are.
 * Only string values are split (botocore would fail on anything else; validation reports it).
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { OperationModel } from '../../models/service-model';

const ID_SHAPES = new Set(['ResourceId', 'DelegationSetId', 'ChangeId']);

/** Registers the id fix on a session's events. */
export function installRoute53Ids(events: HierarchicalEmitter): void {
  events.register('before-parameter-build.route-53', (p) => {
    const input = (p.operation as OperationModel).input;
    if (!input) return;
    const params = p.params as Record<string, unknown>;
    for (const [name, member] of Object.entries(input.members)) {
      const value = params[name];
      if (ID_SHAPES.has(member.name) && typeof value === 'string') params[name] = value.slice(value.lastIndexOf('/') + 1);
    }
  });
}
