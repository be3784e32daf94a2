/**
 * The part of rest-json and rest-xml that is not the body (botocore's BaseRestParser): members
 * bound to a header (scalars, comma-separated lists, base64 `jsonvalue` strings, timestamps),
 * to a header prefix (`location: headers`, a map of the remaining header names) or to the
 * status code; then the payload: one member (`payload` trait) or the whole output shape.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { ParsedResponse, RawResponse, SerializeContext } from '../types';
import { setOwn } from '../../util/objects';
import { Dict, ParserHooks, ResponseHeaders, isDict, runParser } from './common';
import { restMetadata } from './errors';
import { EventStream } from './event-stream';
import type { RestBodyReader } from '../rest-body-codec';

/**
 * A rest-* protocol's parser: rest-json and rest-xml differ only in how a body is read (the
 * codec) and where an error's code and message are (parseError).
 */
export function restParser(codec: RestBodyReader, parseError: ParserHooks['parseError']) {
  const hooks: ParserHooks = {
    parseSuccess(response, shape, headers, operationName) {
      const out: Dict = { ResponseMetadata: restMetadata(headers) };
      return shape ? parseRestMembers(codec, shape, response, headers, out, false, operationName) : out;
    },
    parseError,
    parseModeledError(response, shape, headers) {
      return parseRestMembers(codec, shape, response, headers, {}, true);
    },
  };
  return (op: OperationModel, response: RawResponse, ctx: SerializeContext): ParsedResponse => runParser(hooks, op, response, ctx);
}

/** A member read from outside the body, with what its reading needs worked out once per shape. */
type PlannedMember =
  | { kind: 'statusCode'; name: string; member: Shape }
  | { kind: 'headers'; name: string; prefix: string; lowerPrefix: string }
  | { kind: 'header'; name: string; member: Shape; key: string };

/**
 * A shape's non-body members, and how to find which of its header members a response has:
 * S3's GetObject output binds 40 members to headers, a response carries a dozen headers, so
 * the response's headers are looked up in `byHeader` (a Map) instead of each member's header
 * in the response. `seen` marks the members found, stamped with the parse's own `stamp`, so
 * that nothing needs clearing (not even after a parse that threw).
 */
interface MemberPlan {
  members: PlannedMember[];
  /** Lower-case header name -> indexes (in `members`) of the members bound to it (S3's Expires has two). */
  byHeader: Map<string, number[]>;
  seen: Uint32Array;
  stamp: number;
}

const memberPlans = new WeakMap<Shape, MemberPlan>();

/** The shape's status-code and header members, in member order (the result's key order). */
function nonBodyMembers(shape: Shape): MemberPlan {
  let plan = memberPlans.get(shape);
  if (!plan) {
    const members: PlannedMember[] = [];
    const byHeader = new Map<string, number[]>();
    for (const name of shape.memberNames) {
      const member = shape.members[name];
      const ser = member.serialization;
      if (ser.location === 'statusCode') members.push({ kind: 'statusCode', name, member });
      else if (ser.location === 'headers') members.push({ kind: 'headers', name, prefix: ser.name ?? '', lowerPrefix: (ser.name ?? '').toLowerCase() });
      else if (ser.location === 'header') {
        const key = (ser.name ?? name).toLowerCase();
        const bound = byHeader.get(key);
        if (bound) bound.push(members.length);
        else byHeader.set(key, [members.length]);
        members.push({ kind: 'header', name, member, key });
      }
    }
    plan = { members, byHeader, seen: new Uint32Array(members.length), stamp: 0 };
    memberPlans.set(shape, plan);
  }
  return plan;
}

/** Header, status code and payload members of `shape`, added to `out`. */
export function parseRestMembers(
  codec: RestBodyReader,
  shape: Shape,
  response: RawResponse,
  headers: ResponseHeaders,
  out: Dict,
  modeledError = false,
  operationName = '',
): Dict {
  const plan = nonBodyMembers(shape);
  const members = plan.members;
  if (members.length > 0) {
    // Mark the header members this response has, then read them in member order.
    const stamp = (plan.stamp = (plan.stamp + 1) >>> 0 || 1);
    const seen = plan.seen;
    const lower = headers.lower;
    for (const key in lower) {
      const bound = plan.byHeader.get(key);
      if (bound !== undefined && Object.prototype.hasOwnProperty.call(lower, key)) for (let j = 0; j < bound.length; j++) seen[bound[j]] = stamp;
    }
    for (let i = 0; i < members.length; i++) {
      const planned = members[i];
      if (planned.kind === 'header') {
        if (seen[i] === stamp) out[planned.name] = headerValue(codec, planned.member, lower[planned.key]);
      } else if (planned.kind === 'headers') {
        out[planned.name] = prefixedHeaders(planned.prefix, planned.lowerPrefix, headers);
      } else {
        out[planned.name] = codec.scalar(planned.member, String(response.statusCode));
      }
    }
  }
  const payloadName = shape.raw.payload as string | undefined;
  const payload = payloadName ? shape.member(payloadName) : undefined;
  if (payloadName && payload) {
    if (payload.serialization.eventstream) {
      out[payloadName] = new EventStream(response.stream ?? response.body, payload, codec.eventPayload, operationName);
    } else if (payload.type === 'blob') {
      // A blob payload is the body as it came: the live stream when the transport streamed it
      // (it does for every blob payload, streaming trait or not: has_streaming_output).
      out[payloadName] = response.stream ?? response.body;
    } else if (payload.type === 'string') {
      out[payloadName] = response.body ? response.body.toString('utf8') : '';
    } else {
      out[payloadName] = codec.readBody(payload, response, modeledError, operationName);
    }
  } else {
    const parsed = codec.readBody(shape, response, modeledError, operationName);
    if (isDict(parsed)) Object.assign(out, parsed);
  }
  return out;
}

function headerValue(codec: RestBodyReader, shape: Shape, value: string): unknown {
  if (shape.type === 'list') {
    // A list in one header is comma separated (RFC 7230).
    const member = shape.listMember;
    return value.split(',').map((part) => headerValue(codec, member, part.trim()));
  }
  if (shape.type === 'string' && shape.serialization.jsonvalue) {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as unknown;
  }
  return codec.scalar(shape, value);
}

/**
 * Headers starting with the prefix (case-insensitive), keyed by the rest of their name as the
 * server spelled it: botocore iterates urllib3's headers, which keep the server's case, so
 * `X-Amz-Meta-Owner` is `Owner` in S3's Metadata.
 */
function prefixedHeaders(prefix: string, lowerPrefix: string, headers: ResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers.raw)) {
    const key = name.toLowerCase();
    if (key.startsWith(lowerPrefix)) setOwn(out, headers.spelling(key, name).slice(prefix.length), headers.raw[name]);
  }
  return out;
}
