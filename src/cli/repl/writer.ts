/**
 * How the REPL echoes values. Node's default writer inspects with `showProxy: true`, which
 * prints a client or a resource as `Proxy [ <target>, <handler> ]`; botojs objects are Proxies
 * whose targets print their short form (`<botojs.client.s3 region=...>`, `s3.Bucket(name='b')`),
 * so this writer inspects through them.
 *
 * A call's result is echoed with its data first and ResponseMetadata last, folded to one line
 * (`HTTPHeaders: [8 headers]`): the headers are what a REPL user reads least and they filled
 * half the screen. Only the echo changes: `r.ResponseMetadata.HTTPHeaders` prints them all.
 */
import { inspect, type InspectOptions } from 'util';

class FoldedHeaders {
  constructor(private readonly count: number) {}

  [inspect.custom](_depth: number, options: InspectOptions & { stylize(text: string, style: string): string }): string {
    return options.stylize(`[${this.count} header${this.count === 1 ? '' : 's'}]`, 'special');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A result shaped for the echo: ResponseMetadata folded and moved last. Anything else as it is. */
export function forEcho(value: unknown): unknown {
  // hasOwnProperty, not a read: a client answers the read of a name it lacks with a TypeError.
  if (!isPlainObject(value) || !Object.prototype.hasOwnProperty.call(value, 'ResponseMetadata') || !isPlainObject(value.ResponseMetadata)) return value;
  const { ResponseMetadata: meta, ...data } = value;
  if (!('HTTPStatusCode' in meta)) return value;
  const folded: Record<string, unknown> = { ...meta };
  if (isPlainObject(meta.HTTPHeaders)) folded.HTTPHeaders = new FoldedHeaders(Object.keys(meta.HTTPHeaders).length);
  // A one-line nested object, whatever the breakLength of the rest.
  const line = { [inspect.custom]: (_d: number, o: InspectOptions) => inspect(folded, { ...o, breakLength: Infinity, compact: true }) };
  return { ...data, ResponseMetadata: line };
}

export type ReplWriter = ((value: unknown) => string) & { options: InspectOptions };

/** The REPL's writer; `colors` as the REPL decides (a terminal that supports them). */
export function replWriter(colors: boolean): ReplWriter {
  const options: InspectOptions = { ...inspect.defaultOptions, showProxy: false, colors };
  const writer = ((value: unknown) => inspect(forEcho(value), writer.options)) as ReplWriter;
  // Node's REPL reads writer.options (for its previews and to turn colors on and off).
  writer.options = options;
  return writer;
}
