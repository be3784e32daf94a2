/**
 * `EventStream`: the value of an event stream output member, as botocore's EventStream. Iterate
 * it with `for await`; each event is `{ <EventType>: { ...members } }` parsed by the event's
 * shape (eventheader members from message headers, the eventpayload member from the payload,
 * else the payload parsed as the event structure). Unknown event types are skipped, as botocore
 * skips them.
 *
 * An `error` message throws EventStreamError; an `exception` message throws the client's
 * exception class for the member's shape (the pipeline supplies it, `useErrors`), marked so that
 * `instanceof EventStreamError` holds too. A framing or payload problem throws
 * ResponseParserError. Any of these ends the stream and releases its connection.
 *
 * `close()` (botocore's close) and leaving a `for await` early (break, return, throw) stop reading
 * and destroy the response, which releases its socket: HTTP/1.1 cannot stop a response midway
 * and keep the connection. A stream read to its end returns its socket to the pool.
 */
import { isUtf8 } from 'buffer';
import type { Readable } from 'stream';
import { inspect } from 'util';
import { ClientError, EventStreamError, ResponseParserError } from '../../errors';
import type { Shape } from '../../models/shape';
import type { ParsedResponse, RawResponse } from '../types';
import { Dict, isDict } from './common';
import { EventMessage, EventStreamDecoder, decodeEventMessages } from './event-stream-decoder';
import { parseTimestamp } from './timestamps';

/**
 * How a protocol parses an event payload (JSON or XML) as a shape. A payload that does not
 * parse is a ResponseParserError naming `operationName`: an event is data, never dropped.
 */
export type EventPayloadParser = (shape: Shape, payload: Buffer, operationName: string) => unknown;

export type EventErrorResponse = ParsedResponse & { Error: { Code: string; Message: string } };

/**
 * Makes the error for an exception event: the client's class for the exception's shape, or
 * undefined when the client has none (the stream then throws EventStreamError).
 */
export type EventErrorFactory = (response: EventErrorResponse, shapeName: string | undefined) => ClientError | undefined;

