/**
 * Bedrock AgentCore's serializer option, botocore's `enable_millisecond_timestamp_precision`
 * (`creating-serializer.bedrock-agentcore`): its timestamps are sent with millisecond precision
 * (Smithy's standard): iso8601 with three fraction digits, epoch seconds as a float with the
 * milliseconds (src/protocols/serialize/timestamp.ts). Only this service: bedrock-agentcore-control
 * and every other keep botocore's default precision.
 */
import type { HierarchicalEmitter } from '../../events/emitter';
import type { SerializerOptions } from '../../protocols';

/** Registers the millisecond precision on a session's events. */
export function installBedrockAgentCoreTimestamps(events: HierarchicalEmitter): void {
  events.register('creating-serializer.bedrock-agentcore', (p) => {
    (p.serializerKwargs as SerializerOptions).timestampPrecision = 'millisecond';
  });
}
