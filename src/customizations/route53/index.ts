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

// The id members of each operation, found once (the input shape never changes).
const idMembersOf = new WeakMap<OperationModel, string[]>();

function idMembers(op: OperationModel): string[] {
  let names = idMembersOf.get(op);
  if (!names) {
    const input = op.input;
    names = input ? Object.entries(input.members).filter(([, member]) => ID_SHAPES.has(member.name)).map(([name]) => name) : [];
    idMembersOf.set(op, names);
  }
  return names;
}

/** Registers the id fix on a session's events. */
export function installRoute53Ids(events: HierarchicalEmitter): void {
  events.register('before-parameter-build.route-53', (p) => {
    const params = p.params as Record<string, unknown>;
    for (const name of idMembers(p.operation as OperationModel)) {
      const value = params[name];
      if (typeof value === 'string') params[name] = value.slice(value.lastIndexOf('/') + 1);
    }
  });
}
