/**
 * botocore's `base64_encode_user_data`, registered for exactly two operations:
 * `before-parameter-build.ec2.RunInstances` and
 * `before-parameter-build.autoscaling.CreateLaunchConfiguration`. Their top-level `UserData` is
 * base64-encoded for the caller (a string as its UTF-8 bytes; a Buffer or Uint8Array as is), so
 * it is given in clear. UserData nested elsewhere (RunScheduledInstances' and
 * RequestSpotInstances' LaunchSpecification) is not touched: botocore leaves it to the caller.
 * An absent (undefined or null) UserData stays absent; any other type is left for validation.
 */
import type { HierarchicalEmitter } from '../events/emitter';

function encodeUserData(p: Record<string, unknown>): void {
  const params = p.params as Record<string, unknown>;
  const value = params.UserData;
  if (typeof value === 'string') params.UserData = Buffer.from(value, 'utf8').toString('base64');
  else if (value instanceof Uint8Array) params.UserData = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
}

/** Registers the UserData encoding on a session's events. */
export function installUserDataEncoding(events: HierarchicalEmitter): void {
  events.register('before-parameter-build.ec2.RunInstances', encodeUserData);
  events.register('before-parameter-build.auto-scaling.CreateLaunchConfiguration', encodeUserData);
}
