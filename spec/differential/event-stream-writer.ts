/**
 * The success response of an operation whose output is an event stream, generated from the
 * model: the HTTP status and header-bound members as writeSuccess writes them, and a body of
 * event stream frames (spec/helpers/event-frames.ts):
 *
 * - json protocols: first the `initial-response` event carrying the output's other members;
 * - one event per event member of the stream shape, in model order, with its members filled by
 *   generateOutput: eventheader members as typed headers, the eventpayload member as the payload
 *   (blob: the bytes, string: the text, structure: JSON or XML), else the remaining members as
 *   the payload (empty when there are none, as S3 sends Cont and End);
 * - optionally last, an exception event of the stream's first modeled exception.
 *
 * The expected events come back as tagged values too, so a test (or a driver) can compare.
 */
import { encodeFrame, eventFrame, FrameHeader, HeaderType } from '../helpers/event-frames';
import type { RawModel, RawOperation, RawRef, RawShape } from './model-catalog';
import { generateOutput } from './output-values';
import { WireResponse, writeEventPayload, writeSuccess } from './response-writer';
import { isTag, Tagged } from './tagged';

export interface EventStreamCase {
  response: WireResponse;
  /** The stream member's name in the result. */
  member: string;
  /** The members the initial-response (json) or the HTTP headers (rest) carry. */
  initial: Record<string, Tagged>;
  /** `{ EventName: members }`, in order. */
  events: Array<Record<string, Tagged>>;
  /** The exception event sent last, if asked for and modeled. */
  exception?: { member: string; shape: string; values: Record<string, Tagged>; message: string };
}

const EVENT_STREAM_TYPE = 'application/vnd.amazon.eventstream';

function shapeOf(model: RawModel, ref: RawRef): RawShape {
  const s = model.shapes[ref.shape];
  if (!s) throw new Error(`Unknown shape '${ref.shape}'`);
  return s;
}

/** The stream member of a structure, if any. */
export function eventStreamMemberOf(model: RawModel, ref: RawRef | undefined): string | undefined {
  if (!ref) return undefined;
  const members = shapeOf(model, ref).members ?? {};
  return Object.keys(members).find((n) => shapeOf(model, members[n]).eventstream === true);
}

const HEADER_TYPES: Record<string, HeaderType> = { byte: 'byte', short: 'short', integer: 'integer', long: 'long', blob: 'bytes', string: 'string', timestamp: 'timestamp' };

function headerOf(name: string, shape: RawShape, v: Tagged): FrameHeader {
  if (shape.type === 'boolean') return { name, type: v ? 'true' : 'false' };
  const type = HEADER_TYPES[shape.type];
  if (!type) throw new Error(`No event header type for a ${shape.type} member (${name})`);
  if (isTag(v, '$bytes')) return { name, type, value: Buffer.from(v.$bytes, 'base64') };
  if (isTag(v, '$ts')) return { name, type, value: Date.parse(v.$ts) };
  return { name, type, value: v as number | string };
}

function contentType(protocol: string): string {
  return protocol === 'rest-xml' ? 'text/xml' : 'application/json';
}

/** One event message for `values` of the event shape `ref`, named `eventName`. */
function eventMessage(model: RawModel, protocol: string, eventName: string, ref: RawRef, values: Record<string, Tagged>): Buffer {
  const shape = shapeOf(model, ref);
  const members = shape.members ?? {};
  const headers: FrameHeader[] = [];
  const body: Record<string, Tagged> = {};
  let payload: Buffer | undefined;
  let type: string | undefined;
  for (const [name, v] of Object.entries(values)) {
    const mref = members[name];
    const mshape = shapeOf(model, mref);
    if (mref.eventheader) {
      headers.push(headerOf(name, mshape, v));
    } else if (mref.eventpayload) {
      if (mshape.type === 'blob') {
        payload = isTag(v, '$bytes') ? Buffer.from(v.$bytes, 'base64') : Buffer.from(String(v));
        type = 'application/octet-stream';
      } else if (mshape.type === 'string') {
        payload = Buffer.from(String(v));
        type = 'text/plain';
      } else {
        payload = writeEventPayload(model, protocol, mref, mref.shape, v);
        type = contentType(protocol);
      }
    } else {
      body[name] = v;
    }
  }
  if (!payload && Object.keys(body).length) {
    payload = writeEventPayload(model, protocol, ref, eventName, body);
    type = contentType(protocol);
  }
  return eventFrame(eventName, payload ?? Buffer.alloc(0), headers, type);
}

/** The response for `op` (which must have an event stream output), seeded by `seed`. */
export function writeEventStreamResponse(model: RawModel, protocol: string, op: RawOperation, seed: string, withException = true): EventStreamCase {
  const outRef = op.output as RawRef;
  const member = eventStreamMemberOf(model, outRef);
  if (!member) throw new Error(`${op.name} has no event stream output`);
  // writeSuccess adjusts the values it binds (the status code member): keep its copy.
  const initial = generateOutput(model, outRef, `${seed}.output`);
  const base = writeSuccess(model, protocol, op, initial);
  const headers = base.headers.filter(([n]) => !/^content-(type|length)$/i.test(n));
  headers.push(['Content-Type', EVENT_STREAM_TYPE]);
  // A member bound to Content-Type (Lambda's ResponseStreamContentType) reads the stream's type.
  const outMembers = shapeOf(model, outRef).members ?? {};
  for (const name of Object.keys(initial)) {
    const ref = outMembers[name];
    if (ref?.location === 'header' && /^content-type$/i.test(String(ref.locationName))) initial[name] = EVENT_STREAM_TYPE;
  }
  const frames: Buffer[] = [];
  if (protocol === 'json') frames.push(eventFrame('initial-response', writeEventPayload(model, protocol, outRef, op.name, initial), [], 'application/json'));
  const streamShape = shapeOf(model, (shapeOf(model, outRef).members ?? {})[member]);
  const events: Array<Record<string, Tagged>> = [];
  let exception: EventStreamCase['exception'];
  for (const [name, ref] of Object.entries(streamShape.members ?? {})) {
    const shape = shapeOf(model, ref);
    if (shape.exception) {
      if (withException && !exception) {
        const values = generateOutput(model, ref, `${seed}.${name}`);
        const message = String(values.message ?? values.Message ?? '');
        exception = { member: name, shape: ref.shape, values, message };
      }
      continue;
    }
    const values = generateOutput(model, ref, `${seed}.${name}`);
    frames.push(eventMessage(model, protocol, name, ref, values));
    events.push({ [name]: values });
  }
  if (exception) {
    const payload = writeEventPayload(model, protocol, { shape: exception.shape }, exception.member, exception.values);
    frames.push(encodeFrame({ ':message-type': 'exception', ':exception-type': exception.member, ':content-type': contentType(protocol) }, payload));
  }
  const response: WireResponse = { status: base.status, headers, body: Buffer.concat(frames).toString('base64') };
  return { response, member, initial, events, exception };
}
