/**
 * The event stream framing: the well-known vectors botocore's decoder is tested with (bytes
 * only; the expectations are botocore 1.43's, checked by running its EventStreamBuffer on them),
 * every header value type, and damaged frames, which are errors, never a silent success.
 */
import { ResponseParserError } from '../../../../src/errors';
import { EventStreamDecoder, decodeEventMessages, EventMessage } from '../../../../src/protocols/parse/event-stream-decoder';
import { encodeFrame, encodeHeaders, frameFromParts, preludeOnly } from '../../../helpers/event-frames';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');

const VECTORS = {
  empty: hex('000000100000000005c248eb7d98c8ff'),
  int8: hex('000000170000000729860158046279746502ffc2f869dc'),
  int16: hex('0000001900000009710e923e0573686f727403ffffb27cb6cc'),
  int32: hex('0000001d0000000d83e3f0e707696e746567657204ffffffff8b8e12eb'),
  int64: hex('0000001e0000000e5d4adb8d046c6f6e6705ffffffffffffffff4bc232da'),
  payloadNoHeaders: hex('0000001d00000000fd528c5a7b27666f6f273a27626172277dc3653936'),
  payloadOneStringHeader: hex('0000003d0000002007fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1'),
  allHeaderTypes: hex(
    '000000620000005203b5cb9c0130000131010132020201330300030134040000000401350500000000000000050136060005627974657301370700047574663801380800000000000000080139093031323334353637383961626364656663353671',
  ),
  errorMessage: hex(
    '0000005200000042bf23637e0d3a6d6573736167652d747970650700056572726f720b3a6572726f722d636f6465070004636f64650e3a6572726f722d6d6573736167650700076d6573736167656b6cea3d',
  ),
};

const EXPECTED: Record<keyof typeof VECTORS, EventMessage> = {
  empty: { headers: {}, payload: Buffer.alloc(0) },
  int8: { headers: { byte: -1 }, payload: Buffer.alloc(0) },
  int16: { headers: { short: -1 }, payload: Buffer.alloc(0) },
  int32: { headers: { integer: -1 }, payload: Buffer.alloc(0) },
  int64: { headers: { long: -1 }, payload: Buffer.alloc(0) },
  payloadNoHeaders: { headers: {}, payload: Buffer.from("{'foo':'bar'}") },
  payloadOneStringHeader: { headers: { 'content-type': 'application/json' }, payload: Buffer.from("{'foo':'bar'}") },
  allHeaderTypes: {
    headers: { '0': true, '1': false, '2': 2, '3': 3, '4': 4, '5': 5, '6': Buffer.from('bytes'), '7': 'utf8', '8': 8, '9': Buffer.from('0123456789abcdef') },
    payload: Buffer.alloc(0),
  },
  errorMessage: { headers: { ':message-type': 'error', ':error-code': 'code', ':error-message': 'message' }, payload: Buffer.alloc(0) },
};

const DAMAGED: Array<[string, Buffer, RegExp]> = [
  // botocore 1.43: ChecksumMismatch for the first four (the prelude CRC is checked first), DuplicateHeader.
  ['corrupted total length', hex('0100001d00000000fd528c5a7b27666f6f273a27626172277dc3653936'), /prelude checksum mismatch: expected 0xfd528c5a, calculated 0x31f88cc4/],
  ['corrupted headers length', hex('0000003dff00010207fd83960c636f6e74656e742d747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1'), /prelude checksum mismatch/],
  ['corrupted header name', hex('0000003d0000002007fd83960c636f6e74656e742b747970650700106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1'), /message checksum mismatch: expected 0x8d9c08b1, calculated 0x395e7671/],
  ['corrupted payload', hex('0000001d00000000fd528c5a7b27666f6f273a27626172278dc3653936'), /message checksum mismatch: expected 0xc3653936, calculated 0x7ed8cb2a/],
  ['duplicate header', hex('00000024000000144bb982d00474657374046173646604746573740461736466f3f47563'), /duplicate header present: 'test'/],
];

