import { Readable } from 'stream';
import { parseRestJson } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: {
    type: 'structure',
    members: {
      Status: { shape: 'Int', location: 'statusCode' },
      Modified: { shape: 'Ts', location: 'header', locationName: 'Last-Modified' },
      Epoch: { shape: 'Ts', location: 'header', locationName: 'X-Epoch' },
      Tags: { shape: 'StrList', location: 'header', locationName: 'X-Tags' },
      Json: { shape: 'JsonStr', location: 'header', locationName: 'X-Json' },
      Flag: { shape: 'Bool', location: 'header', locationName: 'X-Flag' },
      Meta: { shape: 'StrMap', location: 'headers', locationName: 'x-meta-' },
      Name: { shape: 'Str' },
    },
  },
  StreamOut: { type: 'structure', members: { Body: { shape: 'Stream' }, Len: { shape: 'Int', location: 'header', locationName: 'Content-Length' } }, payload: 'Body' },
  Stream: { type: 'blob', streaming: true },
  Int: { type: 'integer' },
  Ts: { type: 'timestamp' },
  StrList: { type: 'list', member: { shape: 'Str' } },
  JsonStr: { type: 'string', jsonvalue: true },
  Bool: { type: 'boolean' },
  StrMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Str: { type: 'string' },
  Conflict: { type: 'structure', members: { Reason: { shape: 'Str', location: 'header', locationName: 'X-Reason' }, message: { shape: 'Str' } }, exception: true },
};

describe('parseRestJson', () => {
  const { op, ctx } = model('rest-json', shapes, { shape: 'Out' });

  test('header, prefixed header map, status code and body members', () => {
    const headers = {
      'last-modified': 'Tue, 29 Apr 2014 18:30:38 GMT',
      'x-epoch': '1398796238.5',
      'x-tags': 'a, b,c',
      'x-json': Buffer.from('{"k":[1]}').toString('base64'),
      'x-flag': 'True',
      'x-meta-color': 'blue',
      'x-amz-request-id': 'rid-s3',
      'x-amz-id-2': 'host-id',
    };
    const r = parseRestJson(op, response(202, '{"Name":"n"}', headers), ctx);
    expect(r.Status).toBe(202);
    expect(r.Modified).toEqual(new Date(Date.UTC(2014, 3, 29, 18, 30, 38)));
    expect((r.Epoch as Date).getTime()).toBe(1398796238500);
    expect(r.Tags).toEqual(['a', 'b', 'c']);
    expect(r.Json).toEqual({ k: [1] });
    expect(r.Flag).toBe(true);
    expect(r.Meta).toEqual({ color: 'blue' });
    expect(r.Name).toBe('n');
    expect(r.ResponseMetadata).toMatchObject({ RequestId: 'rid-s3', HostId: 'host-id', HTTPStatusCode: 202 });
  });

  test('a streaming blob payload gets the stream when there is one, else the body', () => {
    const { op: sop, ctx: sctx } = model('rest-json', shapes, { shape: 'StreamOut' });
    const stream = Readable.from([Buffer.from('x')]);
    const withStream = parseRestJson(sop, { statusCode: 200, headers: { 'content-length': '1' }, body: Buffer.alloc(0), stream }, sctx);
    expect(withStream.Body).toBe(stream);
    expect(withStream.Len).toBe(1);
    const buffered = parseRestJson(sop, response(200, 'bytes'), sctx);
    expect(buffered.Body).toEqual(Buffer.from('bytes'));
  });

  test('error code: x-amzn-errortype header wins, then body code, then __type', () => {
    const hdr = parseRestJson(op, response(409, '{"__type":"Other","message":"m"}', { 'x-amzn-errortype': 'Conflict:http://internal/', 'x-reason': 'busy' }), ctx);
    expect(hdr.Error).toEqual({ Code: 'Conflict', Message: 'm' });
    expect(hdr.Reason).toBe('busy');
    expect(hdr.message).toBe('m');
    const code = parseRestJson(op, response(400, '{"code":"ns#Bad","Message":"M"}'), ctx);
    expect(code.Error).toEqual({ Code: 'Bad', Message: 'M' });
    const type = parseRestJson(op, response(400, '{"__type":"ns#Typed"}'), ctx);
    expect(type.Error).toEqual({ Code: 'Typed', Message: '' });
  });
});
