import { Readable } from 'stream';
import { EventStreamError, ResponseParserError } from '../../../../src/errors';
import { parseJson, parseRestJson, parseRestXml } from '../../../../src/protocols/parse';
import { EventStream } from '../../../../src/protocols/parse/event-stream';
import { decodeEventMessages } from '../../../../src/protocols/parse/event-stream-decoder';
import { crc32Portable } from '../../../../src/util/crc';
import { model } from './helpers';

/** Encodes one message with string headers (type 7) and an optional int32 header (type 4). */
function frame(headers: Record<string, string | number>, payload: string): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name);
    if (typeof value === 'number') {
      const v = Buffer.alloc(5);
      v.writeUInt8(4, 0);
      v.writeInt32BE(value, 1);
      parts.push(Buffer.from([n.length]), n, v);
    } else {
      const s = Buffer.from(value);
      const t = Buffer.alloc(3);
      t.writeUInt8(7, 0);
      t.writeUInt16BE(s.length, 1);
      parts.push(Buffer.from([n.length]), n, t, s);
    }
  }
  const hdr = Buffer.concat(parts);
  const body = Buffer.from(payload);
  const total = 12 + hdr.length + body.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(hdr.length, 4);
  prelude.writeUInt32BE(crc32Portable(prelude.subarray(0, 8)), 8);
  const msg = Buffer.concat([prelude, hdr, body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32Portable(msg), 0);
  return Buffer.concat([msg, crc]);
}

const shapes = {
  Out: { type: 'structure', members: { Stream: { shape: 'Events' } }, payload: 'Stream' },
  Events: { type: 'structure', eventstream: true, members: { Chunk: { shape: 'Chunk' }, Note: { shape: 'Note' }, Bad: { shape: 'Bad' } } },
  Chunk: { type: 'structure', event: true, members: { Bytes: { shape: 'Blob', eventpayload: true }, Seq: { shape: 'Int', eventheader: true } } },
  Note: { type: 'structure', event: true, members: { Text: { shape: 'Str' } } },
  Bad: { type: 'structure', exception: true, members: { message: { shape: 'Str' } } },
  Blob: { type: 'blob' },
  Int: { type: 'integer' },
  Str: { type: 'string' },
};

describe('event streams', () => {
  test('keeps a header named __proto__ or constructor as an own header', () => {
    const [m] = decodeEventMessages(frame(JSON.parse('{":message-type":"event","__proto__":"p","constructor":1}'), ''));
    expect(Object.getPrototypeOf(m.headers)).toBe(Object.prototype);
    expect(Object.keys(m.headers)).toEqual([':message-type', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(m.headers, '__proto__')?.value).toBe('p');
  });

  test('decodes frames and rejects a corrupted checksum', () => {
    const f = frame({ ':message-type': 'event', ':event-type': 'Chunk', Seq: 7 }, 'abc');
    const [m] = decodeEventMessages(f);
    expect(m.headers).toEqual({ ':message-type': 'event', ':event-type': 'Chunk', Seq: 7 });
    expect(m.payload.toString()).toBe('abc');
    const bad = Buffer.from(f);
    bad[bad.length - 5] ^= 0xff;
    expect(() => decodeEventMessages(bad)).toThrow(/checksum/);
  });

  test('decodes and checks frames on a Node without zlib.crc32 (before 20.15)', () => {
    const f = frame({ ':message-type': 'event', ':event-type': 'Chunk', Seq: 7 }, 'abc');
    const bad = Buffer.from(f);
    bad[bad.length - 5] ^= 0xff;
    let decode: typeof decodeEventMessages | undefined;
    jest.isolateModules(() => {
      jest.doMock('zlib', () => ({ ...jest.requireActual<object>('zlib'), crc32: undefined }));
      decode = (require('../../../../src/protocols/parse/event-stream-decoder') as typeof import('../../../../src/protocols/parse/event-stream-decoder')).decodeEventMessages;
      expect((require('zlib') as { crc32?: unknown }).crc32).toBeUndefined();
    });
    jest.dontMock('zlib');
    expect(decode?.(f)[0].payload.toString()).toBe('abc');
    expect(() => decode?.(bad)).toThrow('message checksum mismatch');
  });

  test('a payload event stream member iterates parsed events from a live stream split mid-frame', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const bytes = Buffer.concat([
      frame({ ':message-type': 'event', ':event-type': 'Chunk', Seq: 1 }, 'one'),
      frame({ ':message-type': 'event', ':event-type': 'Unknown' }, '{}'),
      frame({ ':message-type': 'event', ':event-type': 'Chunk', Seq: 2 }, 'two'),
    ]);
    const stream = Readable.from([bytes.subarray(0, 10), bytes.subarray(10, 50), bytes.subarray(50)]);
    const r = parseRestJson(op, { statusCode: 200, headers: {}, body: Buffer.alloc(0), stream }, ctx);
    expect(r.Stream).toBeInstanceOf(EventStream);
    const events: unknown[] = [];
    for await (const e of r.Stream as EventStream) events.push(e);
    expect(events).toEqual([{ Chunk: { Seq: 1, Bytes: Buffer.from('one') } }, { Chunk: { Seq: 2, Bytes: Buffer.from('two') } }]);
  });

  test('an exception message throws EventStreamError with the modeled code', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const body = frame({ ':message-type': 'exception', ':exception-type': 'Bad' }, '{"message":"broken"}');
    const r = parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx);
    const it = (r.Stream as EventStream)[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toBeInstanceOf(EventStreamError);
    const again = (parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
    await expect(again.next()).rejects.toMatchObject({ code: 'Bad', message: expect.stringContaining('broken') });
  });

  test.each([
    ['rest-json', parseRestJson, '{"Text":"cut'],
    ['rest-xml', parseRestXml, '<Note><Text>cut</Note>'],
  ] as const)('%s: an event whose payload does not parse is a ResponseParserError, not an empty event', async (protocol, parser, payload) => {
    const { op, ctx } = model(protocol, shapes, { shape: 'Out' });
    const body = frame({ ':message-type': 'event', ':event-type': 'Note' }, payload);
    const it = (parser(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
    const err = await it.next().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseParserError);
    expect((err as Error).message).toMatch(/^Unable to parse an event of Op: invalid (JSON|XML) .*Payload \(\d+ bytes\): /);
  });

  test('json: an initial-response that does not parse is a ResponseParserError', () => {
    const jsonShapes = { ...shapes, Out: { type: 'structure', members: { Id: { shape: 'Str' }, Stream: { shape: 'Events' } } } };
    const { op, ctx } = model('json', jsonShapes, { shape: 'Out' });
    const body = frame({ ':message-type': 'event', ':event-type': 'initial-response' }, '{"Id":');
    expect(() => parseJson(op, { statusCode: 200, headers: {}, body }, ctx)).toThrow(ResponseParserError);
  });

  test('an exception event whose payload does not parse is still the modeled error, its payload the message', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const body = frame({ ':message-type': 'exception', ':exception-type': 'Bad' }, 'not json');
    const it = (parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toMatchObject({ code: 'Bad', message: expect.stringContaining('not json') });
  });
});
