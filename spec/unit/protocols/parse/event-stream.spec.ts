import { Readable } from 'stream';
import { inspect } from 'util';
import { ClientError, EventStreamError, ResponseParserError } from '../../../../src/errors';
import type { ClientContext } from '../../../../src/pipeline/context';
import { settleEventStreamOutput } from '../../../../src/pipeline/event-stream-output';
import { encodeFrame, eventFrame, exceptionFrame } from '../../../helpers/event-frames';
import { parseJson, parseRestJson, parseRestXml } from '../../../../src/protocols/parse';
import { EventStream } from '../../../../src/protocols/parse/event-stream';
import { decodeEventMessages } from '../../../../src/protocols/parse/event-stream-decoder';
import { model } from './helpers';

/** One message with string headers, and int32 ones for numbers (spec/helpers/event-frames.ts). */
function frame(headers: Record<string, string | number>, payload: string): Buffer {
  return encodeFrame(Object.entries(headers).map(([name, value]) => (typeof value === 'number' ? { name, type: 'integer' as const, value } : { name, type: 'string' as const, value })), payload);
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

  test('an exception the stream does not model: a JSON or text message is kept, CBOR or XML bytes are not made its message', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const cbor = Buffer.from('a1676d65737361676569736c6f7720646f776e', 'hex'); // {"message": "slow down"}
    const cases: Array<[Record<string, string>, Buffer | string, string]> = [
      [{}, '{"message":"json text"}', 'json text'],
      [{ ':content-type': 'text/plain' }, 'plain words', 'plain words'],
      [{ ':content-type': 'application/cbor' }, cbor, ''],
      [{}, cbor, ''],
      [{ ':content-type': 'text/xml' }, '<Error><Message>x</Message></Error>', ''],
    ];
    for (const [headers, payload, message] of cases) {
      const body = encodeFrame({ ':message-type': 'exception', ':exception-type': 'Unmodeled', ...headers }, payload);
      const it = (parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
      const err = await it.next().catch((e: unknown) => e);
      expect((err as EventStreamError).response.Error).toEqual({ Code: 'Unmodeled', Message: message });
    }
  });

  test('an exception event whose payload does not parse is still the modeled error, its payload the message', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const body = frame({ ':message-type': 'exception', ':exception-type': 'Bad' }, 'not json');
    const it = (parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toMatchObject({ code: 'Bad', message: expect.stringContaining('not json') });
  });

  test('a modeled exception whose payload does not fit its shape never gets raw CBOR or binary bytes as its message', async () => {
    const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
    const cbor = Buffer.from('a1676d65737361676569736c6f7720646f776e', 'hex');
    for (const headers of [{ ':content-type': 'application/cbor' }, { ':content-type': 'application/octet-stream' }]) {
      const body = encodeFrame({ ':message-type': 'exception', ':exception-type': 'Bad', ...headers }, cbor);
      const it = (parseRestJson(op, { statusCode: 200, headers: {}, body }, ctx).Stream as EventStream)[Symbol.asyncIterator]();
      const err = await it.next().catch((e: unknown) => e);
      expect((err as EventStreamError).response.Error).toEqual({ Code: 'Bad', Message: '' });
    }
  });
});

