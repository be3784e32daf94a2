/**
 * Decodes the AWS event stream binary framing (application/vnd.amazon.eventstream): each message
 * is a prelude (total length, headers length, prelude CRC32), typed headers, the payload and a
 * CRC32 of everything before it. `EventStreamDecoder` takes chunks as they arrive and returns
 * whole messages; `end()` says whether the bytes stopped inside a message.
 *
 * Checks, as botocore's EventStreamBuffer: the prelude CRC as soon as the 12 prelude bytes are
 * in (a damaged length is never waited for), botocore's limits (128 KiB of headers, 24 MiB of
 * payload), the message CRC, duplicate header names. Beyond botocore: a header that runs past the
 * headers section, an unknown header type, a message shorter than its framing, and bytes left
 * over when the stream ends (botocore drops them silently) are errors too. Every failure is a
 * ResponseParserError: an event stream is data, never silently cut short.
 *
 * CRCs come from util/crc (native zlib.crc32 where Node has it, 20.15+, else a table).
 */
import { ResponseParserError } from '../../errors';
import { crc32 } from '../../util/crc';
import { setOwn } from '../../util/objects';

/** A header's value: bool, byte/short/int/long (long and timestamp as number, bigint past 2^53), bytes and uuid as Buffer, string. */
export type EventHeaderValue = boolean | number | bigint | string | Buffer;

export interface EventMessage {
  headers: Record<string, EventHeaderValue>;
  payload: Buffer;
}

const PRELUDE = 12;
const FRAMING = PRELUDE + 4;
const MAX_HEADERS_LENGTH = 128 * 1024;
const MAX_PAYLOAD_LENGTH = 24 * 1024 * 1024;

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

function framingError(problem: string, operationName: string): ResponseParserError {
  const of = operationName ? ` of ${operationName}` : '';
  return new ResponseParserError(`Invalid event stream${of}: ${problem}`, { operationName: operationName || undefined });
}

export class EventStreamDecoder {
  // Chunks are queued and joined only once a whole message is in, so a large message arriving
  // in many chunks is copied once, not once per chunk.
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The total length of the message being read, once its prelude checked out. */
  private expected = 0;
  /** A damaged message met after whole ones in the same chunk: thrown once those are taken. */
  private failure: Error | undefined;

  constructor(private readonly operationName = '') {}

  /**
   * Adds bytes and returns every message now complete. A damaged message throws; when whole
   * messages came before it in the same bytes, they are returned first and the error is thrown
   * by the next call (`push`, `check` or `end`), so no event that arrived intact is lost.
   */
  push(chunk: Buffer): EventMessage[] {
    this.check();
    if (chunk.length) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const out: EventMessage[] = [];
    for (;;) {
      if (this.expected === 0) {
        if (this.buffered < PRELUDE) break;
        try {
          this.expected = this.checkPrelude(this.head(PRELUDE));
        } catch (e) {
          if (!out.length) throw e;
          this.failure = e as Error;
          break;
        }
      }
      if (this.buffered < this.expected) break;
      const message = this.take(this.expected);
      this.expected = 0;
      try {
        out.push(decodeMessage(message, this.operationName));
      } catch (e) {
        if (!out.length) throw e;
        this.failure = e as Error;
        break;
      }
    }
    return out;
  }

  /** Throws the damage a previous `push` held back, if any. */
  check(): void {
    const failure = this.failure;
    if (failure) throw failure;
  }

  /** Bytes received that do not yet make a whole message. */
  get pending(): number {
    return this.buffered;
  }

  /** The stream ended: an error if it ended inside a message. */
  end(): void {
    this.check();
    if (this.buffered) {
      const of = this.expected ? ` of a ${this.expected}-byte message` : '';
      throw framingError(`the stream ended after ${this.buffered} bytes${of} (truncated message)`, this.operationName);
    }
  }

  /** Checks the 12 prelude bytes; returns the message's total length. */
  private checkPrelude(prelude: Buffer): number {
    const total = prelude.readUInt32BE(0);
    const headersLength = prelude.readUInt32BE(4);
    const expectedCrc = prelude.readUInt32BE(8);
    const crc = crc32(prelude.subarray(0, 8));
    if (crc !== expectedCrc) throw framingError(`prelude checksum mismatch: expected ${hex(expectedCrc)}, calculated ${hex(crc)}`, this.operationName);
    if (headersLength > MAX_HEADERS_LENGTH) throw framingError(`header length of ${headersLength} exceeded the maximum of ${MAX_HEADERS_LENGTH}`, this.operationName);
    if (total < FRAMING + headersLength) throw framingError(`message length ${total} is shorter than its framing and ${headersLength} bytes of headers`, this.operationName);
    const payloadLength = total - FRAMING - headersLength;
    if (payloadLength > MAX_PAYLOAD_LENGTH) throw framingError(`payload length of ${payloadLength} exceeded the maximum of ${MAX_PAYLOAD_LENGTH}`, this.operationName);
    return total;
  }