/** What an event stream reads: a live response, a whole body, or messages already decoded. */
type EventSource = Readable | Buffer | EventMessage[];

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class EventStream implements AsyncIterable<Dict> {
  private closed = false;
  private readonly queue: EventMessage[] = [];
  private body: Buffer | undefined;
  private readable: Readable | undefined;
  private reader: AsyncIterator<unknown> | undefined;
  private decoder: EventStreamDecoder | undefined;
  private errorFactory: EventErrorFactory | undefined;
  private requestId: string | undefined;

  constructor(
    source: EventSource,
    readonly shape: Shape,
    private readonly parsePayload: EventPayloadParser,
    readonly operationName = '',
    /** json protocols: parses the `initial-response` event's payload as the output's other members. */
    private initialResponseParser?: (payload: Buffer) => Dict,
  ) {
    if (Array.isArray(source)) this.queue.push(...source);
    else if (Buffer.isBuffer(source)) this.body = source;
    else this.readable = source;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Dict> {
    const iterator: AsyncIterableIterator<Dict> = {
      next: () => this.nextEvent(),
      // Leaving a for-await early (break, return, throw) ends the stream.
      return: async () => {
        this.close();
        return DONE;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Stops reading and releases the underlying connection; iteration then ends. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.body = undefined;
    this.readable?.destroy();
  }

  /** One short line in console.log and the REPL (the open response behind it is not data). */
  [inspect.custom](): string {
    const exhausted = !this.readable && !this.body && this.queue.length === 0;
    const state = this.closed ? 'closed' : exhausted ? 'read' : 'open';
    return `EventStream(${this.shape.name}${this.operationName ? ` of ${this.operationName}` : ''}, ${state})`;
  }

  /**
   * How exception events become errors, and the request id they carry (set by the pipeline,
   * which knows the client's exception classes).
   */
  useErrors(factory: EventErrorFactory, requestId?: string): void {
    this.errorFactory = factory;
    this.requestId = requestId;
  }

  /** Whether the first message is an `initial-response` still to be read (json protocols, live stream). */
  get needsInitialResponse(): boolean {
    return this.initialResponseParser !== undefined;
  }

  /**
   * Reads the first message, which must be `initial-response` (json protocols), and returns
   * it parsed as the output's other members (once; `{}` afterwards). An error or exception
   * message there is thrown.
   */
  async readInitialResponse(): Promise<Dict> {
    const parse = this.initialResponseParser;
    if (!parse) return {};
    this.initialResponseParser = undefined;
    try {
      const message = await this.nextMessage();
      if (message && isErrorMessage(message)) throw this.errorOf(message);
      if (!message || message.headers[':event-type'] !== 'initial-response') {
        throw new ResponseParserError('First event was not of type initial-response', { operationName: this.operationName || undefined });
      }
      return parse(message.payload);
    } catch (e) {
      this.close();
      throw e;
    }
  }

  private async nextEvent(): Promise<IteratorResult<Dict>> {
    try {
      for (;;) {
        const message = await this.nextMessage();
        if (!message) return DONE;
        if (isErrorMessage(message)) throw this.errorOf(message);
        const event = parseEventMessage(message, this.shape, this.parsePayload, this.operationName);
        if (event) return { done: false, value: event };
      }
    } catch (e) {
      this.close();
      throw e;
    }
  }

  private async nextMessage(): Promise<EventMessage | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      const queued = this.queue.shift();
      if (queued) return queued;
      if (this.body) {
        // A buffered body is decoded when first read, as a live one: a damaged one fails here.
        const body = this.body;
        this.body = undefined;
        this.queue.push(...decodeEventMessages(body, this.operationName));
        continue;
      }
      const readable = this.readable;
      if (!readable) return undefined;
      this.decoder ??= new EventStreamDecoder(this.operationName);
      this.decoder.check();
      this.reader ??= readable[Symbol.asyncIterator]();
      let chunk: IteratorResult<unknown>;
      try {
        chunk = await this.reader.next();
      } catch (e) {
        // close() destroyed the response while this read waited: the iteration just ends.
        if (this.closed) return undefined;
        throw e;
      }
      if (this.closed) return undefined;
      if (chunk.done) {
        this.readable = undefined;
        this.decoder.end();
        return undefined;
      }
      const bytes = chunk.value;
      this.queue.push(...this.decoder.push(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array)));
    }
  }

  /** The error an `error` or `exception` message stands for (botocore's EventStreamError). */
  private errorOf(message: EventMessage): ClientError {
    const response = eventErrorResponse(message, this.shape, this.parsePayload, this.operationName);
    if (this.requestId !== undefined) response.ResponseMetadata.RequestId = this.requestId;
    const exceptionType = message.headers[':exception-type'];
    const shape = message.headers[':message-type'] === 'exception' && typeof exceptionType === 'string' ? this.shape.member(exceptionType) : undefined;
    const modeled = message.headers[':message-type'] === 'exception' ? this.errorFactory?.(response, shape?.name) : undefined;
    return modeled ? EventStreamError.mark(modeled) : new EventStreamError(response, this.operationName);
  }
}

function isErrorMessage(message: EventMessage): boolean {
  const type = message.headers[':message-type'];
  return type === 'error' || type === 'exception';
}

/** One message as `{ EventType: {...} }`; undefined for an event type the shape does not know. */
function parseEventMessage(message: EventMessage, streamShape: Shape, parsePayload: EventPayloadParser, operationName = ''): Dict | undefined {
  const eventType = message.headers[':event-type'];
  if (typeof eventType !== 'string') return undefined;
  const eventShape = streamShape.member(eventType);
  if (!eventShape) return undefined;
  return { [eventType]: parseEvent(message, eventShape, parsePayload, operationName) };
}

function parseEvent(message: EventMessage, shape: Shape, parsePayload: EventPayloadParser, operationName: string): Dict {
  const out: Dict = {};
  const members = shape.members;
  for (const name of shape.memberNames) {
    const member = members[name];
    if (!member.serialization.eventheader || !Object.prototype.hasOwnProperty.call(message.headers, name)) continue;
    out[name] = headerMemberValue(member, message.headers[name]);
  }
  for (const name of shape.memberNames) {
    const member = members[name];
    if (!member.serialization.eventpayload) continue;
    // A copy: the payload is a view of a socket chunk or the decoder's buffer, which a kept
    // blob would otherwise hold in memory whole.
    if (member.type === 'blob') out[name] = Buffer.from(message.payload);
    else if (member.type === 'string') out[name] = message.payload.toString('utf8');
    else out[name] = parsePayload(member, message.payload, operationName);
    return out;
  }
  const body = parsePayload(shape, message.payload, operationName);
  if (isDict(body)) Object.assign(out, body);
  return out;
}

