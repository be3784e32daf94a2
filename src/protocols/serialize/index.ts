/**
 * Request serializers for the five botocore protocols, each
 * `(op, params, ctx) => HttpRequestSpec`, plus the idempotency-token filler the pipeline runs
 * before serializing. `serializers` maps `metadata.protocol` to its serializer.
 */
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { serializeJson } from './json';
import { serializeEc2, serializeQuery } from './query';
import { serializeRestJson } from './rest-json';
import { serializeRestXml } from './rest-xml';

export type Serializer = (op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext) => HttpRequestSpec;

export const serializers: Readonly<Record<string, Serializer>> = {
  query: serializeQuery,
  ec2: serializeEc2,
  json: serializeJson,
  'rest-json': serializeRestJson,
  'rest-xml': serializeRestXml,
};

export { serializeJson, serializeEc2, serializeQuery, serializeRestJson, serializeRestXml };
export { fillIdempotencyTokens } from './idempotency';
export { encodeQuery, percentEncode, percentEncodeGreedy, renderUriTemplate } from './uri';
export { formatTimestamp, toInstant } from './timestamp';
export type { TimestampInput } from './timestamp';
