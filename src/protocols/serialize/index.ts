/**
 * Request serializers for the six botocore protocols, each
 * `(op, params, ctx) => HttpRequestSpec`, plus the idempotency-token filler the pipeline runs
 * before serializing. Which protocol name means which serializer is the registry's table
 * (src/protocols/index.ts: `serializers`).
 */
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { serializeRpcV2Cbor } from './cbor';
import { serializeJson } from './json';
import { serializeEc2, serializeQuery } from './query';
import { serializeRestJson } from './rest-json';
import { serializeRestXml } from './rest-xml';

export type Serializer = (op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext) => HttpRequestSpec;

export { serializeJson, serializeEc2, serializeQuery, serializeRestJson, serializeRestXml, serializeRpcV2Cbor };
export { fillIdempotencyTokens } from './idempotency';
export { encodeQuery, percentEncode, percentEncodeGreedy, renderUriTemplate } from './uri';
export { formatTimestamp, toInstant } from './timestamp';
export type { TimestampInput } from './timestamp';
