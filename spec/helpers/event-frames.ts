/**
 * Test-side encoder of the AWS event stream framing (application/vnd.amazon.eventstream), our
 * own, used to build canned responses: prelude (total length, headers length, CRC32), typed
 * headers, payload, message CRC32. CRCs use the table implementation, so frames are the same on
 * every Node version.
 */
import { crc32Portable } from '../../src/util/crc';

export type HeaderType = 'true' | 'false' | 'byte' | 'short' | 'integer' | 'long' | 'bytes' | 'string' | 'timestamp' | 'uuid';

export interface FrameHeader {
  name: string;
  type: HeaderType;
  /** byte/short/integer: number; long/timestamp: number or bigint (timestamp: epoch ms); bytes/uuid: Buffer; string: string. */
  value?: number | bigint | string | Buffer;
}

const TYPE_CODE: Record<HeaderType, number> = { true: 0, false: 1, byte: 2, short: 3, integer: 4, long: 5, bytes: 6, string: 7, timestamp: 8, uuid: 9 };

function headerValue(h: FrameHeader): Buffer {
  const v = h.value;
  switch (h.type) {
    case 'true':
    case 'false':
      return Buffer.alloc(0);
    case 'byte': {
      const b = Buffer.alloc(1);
      b.writeInt8(Number(v), 0);
      return b;
    }
    case 'short': {
      const b = Buffer.alloc(2);
      b.writeInt16BE(Number(v), 0);
      return b;
    }
    case 'integer': {
      const b = Buffer.alloc(4);
      b.writeInt32BE(Number(v), 0);
      return b;
    }
    case 'long':
    case 'timestamp': {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(v as number | bigint), 0);
      return b;
    }
    case 'uuid':
      if (!Buffer.isBuffer(v) || v.length !== 16) throw new Error('a uuid header is 16 bytes');
      return v;
    case 'bytes':
    case 'string': {
      const data = Buffer.isBuffer(v) ? v : Buffer.from(String(v), 'utf8');
      const len = Buffer.alloc(2);
      len.writeUInt16BE(data.length, 0);
      return Buffer.concat([len, data]);
    }
  }
}

/** Headers given as a record are strings, except FrameHeader entries in the list form. */
export function encodeHeaders(headers: Array<FrameHeader> | Record<string, string>): Buffer {
  const list: FrameHeader[] = Array.isArray(headers) ? headers : Object.entries(headers).map(([name, value]) => ({ name, type: 'string', value }));
  return Buffer.concat(
    list.flatMap((h) => {
      const name = Buffer.from(h.name, 'utf8');
      return [Buffer.from([name.length]), name, Buffer.from([TYPE_CODE[h.type]]), headerValue(h)];
    }),
  );
}

/** One whole message. */
export function encodeFrame(headers: Array<FrameHeader> | Record<string, string>, payload: Buffer | string = ''): Buffer {
  return frameFromParts(encodeHeaders(headers), payload);
}

/** A message from raw header bytes (for damaged headers with valid CRCs). */
export function frameFromParts(headerBytes: Buffer, payload: Buffer | string = ''): Buffer {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  const total = 12 + headerBytes.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32Portable(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, headerBytes, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32Portable(message), 0);
  return Buffer.concat([message, crc]);
}

/** A prelude alone, with a valid CRC, announcing any lengths (for limit checks). */
export function preludeOnly(total: number, headersLength: number): Buffer {
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headersLength, 4);
  prelude.writeUInt32BE(crc32Portable(prelude.subarray(0, 8)), 8);
  return prelude;
}

/** An `event` message of `eventType` (with `:content-type` when given). */
export function eventFrame(eventType: string, payload: Buffer | string = '', extra: FrameHeader[] = [], contentType?: string): Buffer {
  const headers: FrameHeader[] = [
    { name: ':message-type', type: 'string', value: 'event' },
    { name: ':event-type', type: 'string', value: eventType },
  ];
  if (contentType) headers.push({ name: ':content-type', type: 'string', value: contentType });
  return encodeFrame([...headers, ...extra], payload);
}

/** An `exception` message (a modeled exception: `exceptionType` is the stream member's name). */
export function exceptionFrame(exceptionType: string, payload: Buffer | string, contentType = 'application/json'): Buffer {
  return encodeFrame({ ':message-type': 'exception', ':exception-type': exceptionType, ':content-type': contentType }, payload);
}

/** An `error` message (unmodeled: code and message in headers). */
export function errorFrame(code: string, message: string): Buffer {
  return encodeFrame({ ':message-type': 'error', ':error-code': code, ':error-message': message });
}