/** A header bound to a member: timestamps carry epoch milliseconds (botocore divides by 1000). */
function headerMemberValue(member: Shape, value: unknown): unknown {
  if (member.type !== 'timestamp') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  return parseTimestamp(value);
}

/**
 * The parsed error of an `error` or `exception` message, as botocore's EventStream parser gives
 * it: Code is the exception type (the stream member's name) with Message from its payload, or
 * `:error-code` / `:error-message` for an error message. The exception's members are kept too
 * (botocore drops them). An exception type the stream does not model keeps its type as Code
 * and the payload's message (botocore gives empty strings there).
 */
function eventErrorResponse(message: EventMessage, streamShape: Shape, parsePayload: EventPayloadParser, operationName: string): EventErrorResponse {
  const h = message.headers;
  const metadata = { HTTPStatusCode: 400, HTTPHeaders: {} };
  const code = h[':error-code'];
  const text = h[':error-message'];
  if (h[':message-type'] === 'exception') {
    const exceptionType = h[':exception-type'];
    const shape = typeof exceptionType === 'string' ? streamShape.member(exceptionType) : undefined;
    const contentType = h[':content-type'];
    const type = typeof contentType === 'string' ? contentType : undefined;
    const body = shape ? exceptionBody(shape, message.payload, type, parsePayload, operationName) : unmodeledBody(message.payload, type);
    const msg = body.Message ?? body.message ?? (typeof text === 'string' ? text : '');
    const errorCode = typeof exceptionType === 'string' ? exceptionType : typeof code === 'string' ? code : '';
    return { ...(shape ? body : {}), Error: { Code: errorCode, Message: String(msg) }, ResponseMetadata: metadata };
  }
  return { Error: { Code: typeof code === 'string' ? code : '', Message: typeof text === 'string' ? text : '' }, ResponseMetadata: metadata };
}

/**
 * An exception event's members. Like an error response, it is read leniently: the event already
 * says the stream failed, the payload only adds detail. A payload that does not fit the shape
 * gives what an unmodeled exception's would (a text message, never raw CBOR or binary bytes).
 */
function exceptionBody(shape: Shape, payload: Buffer, contentType: string | undefined, parsePayload: EventPayloadParser, operationName: string): Dict {
  try {
    const parsed = parsePayload(shape, payload, operationName);
    return isDict(parsed) ? parsed : {};
  } catch (e) {
    if (!(e instanceof ResponseParserError)) throw e;
    return unmodeledBody(payload, contentType);
  }
}

/**
 * The message of an exception the stream does not model: a JSON payload's `message`, or a text
 * payload itself. Any other payload (CBOR, XML, bytes that are not UTF-8) gives no Message rather
 * than its raw bytes (botocore gives an empty one for every unmodeled exception).
 */
function unmodeledBody(payload: Buffer, contentType: string | undefined): Dict {
  const type = contentType?.toLowerCase();
  const textual = type === undefined || type.includes('json') || type.startsWith('text/plain');
  if (!textual || !isUtf8(payload)) return {};
  const text = payload.toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    if (isDict(parsed)) return { Message: parsed.Message ?? parsed.message };
  } catch {
    // not JSON: the text is the message
  }
  return text.trim() ? { Message: text } : {};
}

/**
 * An output with an event stream member as the RPC protocols (json, smithy-rpc-v2-cbor) carry
 * it (botocore's `_handle_event_stream`): the first event is `initial-response`, whose payload
 * (`initialResponse` reads it) gives the output's other members. A live stream's is read by
 * the pipeline before the call resolves (src/pipeline/event-stream-output.ts): parsers are
 * synchronous, and the event may still be on its way; a whole body's is read here.
 */
export function rpcEventStreamOutput(
  response: RawResponse,
  shape: Shape,
  member: string,
  operationName: string,
  eventPayload: EventPayloadParser,
  initialResponse: (payload: Buffer) => Dict,
): Dict {
  const streamShape = shape.members[member];
  if (response.stream) return { [member]: new EventStream(response.stream, streamShape, eventPayload, operationName, initialResponse) };
  const messages = decodeEventMessages(response.body, operationName);
  const first = messages[0];
  if (!first || first.headers[':event-type'] !== 'initial-response') {
    throw new ResponseParserError('First event was not of type initial-response', { operationName: operationName || undefined });
  }
  const parsed = initialResponse(first.payload);
  parsed[member] = new EventStream(messages.slice(1), streamShape, eventPayload, operationName);
  return parsed;
}
