/**
 * botojs's XML tokenizer: reads one whole document and reports element starts, text, CDATA and
 * element ends to an XmlHandler, checking that the document is well-formed XML 1.0 as it goes.
 *
 * Why not a library: response parsing is the hot path of list calls, and the general parsers
 * walk the text a character at a time through a state machine (sax, saxes) or build a tree of
 * their own first. This one jumps with indexOf from markup to markup and slices text and names
 * out whole; bench/xml-parsers.ts and docs/DESIGN.md have the numbers.
 *
 * What it checks, as a conforming parser (expat, which botocore reads with; saxes) does: tags
 * nest and match, names are XML names, attributes are quoted, unique, and free of `<`; `&`
 * starts one of the five predefined entities or a character reference to a legal character
 * (a DOCTYPE is skipped and its entities never expanded); text holds no `]]>`; comments hold
 * no `--`; processing instructions are not named `xml`; the XML declaration is well-formed;
 * there is exactly one root element and no text outside it; no character XML forbids (C0
 * controls but tab/LF/CR, U+FFFE/U+FFFF, unpaired surrogates). As XML requires, CRLF and lone
 * CR become LF everywhere and tab/LF in attribute values become spaces (`&#xD;`, `&#9;` stay).
 * One leniency: whitespace may come before the XML declaration (expat refuses it; the xml2js
 * botojs used before accepted it, and S3 sends keep-alive whitespace ahead of a copy's result).
 */

/** What a reader of the token stream implements. Element names are local (prefix stripped). */
export interface XmlHandler {
  /** An element starts; `attributes` is undefined when it has none (raw names, prefixes kept; null prototype). */
  open(name: string, attributes: Readonly<Record<string, string>> | undefined): void;
  /** Character data: a text run with entities expanded. */
  text(text: string): void;
  /** A CDATA section's content. */
  cdata(text: string): void;
  /** The innermost open element ends. */
  close(): void;
}

/** A document that is not well-formed XML; the message starts with `line:column:`. */
export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/**
 * An element's local name, as xml2js's stripPrefix gave it (and as botocore strips `{uri}`):
 * everything up to the last colon goes, unless the name starts with `xmlns`.
 */
export function localName(name: string): string {
  const colon = name.lastIndexOf(':');
  return colon < 0 || name.startsWith('xmlns') ? name : name.slice(colon + 1);
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

/** ASCII name characters: 1 may start a name, 2 may continue one. */
const NAME_ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_:]/.test(ch)) NAME_ASCII[c] = 3;
  else if (/[0-9.-]/.test(ch)) NAME_ASCII[c] = 2;
}
// XML 1.0 (5th edition) NameStartChar and NameChar beyond ASCII, in the BMP; astral characters
// U+10000-U+EFFFF (surrogate pairs) are name characters too.
const NAME_START_BMP = /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR_BMP = /[\u00B7\u0300-\u036F\u203F\u2040]/;
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const SURROGATE = /[\uD800-\uDFFF]/;
const XML_DECL =
  /<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.[0-9]+"|'1\.[0-9]+')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/y;
const HEX_REF = /^#x[0-9A-Fa-f]+$/;
const DEC_REF = /^#[0-9]+$/;
const PREDEFINED: Readonly<Record<string, string>> = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
}));

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09;
}

/** A character XML 1.0 allows (as a code point). */
function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** Reads `text` as one XML document, calling `handler`; throws XmlSyntaxError unless it is well-formed. */
export function scanXml(text: string, handler: XmlHandler): void {
  new Scanner(text, handler).document();
}

class Scanner {
  private readonly s: string;
  private readonly stack: string[] = [];
  /** Next `&` and `]]>` at or after the text being read (-1: none left), found lazily. */
  private nextAmp = -2;
  private nextCdataEnd = -2;

  constructor(text: string, private readonly h: XmlHandler) {
    // XML's end-of-line handling comes before anything else.
    this.s = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  }

