/**
 * The endpoint rules engine: `resolveEndpoint(ruleSet, params, partitions)` evaluates an
 * endpoint-rule-set-1.json document as botocore's EndpointProvider does and returns the first
 * matching endpoint, or throws EndpointResolutionError with the matching error rule's message.
 *
 * A rule set is compiled once into closures (cached per rule-set and partitions object, weakly),
 * so a resolution costs only the condition checks on the path it takes.
 */
import { EndpointResolutionError } from '../errors';
import { PartitionTable } from './aws-functions';
import { Expr, ExpressionCompiler, Scope, SlotTable, pyStr } from './expression-compiler';
import { isRecord } from './standard-library';
import { EndpointParameterDefinition, ResolvedEndpoint } from './types';

type RuleFn = (scope: Scope) => ResolvedEndpoint | undefined;

interface CompiledParameter {
  name: string;
  slot: number;
  def: EndpointParameterDefinition;
  check: (value: unknown) => boolean;
  typeName: string;
}

const TYPE_CHECKS: Record<string, [(v: unknown) => boolean, string]> = {
  string: [(v) => typeof v === 'string', "<class 'str'>"],
  boolean: [(v) => typeof v === 'boolean', "<class 'bool'>"],
  stringarray: [(v) => Array.isArray(v) && v.every((x) => typeof x === 'string'), "<class 'tuple'>"],
};

/** A rule set ready to evaluate. Obtain one with `compileRuleSet` (cached). */
export class CompiledRuleSet {
  /** The declared parameters, by name (as in the JSON). */
  readonly parameters: Record<string, EndpointParameterDefinition>;
  private readonly params: CompiledParameter[];
  private readonly rules: RuleFn[];
  /** Grows as trees compile on first entry (their assignments take slots then). */
  private readonly slots: SlotTable;
  private readonly rawRules: unknown[];
  private unreferenced: ReadonlySet<string> | undefined;

  constructor(ruleSet: unknown, partitions: PartitionTable) {
    if (!isRecord(ruleSet) || !isRecord(ruleSet.parameters) || !Array.isArray(ruleSet.rules)) {
      throw new EndpointResolutionError('Malformed endpoint rule set: expected parameters and rules');
    }
    const slots = new SlotTable();
    const compiler = new ExpressionCompiler(slots, partitions);
    this.parameters = ruleSet.parameters as Record<string, EndpointParameterDefinition>;
    this.params = Object.entries(this.parameters).map(([name, def]) => {
      const checker = TYPE_CHECKS[String(def.type).toLowerCase()];
      if (!checker) {
        throw new EndpointResolutionError(
          `Unknown parameter type: ${def.type}. A parameter must be of type string, boolean, or stringarray.`,
        );
      }
      return { name, slot: slots.slot(name), def, check: checker[0], typeName: checker[1] };
    });
    this.rules = ruleSet.rules.map((r) => compileRule(r, compiler));
    this.slots = slots;
    this.rawRules = ruleSet.rules;
  }

  /**
   * The optional string parameters no rule reads (by `ref` or in a `{Name}` template): S3's
   * Key, Prefix and CopySource. A value of one cannot change the endpoint, so an endpoint cache
   * may leave it out of its key. Worked out on first use (about 2 ms for S3's rule set);
   * conservative: a name that appears as any reference or template variable counts as read.
   */
  unreferencedStringParameters(): ReadonlySet<string> {
    if (!this.unreferenced) {
      const read = new Set<string>();
      collectReferences(this.rawRules, read);
      this.unreferenced = new Set(
        this.params.filter((p) => String(p.def.type).toLowerCase() === 'string' && !p.def.required && !read.has(p.name)).map((p) => p.name),
      );
    }
    return this.unreferenced;
  }

  /** Evaluate the rules for these parameter values (already bound, by rule-set name). */
  resolve(input: Record<string, unknown>): ResolvedEndpoint {
    const scope: Scope = new Array(this.slots.size);
    for (const p of this.params) {
      let value = input[p.name];
      if (value === undefined || value === null) {
        if (p.def.default !== undefined && p.def.default !== null) value = p.def.default;
        else if (p.def.required) throw new EndpointResolutionError(`Cannot find value for required parameter ${p.name}`);
      } else if (!p.check(value)) {
        throw new EndpointResolutionError(`Value (${p.name}) is the wrong type. Must be ${p.typeName}.`);
      }
      scope[p.slot] = value;
    }
    for (const rule of this.rules) {
      const result = rule(scope);
      if (result) return result;
    }
    const listed = Object.entries(input)
      .map(([k, v]) => `${k}: ${pyStr(v)}`)
      .join('\n');
    throw new EndpointResolutionError(`No endpoint found for parameters:\n${listed}`);
  }
}

/**
 * Every name a rule reads: `{ "ref": name }` values and the names of `{name}` / `{name#path}`
 * templates, taken as the template compiler takes them (whatever stands before `#`). An escaped
 * `{{name}}` counts as read too: erring that way only keeps a parameter in the cache key.
 */
function collectReferences(node: unknown, out: Set<string>): void {
  if (typeof node === 'string') {
    if (node.includes('{')) for (const m of node.matchAll(/\{([^{}]+)\}/g)) out.add(m[1].split('#')[0]);
  } else if (Array.isArray(node)) {
    for (const item of node) collectReferences(item, out);
  } else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ref' && typeof value === 'string') out.add(value);
      else collectReferences(value, out);
    }
  }
}

