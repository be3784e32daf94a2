/**
 * JMESPath, as paginators and waiters use it: search a response, check that an expression
 * parses, and write a value back at a dotted path (botocore's set_value_from_jmespath). Also the
 * two Python semantics the models assume: truthiness (`if token:`) and `==` equality.
 * The one place paginators and waiters touch the jmespath package.
 */
import type * as Jmespath from 'jmespath';
import { isPlainObject } from '../util/objects';

// @types/jmespath declares only `search`; the package also exports `compile` (returns the AST).
type JmespathLib = typeof Jmespath & { compile(expression: string): unknown };

// Required on first use: most processes never evaluate an expression.
let lib: JmespathLib | undefined;
function jmespath(): JmespathLib {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (lib ??= require('jmespath') as JmespathLib);
}

/**
 * Throws (jmespath's ParserError/LexerError) when `expression` does not parse.
 * @returns the expression's AST (a plain object tree)
 */
export function parseExpression(expression: string): unknown {
  return jmespath().compile(expression);
}

/** The value `expression` selects from `data`; `null` when nothing matches. */
export function searchExpression(data: unknown, expression: string): unknown {
  const result: unknown = jmespath().search(data as never, expression);
  return result === undefined ? null : result;
}

/**
 * Sets `value` at a dotted path (`StreamDescription.Shards`), creating intermediate objects.
 * Only plain dotted lookups are supported, as in botocore; anything else is a model bug.
 */
export function setValueAtPath(target: Record<string, unknown>, expression: string, value: unknown): void {
  const parts = expression.split('.');
  if (parts.some((p) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) {
    throw new Error(`Invalid expression for setting a value: ${expression}`);
  }
  let node = target;
  for (const key of parts.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

/** Python truthiness: null, '', 0, false, [] and {} are false. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

/** Structural equality of JSON-like values (Python's `==` on parsed responses). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

