/**
 * Binds a rule set's parameters for one call, in botocore's order of precedence
 * (EndpointRulesetResolver._get_provider_params): for each declared parameter, the first value
 * that is set among
 *   1. the operation's `staticContextParams`,
 *   2. an input member carrying `contextParam: { name }`,
 *   3. the operation's `operationContextParams` (a JMESPath over the input),
 *   4. client context params (only names the model declares in `clientContextParams`),
 *   5. the parameter's `builtIn` value.
 * Service customizations (e.g. S3's path-style rules) adjust `builtIns` before calling this.
 */
import type * as Jmespath from 'jmespath';

// Required on first use: only operationContextParams need it.
let jmespathLib: typeof Jmespath | undefined;
const jmespath = {
  search(data: unknown, expression: string): unknown {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    jmespathLib ??= require('jmespath') as typeof Jmespath;
    return jmespathLib.search(data as never, expression);
  },
};
import { EndpointResolutionError } from '../errors';
import type { OperationModel } from '../models/service-model';
import { CompiledRuleSet } from './rule-set';
import { isRecord } from './standard-library';
import { EndpointParameterDefinition, KNOWN_BUILT_INS } from './types';

/**
 * Built-in values by name (`AWS::Region`, `SDK::Endpoint`, a service's `AWS::S3::*`; KNOWN_BUILT_INS
 * lists them); a function value is called lazily (botocore's deferred builtins).
 */
export type EndpointBuiltIns = Partial<Record<string, unknown>>;

export interface BuildEndpointParamsArgs {
  /** The parsed endpoint-rule-set-1.json (or a CompiledRuleSet). */
  ruleSet: unknown;
  operation: OperationModel;
  /** The call's input, PascalCase members as the API names them. */
  input: Record<string, unknown>;
  builtIns: EndpointBuiltIns;
  /** Client context params by model name (`ForcePathStyle`), camelCase or snake_case. */
  clientContextParams: Record<string, unknown>;
}

interface OperationBindings {
  statics: Record<string, unknown>;
  /** endpoint parameter name -> input member name */
  members: Record<string, string>;
  /** endpoint parameter name -> JMESPath expression */
  paths: Record<string, string>;
}

const bindingCache = new WeakMap<OperationModel, OperationBindings>();

function operationBindings(operation: OperationModel): OperationBindings {
  let b = bindingCache.get(operation);
  if (b) return b;
  const statics: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(operation.raw.staticContextParams ?? {})) statics[name] = spec.value;
  const paths: Record<string, string> = {};
  for (const [name, spec] of Object.entries(operation.raw.operationContextParams ?? {})) paths[name] = spec.path;
  const members: Record<string, string> = {};
  // Read the raw member references: no need to resolve member shapes for a trait on the ref.
  const inputRef = operation.raw.input;
  const inputShape = inputRef ? operation.service.raw.shapes?.[inputRef.shape] : undefined;
  for (const [memberName, ref] of Object.entries(inputShape?.members ?? {})) {
    const ctx = ref.contextParam;
    if (isRecord(ctx) && typeof ctx.name === 'string') members[ctx.name] = memberName;
  }
  b = { statics, members, paths };
  bindingCache.set(operation, b);
  return b;
}

/** `ForcePathStyle`, `forcePathStyle` and `force_path_style` all normalize to one key. */
function normalizeKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

function parameterDefinitions(ruleSet: unknown): Record<string, EndpointParameterDefinition> {
  if (ruleSet instanceof CompiledRuleSet) return ruleSet.parameters;
  if (isRecord(ruleSet) && isRecord(ruleSet.parameters)) {
    return ruleSet.parameters as Record<string, EndpointParameterDefinition>;
  }
  throw new EndpointResolutionError('Malformed endpoint rule set: no parameters');
}

function isUnset(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * The parameter values `resolveEndpoint` needs for one call. Unset parameters are omitted
 * (the rule set's defaults apply there).
 *
 * @example
 * buildEndpointParams({ ruleSet, operation: s3Model.operation('GetObject'), input: { Bucket: 'b', Key: 'k' },
 *   builtIns: { 'AWS::Region': 'us-east-1' }, clientContextParams: { ForcePathStyle: true } })
 * // { Bucket: 'b', Key: 'k', Region: 'us-east-1', ForcePathStyle: true }
 */
export function buildEndpointParams(args: BuildEndpointParamsArgs): Record<string, unknown> {
  const plan = planFor(args.operation, parameterDefinitions(args.ruleSet));
  let clientContext: Map<string, unknown> | undefined;
  const input = args.input ?? {};

  const out: Record<string, unknown> = {};
  for (const p of plan) {
    let value: unknown = p.staticValue;
    if (isUnset(value) && p.member !== undefined) value = input[p.member];
    if (isUnset(value) && p.path !== undefined) value = jmespath.search(input, p.path);
    if (isUnset(value) && p.clientDeclared) {
      clientContext ??= normalizedClientContext(args.clientContextParams);
      value = clientContext.get(p.normalizedName);
    }
    if (isUnset(value) && p.builtIn !== undefined) value = builtInValue(p.builtIn, args.builtIns);
    if (!isUnset(value)) out[p.name] = value;
  }
  return out;
}

/** Where one parameter's value can come from for one operation, worked out once. */
interface ParameterPlan {
  name: string;
  normalizedName: string;
  staticValue: unknown;
  member?: string;
  path?: string;
  clientDeclared: boolean;
  builtIn?: string;
}

const plans = new WeakMap<OperationModel, { defs: Record<string, EndpointParameterDefinition>; plan: ParameterPlan[] }>();

function planFor(operation: OperationModel, defs: Record<string, EndpointParameterDefinition>): ParameterPlan[] {
  const cached = plans.get(operation);
  if (cached?.defs === defs) return cached.plan;
  const bindings = operationBindings(operation);
  const declaredClientParams = operation.service.clientContextParams;
  const plan: ParameterPlan[] = Object.entries(defs).map(([name, def]) => ({
    name,
    normalizedName: normalizeKey(name),
    staticValue: bindings.statics[name],
    member: name in bindings.members ? bindings.members[name] : undefined,
    path: name in bindings.paths ? bindings.paths[name] : undefined,
    clientDeclared: Object.prototype.hasOwnProperty.call(declaredClientParams, name),
    builtIn: def.builtIn,
  }));
  plans.set(operation, { defs, plan });
  return plan;
}

function normalizedClientContext(params: Record<string, unknown> | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(params ?? {})) out.set(normalizeKey(k), v);
  return out;
}

function builtInValue(name: string, builtIns: EndpointBuiltIns): unknown {
  const has = Object.prototype.hasOwnProperty.call(builtIns ?? {}, name);
  // botocore refuses built-ins it does not know (UnknownEndpointResolutionBuiltInName).
  if (!has && !KNOWN_BUILT_INS.has(name)) throw new EndpointResolutionError(`Unknown builtin variable name: ${name}`);
  const value = has ? builtIns[name] : undefined;
  return typeof value === 'function' ? (value as () => unknown)() : value;
}
