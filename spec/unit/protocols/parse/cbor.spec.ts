/**
 * parseRpcV2Cbor beyond the conformance vectors: the walk by shape (sparse and dense maps,
 * unions, documents, bigints, upcasts, timestamps without their tag), damaged or mistyped
 * success bodies refused with a ResponseParserError naming the operation, error bodies read
 * leniently, and event-stream output (no shipped CBOR model has one; botocore supports them).
 */
import { ResponseParserError } from '../../../../src/errors';
import { parseRpcV2Cbor } from '../../../../src/protocols/parse';
import { encodeCbor } from '../../../../src/protocols/cbor-writer';
import { EventStream } from '../../../../src/protocols/parse/event-stream';
import { EventStreamError } from '../../../../src/errors';
import type { RawResponse } from '../../../../src/protocols/types';
import { model } from './helpers';

const shapes = {
  Out: {
    type: 'structure',
    members: {
      Items: { shape: 'Items' },
      When: { shape: 'Ts' },
      F: { shape: 'Flt' },
      L: { shape: 'Lng' },
      B: { shape: 'Blob' },
      Doc: { shape: 'Doc' },
      U: { shape: 'U' },
      Dense: { shape: 'Dense' },
      Sparse: { shape: 'Sparse' },
      Flag: { shape: 'Bool' },
      Name: { shape: 'Str' },
      Nested: { shape: 'Out' },
    },
  },
  Items: { type: 'list', member: { shape: 'Str' } },
  Dense: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Sparse: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' }, sparse: true },
  Ts: { type: 'timestamp' },
  Flt: { type: 'double' },
  Lng: { type: 'long' },
  Bool: { type: 'boolean' },
  Blob: { type: 'blob' },
  Doc: { type: 'structure', members: {}, document: true },
  U: { type: 'structure', union: true, members: { A: { shape: 'Str' }, B: { shape: 'Str' } } },
  Str: { type: 'string' },
  NotFound: { type: 'structure', members: { message: { shape: 'Str' }, Resource: { shape: 'Str' } }, exception: true },
};
const { op, ctx } = model('smithy-rpc-v2-cbor', shapes, { shape: 'Out' });

