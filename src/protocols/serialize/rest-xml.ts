/**
 * The `rest-xml` protocol: HTTP bindings from rest.ts, an XML body built by shape (botocore's
 * RestXMLSerializer). The root element is the input's (or structure payload's) locationName;
 * lists are wrapped (`<L><member>..</member></L>`, or the member's locationName) unless
 * flattened; maps are `<M><entry><key/><value/></entry></M>` unless flattened; `xmlAttribute`
 * members become attributes; `xmlNamespace` adds `xmlns` / `xmlns:prefix`. No Content-Type is
 * set (botocore sets none). Timestamps in the body default to iso8601.
 */
import type { Shape } from '../../models/shape';
import type { OperationModel } from '../../models/service-model';
import type { HttpRequestSpec, SerializeContext } from '../types';
import { XmlElement } from '../xml-builder';
import { isSet, presentEntries, pyStr, scalarText } from './common';
import type { TimestampPrecision } from './timestamp';
import { serializeRest } from './rest';
import type { RestBodyWriter } from '../rest-body-codec';

function addNamespace(shape: Shape, node: XmlElement): void {
  const ns = shape.trait<unknown>('xmlNamespace');
  if (ns === undefined || ns === null) return;
  if (typeof ns === 'string') {
    node.setAttribute('xmlns', ns);
  } else if (typeof ns === 'object') {
    const { prefix, uri } = ns as { prefix?: string; uri?: string };
    node.setAttribute(prefix ? `xmlns:${prefix}` : 'xmlns', uri ?? '');
  }
}

function xmlSerialize(shape: Shape, value: unknown, parent: XmlElement, name: string, precision: TimestampPrecision): void {
  switch (shape.type) {
    case 'structure':
      xmlStructure(shape, value, parent, name, precision);
      return;
    case 'list':
      xmlList(shape, value, parent, name, precision);
      return;
    case 'map':
      xmlMap(shape, value, parent, name, precision);
      return;
    default:
      xmlScalar(shape, value, parent.child(name), precision);
  }
}

function xmlScalar(shape: Shape, value: unknown, node: XmlElement, precision: TimestampPrecision): void {
  node.text = scalarText(shape, value, precision);
  addNamespace(shape, node);
}

function xmlStructure(shape: Shape, value: unknown, parent: XmlElement, name: string, precision: TimestampPrecision): void {
  const node = parent.child(name);
  addNamespace(shape, node);
  for (const [key, v] of presentEntries(value)) {
    const member = shape.member(key);
    if (!member) continue;
    const memberName = member.serialization.name ?? key;
    if (member.serialization.xmlAttribute) {
      node.setAttribute(memberName, pyStr(v));
      continue;
    }
    xmlSerialize(member, v, node, memberName, precision);
  }
}

function xmlList(shape: Shape, value: unknown, parent: XmlElement, name: string, precision: TimestampPrecision): void {
  const member = shape.listMember;
  let listNode = parent;
  let elementName = name;
  if (!shape.serialization.flattened) {
    elementName = member.serialization.name ?? 'member';
    listNode = parent.child(name);
  }
  // botocore puts a flattened list's namespace on the enclosing element.
  addNamespace(shape, listNode);
  for (const item of Array.isArray(value) ? value : []) {
    if (isSet(item)) xmlSerialize(member, item, listNode, elementName, precision);
  }
}

function xmlMap(shape: Shape, value: unknown, parent: XmlElement, name: string, precision: TimestampPrecision): void {
  const flattened = shape.serialization.flattened === true;
  let mapNode = parent;
  if (!flattened) {
    mapNode = parent.child(name);
    addNamespace(shape, mapNode);
  }
  const keyShape = shape.mapKey;
  const valueShape = shape.mapValue;
  const keyName = keyShape.serialization.name ?? 'key';
  const valueName = valueShape.serialization.name ?? 'value';
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const entry = flattened ? parent.child(name) : mapNode.child('entry');
    xmlSerialize(keyShape, k, entry, keyName, precision);
    if (isSet(v)) xmlSerialize(valueShape, v, entry, valueName, precision);
  }
}

/** The XML document for `value` under `shape`, rooted at the shape's locationName. */
export function xmlBody(value: unknown, shape: Shape, precision: TimestampPrecision = 'default'): string {
  const rootName = shape.serialization.name ?? shape.name;
  const pseudoRoot = new XmlElement('');
  xmlSerialize(shape, value, pseudoRoot, rootName, precision);
  return pseudoRoot.children[0].toString();
}

const restXmlCodec: RestBodyWriter = {
  writeBody: xmlBody,
  emptyBody: undefined,
  requiresEmptyBody: () => false,
  contentType: () => undefined,
};

export function serializeRestXml(op: OperationModel, params: Record<string, unknown>, ctx: SerializeContext): HttpRequestSpec {
  return serializeRest(op, params, restXmlCodec, ctx.timestampPrecision);
}
