/**
 * A minimal XML element tree and writer for request bodies (rest-xml).
 *
 * Escaping follows Python's ElementTree, which botocore uses: text escapes `& < >`;
 * attribute values also escape `"`, and CR, LF and TAB as character references. No XML
 * declaration is written, as botocore writes none.
 */

export class XmlElement {
  readonly attributes: Array<[string, string]> = [];
  readonly children: XmlElement[] = [];
  text?: string;

  constructor(readonly name: string) {}

  /** Appends and returns a new child element. */
  child(name: string): XmlElement {
    const c = new XmlElement(name);
    this.children.push(c);
    return c;
  }

  /** Sets an attribute, replacing an earlier value of the same name. */
  setAttribute(name: string, value: string): void {
    const i = this.attributes.findIndex(([n]) => n === name);
    if (i >= 0) this.attributes[i] = [name, value];
    else this.attributes.push([name, value]);
  }

  toString(): string {
    const out: string[] = [];
    write(this, out);
    return out.join('');
  }
}

const TEXT_SPECIAL = /[&<>]/g;
const ATTR_SPECIAL = /[&<>"\r\n\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\r': '&#13;',
  '\n': '&#10;',
  '\t': '&#09;',
};

function entity(c: string): string {
  return ENTITIES[c];
}

export function escapeXmlText(s: string): string {
  return s.replace(TEXT_SPECIAL, entity);
}

export function escapeXmlAttribute(s: string): string {
  return s.replace(ATTR_SPECIAL, entity);
}

function write(el: XmlElement, out: string[]): void {
  out.push('<', el.name);
  for (const [n, v] of el.attributes) out.push(' ', n, '="', escapeXmlAttribute(v), '"');
  if (!el.text && el.children.length === 0) {
    out.push(' />');
    return;
  }
  out.push('>');
  if (el.text) out.push(escapeXmlText(el.text));
  for (const c of el.children) write(c, out);
  out.push('</', el.name, '>');
}