describe('event stream framing', () => {
  test.each(Object.keys(VECTORS) as Array<keyof typeof VECTORS>)('decodes the %s vector', (name) => {
    expect(decodeEventMessages(VECTORS[name])).toEqual([EXPECTED[name]]);
  });

  test('decodes every vector from one buffer, and fed one byte at a time', () => {
    const all = Buffer.concat(Object.values(VECTORS));
    const expected = Object.values(EXPECTED);
    expect(decodeEventMessages(all)).toEqual(expected);
    const decoder = new EventStreamDecoder();
    const messages: EventMessage[] = [];
    for (let i = 0; i < all.length; i++) messages.push(...decoder.push(all.subarray(i, i + 1)));
    decoder.end();
    expect(messages).toEqual(expected);
  });

  test('a message split between chunks is returned once whole (botocore\'s split-frame vector)', () => {
    const decoder = new EventStreamDecoder();
    expect(decoder.push(hex('0000002b0000000e348bec7b086576656e742d69640400'))).toEqual([]);
    expect(decoder.pending).toBeGreaterThan(0);
    expect(decoder.push(hex('00a00c7b27666f6f273a27626172277dd3890285'))).toEqual([{ headers: { 'event-id': 0xa00c }, payload: Buffer.from("{'foo':'bar'}") }]);
    expect(() => decoder.end()).not.toThrow();
  });

  test('our test encoder writes the vectors byte for byte', () => {
    expect(encodeFrame([], '')).toEqual(VECTORS.empty);
    expect(encodeFrame([{ name: 'byte', type: 'byte', value: -1 }])).toEqual(VECTORS.int8);
    expect(encodeFrame([{ name: 'long', type: 'long', value: -1 }])).toEqual(VECTORS.int64);
    expect(encodeFrame({ 'content-type': 'application/json' }, "{'foo':'bar'}")).toEqual(VECTORS.payloadOneStringHeader);
    expect(encodeFrame({ ':message-type': 'error', ':error-code': 'code', ':error-message': 'message' })).toEqual(VECTORS.errorMessage);
  });

  test('every header value type, at its limits', () => {
    const uuid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const frame = encodeFrame([
      { name: 'yes', type: 'true' },
      { name: 'no', type: 'false' },
      { name: 'byte-min', type: 'byte', value: -128 },
      { name: 'byte-max', type: 'byte', value: 127 },
      { name: 'short-min', type: 'short', value: -32768 },
      { name: 'short-max', type: 'short', value: 32767 },
      { name: 'int-min', type: 'integer', value: -2147483648 },
      { name: 'int-max', type: 'integer', value: 2147483647 },
      { name: 'long-safe', type: 'long', value: Number.MAX_SAFE_INTEGER },
      { name: 'long-big', type: 'long', value: 9223372036854775807n },
      { name: 'long-neg', type: 'long', value: -9223372036854775808n },
      { name: 'bytes', type: 'bytes', value: Buffer.from([0, 255, 1]) },
      { name: 'bytes-empty', type: 'bytes', value: Buffer.alloc(0) },
      { name: 'string', type: 'string', value: 'héllo ✓ 日本' },
      { name: 'string-empty', type: 'string', value: '' },
      { name: 'timestamp', type: 'timestamp', value: 1643861106250 },
      { name: 'uuid', type: 'uuid', value: uuid },
    ]);
    const [m] = decodeEventMessages(frame);
    expect(m.headers).toEqual({
      yes: true,
      no: false,
      'byte-min': -128,
      'byte-max': 127,
      'short-min': -32768,
      'short-max': 32767,
      'int-min': -2147483648,
      'int-max': 2147483647,
      'long-safe': Number.MAX_SAFE_INTEGER,
      'long-big': 9223372036854775807n,
      'long-neg': -9223372036854775808n,
      bytes: Buffer.from([0, 255, 1]),
      'bytes-empty': Buffer.alloc(0),
      string: 'héllo ✓ 日本',
      'string-empty': '',
      timestamp: 1643861106250,
      uuid,
    });
  });

  test('a large payload arriving in many small chunks is decoded once, intact', () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7);
    const frame = encodeFrame({ ':event-type': 'Big' }, payload);
    const decoder = new EventStreamDecoder();
    const out: EventMessage[] = [];
    for (let i = 0; i < frame.length; i += 1000) out.push(...decoder.push(frame.subarray(i, i + 1000)));
    expect(out).toHaveLength(1);
    expect(out[0].payload.equals(payload)).toBe(true);
  });

  describe('damaged frames are ResponseParserErrors', () => {
    test.each(DAMAGED)('%s', (_name, bytes, message) => {
      expect(() => decodeEventMessages(bytes)).toThrow(ResponseParserError);
      expect(() => decodeEventMessages(bytes)).toThrow(message);
    });

    test('whole messages ahead of a damaged one in the same chunk are returned first; the damage is thrown next', () => {
      const good = encodeFrame({ ':event-type': 'Good' }, 'ok');
      const bad = Buffer.from(encodeFrame({ ':event-type': 'Bad' }, 'no'));
      bad[bad.length - 5] ^= 1;
      const decoder = new EventStreamDecoder();
      expect(decoder.push(Buffer.concat([good, bad, good]))).toEqual([{ headers: { ':event-type': 'Good' }, payload: Buffer.from('ok') }]);
      expect(() => decoder.check()).toThrow(/message checksum mismatch/);
      expect(() => decoder.push(Buffer.alloc(0))).toThrow(/message checksum mismatch/);
      expect(() => decoder.end()).toThrow(/message checksum mismatch/);
      expect(() => decodeEventMessages(Buffer.concat([good, bad]))).toThrow(/message checksum mismatch/);
      const badPrelude = Buffer.from(good);
      badPrelude[1] ^= 1;
      const again = new EventStreamDecoder();
      expect(again.push(Buffer.concat([good, badPrelude]))).toHaveLength(1);
      expect(() => again.end()).toThrow(/prelude checksum mismatch/);
    });

    test('a bad prelude CRC fails as soon as the 12 prelude bytes are in, without waiting for the announced length', () => {
      const frame = Buffer.from(VECTORS.payloadNoHeaders);
      frame[0] = 0x7f; // announces ~2 GB
      const decoder = new EventStreamDecoder('Op');
      expect(() => decoder.push(frame.subarray(0, 12))).toThrow(/^Invalid event stream of Op: prelude checksum mismatch/);
    });

    test('botocore\'s limits: headers over 128 KiB, payloads over 24 MiB, as soon as the prelude says so', () => {
      expect(() => new EventStreamDecoder().push(preludeOnly(200 * 1024, 129 * 1024))).toThrow(/header length of 132096 exceeded the maximum of 131072/);
      expect(() => new EventStreamDecoder().push(preludeOnly(25 * 1024 * 1024, 0))).toThrow(/payload length of 26214384 exceeded the maximum of 25165824/);
    });

    test('a length shorter than the framing itself', () => {
      expect(() => new EventStreamDecoder().push(preludeOnly(8, 0))).toThrow(/message length 8 is shorter than its framing/);
      expect(() => new EventStreamDecoder().push(preludeOnly(20, 10))).toThrow(/message length 20 is shorter than its framing and 10 bytes of headers/);
    });

    test('headers that run past their section, and unknown header types (CRCs valid)', () => {
      const longString = Buffer.concat([Buffer.from([4]), Buffer.from('name'), Buffer.from([7, 0, 100]), Buffer.from('short')]);
      expect(() => decodeEventMessages(frameFromParts(longString))).toThrow(/header 'name' value runs past the end of the headers/);
      const cutInt = Buffer.concat([Buffer.from([1]), Buffer.from('n'), Buffer.from([4, 0, 0])]);
      expect(() => decodeEventMessages(frameFromParts(cutInt))).toThrow(/header 'n' value runs past/);
      const cutName = Buffer.from([9, 0x61]);
      expect(() => decodeEventMessages(frameFromParts(cutName))).toThrow(/header name runs past/);
      const unknownType = Buffer.concat([Buffer.from([1]), Buffer.from('x'), Buffer.from([10])]);
      expect(() => decodeEventMessages(frameFromParts(unknownType))).toThrow(/unknown header type 10 for header 'x'/);
      // The same headers are fine when whole.
      expect(decodeEventMessages(frameFromParts(encodeHeaders([{ name: 'n', type: 'integer', value: 5 }])))[0].headers).toEqual({ n: 5 });
    });

    test.each([
      ['inside the prelude', 5],
      ['inside the headers', 20],
      ['inside the payload', 50],
      ['before the message CRC', -4],
    ])('a stream that ends %s is truncated (botocore drops the bytes silently)', (_where, cut) => {
      const frame = encodeFrame({ ':message-type': 'event', ':event-type': 'E' }, 'x'.repeat(40));
      const whole = encodeFrame({ ':message-type': 'event', ':event-type': 'First' }, '{}');
      const bytes = Buffer.concat([whole, frame.subarray(0, cut < 0 ? frame.length + cut : cut)]);
      const decoder = new EventStreamDecoder('Op');
      expect(decoder.push(bytes)).toHaveLength(1);
      expect(() => decoder.end()).toThrow(/^Invalid event stream of Op: the stream ended after \d+ bytes.*\(truncated message\)$/);
      expect(() => decodeEventMessages(bytes)).toThrow(ResponseParserError);
    });

    test('a header named __proto__ or constructor stays an own header', () => {
      const [m] = decodeEventMessages(encodeFrame(JSON.parse('{":message-type":"event","__proto__":"p","constructor":"c"}') as Record<string, string>));
      expect(Object.getPrototypeOf(m.headers)).toBe(Object.prototype);
      expect(Object.keys(m.headers)).toEqual([':message-type', '__proto__', 'constructor']);
    });
  });

  test('without zlib.crc32 (Node before 20.15) the table CRC decodes and checks the same vectors', () => {
    let decode: typeof decodeEventMessages | undefined;
    jest.isolateModules(() => {
      jest.doMock('zlib', () => ({ ...jest.requireActual<object>('zlib'), crc32: undefined }));
      decode = (require('../../../../src/protocols/parse/event-stream-decoder') as typeof import('../../../../src/protocols/parse/event-stream-decoder')).decodeEventMessages;
    });
    jest.dontMock('zlib');
    // Past the util's cold-start threshold, so the native path would be taken if it existed.
    const big = encodeFrame({ ':event-type': 'Big' }, Buffer.alloc(64 * 1024, 1));
    for (let i = 0; i < 70; i++) expect(decode?.(VECTORS.allHeaderTypes)).toEqual([EXPECTED.allHeaderTypes]);
    expect(decode?.(big)[0].payload.length).toBe(64 * 1024);
    for (const [, bytes, message] of DAMAGED) expect(() => decode?.(bytes)).toThrow(message);
  });
});
