/**
 * Bounded renderings of user values for error messages.
 *
 * An error message quotes what the caller passed so they can find it, but a caller may pass a
 * megabyte string, a million-item array or a 10^100000 bigint: every rendering here costs time
 * and space bounded by `max`, never by the value. A cut value states its full length, as
 * `"aaaa…" (1048576 characters)`, so the reader knows it was cut and by how much.
 */

/** Characters of a string value quoted before it is cut. */
export const EXCERPT_LENGTH = 50;

/** `s` cut to `max` characters, with `…` where it was cut (no quotes, no length note). */
export function clip(s: string, max = EXCERPT_LENGTH): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A string as a JSON-quoted excerpt: `"abc"`, or `"abc…" (N characters)` when longer than `max`. */
export function quoteExcerpt(s: string, max = EXCERPT_LENGTH): string {
  if (s.length <= max) return JSON.stringify(s);
  // JSON quoting shows control characters (CR, LF, NUL) visibly; the cut happens first.
  return `${JSON.stringify(s.slice(0, max)).slice(0, -1)}…" (${s.length} characters)`;
}

/**
 * A key inside a parameter path (`Tags.<key>`), unquoted: `abc`, or `abc… (N characters)`.
 * Line breaks and other control characters are escaped (`\n`, `\u0000`): a message lists one
 * problem a line, and a key must not break its line or hide the rest of it.
 */
export function keyExcerpt(key: string, max = EXCERPT_LENGTH): string {
  if (key.length > max) return `${escapeControls(key.slice(0, max))}… (${key.length} characters)`;
  // The validator names every map key it walks (`Key.pk`): most have nothing to escape.
  return HAS_CONTROL.test(key) ? escapeControls(key) : key;
}

const CONTROL_CLASS = '[\\u0000-\\u001f\\u007f\\u2028\\u2029]';
const CONTROLS = new RegExp(CONTROL_CLASS, 'g');
/** The same characters, tested without replacing: most keys have none. */
const HAS_CONTROL = new RegExp(CONTROL_CLASS);
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name as messages quote it, `'abc'`, or `'abc…' (N characters)` when longer than `max`. */
export function nameExcerpt(s: string, max = EXCERPT_LENGTH): string {
  return s.length > max ? `'${s.slice(0, max)}…' (${s.length} characters)` : `'${s}'`;
}

/** The JS type of a value as messages name it: null, array, Buffer, Date, or typeof. */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Buffer.isBuffer(value)) return 'Buffer';
  if (value instanceof Uint8Array) return 'Uint8Array';
  if (value instanceof Date) return 'Date';
  if (value instanceof Promise) return 'Promise';
  if (value instanceof Map) return 'Map';
  if (value instanceof Set) return 'Set';
  return typeof value;
}

/** Any value as a short, bounded excerpt for a message. */
export function excerpt(value: unknown, max = EXCERPT_LENGTH): string {
  switch (typeof value) {
    case 'string':
      return quoteExcerpt(value, max);
    case 'bigint': {
      // A bigint's decimal digits can be arbitrarily many.
      const digits = value.toString();
      return digits.length > max ? `${digits.slice(0, max)}…n (${digits.length} digits)` : `${digits}n`;
    }
    case 'number':
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return clip(value.toString(), max);
    case 'function':
      return `function ${clip(value.name || '(anonymous)', max)}`;
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[…] (${value.length} items)`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Map || value instanceof Set) return `${typeName(value)} (${value.size} entries)`;
  const name = typeName(value);
  return name === 'object' ? '{…}' : name;
}
