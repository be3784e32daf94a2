/**
 * Walks a parsed XML tree by shape, as botocore's BaseXMLResponseParser: structures look members
 * up by locationName (a flattened list by its member's locationName), lists and maps are
 * flattened or wrapped as the shape says (so one element still makes a one-element list),
 * xmlAttribute members read the element's attributes, and scalars convert from element text.
 * Members bound to headers or the status code are left to the rest layer.
 */
import type { Shape } from '../../models/shape';
import { XmlNode, xmlAttributes, xmlChild, xmlChildNames, xmlChildren, xmlText, xmlTextOrNull } from '../xml-parser';
import { setOwn } from '../../util/objects';
import { Dict, fromBase64, toFloat, toInteger, unknownUnionMember } from './common';
import { parseTimestamp } from './timestamps';

const NON_BODY_LOCATIONS = new Set(['header', 'headers', 'statusCode']);

/**
 * Parses the occurrences of one element (`nodes`, non-empty) as `shape`. A single element is
 * passed as a one-element array; repeated siblings (a flattened list) as all of them.
 */
export function parseXmlShape(shape: Shape, nodes: XmlNode[]): unknown {
  switch (shape.type) {
    case 'structure':
      return parseStructure(shape, nodes[0]);
    case 'list':
      return parseList(shape, nodes);
    case 'map':
      return parseMap(shape, nodes);
    default:
      return xmlScalar(shape, xmlText(nodes[0]));
  }
}

/** Converts element text (or a header value) per the scalar shape type. */
export function xmlScalar(shape: Shape, text: string): unknown {
  switch (shape.type) {
    case 'boolean':
      return text === 'true';
    case 'integer':
    case 'long':
    case 'short':
    case 'byte':
      return toInteger(text);
    case 'float':
    case 'double':
      return toFloat(text);
    case 'timestamp':
      return parseTimestamp(text);
    case 'blob':
      return fromBase64(text);
    default:
      return text;
  }
}

export function parseStructure(shape: Shape, node: XmlNode): Dict {
  const unknown = unknownUnionMember(shape, xmlChildNames(node));
  if (unknown) return unknown;
  const parsed: Dict = {};
  const members = shape.members;
  for (const name of shape.memberNames) {
    const member = members[name];
    const ser = member.serialization;
    if ((ser.location && NON_BODY_LOCATIONS.has(ser.location)) || ser.eventheader) continue;
    const occurrences = xmlChild(node, memberKeyName(member, name));
    if (occurrences.length > 0) {
      parsed[name] = parseXmlShape(member, occurrences);
    } else if (ser.xmlAttribute && ser.name) {
      const attrs = xmlAttributes(node);
      if (Object.prototype.hasOwnProperty.call(attrs, ser.name)) parsed[name] = attrs[ser.name];
    }
  }
  return parsed;
}

/** A flattened list with a named member is keyed by the member's name, else the locationName. */
export function memberKeyName(member: Shape, name: string): string {
  if (member.type === 'list' && member.serialization.flattened) {
    const itemName = member.listMember.serialization.name;
    if (itemName !== undefined) return itemName;
  }
  return member.serialization.name ?? name;
}

function parseList(shape: Shape, nodes: XmlNode[]): unknown[] {
  // Wrapped: the items are the wrapper's children, whatever their tag. (botocore iterates a
  // repeated wrapper as the items themselves; keep that.)
  const items = shape.serialization.flattened || nodes.length > 1 ? nodes : xmlChildren(nodes[0]).map(([, n]) => n);
  const member = shape.listMember;
  return items.map((item) => parseXmlShape(member, [item]));
}

function parseMap(shape: Shape, nodes: XmlNode[]): Dict {
  const keyShape = shape.mapKey;
  const valueShape = shape.mapValue;
  const keyName = keyShape.serialization.name || 'key';
  const valueName = valueShape.serialization.name || 'value';
  const entries = shape.serialization.flattened ? nodes : nodes.flatMap((n) => xmlChildren(n).map(([, e]) => e));
  const parsed: Dict = {};
  for (const entry of entries) {
    const k = xmlChild(entry, keyName);
    if (k.length === 0) continue;
    const key = String(parseXmlShape(keyShape, k));
    const v = xmlChild(entry, valueName);
    // Map keys are data: `__proto__` is a key like any other (setOwn), not the result's prototype.
    if (v.length > 0) setOwn(parsed, key, parseXmlShape(valueShape, v));
  }
  return parsed;
}

/**
 * botocore's `_replace_nodes` over `_build_name_to_xml_node`: an element's children as a plain
 * dict, nested elements recursively, leaves as text (the first of repeated siblings wins). A
 * leaf without text is null, as botocore's None (`<Message/>` in an error body).
 */
export function xmlToPlain(node: XmlNode): Dict {
  const out: Dict = {};
  for (const name of xmlChildNames(node)) {
    const occ = xmlChild(node, name);
    if (occ.length === 0) continue;
    const first = occ[0];
    setOwn(out, name, xmlChildNames(first).length > 0 ? xmlToPlain(first) : xmlTextOrNull(first));
  }
  return out;
}