function compileConditions(conditions: unknown, compiler: ExpressionCompiler): Expr[] {
  if (!Array.isArray(conditions)) return [];
  return conditions.map((c) => {
    if (!isRecord(c)) throw new EndpointResolutionError('Malformed endpoint rule condition');
    return compiler.call(c);
  });
}

/** All conditions hold unless one yields false or no value (botocore: `False` or `None`). */
function holds(conditions: Expr[], scope: Scope): boolean {
  for (const cond of conditions) {
    const r = cond(scope);
    if (r === false || r === undefined || r === null) return false;
  }
  return true;
}

function compileRule(rule: unknown, compiler: ExpressionCompiler): RuleFn {
  if (!isRecord(rule)) throw new EndpointResolutionError('Malformed endpoint rule');
  const conditions = compileConditions(rule.conditions, compiler);
  switch (rule.type) {
    case 'endpoint': {
      const build = compileEndpoint(rule.endpoint, compiler);
      return (scope) => (holds(conditions, scope) ? build(scope) : undefined);
    }
    case 'error': {
      const message = compiler.value(rule.error);
      return (scope) => {
        if (holds(conditions, scope)) throw new EndpointResolutionError(pyStr(message(scope)));
        return undefined;
      };
    }
    case 'tree': {
      // A tree's rules are compiled when it is first entered: one call takes one path through
      // the rule set (S3's has hundreds of rules), and a process often makes only a few calls.
      const raw: unknown[] = Array.isArray(rule.rules) ? rule.rules : [];
      let children: RuleFn[] | undefined;
      return (scope) => {
        if (!holds(conditions, scope)) return undefined;
        children ??= raw.map((r) => compileRule(r, compiler));
        for (const child of children) {
          const result = child(scope);
          if (result) return result;
        }
        return undefined;
      };
    }
    default:
      throw new EndpointResolutionError(
        `Unknown rule type: ${String(rule.type)}. A rule must be of type tree, endpoint or error.`,
      );
  }
}

function compileEndpoint(endpoint: unknown, compiler: ExpressionCompiler): (scope: Scope) => ResolvedEndpoint {
  if (!isRecord(endpoint)) throw new EndpointResolutionError('Malformed endpoint rule: no endpoint');
  const url = compiler.value(endpoint.url);
  const properties = compileProperties(isRecord(endpoint.properties) ? endpoint.properties : {}, compiler);
  const headers = Object.entries(isRecord(endpoint.headers) ? endpoint.headers : {}).map(
    ([name, values]) => [name, (Array.isArray(values) ? values : []).map((v) => compiler.value(v))] as const,
  );
  return (scope) => {
    const h: Record<string, string[]> = {};
    for (const [name, values] of headers) h[name] = values.map((v) => pyStr(v(scope)));
    return { url: pyStr(url(scope)), headers: h, properties: properties(scope) as Record<string, unknown> };
  };
}

/** Properties resolve template strings only (as botocore), but are rebuilt per call so callers may mutate them. */
function compileProperties(node: unknown, compiler: ExpressionCompiler): Expr {
  if (Array.isArray(node)) {
    const items = node.map((n) => compileProperties(n, compiler));
    return (scope) => items.map((f) => f(scope));
  }
  if (isRecord(node)) {
    const entries = Object.entries(node).map(([k, v]) => [k, compileProperties(v, compiler)] as const);
    return (scope) => {
      const out: Record<string, unknown> = {};
      for (const [k, f] of entries) out[k] = f(scope);
      return out;
    };
  }
  if (compiler.isTemplate(node)) return compiler.template(node);
  return () => node;
}

const partitionCache = new WeakMap<object, PartitionTable>();
const ruleSetCache = new WeakMap<object, WeakMap<PartitionTable, CompiledRuleSet>>();

/** Compile (or fetch from cache) a rule set against a partitions table. */
export function compileRuleSet(ruleSet: unknown, partitions: unknown): CompiledRuleSet {
  if (!isRecord(ruleSet) || !isRecord(partitions)) {
    throw new EndpointResolutionError('Endpoint rule set and partitions must be JSON objects');
  }
  let table = partitionCache.get(partitions);
  if (!table) {
    table = new PartitionTable(partitions);
    partitionCache.set(partitions, table);
  }
  let byTable = ruleSetCache.get(ruleSet);
  if (!byTable) {
    byTable = new WeakMap();
    ruleSetCache.set(ruleSet, byTable);
  }
  let compiled = byTable.get(table);
  if (!compiled) {
    compiled = new CompiledRuleSet(ruleSet, table);
    byTable.set(table, compiled);
  }
  return compiled;
}

/**
 * Resolve an endpoint from a rule set (endpoint-rule-set-1.json, parsed) and bound parameters.
 *
 * @example
 * resolveEndpoint(ruleSet, { Region: 'us-west-2', UseFIPS: false }, partitions).url
 * // 'https://sts.us-west-2.amazonaws.com'
 * @throws EndpointResolutionError with the error rule's message, or when no rule matches.
 */
export function resolveEndpoint(ruleSet: unknown, params: Record<string, unknown>, partitions: unknown): ResolvedEndpoint {
  return compileRuleSet(ruleSet, partitions).resolve(params);
}
