/**
 * deepMerge: botocore's `deep_merge`, used to fold `*.sdk-extras.json` files into a model.
 *
 * Keys of `extra` win; when both sides hold a plain object the two are merged recursively.
 * Arrays and scalars are replaced, never concatenated. `base` is mutated and returned.
 */
import { isRecord } from '../util/objects';

export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(extra)) {
    const current = base[key];
    if (Object.prototype.hasOwnProperty.call(base, key) && isRecord(current) && isRecord(value)) {
      deepMerge(current, value);
    } else {
      base[key] = value;
    }
  }
  return base;
}

/**
 * Applies the extras files to a model the way botocore's ExtrasProcessor does: only the
 * `merge` section of each extras document is used, in the order given.
 */
export function applyExtras(model: Record<string, unknown>, extras: Iterable<unknown>): Record<string, unknown> {
  for (const extra of extras) {
    if (isRecord(extra) && isRecord(extra.merge)) deepMerge(model, extra.merge);
  }
  return model;
}