function cbor(status: number, body: unknown, headers: Record<string, string> = {}): RawResponse {
  return { statusCode: status, headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', ...headers }, body: Buffer.isBuffer(body) ? body : encodeCbor(body) };
}

function parse(r: RawResponse) {
  const out = parseRpcV2Cbor(op, r, ctx);
  delete (out as Record<string, unknown>).ResponseMetadata;
  return out;
}

describe('parseRpcV2Cbor: success bodies', () => {
  it('walks by shape: lists keep nulls, dense maps drop them, sparse maps keep them, unknown keys skipped', () => {
    const out = parse(
      cbor(200, {
        Items: ['a', null, 'b'],
        When: new Date(1422172800500),
        F: 1.5,
        L: 2n ** 60n,
        B: Buffer.from('hi'),
        Doc: { any: [1, { x: null }], when: new Date(0) },
        Dense: { k: 'v', gone: null },
        Sparse: { k: 'v', kept: null },
        Flag: false,
        Name: null,
        Extra: { ignored: [1, 2] },
        Nested: { Name: 'inner', Items: [] },
      }),
    );
    expect(out).toEqual({
      Items: ['a', null, 'b'],
      When: new Date(1422172800500),
      F: 1.5,
      L: 2n ** 60n,
      B: Buffer.from('hi'),
      Doc: { any: [1, { x: null }], when: new Date(0) },
      Dense: { k: 'v' },
      Sparse: { k: 'v', kept: null },
      Flag: false,
      Nested: { Name: 'inner', Items: [] },
    });
  });

  it('reads upcasts as botocore does: an integer in a double, a bare number as an epoch timestamp', () => {
    expect(parse(cbor(200, { F: 3, When: 1422172800.25 }))).toEqual({ F: 3, When: new Date(1422172800250) });
  });

  it('keeps map keys that are data (`__proto__`) as own keys', () => {
    const out = parse(cbor(200, { Dense: JSON.parse('{"__proto__": "p", "constructor": "c"}') as unknown }));
    const dense = out.Dense as Record<string, unknown>;
    expect(Object.keys(dense)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(dense)).toBe(Object.prototype);
  });

  it('reads unions: one member set, an unknown one as SDK_UNKNOWN_MEMBER, several refused', () => {
    expect(parse(cbor(200, { U: { A: 'x', B: null } }))).toEqual({ U: { A: 'x' } });
    expect(parse(cbor(200, { U: { Zed: 1 } }))).toEqual({ U: { SDK_UNKNOWN_MEMBER: { name: 'Zed' } } });
    expect(() => parse(cbor(200, { U: { A: 'x', B: 'y' } }))).toThrow(/U must have one and only one member set/);
  });

  it('reads an empty body, or an empty map, as an empty result; the request id as metadata', () => {
    expect(parse(cbor(200, Buffer.alloc(0)))).toEqual({});
    const out = parseRpcV2Cbor(op, cbor(200, {}, { 'x-amzn-requestid': 'req-1' }), ctx);
    expect(out.ResponseMetadata).toMatchObject({ RequestId: 'req-1', HTTPStatusCode: 200 });
  });

  it("reads no request id for an operation without output (botocore's BaseRpcV2Parser), and no body", () => {
    const bare = model('smithy-rpc-v2-cbor', shapes);
    const out = parseRpcV2Cbor(bare.op, cbor(200, Buffer.from([0xff]), { 'x-amzn-requestid': 'rid' }), bare.ctx);
    expect(out).toEqual({ ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: expect.any(Object) } });
  });

  it('refuses a damaged body, naming the operation, the status, the problem and the bytes in hex', () => {
    const whole = encodeCbor({ Name: 'abc', Items: ['x'] });
    for (const body of [whole.subarray(0, whole.length - 2), Buffer.concat([whole, Buffer.from([0])]), Buffer.from('{"Name": "json?"}'), Buffer.from([0xa1, 0x64, 0x4e, 0x61, 0x6d, 0x65, 0x62, 0xc3, 0x28])]) {
      let caught: unknown;
      try {
        parse(cbor(200, body));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ResponseParserError);
      expect((caught as Error).message).toMatch(/^Unable to parse response of Op \(HTTP 200\): invalid CBOR \(.+ at byte \d+\)\. Body \(\d+ bytes\): hex [0-9a-f]+$/);
      expect((caught as ResponseParserError & { operationName?: string }).operationName).toBe('Op');
    }
  });

  it('refuses a well-formed body of the wrong shape rather than returning it', () => {
    expect(() => parse(cbor(200, ['not', 'a', 'map']))).toThrow(new ResponseParserError('Invalid CBOR response: Out expects a map, got an array'));
    expect(() => parse(cbor(200, { Items: 'x' }))).toThrow(/Items expects an array, got a string/);
    expect(() => parse(cbor(200, { Name: 5 }))).toThrow(/Str expects a text string, got a number/);
    expect(() => parse(cbor(200, { F: 'NaN' }))).toThrow(/Flt expects a number, got a string/);
    expect(() => parse(cbor(200, { L: 1.5e300, Flag: 'true' }))).toThrow(/Bool expects a boolean, got a string/);
    expect(() => parse(cbor(200, { When: 'yesterday' }))).toThrow(/Ts expects a timestamp, got a string/);
    expect(() => parse(cbor(200, { L: 1.5 }))).toThrow(/Lng expects an integer, got a number/);
    expect(() => parse(cbor(200, { B: [1] }))).toThrow(/Blob expects a byte string, got an array/);
    expect(() => parse(cbor(200, { Dense: new Date(0) }))).toThrow(/Dense expects a map, got a timestamp/);
  });

  it('a long past 2^53 stays exact (a bigint); within it, a number', () => {
    expect(parse(cbor(200, { L: 9007199254740993n })).L).toBe(9007199254740993n);
    expect(parse(cbor(200, { L: -5 })).L).toBe(-5);
  });
});