describe('event shapes (botocore\'s BaseEventStreamParser)', () => {
  const typed = {
    Out: { type: 'structure', members: { Stream: { shape: 'Events' } }, payload: 'Stream' },
    Events: {
      type: 'structure',
      eventstream: true,
      members: { Headers: { shape: 'Headers' }, Text: { shape: 'Text' }, Doc: { shape: 'Doc' }, Empty: { shape: 'Empty' }, Oops: { shape: 'OopsException' } },
    },
    Headers: {
      type: 'structure',
      event: true,
      members: {
        Yes: { shape: 'Bool', eventheader: true },
        No: { shape: 'Bool', eventheader: true },
        B: { shape: 'Byte', eventheader: true },
        S: { shape: 'Short', eventheader: true },
        I: { shape: 'Int', eventheader: true },
        L: { shape: 'Long', eventheader: true },
        Big: { shape: 'Long', eventheader: true },
        Raw: { shape: 'Blob', eventheader: true },
        Str: { shape: 'Str', eventheader: true },
        When: { shape: 'Time', eventheader: true },
        Id: { shape: 'Blob', eventheader: true },
        Missing: { shape: 'Str', eventheader: true },
        Body: { shape: 'Str' },
      },
    },
    Text: { type: 'structure', event: true, members: { Value: { shape: 'Str', eventpayload: true }, Seq: { shape: 'Int', eventheader: true } } },
    Doc: { type: 'structure', event: true, members: { Inner: { shape: 'Inner', eventpayload: true } } },
    Inner: { type: 'structure', members: { N: { shape: 'Int' }, At: { shape: 'Time' } } },
    Empty: { type: 'structure', event: true, members: {} },
    OopsException: { type: 'structure', exception: true, members: { Message: { shape: 'Str' }, Detail: { shape: 'Int' } } },
    Bool: { type: 'boolean' },
    Byte: { type: 'byte' },
    Short: { type: 'short' },
    Int: { type: 'integer' },
    Long: { type: 'long' },
    Blob: { type: 'blob' },
    Str: { type: 'string' },
    Time: { type: 'timestamp' },
  } as const;

  async function events(protocol: 'rest-json' | 'rest-xml', frames: Buffer[]): Promise<unknown[]> {
    const { op, ctx } = model(protocol, typed as never, { shape: 'Out' });
    const parser = protocol === 'rest-json' ? parseRestJson : parseRestXml;
    const r = parser(op, { statusCode: 200, headers: {}, body: Buffer.alloc(0), stream: Readable.from(frames) }, ctx);
    const out: unknown[] = [];
    for await (const e of r.Stream as EventStream) out.push(e);
    return out;
  }

  test('eventheader members of every header type; the payload still fills the other members', async () => {
    const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const frame = encodeFrame(
      [
        { name: ':message-type', type: 'string', value: 'event' },
        { name: ':event-type', type: 'string', value: 'Headers' },
        { name: 'Yes', type: 'true' },
        { name: 'No', type: 'false' },
        { name: 'B', type: 'byte', value: -5 },
        { name: 'S', type: 'short', value: 300 },
        { name: 'I', type: 'integer', value: -70000 },
        { name: 'L', type: 'long', value: 4294967296 },
        { name: 'Big', type: 'long', value: 2n ** 60n },
        { name: 'Raw', type: 'bytes', value: Buffer.from([1, 2, 3]) },
        { name: 'Str', type: 'string', value: 'héllo' },
        { name: 'When', type: 'timestamp', value: 1643861106250 },
        { name: 'Id', type: 'uuid', value: uuid },
        { name: 'Unmodeled', type: 'string', value: 'ignored' },
      ],
      '{"Body":"from the payload"}',
    );
    expect(await events('rest-json', [frame])).toEqual([
      {
        Headers: {
          Yes: true,
          No: false,
          B: -5,
          S: 300,
          I: -70000,
          L: 4294967296,
          Big: 2n ** 60n,
          Raw: Buffer.from([1, 2, 3]),
          Str: 'héllo',
          When: new Date('2022-02-03T04:05:06.250Z'),
          Id: uuid,
          Body: 'from the payload',
        },
      },
    ]);
  });

  test.each(['rest-json', 'rest-xml'] as const)('%s: string and structure eventpayload members, and an empty event', async (protocol) => {
    const doc = protocol === 'rest-json' ? '{"N":3,"At":1643861106.25}' : '<Inner><N>3</N><At>2022-02-03T04:05:06.250Z</At></Inner>';
    const out = await events(protocol, [
      eventFrame('Text', 'plain <text> ✓', [{ name: 'Seq', type: 'integer', value: 9 }]),
      eventFrame('Doc', doc),
      eventFrame('Empty'),
    ]);
    expect(out).toEqual([{ Text: { Seq: 9, Value: 'plain <text> ✓' } }, { Doc: { Inner: { N: 3, At: new Date('2022-02-03T04:05:06.250Z') } } }, { Empty: {} }]);
  });

  test('without a client\'s classes an exception event is an EventStreamError carrying the exception\'s members', async () => {
    const err = await events('rest-json', [exceptionFrame('Oops', '{"Message":"bad","Detail":4}')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EventStreamError);
    expect((err as { response: unknown }).response).toEqual({ Message: 'bad', Detail: 4, Error: { Code: 'Oops', Message: 'bad' }, ResponseMetadata: { HTTPStatusCode: 400, HTTPHeaders: {} } });
  });

  test('the exception class comes from useErrors, chosen by the member\'s shape name', async () => {
    const { op, ctx } = model('rest-json', typed as never, { shape: 'Out' });
    const r = parseRestJson(op, { statusCode: 200, headers: {}, body: Buffer.alloc(0), stream: Readable.from([exceptionFrame('Oops', '{"Message":"bad"}')]) }, ctx);
    class OopsException extends ClientError {}
    const seen: unknown[] = [];
    (r.Stream as EventStream).useErrors((response, shapeName) => {
      seen.push(shapeName);
      return new OopsException(response, 'Op');
    }, 'rid');
    const err = await (r.Stream as EventStream)[Symbol.asyncIterator]().next().catch((e: unknown) => e);
    expect(seen).toEqual(['OopsException']);
    expect(err).toBeInstanceOf(OopsException);
    expect(err).toBeInstanceOf(EventStreamError);
    expect((err as ClientError).requestId).toBe('rid');
    expect(new ClientError({ Error: { Code: 'X', Message: '' }, ResponseMetadata: { HTTPStatusCode: 400, HTTPHeaders: {} } }, 'Op')).not.toBeInstanceOf(EventStreamError);
  });

  test('json, live stream: the pipeline reads initial-response into the result, in botocore\'s key order', async () => {
    const jsonShapes = { ...shapes, Out: { type: 'structure', members: { Id: { shape: 'Str' }, Stream: { shape: 'Events' }, Count: { shape: 'Int' } } } };
    const { op, ctx } = model('json', jsonShapes, { shape: 'Out' });
    const stream = Readable.from([Buffer.concat([eventFrame('initial-response', '{"Id":"abc","Count":2}'), eventFrame('Note', '{"Text":"hi"}')])]);
    const parsed = parseJson(op, { statusCode: 200, headers: { 'x-amzn-requestid': 'r1' }, body: Buffer.alloc(0), stream }, ctx);
    expect(Object.keys(parsed)).toEqual(['Stream', 'ResponseMetadata']);
    const clientCtx = { errorFor: () => new ClientError({ Error: { Code: '', Message: '' }, ResponseMetadata: { HTTPStatusCode: 400, HTTPHeaders: {} } }, 'Op') } as unknown as ClientContext;
    await settleEventStreamOutput(clientCtx, op, parsed);
    expect(Object.keys(parsed)).toEqual(['Id', 'Count', 'Stream', 'ResponseMetadata']);
    expect(parsed).toMatchObject({ Id: 'abc', Count: 2 });
    const out: unknown[] = [];
    for await (const e of parsed.Stream as EventStream) out.push(e);
    expect(out).toEqual([{ Note: { Text: 'hi' } }]);
  });
});

test('an EventStream prints as one short line', async () => {
  const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });
  const r = parseRestJson(op, { statusCode: 200, headers: {}, body: Buffer.alloc(0), stream: Readable.from([eventFrame('Note', '{"Text":"a"}')]) }, ctx);
  const stream = r.Stream as EventStream;
  expect(inspect(r)).toContain('Stream: EventStream(Events of Op, open)');
  for await (const _e of stream);
  expect(inspect(stream)).toBe('EventStream(Events of Op, read)');
  stream.close();
  expect(inspect(stream)).toBe('EventStream(Events of Op, closed)');
});
