/**
 * Every header of a request checked before it is signed, so a name or value the HTTP library
 * would refuse (with its own TypeError, after signing) is a botojs error naming the header first.
 *
 * The rules are the ones Node's HTTP stack enforces: a name is an RFC 7230 token, a value is
 * Latin-1 text with no control character but tab (so no CR or LF: no header injection). A header
 * serialized from a modeled member (`location: header`, or a `headers` map such as S3's
 * `Metadata`) is reported by that member's name, as a parameter problem. A value is quoted as a
 * bounded excerpt, except a sensitive member's and a credential header's, which never appear.
 */
import { InvalidHeaderError } from '../errors';
import type { OperationModel } from '../models/service-model';
import type { Shape } from '../models/shape';
import { EXCERPT_LENGTH, keyExcerpt, quoteExcerpt } from '../util/excerpt';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const TOKEN_CHARS = "letters, digits and !#$%&'*+-.^_`|~";

// Headers whose values are credentials whoever set them (a handler may add one).
const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'proxy-authorization', 'cookie']);

interface HeaderSources {
  /** lower-cased header name -> member bound to it */
  exact: Map<string, { member: string; shape: Shape }>;
  /** lower-cased prefix -> map member whose keys complete the header name */
  prefixes: Array<{ prefix: string; member: string; shape: Shape }>;
}

const sourcesByOperation = new WeakMap<OperationModel, HeaderSources>();

/** Which input members serialize to headers (computed once per operation). */
function headerSources(op: OperationModel): HeaderSources {
  let sources = sourcesByOperation.get(op);
  if (!sources) {
    sources = { exact: new Map(), prefixes: [] };
    const input = op.input;
    for (const [member, shape] of Object.entries(input?.members ?? {})) {
      const ser = shape.serialization;
      if (ser.location === 'header') sources.exact.set((ser.name ?? member).toLowerCase(), { member, shape });
      else if (ser.location === 'headers') sources.prefixes.push({ prefix: (ser.name ?? '').toLowerCase(), member, shape });
    }
    // The longest prefix is the most specific one.
    sources.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
    sourcesByOperation.set(op, sources);
  }
  return sources;
}

/** Throws InvalidHeaderError listing every header of `headers` Node's HTTP stack would refuse. */
export function checkHeaders(op: OperationModel | undefined, headers: Record<string, string>): void {
  let problems: string[] | undefined;
  let names: string[] | undefined;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    const nameOk = TOKEN.test(name);
    // The HTTP library sends a non-string value as its String() form: check that form.
    const valueOk = FIELD_VALUE.test(typeof value === 'string' ? value : String(value));
    if (nameOk && valueOk) continue;
    (problems ??= []).push(nameOk ? describeValue(op, name, value) : describeName(op, name));
    (names ??= []).push(name);
  }
  if (problems && names) throw new InvalidHeaderError(problems, names);
}

/** Where a header came from: the member (and map key) it was serialized from, if any. */
function sourceOf(op: OperationModel | undefined, name: string): { member: string; key?: string; sensitive: boolean } | undefined {
  if (!op) return undefined;
  const sources = headerSources(op);
  const lower = name.toLowerCase();
  const exact = sources.exact.get(lower);
  if (exact) return { member: exact.member, sensitive: exact.shape.isSensitive };
  for (const p of sources.prefixes) {
    if (lower.startsWith(p.prefix)) {
      return { member: p.member, key: name.slice(p.prefix.length), sensitive: p.shape.isSensitive || p.shape.mapValue.isSensitive };
    }
  }
  return undefined;
}

function describeName(op: OperationModel | undefined, name: string): string {
  const source = sourceOf(op, name);
  const rule = `header names may contain only ${TOKEN_CHARS}${name === '' ? ' (and cannot be empty)' : ''}`;
  if (source?.key !== undefined) {
    return `Invalid key for parameter ${source.member}, key: ${quoteExcerpt(source.key)} (header name ${quoteExcerpt(name)}): ${rule}`;
  }
  return `Invalid HTTP header name ${quoteExcerpt(name)}: ${rule}`;
}

function describeValue(op: OperationModel | undefined, name: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const source = sourceOf(op, name);
  const hidden = source ? source.sensitive : SECRET_HEADERS.has(name.toLowerCase());
  const { index, why } = offence(text);
  const shown = hidden ? '<sensitive>' : excerptAround(text, index);
  const rule = 'header values must be Latin-1 text without control characters other than tab';
  if (source) {
    const param = source.key !== undefined ? `${source.member}.${keyExcerpt(source.key)}` : source.member;
    return `Invalid value for parameter ${param} (header ${quoteExcerpt(name)}), value: ${shown}: ${why}; ${rule}`;
  }
  return `Invalid value for HTTP header ${quoteExcerpt(name)}, value: ${shown}: ${why}; ${rule}`;
}

/** What is wrong with a header value: its first character Node would refuse, and where. */
function offence(value: string): { index: number; why: string } {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return { index: i, why: `it contains a line break (${c === 0x0d ? 'CR' : 'LF'}) at index ${i}` };
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return { index: i, why: `it contains the control character U+${hex(c)} at index ${i}` };
    if (c > 0xff) {
      const cp = value.codePointAt(i) as number;
      return { index: i, why: `it contains ${String.fromCodePoint(cp)} (U+${hex(cp)}) at index ${i}, outside Latin-1` };
    }
  }
  return { index: 0, why: 'it is not a valid header value' };
}

/** A bounded excerpt of a long value that shows the offending character, not just the start. */
function excerptAround(text: string, index: number): string {
  if (text.length <= EXCERPT_LENGTH || index < EXCERPT_LENGTH - 10) return quoteExcerpt(text);
  const start = index - (EXCERPT_LENGTH - 10);
  const end = Math.min(text.length, start + EXCERPT_LENGTH);
  const inner = JSON.stringify(text.slice(start, end)).slice(1, -1);
  return `"…${inner}${end < text.length ? '…' : ''}" (${text.length} characters)`;
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}