describe('parseRpcV2Cbor: errors', () => {
  const { op: opWithErrors, ctx: errCtx } = model('smithy-rpc-v2-cbor', shapes, { shape: 'Out' });

  it('reads __type (namespace and uri stripped), the message, the request id and modeled members', () => {
    const out = parseRpcV2Cbor(opWithErrors, cbor(404, { __type: 'com.example#NotFound:http://x', message: 'gone', Resource: 'r1' }, { 'x-amzn-requestid': 'rid' }), errCtx);
    expect(out.Error).toEqual({ Code: 'NotFound', Message: 'gone' });
    expect(out.ResponseMetadata).toMatchObject({ RequestId: 'rid', HTTPStatusCode: 404 });
    expect(out).toMatchObject({ message: 'gone', Resource: 'r1' });
  });

  it('falls back to the status code when __type is absent or null, and when the body is not CBOR', () => {
    expect(parse(cbor(400, { Message: 'm' })).Error).toEqual({ Code: '400', Message: 'm' });
    expect(parse(cbor(400, { __type: null })).Error).toEqual({ Code: '400', Message: '' });
    expect(parse(cbor(403, Buffer.from('<html>forbidden</html>'))).Error).toEqual({ Code: '403', Message: '' });
    expect(parse(cbor(400, Buffer.from([0xa1, 0x61]))).Error).toEqual({ Code: '400', Message: '' });
    // A 5xx with an HTML or empty body is the status line's error, as for every protocol.
    expect(parse(cbor(503, Buffer.alloc(0))).Error).toEqual({ Code: '503', Message: 'Service Unavailable' });
  });

  it('reads the message as the json protocol does: `message` first, a null one kept', () => {
    expect(parse(cbor(400, { __type: 'E', message: 'lower', Message: 'upper' })).Error).toEqual({ Code: 'E', Message: 'lower' });
    expect(parse(cbor(400, { __type: 'E', message: null, Message: 'upper' })).Error).toEqual({ Code: 'E', Message: null });
    expect(parse(cbor(400, [1, 2])).Error).toEqual({ Code: '400', Message: '' });
  });

  it('maps x-amzn-query-error to the query code for query-compatible services', () => {
    const out = parse(cbor(400, { __type: 'ns#NoSuchThing', message: 'x' }, { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' }));
    expect(out.Error).toEqual({ Code: 'AWS.SimpleQueueService.NonExistentQueue', Message: 'x', QueryErrorCode: 'NoSuchThing', Type: 'Sender' });
  });

  it('reads a modeled error whose members have the wrong types without them', () => {
    const out = parse(cbor(404, { __type: 'NotFound', message: 'gone', Resource: 7 }));
    expect(out).toEqual({ Error: { Code: 'NotFound', Message: 'gone' } });
  });
});

// ---------------------------------------------------------------- event streams

function eventMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const hs = Buffer.concat(
    Object.entries(headers).map(([k, v]) => {
      const key = Buffer.from(k);
      const val = Buffer.from(v);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(val.length);
      return Buffer.concat([Buffer.from([key.length]), key, Buffer.from([7]), len, val]);
    }),
  );
  const total = 12 + hs.length + payload.length + 4;
  const prelude = Buffer.alloc(8);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(hs.length, 4);
  const { crc32 } = require('zlib') as { crc32?: (b: Buffer) => number };
  const crc = (b: Buffer) => {
    if (crc32) return crc32(b) >>> 0;
    let c = ~0;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const preludeCrc = Buffer.alloc(4);
  preludeCrc.writeUInt32BE(crc(prelude));
  const head = Buffer.concat([prelude, preludeCrc, hs, payload]);
  const msgCrc = Buffer.alloc(4);
  msgCrc.writeUInt32BE(crc(head));
  return Buffer.concat([head, msgCrc]);
}

describe('parseRpcV2Cbor: event-stream output', () => {
  const esShapes = {
    Out: { type: 'structure', members: { Id: { shape: 'Str' }, Events: { shape: 'Events' } } },
    Events: { type: 'structure', eventstream: true, members: { Tick: { shape: 'Tick' }, Boom: { shape: 'Boom' } } },
    Tick: { type: 'structure', event: true, members: { N: { shape: 'Lng' }, At: { shape: 'Ts' } } },
    Boom: { type: 'structure', exception: true, members: { message: { shape: 'Str' } } },
    Lng: { type: 'long' },
    Ts: { type: 'timestamp' },
    Str: { type: 'string' },
  };
  const es = model('smithy-rpc-v2-cbor', esShapes, { shape: 'Out' });
  const event = (type: string, payload: unknown) => eventMessage({ ':message-type': 'event', ':event-type': type, ':content-type': 'application/cbor' }, encodeCbor(payload));

  it('reads the initial-response as the other members and each event payload as CBOR', async () => {
    const body = Buffer.concat([event('initial-response', { Id: 'abc' }), event('Tick', { N: 1, At: new Date(1000) }), event('Tick', { N: 2 })]);
    const out = parseRpcV2Cbor(es.op, { statusCode: 200, headers: {}, body }, es.ctx);
    expect(out.Id).toBe('abc');
    const events: unknown[] = [];
    for await (const e of out.Events as EventStream) events.push(e);
    expect(events).toEqual([{ Tick: { N: 1, At: new Date(1000) } }, { Tick: { N: 2 } }]);
  });

  it('refuses a damaged event payload, and raises modeled exception events', async () => {
    const bad = Buffer.concat([event('initial-response', {}), eventMessage({ ':message-type': 'event', ':event-type': 'Tick' }, Buffer.from([0xa1, 0x61]))]);
    const out = parseRpcV2Cbor(es.op, { statusCode: 200, headers: {}, body: bad }, es.ctx);
    await expect(async () => {
      for await (const e of out.Events as EventStream) void e;
    }).rejects.toThrow(/Unable to parse an event of Op: invalid CBOR \(length 1 exceeds the 0 bytes left at byte 1\)\. Payload \(2 bytes\): hex a161/);
    const boom = Buffer.concat([event('initial-response', {}), eventMessage({ ':message-type': 'exception', ':exception-type': 'Boom' }, encodeCbor({ message: 'bad' }))]);
    const out2 = parseRpcV2Cbor(es.op, { statusCode: 200, headers: {}, body: boom }, es.ctx);
    await expect(async () => {
      for await (const e of out2.Events as EventStream) void e;
    }).rejects.toThrow(EventStreamError);
  });
});
