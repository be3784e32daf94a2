/**
 * boto3's parameter aliases (botocore handlers._add_parameter_aliases, ParameterAlias): a
 * second name for a member whose model name is awkward, accepted in calls as the member.
 *
 * - EC2, every operation whose input has `Filter` (DescribeHosts, DescribeFlowLogs, ...):
 *   `Filters`, the name the rest of EC2 uses;
 * - CloudWatch Logs CreateExportTask: `fromTime` for `from`;
 * - CloudSearch Domain Search: `returnFields` for `return`.
 *
 * On `before-parameter-build`, when the operation's input models the original name, a given
 * alias is renamed to it; giving both is botocore's AliasConflictParameterError. An alias left
 * undefined counts as not given (JS's absent member). Registered first on the service's event,
 * so the call's other handlers see the model's name, after a Stubber's check (which sees the
 * caller's spelling, as botocore's does).
 */
import { AliasConflictParameterError } from '../errors';
import type { HierarchicalEmitter } from '../events/emitter';
import type { OperationModel } from '../models/service-model';

export interface ParameterAlias {
  /** Service id as events spell it (hyphenized), e.g. `cloudwatch-logs`. */
  service: string;
  /** The one operation it applies to; every operation of the service when absent. */
  operation?: string;
  original: string;
  alias: string;
}

/** Also read by `botojs types` (type-hints.ts), so the declarations accept the aliases. */
export const PARAMETER_ALIASES: readonly ParameterAlias[] = [
  { service: 'ec2', original: 'Filter', alias: 'Filters' },
  { service: 'cloudwatch-logs', operation: 'CreateExportTask', original: 'from', alias: 'fromTime' },
  { service: 'cloudsearch-domain', operation: 'Search', original: 'return', alias: 'returnFields' },
];

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function applyAlias(a: ParameterAlias, params: Record<string, unknown>, op: OperationModel): void {
  if (a.operation !== undefined && op.name !== a.operation) return;
  // Only where the input models the original name (most EC2 operations have `Filters` itself).
  if (!op.input?.member(a.original) || !has(params, a.alias)) return;
  const value = params[a.alias];
  delete params[a.alias];
  if (value === undefined) return;
  if (params[a.original] !== undefined) throw new AliasConflictParameterError(a.original, a.alias, op.name);
  params[a.original] = value;
}

/** Registers the aliases on a session's events. */
export function installParameterAliases(events: HierarchicalEmitter): void {
  for (const a of PARAMETER_ALIASES) {
    events.register(
      `before-parameter-build.${a.service}`,
      (p) => applyAlias(a, p.params as Record<string, unknown>, p.operation as OperationModel),
      { first: true },
    );
  }
}