  private fail(at: number, message: string): never {
    const before = this.s.slice(0, at);
    const line = before.split('\n').length;
    const column = at - (before.lastIndexOf('\n') + 1) + 1;
    throw new XmlSyntaxError(`${line}:${column}: ${message}`);
  }

  document(): void {
    const s = this.s;
    this.checkCharacters();
    let i = s.charCodeAt(0) === 0xfeff ? 1 : 0;
    i = this.skipSpace(i);
    if (s.startsWith('<?xml', i) && isSpace(s.charCodeAt(i + 5))) {
      XML_DECL.lastIndex = i;
      if (!XML_DECL.test(s)) this.fail(i, 'malformed XML declaration.');
      i = XML_DECL.lastIndex;
    }
    i = this.misc(i, true);
    if (i >= s.length) this.fail(i, 'document must contain a root element.');
    if (s.charCodeAt(i) !== LT) this.fail(i, 'text data outside of root node.');
    i = this.element(i);
    i = this.misc(i, false);
    if (i < s.length) this.fail(i, s.charCodeAt(i) === LT ? 'documents may contain only one root.' : 'text data outside of root node.');
  }

  private checkCharacters(): void {
    const s = this.s;
    const bad = FORBIDDEN.exec(s);
    if (bad) this.fail(bad.index, 'disallowed character.');
    if (!SURROGATE.test(s)) return;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdfff) continue;
      const next = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) this.fail(i, 'disallowed character.');
      i += 1;
    }
  }

  private skipSpace(i: number): number {
    const s = this.s;
    while (isSpace(s.charCodeAt(i))) i++;
    return i;
  }

  /** Whitespace, comments, PIs (and, before the root, one DOCTYPE); returns where they end. */
  private misc(i: number, prolog: boolean): number {
    const s = this.s;
    let doctype = false;
    for (;;) {
      i = this.skipSpace(i);
      if (s.startsWith('<!--', i)) i = this.comment(i);
      else if (s.startsWith('<?', i)) i = this.pi(i);
      else if (prolog && !doctype && s.startsWith('<!DOCTYPE', i)) {
        i = this.doctype(i);
        doctype = true;
      } else return i;
    }
  }

  /** End of a name starting at `i` (i itself when no name starts there). */
  private nameEnd(i: number): number {
    const s = this.s;
    let first = true;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c < 128) {
        const cls = NAME_ASCII[c];
        if (first ? (cls & 1) === 0 : cls === 0) return i;
        i++;
      } else if (c >= 0xd800 && c <= 0xdb7f) {
        // A surrogate pair: U+10000-U+EFFFF are name characters (pairing was checked up front).
        i += 2;
      } else {
        const ch = s[i];
        if (!(NAME_START_BMP.test(ch) || (!first && NAME_CHAR_BMP.test(ch)))) return i;
        i++;
      }
      first = false;
    }
  }

  private comment(i: number): number {
    const end = this.s.indexOf('-->', i + 4);
    if (end < 0) this.fail(i, 'unclosed comment.');
    if (this.s.indexOf('--', i + 4) !== end) this.fail(i, 'malformed comment.');
    return end + 3;
  }

  private pi(i: number): number {
    const s = this.s;
    const nameEnd = this.nameEnd(i + 2);
    if (nameEnd === i + 2) this.fail(i, 'processing instruction without a target.');
    const target = s.slice(i + 2, nameEnd);
    if (target.toLowerCase() === 'xml') this.fail(i, 'an XML declaration must be at the start of the document.');
    const end = s.indexOf('?>', nameEnd);
    if (end < 0) this.fail(i, 'unclosed processing instruction.');
    if (end !== nameEnd && !isSpace(s.charCodeAt(nameEnd))) this.fail(nameEnd, 'disallowed character in processing instruction name.');
    return end + 2;
  }

  /**
   * Skips a DOCTYPE: quoted strings, and an internal subset with its own quoted strings,
   * comments and PIs. Nothing in it is used: its entities stay undefined.
   */
  private doctype(i: number): number {
    const s = this.s;
    let subset = false;
    let j = i + 9;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === DQUOTE || c === SQUOTE) {
        const close = s.indexOf(s[j], j + 1);
        if (close < 0) break;
        j = close + 1;
        continue;
      }
      if (subset) {
        if (c === RBRACKET) subset = false;
        else if (s.startsWith('<!--', j)) {
          j = this.comment(j);
          continue;
        } else if (s.startsWith('<?', j)) {
          const end = s.indexOf('?>', j + 2);
          if (end < 0) break;
          j = end + 2;
          continue;
        }
      } else if (c === LBRACKET) subset = true;
      else if (c === GT) return j + 1;
      j++;
    }
    return this.fail(i, 'unclosed doctype.');
  }

  /** The root element and everything in it; returns the index after its end tag. */
  private element(i: number): number {
    const s = this.s;
    const h = this.h;
    const stack = this.stack;
    // The root's start tag first: an end tag, CDATA or text before it is not well-formed.
    i = this.startTag(i);
    if (stack.length === 0) return i;
    for (;;) {
      if (s.charCodeAt(i) === LT) {
        const c = s.charCodeAt(i + 1);
        if (c === SLASH) {
          i = this.endTag(i);
          if (stack.length === 0) return i;
        } else if (c === BANG) {
          if (s.startsWith('<!--', i)) i = this.comment(i);
          else if (s.startsWith('<![CDATA[', i)) {
            const end = s.indexOf(']]>', i + 9);
            if (end < 0) this.fail(i, 'unclosed CDATA section.');
            h.cdata(s.slice(i + 9, end));
            i = end + 3;
          } else this.fail(i, 'unexpected markup.');
        } else if (c === QUESTION) {
          i = this.pi(i);
        } else {
          i = this.startTag(i);
          if (stack.length === 0) return i;
        }
      } else {
        const lt = s.indexOf('<', i);
        if (lt < 0) this.fail(s.length, `unclosed tag: ${stack[stack.length - 1]}`);
        h.text(this.textRun(i, lt));
        i = lt;
      }
    }
  }

  /** The text in [i, end): `]]>` refused, entities expanded. */
  private textRun(i: number, end: number): string {
    const s = this.s;
    if (this.nextCdataEnd !== -1 && this.nextCdataEnd < i) this.nextCdataEnd = s.indexOf(']]>', i);
    if (this.nextCdataEnd >= 0 && this.nextCdataEnd < end) this.fail(this.nextCdataEnd, 'the string "]]>" is disallowed in char data.');
    if (this.nextAmp !== -1 && this.nextAmp < i) this.nextAmp = s.indexOf('&', i);
    if (this.nextAmp < 0 || this.nextAmp >= end) return s.slice(i, end);
    const expanded = this.expand(s, i, end, this.nextAmp);
    this.nextAmp = -2;
    return expanded;
  }

  /**
   * src[i, end) with its entity references replaced; `amp` is the first `&` in it. `at` maps
   * an index of src to one of the document, for error messages.
   */
  private expand(src: string, i: number, end: number, amp: number, at = 0): string {
    let out = '';
    let last = i;
    while (amp >= 0 && amp < end) {
      const semi = src.indexOf(';', amp + 1);
      if (semi < 0 || semi >= end) this.fail(at + amp, 'unterminated entity.');
      const name = src.slice(amp + 1, semi);
      let value: string;
      if (name.charCodeAt(0) === 0x23) {
        const hex = HEX_REF.test(name);
        if (!hex && !DEC_REF.test(name)) this.fail(at + amp, 'malformed character entity.');
        const cp = hex ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!isXmlChar(cp)) this.fail(at + amp, 'malformed character entity.');
        value = String.fromCodePoint(cp);
      } else {
        const known = PREDEFINED[name];
        if (known === undefined) this.fail(at + amp, /^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(name) ? 'undefined entity.' : 'malformed entity.');
        value = known;
      }
      out += src.slice(last, amp) + value;
      last = semi + 1;
      amp = src.indexOf('&', last);
    }
    return out + src.slice(last, end);
  }

  private startTag(i: number): number {
    const s = this.s;
    const nameEnd = this.nameEnd(i + 1);
    if (nameEnd === i + 1) this.fail(i + 1, 'disallowed character in tag name.');
    const name = s.slice(i + 1, nameEnd);
    let attributes: Record<string, string> | undefined;
    let j = nameEnd;
    for (;;) {
      let c = s.charCodeAt(j);
      if (c === GT) {
        this.h.open(localName(name), attributes);
        this.stack.push(name);
        return j + 1;
      }
      if (c === SLASH) {
        if (s.charCodeAt(j + 1) !== GT) this.fail(j, 'expected > after /.');
        this.h.open(localName(name), attributes);
        this.h.close();
        return j + 2;
      }
      if (!isSpace(c)) this.fail(j, j >= s.length ? `unclosed tag: ${name}` : 'disallowed character in attribute name.');
      j = this.skipSpace(j);
      c = s.charCodeAt(j);
      if (c === GT || c === SLASH) continue;
      const attrEnd = this.nameEnd(j);
      if (attrEnd === j) this.fail(j, j >= s.length ? `unclosed tag: ${name}` : 'disallowed character in attribute name.');
      const attr = s.slice(j, attrEnd);
      j = this.skipSpace(attrEnd);
      if (s.charCodeAt(j) !== EQUALS) this.fail(j, 'attribute without value.');
      j = this.skipSpace(j + 1);
      const quote = s.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) this.fail(j, 'unquoted attribute value.');
      const close = s.indexOf(s[j], j + 1);
      if (close < 0) this.fail(j, 'unclosed attribute value.');
      attributes ??= Object.create(null) as Record<string, string>;
      if (attr in attributes) this.fail(j, `duplicate attribute: ${attr}.`);
      attributes[attr] = this.attributeValue(j + 1, close);
      j = close + 1;
    }
  }

  /** An attribute value in [i, end): no `<`; tab and LF become spaces, then entities expand. */
  private attributeValue(i: number, end: number): string {
    const s = this.s;
    let raw = s.slice(i, end);
    if (raw.indexOf('<') >= 0) this.fail(i + raw.indexOf('<'), 'disallowed character in attribute value.');
    if (/[\t\n]/.test(raw)) raw = raw.replace(/[\t\n]/g, ' ');
    const amp = raw.indexOf('&');
    if (amp < 0) return raw;
    // Entities expand after the whitespace rule, so `&#9;` stays a tab.
    return this.expand(raw, 0, raw.length, amp, i);
  }

  private endTag(i: number): number {
    const s = this.s;
    const open = this.stack[this.stack.length - 1];
    const after = i + 2 + open.length;
    const next = s.charCodeAt(after);
    // The expected name, not followed by a name character: no need to read the name out.
    if (next < 128 && NAME_ASCII[next] === 0 && s.startsWith(open, i + 2)) {
      const j = this.skipSpace(after);
      if (s.charCodeAt(j) === GT) {
        this.stack.pop();
        this.h.close();
        return j + 1;
      }
    }
    const nameEnd = this.nameEnd(i + 2);
    const name = s.slice(i + 2, nameEnd);
    const j = this.skipSpace(nameEnd);
    if (s.charCodeAt(j) !== GT) this.fail(j, j >= s.length ? `unclosed tag: ${open}` : 'disallowed character in closing tag.');
    if (name !== open) this.fail(i, `unexpected close tag: expected </${open}>.`);
    this.stack.pop();
    this.h.close();
    return j + 1;
  }
}
