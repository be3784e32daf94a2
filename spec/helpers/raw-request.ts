/**
 * The request of a signing test suite case (`.req`: a raw HTTP/1.1 request) as the signers
 * take it. Shared by the SigV4 and SigV4a suites (spec/conformance/).
 */
import type { SignableRequest } from '../../src/signing';

/** Parses a raw HTTP request: folded lines continue a header, repeated headers join with ','. */
export function parseRawRequest(raw: string): SignableRequest {
  const lines = raw.split('\n').map((l) => l.replace(/\r$/, ''));
  // The request target may itself contain spaces (get-space): it runs up to the protocol.
  const first = lines[0];
  const method = first.slice(0, first.indexOf(' '));
  const target = first.slice(method.length + 1, first.lastIndexOf(' HTTP/'));
  const names: string[] = [];
  const values: string[][] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') break;
    if (/^\s/.test(line) && values.length) {
      const last = values[values.length - 1];
      last[last.length - 1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const at = names.findIndex((n) => n.toLowerCase() === name.toLowerCase());
    if (at >= 0) values[at].push(value);
    else {
      names.push(name);
      values.push([value]);
    }
  }
  const headers: Record<string, string> = {};
  names.forEach((n, k) => {
    headers[n] = values[k].length > 1 ? values[k].map((v) => v.trim()).join(',') : values[k][0];
  });
  const body = i < lines.length ? lines.slice(i + 1).join('\n') : undefined;
  const host = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1] ?? 'localhost';
  return { method, url: `https://${host}${target}`, headers, body: body || undefined };
}
