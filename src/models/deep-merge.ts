/**
 * botocore's ExtrasProcessor: `*.sdk-extras.json` files are folded into a model with
 * `deep_merge` (botocore.utils.merge_dicts without list appending: src/util/objects.ts).
 */
import { isRecord, mergeDicts } from '../util/objects';

/**
 * Applies the extras files to a model the way botocore's ExtrasProcessor does: only the
 * `merge` section of each extras document is used, in the order given.
 */
export function applyExtras(model: Record<string, unknown>, extras: Iterable<unknown>): Record<string, unknown> {
  for (const extra of extras) {
    if (isRecord(extra) && isRecord(extra.merge)) mergeDicts(model, extra.merge);
  }
  return model;
}
