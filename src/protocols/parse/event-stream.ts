/**
 * `EventStream`: the value of an event stream output member, as botocore's EventStream. Iterate
 * it with `for await`; each event is `{ <EventType>: { ...members } }` parsed by the event's
 * shape (eventheader members from message headers, the eventpayload member from the payload,
 * else the payload parsed as the event structure). Unknown event types are skipped; an `error`
 * or `exception` message throws EventStreamError (a ClientError).
 */
import type { Readable } from 'stream';
import { ClientError, ResponseParserError } from '../../errors';
import type { Shape } from '../../models/shape';
import type { ParsedResponse } from '../types';
import { Dict, isDict } from './common';
import { EventMessage, EventStreamDecoder, decodeEventMessages } from './event-stream-decoder';
import { parseTimestamp } from './timestamps';

/**
 * How a protocol parses an event payload (JSON or XML) as a shape. A payload that does not
 * parse is a ResponseParserError naming `operationName`: an event is data, never dropped.
 */
export type EventPayloadParser = (shape: Shape, payload: Buffer, operationName: string) => unknown;

export class EventStreamError extends ClientError {}

export type EventSource = Readable | Buffer | EventMessage[];

export class EventStream implements AsyncIterable<Dict> {
  private closed = false;

  constructor(
    private readonly source: EventSource,
    readonly shape: Shape,
    private readonly parsePayload: EventPayloadParser,
    readonly operationName = '',
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Dict> {
    for await (const message of this.messages()) {
      if (this.closed) return;
      const event = parseEventMessage(message, this.shape, this.parsePayload, this.operationName);
      if (event) yield event;
    }
  }

  /** Stops reading and releases the underlying connection. */
  close(): void {
    this.closed = true;
    const s = this.source;
    if (!Buffer.isBuffer(s) && !Array.isArray(s)) s.destroy();
  }

  private async *messages(): AsyncGenerator<EventMessage> {
    const s = this.source;
    if (Array.isArray(s)) {
      yield* s;
      return;
    }
    if (Buffer.isBuffer(s)) {
      yield* decodeEventMessages(s);
      return;
    }
    const decoder = new EventStreamDecoder();
    for await (const chunk of s) {
      yield* decoder.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    }
  }
}

/** One message as `{ EventType: {...} }`; undefined for an event type the shape does not know. */
export function parseEventMessage(
  message: EventMessage,
  streamShape: Shape,
  parsePayload: EventPayloadParser,
  operationName = '',
): Dict | undefined {
  const h = message.headers;
  const messageType = h[':message-type'];
  if (messageType === 'error' || messageType === 'exception') {
    throw new EventStreamError(eventError(message, streamShape, parsePayload, operationName), operationName);
  }
  const eventType = h[':event-type'];
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
    const value = message.headers[name];
    // Timestamp headers carry epoch milliseconds.
    out[name] = member.type === 'timestamp' && typeof value === 'number' ? new Date(value) : member.type === 'timestamp' ? parseTimestamp(value) : value;
  }
  for (const name of shape.memberNames) {
    const member = members[name];
    if (!member.serialization.eventpayload) continue;
    if (member.type === 'blob') out[name] = message.payload;
    else if (member.type === 'string') out[name] = message.payload.toString('utf8');
    else out[name] = parsePayload(member, message.payload, operationName);
    return out;
  }
  const body = parsePayload(shape, message.payload, operationName);
  if (isDict(body)) Object.assign(out, body);
  return out;
}

function eventError(message: EventMessage, streamShape: Shape, parsePayload: EventPayloadParser, operationName: string): ParsedResponse & { Error: { Code: string; Message: string } } {
  const h = message.headers;
  const exceptionType = h[':exception-type'];
  const meta = { HTTPStatusCode: 400, HTTPHeaders: {} };
  const shape = typeof exceptionType === 'string' ? streamShape.member(exceptionType) : undefined;
  if (shape && typeof exceptionType === 'string') {
    const body = exceptionBody(shape, message.payload, parsePayload, operationName);
    const msg = body.Message ?? body.message ?? '';
    return { ...body, Error: { Code: exceptionType, Message: String(msg) }, ResponseMetadata: meta };
  }
  const code = h[':error-code'];
  const msg = h[':error-message'];
  return { Error: { Code: typeof code === 'string' ? code : '', Message: typeof msg === 'string' ? msg : '' }, ResponseMetadata: meta };
}

/**
 * An exception event's members. Like an error response, it is read leniently (botocore's
 * `{ message: text }`): the event already says the stream failed, the payload only adds detail.
 */
function exceptionBody(shape: Shape, payload: Buffer, parsePayload: EventPayloadParser, operationName: string): Dict {
  try {
    const parsed = parsePayload(shape, payload, operationName);
    return isDict(parsed) ? parsed : {};
  } catch (e) {
    if (!(e instanceof ResponseParserError)) throw e;
    return { message: payload.toString('utf8') };
  }
}
