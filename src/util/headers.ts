/**
 * Case-insensitive edits of a plain header object (`Record<string, string>`, the pipeline's
 * request headers): HTTP header names are case-insensitive, and a request may carry any
 * spelling a caller or handler wrote. The one home for finding, reading, setting and removing a
 * header whatever its spelling; the serializers, checksums, signers, transport and
 * customizations all use these.
 *
 * Names passed as `lowerName` must be lower-case: the comparison lower-cases only the keys.
 */

/** The actual key of a header, matched case-insensitively; undefined when absent. */
export function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  for (const key in headers) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) return key;
  }
  return undefined;
}

/** Whether the header is present under any spelling. */
export function hasHeader(headers: Record<string, string>, lowerName: string): boolean {
  return findHeader(headers, lowerName) !== undefined;
}

/** The value of a header under its first spelling found; undefined when absent. */
export function getHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  const key = findHeader(headers, lowerName);
  return key === undefined ? undefined : headers[key];
}

/** Removes every spelling of a header; returns the last spelling's value, undefined when absent. */
function removeHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  let value: string | undefined;
  for (const key in headers) {
    if (key.length === lowerName.length && key.toLowerCase() === lowerName) {
      value = headers[key];
      delete headers[key];
    }
  }
  return value;
}

/** Removes every spelling of a header; returns whether one was there. */
export function deleteHeader(headers: Record<string, string>, lowerName: string): boolean {
  return removeHeader(headers, lowerName) !== undefined;
}

/** Removes every spelling of a header and returns its value (the last spelling's, if several). */
export function takeHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  return removeHeader(headers, lowerName);
}

/** Replaces every spelling of a header with one entry under `name`. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  deleteHeader(headers, name.toLowerCase());
  headers[name] = value;
}
