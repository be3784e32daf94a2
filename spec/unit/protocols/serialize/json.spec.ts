import { serializeJson } from '../../../../src/protocols/serialize';
import { makeOp } from './model-helper';

const shapes = {
  Input: {
    type: 'structure',
    members: {
      Name: { shape: 'Str', locationName: 'name' },
      When: { shape: 'Time' },
      WhenIso: { shape: 'IsoTime' },
      Data: { shape: 'Blob' },
      Ratio: { shape: 'Double' },
      Doc: { shape: 'Doc' },
      Choice: { shape: 'Choice' },
      Items: { shape: 'Items' },
      ByKey: { shape: 'ByKey' },
    },
  },
  Str: { type: 'string' },
  Time: { type: 'timestamp' },
  IsoTime: { type: 'timestamp', timestampFormat: 'iso8601' },
  Blob: { type: 'blob' },
  Double: { type: 'double' },
  Doc: { type: 'structure', members: {}, document: true },
  Choice: { type: 'structure', members: { A: { shape: 'Str' }, B: { shape: 'Double' } }, union: true },
  Items: { type: 'list', member: { shape: 'Time' } },
  ByKey: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Blob' } },
};

describe('serializeJson', () => {
  it('sets X-Amz-Target and the json version content type, body {} when empty', () => {
    const op = makeOp('json', shapes, {}, { jsonVersion: '1.1', targetPrefix: 'Svc_20200101' });
    const spec = serializeJson(op, {}, { service: op.service });
    expect(spec).toEqual({
      method: 'POST',
      path: '/',
      query: [],
      headers: { 'X-Amz-Target': 'Svc_20200101.DoThing', 'Content-Type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
  });

  it('adds x-amzn-query-mode for awsQueryCompatible services', () => {
    const op = makeOp('json', shapes, {}, { jsonVersion: '1.0', targetPrefix: 'T', awsQueryCompatible: {} });
    expect(serializeJson(op, {}, { service: op.service }).headers['x-amzn-query-mode']).toBe('true');
  });

  it('serializes names, timestamps, blobs, floats, documents, unions, lists and maps', () => {
    const op = makeOp('json', shapes, {}, { jsonVersion: '1.0', targetPrefix: 'T' });
    const body = serializeJson(
      op,
      {
        Name: 'n',
        When: new Date(Date.UTC(2014, 3, 29, 18, 30, 38, 900)),
        WhenIso: 1398796238,
        Data: Buffer.from('hi'),
        Ratio: -Infinity,
        Doc: { any: ['thing', 1, null] },
        Choice: { B: NaN },
        Items: ['2014-04-29T18:30:38Z'],
        ByKey: { k: new Uint8Array([104, 105]) },
      },
      { service: op.service },
    ).body;
    expect(JSON.parse(String(body))).toEqual({
      name: 'n',
      When: 1398796238,
      WhenIso: '2014-04-29T18:30:38Z',
      Data: 'aGk=',
      Ratio: '-Infinity',
      Doc: { any: ['thing', 1, null] },
      Choice: { B: 'NaN' },
      Items: [1398796238],
      ByKey: { k: 'aGk=' },
    });
  });

  it('expands the host prefix from hostLabel members and rejects bad labels', () => {
    const hostShapes = {
      Input: { type: 'structure', members: { Account: { shape: 'Str', hostLabel: true } } },
      Str: { type: 'string' },
    };
    const op = makeOp('json', hostShapes, { endpoint: { hostPrefix: '{Account}.data-' } }, { jsonVersion: '1.0', targetPrefix: 'T' });
    expect(serializeJson(op, { Account: '123' }, { service: op.service }).hostPrefix).toBe('123.data-');
    expect(() => serializeJson(op, { Account: 'a/b' }, { service: op.service })).toThrow(/Account/);
  });
});
