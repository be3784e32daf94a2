/**
 * Decodes the AWS event stream binary framing (application/vnd.amazon.eventstream): each message
 * is prelude (total length, headers length, prelude CRC32), typed headers, payload, message CRC32.
 * CRCs are verified (util/crc: native zlib.crc32 where Node has it, 20.15+, else a table). `EventStreamDecoder` takes chunks as they arrive and yields whole messages.
 */
import { ResponseParserError } from '../../errors';
import { crc32 } from '../../util/crc';
import { setOwn } from '../../util/objects';

export type EventHeaderValue = boolean | number | bigint | string | Buffer | Date;

export interface EventMessage {
  headers: Record<string, EventHeaderValue>;
  payload: Buffer;
}

const PRELUDE = 12;
const MIN_MESSAGE = PRELUDE + 4;

export class EventStreamDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  /** Adds bytes and returns every message now complete. */
  push(chunk: Buffer): EventMessage[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const out: EventMessage[] = [];
    while (this.buffer.length >= PRELUDE) {
      const total = this.buffer.readUInt32BE(0);
      if (total < MIN_MESSAGE) throw new ResponseParserError(`Invalid event stream message length ${total}`);
      if (this.buffer.length < total) break;
      out.push(decodeMessage(this.buffer.subarray(0, total)));
      this.buffer = this.buffer.subarray(total);
    }
    return out;
  }

  /** Bytes left over that do not make a whole message. */
  get pending(): number {
    return this.buffer.length;
  }
}

/** Decodes every message of a complete buffer. */
export function decodeEventMessages(data: Buffer): EventMessage[] {
  const decoder = new EventStreamDecoder();
  const messages = decoder.push(data);
  if (decoder.pending) throw new ResponseParserError('Truncated event stream message');
  return messages;
}

function decodeMessage(msg: Buffer): EventMessage {
  const total = msg.readUInt32BE(0);
  const headersLength = msg.readUInt32BE(4);
  const preludeCrc = msg.readUInt32BE(8);
  if (crc32(msg.subarray(0, 8)) !== preludeCrc) throw new ResponseParserError('Event stream prelude checksum mismatch');
  const messageCrc = msg.readUInt32BE(total - 4);
  if (crc32(msg.subarray(0, total - 4)) !== messageCrc) throw new ResponseParserError('Event stream message checksum mismatch');
  if (PRELUDE + headersLength > total - 4) throw new ResponseParserError('Invalid event stream headers length');
  const headers = decodeHeaders(msg.subarray(PRELUDE, PRELUDE + headersLength));
  return { headers, payload: msg.subarray(PRELUDE + headersLength, total - 4) };
}

function decodeHeaders(data: Buffer): Record<string, EventHeaderValue> {
  const headers: Record<string, EventHeaderValue> = {};
  let i = 0;
  while (i < data.length) {
    const nameLength = data.readUInt8(i);
    const name = data.toString('utf8', i + 1, i + 1 + nameLength);
    i += 1 + nameLength;
    const type = data.readUInt8(i);
    i += 1;
    let value: EventHeaderValue;
    switch (type) {
      case 0:
        value = true;
        break;
      case 1:
        value = false;
        break;
      case 2:
        value = data.readInt8(i);
        i += 1;
        break;
      case 3:
        value = data.readInt16BE(i);
        i += 2;
        break;
      case 4:
        value = data.readInt32BE(i);
        i += 4;
        break;
      case 5:
      case 8: {
        const big = data.readBigInt64BE(i);
        i += 8;
        // Longs within 2^53 become numbers; timestamps (type 8) are epoch milliseconds.
        const n = Number(big);
        value = Number.isSafeInteger(n) ? n : big;
        break;
      }
      case 6:
      case 7: {
        const len = data.readUInt16BE(i);
        const bytes = data.subarray(i + 2, i + 2 + len);
        value = type === 6 ? Buffer.from(bytes) : bytes.toString('utf8');
        i += 2 + len;
        break;
      }
      case 9:
        value = data.subarray(i, i + 16).toString('hex');
        i += 16;
        break;
      default:
        throw new ResponseParserError(`Unknown event stream header type ${type}`);
    }
    // Header names come from the wire: `__proto__` is one like any other (setOwn).
    setOwn(headers, name, value);
  }
  return headers;
}
