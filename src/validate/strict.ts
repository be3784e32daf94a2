/**
 * The constraints only `parameterValidation: 'strict'` enforces: a string's `enum` and
 * `pattern` (its `max`, and lists' and numbers', are checked beside `min` in validate.ts).
 *
 * botocore checks none of these: models carry enums that lag behind the service (a new
 * region's LocationConstraint, an attribute name the API accepts but the enum omits) and
 * patterns that match nothing (`/^...$/` with literal slashes, `^` in the middle), so a
 * default that enforced them refused calls the service takes. Strict mode is for callers who
 * want the model's word anyway. Each function returns the problem line, or undefined.
 */
import { closeMatches } from '../models/naming';
import type { Shape } from '../models/shape';

/** Values listed in an enum problem before the rest are elided. */
const LISTED_VALUES = 20;

const patternCache = new Map<string, RegExp | null>();

/**
 * A model pattern compiled once. AWS patterns are Java/ECMA regexes tested unanchored (Smithy's
 * rule); one JS cannot compile is null, and skipped rather than enforced wrongly.
 */
function compilePattern(p: string): RegExp | null {
  let re = patternCache.get(p);
  if (re !== undefined) return re;
  try {
    re = new RegExp(p, 'u');
  } catch {
    re = null;
  }
  patternCache.set(p, re);
  return re;
}

/** `value` is not one of the shape's enum values; `shown` is how the value may be quoted. */
export function enumProblem(value: string, shape: Shape, name: string, shown: string, sensitive: boolean): string | undefined {
  const values = shape.enum;
  if (!values || values.includes(value)) return undefined;
  // A close match would quote part of a sensitive value back: none then.
  const close = sensitive ? [] : closeMatches(value, values, 3);
  const hint = close.length ? ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)` : '';
  const listed = values.slice(0, LISTED_VALUES).join(', ') + (values.length > LISTED_VALUES ? ', ...' : '');
  return `Invalid value for parameter ${name}, value: ${shown}, valid values: ${listed}${hint}`;
}

/** `value` does not match the shape's pattern (one JS cannot compile never fails). */
export function patternProblem(value: string, shape: Shape, name: string, shown: string): string | undefined {
  const pattern = shape.pattern;
  if (pattern === undefined) return undefined;
  const re = compilePattern(pattern);
  if (!re || re.test(value)) return undefined;
  return `Invalid value for parameter ${name}, value: ${shown}, does not match pattern: ${pattern}`;
}
