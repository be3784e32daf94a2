/**
 * What counts as a streaming body everywhere (validation, serializing, checksums, signing,
 * retries): any object with a `pipe` method, not only a Node `Readable` instance, so every
 * stage agrees on which bodies can be read once only.
 */
import type { Readable } from 'stream';

export function isReadable(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}
