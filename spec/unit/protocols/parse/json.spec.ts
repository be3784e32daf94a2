import { parseJson, sanitizeErrorCode } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: {
    type: 'structure',
    members: {
      Items: { shape: 'Items' },
      When: { shape: 'Ts' },
      F: { shape: 'Flt' },
      B: { shape: 'Blob' },
      Doc: { shape: 'Doc' },
      U: { shape: 'U' },
      M: { shape: 'M' },
      Renamed: { shape: 'Str', locationName: 'wire' },
    },
  },
  Items: { type: 'list', member: { shape: 'Str' } },
  M: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Ts' } },
  Ts: { type: 'timestamp' },
  Flt: { type: 'float' },
  Blob: { type: 'blob' },
  Doc: { type: 'structure', members: {}, document: true },
  U: { type: 'structure', union: true, members: { A: { shape: 'Str' }, B: { shape: 'Str' } } },
  Str: { type: 'string' },
  NotFound: { type: 'structure', members: { message: { shape: 'Str' }, Resource: { shape: 'Str' } }, exception: true },
};
const { op, ctx } = model('json', shapes, { shape: 'Out' });

describe('parseJson', () => {
  test('walks by shape: timestamps, blobs, special floats, documents, renamed members', () => {
    const body = JSON.stringify({
      Items: ['a', null],
      When: 1422172800.5,
      F: '-Infinity',
      B: 'aGk=',
      Doc: { any: [1, { x: null }] },
      M: { k: '2015-01-25T08:00:00Z' },
      wire: 'w',
      Extra: 'ignored',
    });
    const r = parseJson(op, response(200, body, { 'x-amzn-requestid': 'rid-j' }), ctx);
    expect(r.Items).toEqual(['a', null]);
    expect((r.When as Date).getTime()).toBe(1422172800500);
    expect(r.F).toBe(-Infinity);
    expect(r.B).toEqual(Buffer.from('hi'));
    expect(r.Doc).toEqual({ any: [1, { x: null }] });
    expect(r.M).toEqual({ k: new Date(Date.UTC(2015, 0, 25, 8)) });
    expect(r.Renamed).toBe('w');
    expect('Extra' in r).toBe(false);
    expect(r.ResponseMetadata.RequestId).toBe('rid-j');
  });

  test('unions: an unknown member becomes SDK_UNKNOWN_MEMBER; two members set is an error', () => {
    expect(parseJson(op, response(200, '{"U":{"Z":"x"}}'), ctx).U).toEqual({ SDK_UNKNOWN_MEMBER: { name: 'Z' } });
    expect(parseJson(op, response(200, '{"U":{"A":"x"}}'), ctx).U).toEqual({ A: 'x' });
    expect(() => parseJson(op, response(200, '{"U":{"A":"x","B":"y"}}'), ctx)).toThrow(/one and only one/);
  });

  test('error code from __type with namespace and uri stripped', () => {
    expect(sanitizeErrorCode('aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/')).toBe('FooError');
    expect(sanitizeErrorCode('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException')).toBe('ResourceNotFoundException');
    const r = parseJson(op, response(400, '{"__type":"ns#NotFound","message":"gone","Resource":"t"}', { 'x-amzn-requestid': 'rid' }), ctx);
    expect(r.Error).toEqual({ Code: 'NotFound', Message: 'gone' });
    expect(r.Resource).toBe('t');
    expect(r.message).toBe('gone');
    expect(r.ResponseMetadata.RequestId).toBe('rid');
  });

  test('no __type: the status code is the code; a non-JSON body is the message', () => {
    const r = parseJson(op, response(400, 'oops'), ctx);
    expect(r.Error).toEqual({ Code: '400', Message: 'oops' });
  });

  test('"__type": null leaves the code empty (botocore: `if code is not None`); "message": null is a null Message', () => {
    expect(parseJson(op, response(400, '{"__type":null,"Message":"m"}'), ctx).Error).toEqual({ Code: '', Message: 'm' });
    expect(parseJson(op, response(400, '{"__type":"ns#E:u","message":null,"Message":"m"}'), ctx).Error).toEqual({ Code: 'E', Message: null });
  });

  test('awsQueryCompatible: x-amzn-query-error maps Code and adds Type and QueryErrorCode', () => {
    const r = parseJson(op, response(400, '{"__type":"ns#QueueDoesNotExist","message":"m"}', { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' }), ctx);
    expect(r.Error).toEqual({
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'm',
      Type: 'Sender',
      QueryErrorCode: 'QueueDoesNotExist',
    });
  });
});
