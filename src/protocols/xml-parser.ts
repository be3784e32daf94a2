/**
 * An XML document as a tree, for the response parts read by walking it: error bodies (botocore
 * turns their elements into plain dicts), modeled error members, event payloads, and the
 * success bodies the shape-directed reader (parse/xml-reader.ts) hands back to the tree walk.
 *
 * `parseXml` returns the document element as an XmlNode: a string for an element with neither
 * attributes nor child elements (its text, '' when empty, whitespace kept), else an
 * XmlElement whose children sit in a Map under their local names, each name's occurrences in
 * document order and the names in order of first appearance. Namespace prefixes are stripped
 * from element names (botocore strips `{uri}` from ElementTree tags). An element with
 * attributes or children keeps its text only when it is more than whitespace (or came from
 * CDATA). These are the rules the tree had when xml2js built it, so nothing above changed.
 * Callers walk the tree by shape with the small accessors below, never by guessing from the
 * payload, so a one-element list stays a list.
 *
 * Element and attribute names are data: children are a Map and attributes a null-prototype
 * object, so `__proto__`, `constructor` or `toString` are names like any other.
 */
import { setOwn } from '../util/objects';
import { scanXml, XmlHandler } from './xml-scanner';

/** Whitespace as xml2js judged it (JavaScript's `\s`). */
const BLANK = /^\s*$/;

export class XmlElement {
  /** Child elements by local name; undefined while there are none. */
  children: Map<string, XmlNode[]> | undefined = undefined;
  text = '';
  /** True when some of the text came from CDATA (kept even if it is only whitespace). */
  cdata = false;

  constructor(
    readonly name: string,
    /** Raw names (prefixes kept), null prototype; undefined when the element has none. */
    readonly attributes: Readonly<Record<string, string>> | undefined,
  ) {}
}

export type XmlNode = string | XmlElement;

export interface XmlDocument {
  /** Local name of the document element (`ErrorResponse`, `Error`, ...). */
  rootName: string;
  root: XmlNode;
}

/** Builds the tree from the token stream. */
class TreeBuilder implements XmlHandler {
  private readonly stack: XmlElement[] = [];
  doc: XmlDocument | undefined;

  open(name: string, attributes: Readonly<Record<string, string>> | undefined): void {
    this.stack.push(new XmlElement(name, attributes));
  }

  text(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) top.text += text;
  }

  cdata(text: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top) {
      top.text += text;
      top.cdata = true;
    }
  }

  close(): void {
    const el = this.stack.pop() as XmlElement;
    let node: XmlNode = el;
    if (!el.children && !el.attributes) node = el.text;
    else if (!el.cdata && BLANK.test(el.text)) el.text = '';
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.doc = { rootName: el.name, root: node };
      return;
    }
    const children = (parent.children ??= new Map());
    const same = children.get(el.name);
    if (same) same.push(node);
    else children.set(el.name, [node]);
  }
}

/**
 * Parses an XML document synchronously. Returns undefined for an empty (or blank) body; throws
 * on XML that is not well-formed.
 */
export function parseXml(input: Buffer | string): XmlDocument | undefined {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.trim() === '') return undefined;
  const builder = new TreeBuilder();
  scanXml(text, builder);
  if (!builder.doc) throw new Error('XML document has no root element');
  return builder.doc;
}

/** The element's text: '' for an empty element (ElementTree's None becomes '' as in botocore). */
export function xmlText(node: XmlNode): string {
  return typeof node === 'string' ? node : node.text;
}

/**
 * The element's text as ElementTree's `.text`: null when it has none (`<Message/>`,
 * `<Message></Message>`). botocore keeps that None where it turns elements into plain dicts
 * (error bodies, query's ResponseMetadata); its shape parsers read it as '' (xmlText).
 */
export function xmlTextOrNull(node: XmlNode): string | null {
  const t = xmlText(node);
  return t === '' ? null : t;
}

/** Attributes by their raw (namespace-prefixed) names, as a plain object. */
export function xmlAttributes(node: XmlNode): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof node === 'string' || !node.attributes) return out;
  for (const k of Object.keys(node.attributes)) setOwn(out, k, node.attributes[k]);
  return out;
}

/** Every occurrence of a child element, in document order; [] when absent. */
export function xmlChild(node: XmlNode, name: string): XmlNode[] {
  if (typeof node === 'string' || !node.children) return [];
  return node.children.get(name) ?? [];
}

/** Child element names in order of first appearance. */
export function xmlChildNames(node: XmlNode): string[] {
  if (typeof node === 'string' || !node.children) return [];
  return [...node.children.keys()];
}

/** All child elements as [name, node] pairs (grouped by name, in order of first appearance). */
export function xmlChildren(node: XmlNode): Array<[string, XmlNode]> {
  const out: Array<[string, XmlNode]> = [];
  if (typeof node === 'string' || !node.children) return out;
  for (const [name, nodes] of node.children) for (const child of nodes) out.push([name, child]);
  return out;
}
