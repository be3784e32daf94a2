/**
 * Structural JSON comparison shared by the request and response checks: order-insensitive for
 * object keys, numbers by value (1.0 equals 1, tiny float noise ignored), and the differing
 * leaves reported by path with list indices written `[]`, so one path names a whole list.
 */
import { both } from './outcome';

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object).sort();
  const kb = Object.keys(b as object).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Path -> `boto3: x | botojs: y` for every differing leaf (first occurrence per path). */
export function jsonDiff(py: unknown, js: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(py) && Array.isArray(js)) {
    if (py.length !== js.length) out.set(`${path}.length`, both(py.length, js.length));
    else py.forEach((x, i) => jsonDiff(x, js[i], `${path}[]`, out));
    return out;
  }
  if (isObj(py) && isObj(js)) {
    for (const k of [...new Set([...Object.keys(py), ...Object.keys(js)])].sort()) jsonDiff(py[k], js[k], path ? `${path}.${k}` : k, out);
    return out;
  }
  if (!jsonEqual(py ?? null, js ?? null) || (py === undefined) !== (js === undefined)) {
    if (!out.has(path)) out.set(path, both(py, js));
  }
  return out;
}
