/**
 * The HTTP-binding half of `rest-json` and `rest-xml` (botocore's BaseRestSerializer): each
 * top-level input member goes to its location — `uri` labels, `querystring`, `header`,
 * `headers` (a prefixed header map) — or to the body; the body codec (JSON or XML) is supplied
 * by the protocol. Default timestamp formats: iso8601 in the URI and query, rfc822 in headers.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, RequestBody } from '../types';
import { expandHostPrefix, handleFloat, isFloatType, isSet, pyStr, toBase64, toBuffer } from './common';
import { formatTimestamp, TimestampPrecision } from './timestamp';
import { jsonText } from '../../util/json-text';
import { renderUriTemplate } from './uri';
import { isReadable } from '../../util/is-readable';
import { setOwn } from '../../util/objects';
import type { RestBodyWriter } from '../rest-body-codec';

const HEADER_TIMESTAMP_FORMAT = 'rfc822';
const QUERY_TIMESTAMP_FORMAT = 'iso8601';

/** Value for a URI label or query parameter (booleans lower-case, timestamps iso8601). */
function uriValue(value: unknown, shape: Shape, precision: TimestampPrecision): string {
  if (shape.type === 'boolean') return String(value).toLowerCase();
  if (shape.type === 'timestamp') {
    return String(formatTimestamp(value, shape.serialization.timestampFormat ?? QUERY_TIMESTAMP_FORMAT, precision));
  }
  if (isFloatType(shape)) return pyStr(handleFloat(value));
  return pyStr(value);
}

/**
 * The values of an input's `uri` members keyed by their label (serialized) names, as the request
 * URI and S3's HMAC-v1 auth path render them (botocore's uri_path_kwargs). Unset members are left
 * out, so renderUriTemplate reports a label without a value.
 */
export function uriLabelValues(input: Shape, params: Record<string, unknown>, precision: TimestampPrecision = 'default'): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of Object.keys(params)) {
    const value = params[name];
    if (!isSet(value)) continue;
    const member = input.member(name);
    if (member?.serialization.location === 'uri') values.set(member.serialization.name ?? name, uriValue(value, member, precision));
  }
  return values;
}

const HEADER_LIST_NEEDS_QUOTES = /[",]/;
const DOUBLE_QUOTE = /"/g;

export function headerValue(shape: Shape, value: unknown, precision: TimestampPrecision = 'default'): string {
  switch (shape.type) {
    case 'timestamp': {
      // botocore drops sub-second precision before formatting header timestamps (at millisecond
      // precision the format still shows the zero milliseconds: `.000Z`, `1398796238.0`).
      const seconds = formatTimestamp(value, 'unixTimestamp');
      return String(formatTimestamp(seconds, shape.serialization.timestampFormat ?? HEADER_TIMESTAMP_FORMAT, precision));
    }
    case 'list': {
      const member = shape.listMember;
      const items = (Array.isArray(value) ? value : []).filter(isSet);
      if (member.type === 'string') {
        return items
          .map((v) => {
            const s = pyStr(v);
            return HEADER_LIST_NEEDS_QUOTES.test(s) ? `"${s.replace(DOUBLE_QUOTE, '\\"')}"` : s;
          })
          .join(',');
      }
      return items.map((v) => headerValue(member, v, precision)).join(',');
    }
    case 'boolean':
      return String(value).toLowerCase();
    case 'string':
      if (shape.serialization.jsonvalue && shape.serialization.location === 'header') {
        // botocore: json.dumps(value, separators=(',', ':')), ASCII-escaped (header values must be ASCII).
        return toBase64(jsonText(value, 'compact'));
      }
      return pyStr(value);
    default:
      return isFloatType(shape) ? pyStr(handleFloat(value)) : pyStr(value);
  }
}


/** A streaming payload passes through unchanged; strings stay strings, bytes become Buffers. */
function rawPayload(value: unknown): RequestBody {
  if (!isSet(value) || value === '') return undefined;
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return toBuffer(value);
  if (isReadable(value)) return value;
  return pyStr(value);
}

export function serializeRest(op: OperationModel, params: Record<string, unknown>, codec: RestBodyWriter, precision: TimestampPrecision = 'default'): HttpRequestSpec {
  const spec: HttpRequestSpec = {
    method: op.http?.method ?? 'POST',
    path: op.http.requestUri,
    query: [],
    headers: {},
    body: undefined,
  };
  const hostPrefix = expandHostPrefix(op, params);
  if (hostPrefix !== undefined) spec.hostPrefix = hostPrefix;
  const input = op.input;
  if (!input) return spec;

  const uriValues = uriLabelValues(input, params, precision);
  // A Map keeps botocore's dict semantics: a later key overwrites in place.
  const query = new Map<string, string | string[]>();
  const bodyParams: Record<string, unknown> = {};
  let hasBodyParams = false;

  for (const name of Object.keys(params)) {
    const value = params[name];
    if (!isSet(value)) continue;
    const member = input.member(name);
    if (!member) continue;
    const ser = member.serialization;
    const key = ser.name ?? name;
    switch (ser.location) {
      case 'uri':
        break; // uriLabelValues has them
      case 'querystring':
        addQuery(query, key, value, member, precision);
        break;
      case 'header':
        if (member.type === 'list' && (!Array.isArray(value) || value.length === 0)) break;
        spec.headers[key] = headerValue(member, value, precision);
        break;
      case 'headers':
        // The locationName is a prefix; each map key completes a header name.
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (isSet(v)) setOwn(spec.headers, key + k, pyStr(v));
        }
        break;
      default:
        bodyParams[name] = value;
        hasBodyParams = true;
    }
  }

  spec.path = renderUriTemplate(op.http.requestUri, uriValues);
  for (const [k, v] of query) {
    if (Array.isArray(v)) for (const el of v) spec.query.push([k, el]);
    else spec.query.push([k, v]);
  }

  const payloadName = input.serialization.payload;
  const payloadMember = payloadName !== undefined ? input.member(payloadName) : undefined;
  if (payloadName !== undefined && payloadMember && (payloadMember.type === 'blob' || payloadMember.type === 'string')) {
    spec.body = rawPayload(params[payloadName]);
  } else if (payloadName !== undefined && payloadMember) {
    const v = params[payloadName];
    spec.body = isSet(v) ? codec.writeBody(v, payloadMember, precision) : codec.emptyBody;
  } else if (hasBodyParams) {
    spec.body = codec.writeBody(bodyParams, input, precision);
  } else if (codec.requiresEmptyBody(input)) {
    spec.body = codec.emptyBody;
  }
  codec.contentType(spec, input);
  return spec;
}

function addQuery(query: Map<string, string | string[]>, key: string, value: unknown, member: Shape, precision: TimestampPrecision): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)) {
    // A map member spreads its entries into the query string (a list value repeats the key).
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!isSet(v)) continue;
      query.set(k, Array.isArray(v) ? v.map((el) => pyStr(el)) : pyStr(v));
    }
  } else if (member.type === 'list') {
    const el = member.listMember;
    query.set(key, (Array.isArray(value) ? value : []).map((v) => uriValue(v, el, precision)));
  } else {
    query.set(key, uriValue(value, member, precision));
  }
}
