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
import { BotojsError, ClientError } from '../../errors';
import { isPlainObject } from '../../util/objects';

class FoldedHeaders {
  constructor(private readonly count: number) {}

  [inspect.custom](_depth: number, options: InspectOptions & { stylize(text: string, style: string): string }): string {
    return options.stylize(`[${this.count} header${this.count === 1 ? '' : 's'}]`, 'special');
  }
}

/**
 * A botojs error as the REPL prints an uncaught one: its name and message, and for a service
 * error the error response's fields and HTTP status, without the stack (frames inside botojs
 * say nothing about the line typed). `_error` still holds the whole error, stack included.
 */
function errorEcho(err: BotojsError): { [inspect.custom](depth: number, options: InspectOptions): string } {
  return {
    [inspect.custom]: (_depth, options) => {
      const lines = [`${err.name}: ${err.message}`];
      if (err instanceof ClientError) {
        const response = (err as ClientError & { response?: { Error?: unknown; ResponseMetadata?: { HTTPStatusCode?: number } } }).response;
        const status = response?.ResponseMetadata?.HTTPStatusCode;
        if (response?.Error) lines.push(`  Error: ${inspect(response.Error, { ...options, breakLength: Infinity, compact: true })}${status === undefined ? '' : `, HTTP ${status}`}`);
      }
      const hint = `  (_error is this error: _error.stack${err instanceof ClientError ? ', _error.response' : ''})`;
      lines.push(options.colors ? `\x1b[90m${hint}\x1b[39m` : hint);
      return lines.join('\n');
    },
  };
}

/** A value shaped for the echo: results with ResponseMetadata folded and moved last, botojs errors short. Anything else as it is. */
export function forEcho(value: unknown): unknown {
  if (value instanceof BotojsError) return errorEcho(value);
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
