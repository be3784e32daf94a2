/**
 * `smithy-rpc-v2-cbor` requests, as botocore's RpcV2CBORSerializer: `POST
 * /service/<targetPrefix>/operation/<Operation>`, `smithy-protocol: rpc-v2-cbor`, Accept (and,
 * when there is a body, Content-Type) `application/cbor`, `x-amzn-query-mode: true` for
 * awsQueryCompatible services, no X-Amz-Target. An operation with an input shape sends its
 * params as one CBOR map (an empty one when no param is set); one without sends no body.
 *
 * Values by shape: members under their locationName when they have one; integers as CBOR
 * integers (bigints exactly, up to 64 bits); float members as 4-byte and double members as
 * 8-byte floats, NaN and the infinities as half floats; timestamps as tag 1 with integer epoch
 * seconds (truncated; the member's timestampFormat is not read, as in botocore; float seconds
 * with milliseconds at the `millisecond` serializer precision); blobs as byte strings; lists and
 * maps with their null entries kept as CBOR null (sparse collections); unions as the one member
 * set; documents as untyped CBOR (botocore cannot serialize them). bigInteger members past 64
 * bits use tag 2/3 bignums and bigDecimal members tag 4 decimal fractions, as Smithy says.
 */
import { Buffer } from 'buffer';
import { ParamValidationError } from '../../errors';
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { CborWriter, writeCborValue } from '../cbor-writer';
import { expandHostPrefix, isSet, presentEntries, toBuffer } from './common';
import { TimestampPrecision, toInstant } from './timestamp';

const CBOR = 'application/cbor';
const EVENT_STREAM = 'application/vnd.amazon.eventstream';

function writeValue(w: CborWriter, value: unknown, shape: Shape, precision: TimestampPrecision): void {
  switch (shape.type) {
    case 'structure':
      if (shape.isDocument) return writeCborValue(w, value);
      return writeStructure(w, value, shape, precision);
    case 'list': {
      const items = Array.isArray(value) ? value : [];
      const member = shape.listMember;
      w.arrayHead(items.length);
      for (const item of items) {
        if (isSet(item)) writeValue(w, item, member, precision);
        else w.null();
      }
      return;
    }
    case 'map': {
      const entries = Object.entries((value ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined);
      const valueShape = shape.mapValue;
      w.mapHead(entries.length);
      for (const [k, v] of entries) {
        w.text(k);
        if (v === null) w.null();
        else writeValue(w, v, valueShape, precision);
      }
      return;
    }
    case 'timestamp':
      return writeTimestamp(w, value, precision);
    case 'blob':
      return w.bytes(toBuffer(value));
    case 'float':
      return w.float32(Number(value));
    case 'double':
      return w.float64(Number(value));
    case 'bigdecimal':
      return writeDecimal(w, value);
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      return w.integer(integerOf(value));
    case 'biginteger':
      return w.bigInteger(integerOf(value));
    case 'boolean':
      return w.boolean(Boolean(value));
    default:
      return w.text(String(value));
  }
}

function writeStructure(w: CborWriter, value: unknown, shape: Shape, precision: TimestampPrecision): void {
  // botocore leaves out None members; absent and unknown keys are left out here too.
  const members: Array<[string, unknown, Shape]> = [];
  for (const [key, v] of presentEntries(value)) {
    const member = shape.member(key);
    if (member) members.push([member.serialization.name ?? key, v, member]);
  }
  w.mapHead(members.length);
  for (const [name, v, member] of members) {
    w.text(name);
    writeValue(w, v, member, precision);
  }
}

function integerOf(value: unknown): number | bigint {
  if (typeof value === 'bigint') return value;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new ParamValidationError([`Invalid integer value ${String(value)}: CBOR integers are whole numbers`]);
  return n;
}

function writeTimestamp(w: CborWriter, value: unknown, precision: TimestampPrecision): void {
  const t = toInstant(value);
  w.tag(1);
  if (precision === 'millisecond') {
    const ms = Math.floor(t.micros / 1000);
    if (ms !== 0) return w.float64(t.seconds + ms / 1000);
  }
  w.integer(t.seconds);
}

/** A decimal as tag 4 `[exponent, mantissa]`, from the shortest text that reads back as the number. */
function writeDecimal(w: CborWriter, value: unknown): void {
  const n = Number(value);
  if (!Number.isFinite(n)) return w.float64(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(n));
  if (!m) throw new ParamValidationError([`Invalid decimal value ${String(value)}`]);
  const [, sign, whole, fraction = '', exp = '0'] = m;
  w.tag(4);
  w.arrayHead(2);
  w.integer(Number(exp) - fraction.length);
  w.integer(BigInt(`${sign}${whole}${fraction}`));
}

export function serializeRpcV2Cbor(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  const meta = op.service.metadata;
  const input = op.input;
  let body: Buffer | undefined;
  if (input) {
    const w = new CborWriter();
    try {
      writeStructure(w, params, input, ctx.timestampPrecision ?? 'default');
    } catch (e) {
      // A value CBOR cannot hold (an integer past 64 bits, a float past 4 bytes' range) is the caller's.
      if (e instanceof RangeError) throw new ParamValidationError([`Invalid parameter value for ${op.name}: ${e.message}`]);
      throw e;
    }
    body = w.finish();
  }
  const accept = op.eventStreamOutputMember !== undefined ? EVENT_STREAM : CBOR;
  const headers: Record<string, string> = { 'smithy-protocol': 'rpc-v2-cbor' };
  if (meta.awsQueryCompatible !== undefined) headers['x-amzn-query-mode'] = 'true';
  headers.Accept = accept;
  if (body && body.length) headers['Content-Type'] = accept;
  const spec: HttpRequestSpec = {
    method: 'POST',
    path: `/service/${meta.targetPrefix ?? ''}/operation/${op.name}`,
    query: [],
    headers,
    body: body ?? '',
  };
  const hostPrefix = expandHostPrefix(op, params);
  if (hostPrefix !== undefined) spec.hostPrefix = hostPrefix;
  return spec;
}
