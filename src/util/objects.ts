/**
 * The two object tests the code base needs, each written once:
 * - `isRecord`: any non-null, non-array object (JSON-shaped model data, parsed documents);
 * - `isPlainObject`: an object literal (prototype Object.prototype or null), so class
 *   instances (Date, Buffer, streams, resources) are values, not maps to walk or merge.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
