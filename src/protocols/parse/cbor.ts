/**
 * `parseRpcV2Cbor`: botocore's RpcV2CBORParser. The body is one CBOR map read as the output
 * shape; the request id comes from `x-amzn-requestid` (not for an operation without an output
 * shape, as botocore); errors from `__type` (errors.ts). A
 * success body that is not exactly one well-formed CBOR item is a ResponseParserError naming the
 * operation (bodies.ts); an empty body is an empty result.
 *
 * The walk by shape follows botocore: structure members are looked up by member name; null
 * members are left out; unknown keys are skipped; lists keep null items; a dense map drops null
 * values (botocore drops them from every map, a `sparse` one keeps them, as Smithy says);
 * documents are the decoded value. Beyond botocore, which passes any decoded value through, a
 * value of the wrong CBOR type for its member (text where a map or a number belongs) is a
 * ResponseParserError rather than a result: timestamps are tag 1 (a bare number is read as epoch
 * seconds), blobs byte strings, numbers numbers (bigints past 2^53; integer members whole numbers), unions one member set (an
 * unknown one gives `SDK_UNKNOWN_MEMBER`, as the other protocols).
 */
import { Buffer } from 'buffer';
import { ResponseParserError } from '../../errors';
import type { OperationModel } from '../../models/service-model';
import type { Shape } from '../../models/shape';
import { setOwn } from '../../util/objects';
import type { ParseContext, ParsedResponse, RawResponse } from '../types';
import type { CborValue } from '../cbor-reader';
import { parseCborErrorBody, parseCborSuccessBody, parseEventCbor } from './bodies';
import { Dict, isDecodedMap, ParserHooks, requestIdMetadata, runParser, unknownUnionMember } from './common';
import { parseCborError } from './errors';
import { EventPayloadParser, rpcEventStreamOutput } from './event-stream';
import { eventStreamMember } from '../../models/service-model';
import { parseTimestamp } from './timestamps';

const isMap = (value: unknown): value is Record<string, CborValue> => isDecodedMap(value);

function wrongType(shape: Shape, expected: string, value: unknown): ResponseParserError {
  const got = Array.isArray(value) ? 'an array' : Buffer.isBuffer(value) ? 'a byte string' : value instanceof Date ? 'a timestamp' : isMap(value) ? 'a map' : `a ${typeof value}`;
  return new ResponseParserError(`Invalid CBOR response: ${shape.name} expects ${expected}, got ${got}`);
}

function parseCborShape(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (shape.type) {
    case 'structure':
      return shape.isDocument ? value : parseStructure(shape, value);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType(shape, 'an array', value);
      const member = shape.listMember;
      return value.map((item) => parseCborShape(member, item));
    }
    case 'map': {
      if (!isMap(value)) throw wrongType(shape, 'a map', value);
      const valueShape = shape.mapValue;
      const sparse = shape.trait<boolean>('sparse') === true;
      const out: Dict = {};
      for (const key of Object.keys(value)) {
        const v = value[key];
        if (v === null && !sparse) continue;
        setOwn(out, key, parseCborShape(valueShape, v));
      }
      return out;
    }
    case 'timestamp':
      if (value instanceof Date) return value;
      if (typeof value === 'number') return parseTimestamp(value);
      throw wrongType(shape, 'a timestamp', value);
    case 'blob':
      if (Buffer.isBuffer(value)) return value;
      if (typeof value === 'string') return Buffer.from(value, 'utf8');
      throw wrongType(shape, 'a byte string', value);
    case 'float':
    case 'double':
    case 'bigdecimal':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      throw wrongType(shape, 'a number', value);
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
    case 'biginteger':
      if ((typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint') return value;
      throw wrongType(shape, 'an integer', value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      throw wrongType(shape, 'a boolean', value);
    default:
      if (typeof value === 'string') return value;
      throw wrongType(shape, 'a text string', value);
  }
}

function parseStructure(shape: Shape, value: unknown): Dict {
  if (!isMap(value)) throw wrongType(shape, 'a map', value);
  if (shape.isUnion) {
    const present = Object.keys(value).filter((k) => value[k] !== null);
    const unknown = unknownUnionMember(shape, present);
    if (unknown) return unknown;
  }
  const out: Dict = {};
  const members = shape.members;
  for (const name of shape.memberNames) {
    if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
    const raw = value[name];
    if (raw !== null) out[name] = parseCborShape(members[name], raw);
  }
  return out;
}

function walk(shape: Shape, body: CborValue): Dict {
  // An empty body decodes as {}; a body that is some other item than a map is not the output.
  const value = parseCborShape(shape, body);
  return isMap(value) ? (value as Dict) : {};
}

const eventPayload: EventPayloadParser = (shape, payload, operationName) => parseCborShape(shape, parseEventCbor(payload, operationName));

/** An output with an event stream member, read as the json protocol reads one (CBOR payloads). */
function parseWithEventStream(response: RawResponse, shape: Shape, member: string, operationName: string): Dict {
  return rpcEventStreamOutput(response, shape, member, operationName, eventPayload, (payload) => walk(shape, parseEventCbor(payload, operationName)));
}

const cborHooks: ParserHooks = {
  parseSuccess(response, shape, headers, operationName) {
    // botocore's BaseRpcV2Parser reads the request id only for an operation with an output shape.
    if (!shape) return {};
    const member = eventStreamMember(shape);
    const parsed = member ? parseWithEventStream(response, shape, member, operationName) : walk(shape, parseCborSuccessBody(response, operationName));
    return requestIdMetadata(parsed, headers);
  },
  parseError: parseCborError,
  parseModeledError(response, shape) {
    const body = parseCborErrorBody(response);
    // A modeled error is read leniently: a member of the wrong type leaves the members out.
    try {
      return walk(shape, body);
    } catch (e) {
      if (e instanceof ResponseParserError) return {};
      throw e;
    }
  },
};

export function parseRpcV2Cbor(op: OperationModel, response: RawResponse, ctx: ParseContext): ParsedResponse {
  return runParser(cborHooks, op, response, ctx);
}
