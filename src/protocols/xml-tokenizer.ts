/**
 * XML tokenizing for responses: the only module that loads an XML library (saxes).
 *
 * `tokenizeXml` reads one whole document and calls a handler for each element start (its local
 * name and attributes), text run, CDATA section and element end. Both readers of response XML
 * sit on it: the tree (xml-parser.ts, for error bodies and events) and the shape-directed
 * reader (parse/xml-reader.ts, for success bodies).
 *
 * saxes is a strict, conforming XML 1.0 parser, like the expat botocore reads with: a document
 * that is not well-formed (mismatched or unclosed tags, an undefined entity, a character XML
 * forbids, content after the root element, a duplicate attribute) throws. As XML requires and
 * expat does, line ends in text and attributes arrive as LF (CRLF and lone CR become LF; `&#xD;`
 * stays CR) and whitespace in attribute values as spaces. Only the five predefined entities
 * and character references are expanded; a DOCTYPE's entities never are.
 *
 * saxes costs ~15 ms to require (xml2js, before it, ~30 ms): it loads on the first parse.
 */
import type * as Saxes from 'saxes';

/** What a reader of the token stream implements. Names are local (prefix stripped). */
export interface XmlHandler {
  /** An element starts; `attributes` is undefined when it has none (raw names, prefixes kept). */
  open(name: string, attributes: Readonly<Record<string, string>> | undefined): void;
  /** Character data: a text run with entities expanded. */
  text(text: string): void;
  /** A CDATA section's content. */
  cdata(text: string): void;
  /** The innermost open element ends. */
  close(): void;
}

let saxes: typeof Saxes | undefined;

/**
 * An element's local name, as xml2js's stripPrefix gave it (and as botocore strips `{uri}`):
 * everything up to the last colon goes, unless the name starts with `xmlns`.
 */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon < 0 || name.startsWith('xmlns') ? name : name.slice(colon + 1);
}

/** Reads `text` as one XML document, calling `handler`; throws on anything not well-formed. */
export function tokenizeXml(text: string, handler: XmlHandler): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  saxes ??= require('saxes') as typeof Saxes;
  // Line/column tracking stays on: it costs little and names where a damaged body breaks.
  const parser = new saxes.SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    // saxes gives every tag an attribute object (null prototype, so `__proto__` is data).
    const attributes = tag.attributes as Record<string, string>;
    let any = false;
    for (const _ in attributes) {
      any = true;
      break;
    }
    handler.open(localName(tag.name), any ? attributes : undefined);
  });
  parser.on('text', (t) => handler.text(t));
  parser.on('cdata', (t) => handler.cdata(t));
  parser.on('closetag', () => handler.close());
  parser.write(text).close();
}
