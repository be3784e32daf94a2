/**
 * Idempotency tokens: botocore fills every top-level input member marked `idempotencyToken`
 * that the caller left out with a fresh UUID4 before serializing (handlers.generate_idempotent_uuid).
 */
import { randomUUID } from 'crypto';
import type { Shape } from '../../models/shape';

/**
 * Returns `params` with missing idempotency-token members filled by `generate()`. The input
 * object is not mutated; when nothing is missing it is returned as is (no copy).
 */
export function fillIdempotencyTokens(
  shape: Shape | undefined,
  params: Record<string, unknown>,
  generate: () => string = randomUUID,
): Record<string, unknown> {
  if (!shape || shape.type !== 'structure') return params;
  let out = params;
  for (const name of shape.idempotencyTokenMembers) {
    if (Object.prototype.hasOwnProperty.call(params, name) && params[name] !== undefined) continue;
    if (out === params) out = { ...params };
    out[name] = generate();
  }
  return out;
}
