/**
 * XML parsing for responses: the only module that reads XML with xml2js.
 *
 * `parseXml` returns the document element as an XmlNode: either a string (an element with text
 * only, or empty) or an XmlObject whose child elements sit under their local names as arrays
 * (xml2js `explicitArray`), text under TEXT_KEY and attributes under ATTR_KEY. Namespace
 * prefixes are stripped from element names (botocore strips `{uri}` from ElementTree tags).
 * Callers walk the tree by shape with the small accessors below, never by guessing from the
 * payload, so a one-element list stays a list.
 *
 * Inside the tree every element and attribute name carries NAME_MARK in front. xml2js tests
 * `name in obj` and assigns `obj[name]` as it builds, so an element named `__proto__`,
 * `constructor` or `toString` would read or replace Object.prototype's instead of being data.
 * Marked, no name is a prototype property; the accessors add and strip the mark.
 */
import { setOwn } from '../util/objects';
import type * as Xml2js from 'xml2js';

/** Keys that cannot collide with (marked) element names. */
export const TEXT_KEY = '#text';
export const ATTR_KEY = '@attrs';
/** Put before every element and attribute name in the tree: `>` never occurs in an XML name. */
const NAME_MARK = '>';

export interface XmlObject {
  [key: string]: unknown;
}
export type XmlNode = string | XmlObject;

export interface XmlDocument {
  /** Local name of the document element (`ErrorResponse`, `Error`, ...). */
  rootName: string;
  root: XmlNode;
}

// xml2js (with sax and xmlbuilder) costs ~30 ms to load: it is required on the first parse.
let xml2js: typeof Xml2js | undefined;
let OPTIONS: Xml2js.ParserOptions | undefined;

// Built once; each parse gets a fresh Parser because xml2js parsers keep state between calls.
function parserOptions(lib: typeof Xml2js): Xml2js.ParserOptions {
  return Object.freeze({
  explicitRoot: true,
  explicitArray: true,
  explicitCharkey: false,
  charkey: TEXT_KEY,
  attrkey: ATTR_KEY,
  trim: false,
  normalize: false,
  mergeAttrs: false,
  explicitChildren: false,
  emptyTag: '',
  strict: true,
  async: false,
  tagNameProcessors: [(name: string) => NAME_MARK + lib.processors.stripPrefix(name)],
  attrNameProcessors: [(name: string) => NAME_MARK + name],
  });
}

/**
 * Parses an XML document synchronously. Returns undefined for an empty (or blank) body; throws
 * on malformed XML.
 */
export function parseXml(input: Buffer | string): XmlDocument | undefined {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.trim() === '') return undefined;
  let result: unknown;
  let error: unknown;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  xml2js ??= require('xml2js') as typeof Xml2js;
  OPTIONS ??= parserOptions(xml2js);
  new xml2js.Parser(OPTIONS).parseString(text, (err: unknown, res: unknown) => {
    error = err;
    result = res;
  });
  if (error) throw error instanceof Error ? error : new Error(String(error));
  if (!result || typeof result !== 'object') {
    throw new Error('XML parse did not complete synchronously');
  }
  const [rootKey] = Object.keys(result);
  return { rootName: rootKey.slice(NAME_MARK.length), root: (result as Record<string, XmlNode>)[rootKey] };
}

/** The element's text: '' for an empty element (ElementTree's None becomes '' as in botocore). */
export function xmlText(node: XmlNode): string {
  if (typeof node === 'string') return node;
  const t = node[TEXT_KEY];
  return typeof t === 'string' ? t : '';
}

/**
 * The element's text as ElementTree's `.text`: null when it has none (`<Message/>`,
 * `<Message></Message>`). botocore keeps that None where it turns elements into plain dicts
 * (error bodies, query's ResponseMetadata); its shape parsers read it as '' (xmlText).
 */
export function xmlTextOrNull(node: XmlNode): string | null {
  if (typeof node === 'string') return node === '' ? null : node;
  const t = node[TEXT_KEY];
  return typeof t === 'string' && t !== '' ? t : null;
}

/** Attributes by their raw (namespace-prefixed) names, as a plain object. */
export function xmlAttributes(node: XmlNode): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof node === 'string') return out;
  const a = node[ATTR_KEY];
  if (!a || typeof a !== 'object') return out;
  for (const [k, v] of Object.entries(a as Record<string, string>)) setOwn(out, k.slice(NAME_MARK.length), v);
  return out;
}

/** Every occurrence of a child element, in document order; [] when absent. */
export function xmlChild(node: XmlNode, name: string): XmlNode[] {
  if (typeof node === 'string') return [];
  const key = NAME_MARK + name;
  if (!Object.prototype.hasOwnProperty.call(node, key)) return [];
  const v = node[key];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

/** Child element names in order of first appearance. */
export function xmlChildNames(node: XmlNode): string[] {
  if (typeof node === 'string') return [];
  const names: string[] = [];
  for (const k of Object.keys(node)) if (k.startsWith(NAME_MARK)) names.push(k.slice(NAME_MARK.length));
  return names;
}

/** All child elements as [name, node] pairs (grouped by name, in order of first appearance). */
export function xmlChildren(node: XmlNode): Array<[string, XmlNode]> {
  const out: Array<[string, XmlNode]> = [];
  for (const name of xmlChildNames(node)) for (const child of xmlChild(node, name)) out.push([name, child]);
  return out;
}
