/**
 * The `query` and `ec2` protocols: the input becomes form fields (`Foo.member.1=a`) in a
 * `application/x-www-form-urlencoded` POST body, with `Action` and `Version` first.
 *
 * Naming rules (botocore's QuerySerializer / EC2Serializer):
 * - query: a member's key is its locationName, else its name; lists are `Name.member.N`
 *   (or `Name.<memberLocationName>.N`), flattened lists `Name.N` (the last segment replaced by
 *   the member's locationName when it has one); an empty list is sent as `Name=`; maps are
 *   `Name.entry.N.key` / `.value` (`Name.N.key` when flattened).
 * - ec2: `queryName`, else the capitalized locationName, else the member name; every list is
 *   `Name.N` and an empty list sends nothing.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { expandHostPrefix, isSet, presentEntries, scalarText } from './common';
import { formEncode } from '../../util/form-urlencoded';
import type { TimestampPrecision } from './timestamp';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

type Fields = Map<string, string>;

interface Dialect {
  /** The call's timestamp precision travels with the dialect (absent: 'default'). */
  precision?: TimestampPrecision;
  memberName(shape: Shape, fallback: string): string;
  list(out: Fields, value: unknown[], shape: Shape, prefix: string): void;
}

const queryDialect: Dialect = {
  memberName: (shape, fallback) => shape.serialization.name ?? fallback,
  list(out, value, shape, prefix) {
    if (value.length === 0) {
      // The query protocol sends an empty list as a present-but-empty field.
      out.set(prefix, '');
      return;
    }
    const member = shape.listMember;
    let listPrefix: string;
    if (shape.serialization.flattened) {
      const name = member.serialization.name;
      listPrefix = name ? replaceLastSegment(prefix, name) : prefix;
    } else {
      listPrefix = `${prefix}.${member.serialization.name ?? 'member'}`;
    }
    value.forEach((el, i) => serializeValue(this, out, el, member, `${listPrefix}.${i + 1}`));
  },
};

const ec2Dialect: Dialect = {
  memberName(shape, fallback) {
    const s = shape.serialization;
    if (s.queryName !== undefined) return s.queryName;
    // ec2 capitalizes locationNames on input.
    if (s.name !== undefined) return s.name.charAt(0).toUpperCase() + s.name.slice(1);
    return fallback;
  },
  list(out, value, shape, prefix) {
    const member = shape.listMember;
    value.forEach((el, i) => serializeValue(this, out, el, member, `${prefix}.${i + 1}`));
  },
};

function replaceLastSegment(prefix: string, name: string): string {
  const dot = prefix.lastIndexOf('.');
  return dot < 0 ? name : `${prefix.slice(0, dot)}.${name}`;
}

function serializeValue(d: Dialect, out: Fields, value: unknown, shape: Shape, prefix: string): void {
  switch (shape.type) {
    case 'structure':
      serializeStructure(d, out, value, shape, prefix);
      return;
    case 'list':
      d.list(out, Array.isArray(value) ? value : [], shape, prefix);
      return;
    case 'map':
      serializeMap(d, out, value, shape, prefix);
      return;
    default:
      out.set(prefix, scalarText(shape, value, d.precision));
  }
}

function serializeStructure(d: Dialect, out: Fields, value: unknown, shape: Shape, prefix: string): void {
  for (const [key, v] of presentEntries(value)) {
    const member = shape.member(key);
    if (!member) continue;
    const name = d.memberName(member, key);
    serializeValue(d, out, v, member, prefix ? `${prefix}.${name}` : name);
  }
}

function serializeMap(d: Dialect, out: Fields, value: unknown, shape: Shape, prefix: string): void {
  const full = shape.serialization.flattened ? prefix : `${prefix}.entry`;
  const keyShape = shape.mapKey;
  const valueShape = shape.mapValue;
  const keySuffix = d.memberName(keyShape, 'key');
  const valueSuffix = d.memberName(valueShape, 'value');
  let i = 0;
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    i++;
    serializeValue(d, out, k, keyShape, `${full}.${i}.${keySuffix}`);
    if (isSet(v)) serializeValue(d, out, v, valueShape, `${full}.${i}.${valueSuffix}`);
  }
}


function serializeForm(dialect: Dialect, op: OperationModel, params: Record<string, unknown>, precision: TimestampPrecision = 'default'): HttpRequestSpec {
  const d = precision === 'default' ? dialect : { ...dialect, precision };
  const fields: Fields = new Map();
  fields.set('Action', op.name);
  fields.set('Version', op.service.apiVersion);
  const input = op.input;
  if (input) serializeStructure(d, fields, params, input, '');
  const spec: HttpRequestSpec = {
    method: op.http?.method ?? 'POST',
    // query and ec2 always post to '/', whatever requestUri says.
    path: '/',
    query: [],
    headers: { 'Content-Type': FORM_CONTENT_TYPE },
    body: formEncode(fields),
  };
  const hostPrefix = expandHostPrefix(op, params);
  if (hostPrefix !== undefined) spec.hostPrefix = hostPrefix;
  return spec;
}

export function serializeQuery(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  return serializeForm(queryDialect, op, params, ctx.timestampPrecision);
}

export function serializeEc2(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  return serializeForm(ec2Dialect, op, params, ctx.timestampPrecision);
}
