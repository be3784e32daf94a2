/**
 * Tagged JSON: how generated values cross the process boundary to the two drivers. Plain JSON
 * cannot carry bytes or instants, so they travel as one-key objects both drivers rebuild:
 *
 *   { "$bytes": "<base64>" }   -> Python bytes / Node Buffer
 *   { "$ts": "<ISO 8601>" }    -> Python aware datetime (UTC) / Node Date
 *
 * Drivers normalize results the same way in reverse (plus `$stream` for a streaming body's
 * content and `$eventstream` for an event stream's events and closing error), so results compare
 * as plain JSON.
 * Generated documents never use keys starting with `$`, so the tags cannot collide with data.
 */

export type Tagged = null | boolean | number | string | Tagged[] | { [key: string]: Tagged };

export function bytesTag(buf: Buffer): Tagged {
  return { $bytes: buf.toString('base64') };
}

export function timestampTag(iso: string): Tagged {
  return { $ts: iso };
}

export function isTag(v: Tagged, tag: '$bytes' | '$ts'): v is { [key: string]: string } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, Tagged>)[tag] === 'string';
}

/** Tagged JSON to Node values (Buffer, Date), for the botojs driver. */
export function untag(v: Tagged): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(untag);
  if (isTag(v, '$bytes')) return Buffer.from(v.$bytes, 'base64');
  if (isTag(v, '$ts')) return new Date(v.$ts);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = untag(x);
  return out;
}
