/**
 * Comparison helpers for the protocol input conformance runner: semantic body equality (JSON
 * parsed, form bodies as key/value multisets, XML as trees with sorted attributes and trimmed
 * text), the effective headers a transport would send, and the expected URI encoding.
 */
import type { HttpRequestSpec } from '../../src/protocols/types';
import { encodeQuery } from '../../src/protocols/serialize/uri';
import { decodeCbor } from '../../src/protocols/cbor-reader';

export function bodyText(body: HttpRequestSpec['body']): string {
  if (body === undefined) return '';
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return '<stream>';
}

/** path + query as botocore's test runner builds it (query appended with & when path has ?). */
export function actualUri(spec: HttpRequestSpec): string {
  if (spec.query.length === 0) return spec.path;
  return `${spec.path}${spec.path.includes('?') ? '&' : '?'}${encodeQuery(spec.query)}`;
}

/**
 * A CBOR value as comparable JSON text, as botocore's runner compares CBOR bodies (both decoded,
 * then compared as data, so definite and indefinite lengths or a float's width do not matter):
 * map keys sorted, bytes and timestamps tagged, NaN and the infinities as strings, bigints exact.
 */
function cborText(value: unknown): string {
  const norm = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : { $float: String(v) };
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : { $bigint: v.toString() };
    if (Buffer.isBuffer(v)) return { $bytes: v.toString('hex') };
    if (v instanceof Date) return { $epochMs: v.getTime() };
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = norm((v as Record<string, unknown>)[k]);
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value));
}

/** Why a CBOR request body differs from the vector's (base64), or undefined when they mean the same. */
export function cborBodyProblem(actual: HttpRequestSpec['body'], expectedBase64: string): string | undefined {
  const a = actual === undefined || actual === '' ? Buffer.alloc(0) : Buffer.isBuffer(actual) ? actual : undefined;
  if (!a) return `body is not bytes: ${typeof actual}`;
  const e = Buffer.from(expectedBase64, 'base64');
  if (a.length === 0 || e.length === 0) return a.length === e.length ? undefined : `body ${a.toString('hex')} != ${e.toString('hex')}`;
  const at = cborText(decodeCbor(a));
  const et = cborText(decodeCbor(e));
  return at === et ? undefined : `body ${at} != ${et} (hex ${a.toString('hex')})`;
}

export function formPairs(body: string): string[] {
  if (body === '') return [];
  return body
    .split('&')
    .map((kv) => {
      const i = kv.indexOf('=');
      const k = i < 0 ? kv : kv.slice(0, i);
      const v = i < 0 ? '' : kv.slice(i + 1);
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return `${dec(k)}=${dec(v)}`;
    })
    .sort();
}

interface XmlNode {
  name: string;
  attrs: string[];
  text: string;
  children: XmlNode[];
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITY[e] ?? whole;
  });
}

/** A small XML parser for tests: elements, attributes, text, CDATA-free documents. */
export function parseXml(xml: string): XmlNode | undefined {
  const src = xml.replace(/<\?xml[^>]*\?>/, '').trim();
  if (src === '') return undefined;
  const tag = /<(\/?)([^\s/>]+)((?:\s+[^\s=]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  const root: XmlNode = { name: '#root', attrs: [], text: '', children: [] };
  const stack: XmlNode[] = [root];
  for (const m of src.matchAll(tag)) {
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      top.text += decodeEntities(m[5]);
      continue;
    }
    if (m[1]) {
      if (top.name !== m[2]) throw new Error(`XML: </${m[2]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: string[] = [];
    for (const a of (m[3] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      attrs.push(`${a[1]}=${decodeEntities(a[2] ?? a[3] ?? '')}`);
    }
    const node: XmlNode = { name: m[2], attrs: attrs.sort(), text: '', children: [] };
    top.children.push(node);
    if (!m[4]) stack.push(node);
  }
  if (stack.length !== 1) throw new Error('XML: unclosed element');
  const strip = (n: XmlNode): XmlNode => ({ ...n, text: n.text.trim(), children: n.children.map(strip) });
  return strip(root).children[0];
}

export function headerLookup(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) return headers[k];
  return undefined;
}

/** Headers plus the Content-Length a transport derives from the body. */
export function effectiveHeaders(spec: HttpRequestSpec): Record<string, string> {
  const out = { ...spec.headers };
  const b = spec.body;
  if (typeof b === 'string' && b !== '') out['Content-Length'] = String(Buffer.byteLength(b));
  else if (Buffer.isBuffer(b) && b.length) out['Content-Length'] = String(b.length);
  return out;
}
