/**
 * The two object tests the code base needs, each written once:
 * - `isRecord`: any non-null, non-array object (JSON-shaped model data, parsed documents);
 * - `isPlainObject`: an object literal (prototype Object.prototype or null), so class
 *   instances (Date, Buffer, streams, resources) are values, not maps to walk or merge;
 * and `setOwn`, the one safe way to add a key that comes from data to an object.
 */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets `target[key] = value` as an own enumerable property, whatever the key. Plain assignment
 * of `__proto__` replaces the object's prototype instead (the key vanishes, and the value's
 * members appear inherited). Keys that come from data (map keys, DynamoDB attribute names,
 * header and element names) are set with this, so they round-trip exactly; the object stays a
 * plain one (Object.prototype) with `__proto__` as an ordinary own key.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}