  /** The first `n` buffered bytes, without consuming them. */
  private head(n: number): Buffer {
    if (this.chunks[0].length < n) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0].subarray(0, n);
  }

  /** Removes and returns the first `n` buffered bytes. */
  private take(n: number): Buffer {
    const first = this.head(n);
    const rest = this.chunks[0].subarray(n);
    if (rest.length) this.chunks[0] = rest;
    else this.chunks.shift();
    this.buffered -= n;
    return first;
  }
}

/** Decodes every message of a complete buffer; bytes left over are an error. */
export function decodeEventMessages(data: Buffer, operationName = ''): EventMessage[] {
  const decoder = new EventStreamDecoder(operationName);
  const messages = decoder.push(data);
  decoder.end();
  return messages;
}

/** One whole message whose prelude was checked. */
function decodeMessage(msg: Buffer, operationName: string): EventMessage {
  const total = msg.length;
  const headersLength = msg.readUInt32BE(4);
  const expectedCrc = msg.readUInt32BE(total - 4);
  const crc = crc32(msg.subarray(0, total - 4));
  if (crc !== expectedCrc) throw framingError(`message checksum mismatch: expected ${hex(expectedCrc)}, calculated ${hex(crc)}`, operationName);
  const headers = decodeHeaders(msg.subarray(PRELUDE, PRELUDE + headersLength), operationName);
  return { headers, payload: msg.subarray(PRELUDE + headersLength, total - 4) };
}

/** Fixed value sizes by header type (0/1 carry none; 6, 7 are length-prefixed). */
const FIXED_SIZE: Record<number, number> = { 0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16 };

function decodeHeaders(data: Buffer, operationName: string): Record<string, EventHeaderValue> {
  const headers: Record<string, EventHeaderValue> = {};
  const seen = new Set<string>();
  let i = 0;
  // Every read is checked against the end of the headers section: a length that points past it
  // is a damaged message (only possible when the CRC matched damaged bytes, or a bad encoder).
  const need = (n: number, what: string): void => {
    if (i + n > data.length) throw framingError(`header ${what} runs past the end of the headers (${data.length} bytes)`, operationName);
  };
  while (i < data.length) {
    const nameLength = data.readUInt8(i);
    need(1 + nameLength + 1, 'name');
    const name = data.toString('utf8', i + 1, i + 1 + nameLength);
    i += 1 + nameLength;
    const type = data.readUInt8(i);
    i += 1;
    let value: EventHeaderValue;
    const fixed = FIXED_SIZE[type];
    if (fixed !== undefined) {
      need(fixed, `'${name}' value`);
      value = fixedValue(data, i, type);
      i += fixed;
    } else if (type === 6 || type === 7) {
      need(2, `'${name}' length`);
      const len = data.readUInt16BE(i);
      need(2 + len, `'${name}' value`);
      const bytes = data.subarray(i + 2, i + 2 + len);
      value = type === 6 ? Buffer.from(bytes) : bytes.toString('utf8');
      i += 2 + len;
    } else {
      throw framingError(`unknown header type ${type} for header '${name}'`, operationName);
    }
    if (seen.has(name)) throw framingError(`duplicate header present: '${name}'`, operationName);
    seen.add(name);
    // Header names come from the wire: `__proto__` is one like any other (setOwn).
    setOwn(headers, name, value);
  }
  return headers;
}

function fixedValue(data: Buffer, i: number, type: number): EventHeaderValue {
  switch (type) {
    case 0:
      return true;
    case 1:
      return false;
    case 2:
      return data.readInt8(i);
    case 3:
      return data.readInt16BE(i);
    case 4:
      return data.readInt32BE(i);
    case 9:
      // botocore returns the 16 raw bytes.
      return Buffer.from(data.subarray(i, i + 16));
    default: {
      // long (5) and timestamp (8, epoch milliseconds): numbers within 2^53, else bigint.
      const big = data.readBigInt64BE(i);
      const n = Number(big);
      return Number.isSafeInteger(n) ? n : big;
    }
  }
}
