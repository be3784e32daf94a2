/**
 * The `rest-json` protocol: HTTP bindings from rest.ts, a JSON body (botocore's
 * RestJSONSerializer). An input with any body-bound member sends `{}` when none is set; an
 * unset structure payload sends `{}`; `Content-Type: application/json` is added to every
 * non-empty body that is not a blob/string payload, unless the caller set one.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { jsonValue } from './json';
import { jsonText } from '../../util/json-text';
import { serializeRest } from './rest';
import { hasHeader } from '../../util/headers';
import type { RestBodyWriter } from '../rest-body-codec';

// Whether an input has body-bound members depends only on the shape: compute it once.
const hasBodyMembers = new WeakMap<Shape, boolean>();

const restJsonCodec: RestBodyWriter = {
  writeBody: (params: unknown, shape: Shape, precision) => jsonText(jsonValue(params, shape, precision)),
  emptyBody: '{}',
  requiresEmptyBody(input: Shape): boolean {
    let v = hasBodyMembers.get(input);
    if (v === undefined) {
      v = Object.values(input.members).some((m) => m.serialization.location === undefined);
      hasBodyMembers.set(input, v);
    }
    return v;
  },
  contentType(spec: HttpRequestSpec, input: Shape): void {
    const payload = input.serialization.payload;
    if (payload !== undefined) {
      const member = input.member(payload);
      // Blob and string payloads are sent as they are, with no Content-Type of ours.
      if (member && (member.type === 'blob' || member.type === 'string')) return;
    }
    const hasBody = spec.body !== undefined && spec.body !== '';
    if (hasBody && !hasHeader(spec.headers, 'content-type')) spec.headers['Content-Type'] = 'application/json';
  },
};

export function serializeRestJson(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  return serializeRest(op, params, restJsonCodec, ctx.timestampPrecision);
}
