/**
 * Percent-encoding and URI template rendering with botocore's rules.
 *
 * `percentEncode` matches Python's `quote(value, safe='-._~')`: every byte except ASCII letters,
 * digits and `-._~` is escaped (so `!'()*` are escaped too, unlike encodeURIComponent). A greedy
 * label (`{Key+}`) also keeps `/`. Templates are compiled once per requestUri and cached.
 */

import { ParamValidationError } from '../../errors';
import { encodeQuery, isUnreserved, percentEncode } from '../../util/percent-encode';

const ENCODED_SLASH = /%2F/g;

export { encodeQuery, percentEncode };

/** As percentEncode, but `/` stays literal (greedy labels). */
export function percentEncodeGreedy(value: unknown): string {
  if (typeof value === 'string' && isUnreserved(value, true)) return value;
  return percentEncode(value).replace(ENCODED_SLASH, '/');
}

interface Label {
  name: string;
  greedy: boolean;
}

/** Literal parts interleaved with labels: parts.length === labels.length + 1. */
interface CompiledTemplate {
  parts: string[];
  labels: Label[];
}

const LABEL = /\{(.*?)\}/g;
const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  let c = compiled.get(template);
  if (c) return c;
  const parts: string[] = [];
  const labels: Label[] = [];
  let last = 0;
  for (const m of template.matchAll(LABEL)) {
    parts.push(template.slice(last, m.index));
    const raw = m[1];
    labels.push(raw.endsWith('+') ? { name: raw.slice(0, -1), greedy: true } : { name: raw, greedy: false });
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(template.slice(last));
  c = { parts, labels };
  compiled.set(template, c);
  return c;
}

/**
 * Expands `{Label}` / `{Label+}` in a requestUri from values keyed by the member's serialized
 * name. A label without a value is an error (botocore fails the same way).
 */
export function renderUriTemplate(template: string, values: ReadonlyMap<string, unknown>): string {
  const { parts, labels } = compile(template);
  if (labels.length === 0) return template;
  let out = parts[0];
  for (let i = 0; i < labels.length; i++) {
    const { name, greedy } = labels[i];
    if (!values.has(name)) throw new ParamValidationError([`Missing required URI label: ${name}`]);
    const v = values.get(name);
    out += (greedy ? percentEncodeGreedy(v) : percentEncode(v)) + parts[i + 1];
  }
  return out;
}
