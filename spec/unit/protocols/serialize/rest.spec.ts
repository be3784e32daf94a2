import { Readable } from 'stream';
import { serializeRestJson, serializeRestXml } from '../../../../src/protocols/serialize';
import { uriLabelValues } from '../../../../src/protocols/serialize/rest';
import { makeOp } from './model-helper';

const shapes = {
  Input: {
    type: 'structure',
    members: {
      Bucket: { shape: 'Str', location: 'uri', locationName: 'Bucket' },
      Key: { shape: 'Str', location: 'uri', locationName: 'Key' },
      Flag: { shape: 'Bool', location: 'querystring', locationName: 'flag' },
      Since: { shape: 'Time', location: 'querystring', locationName: 'since' },
      Ids: { shape: 'Ints', location: 'querystring', locationName: 'id' },
      Extra: { shape: 'QueryMap', location: 'querystring' },
      Modified: { shape: 'Time', location: 'header', locationName: 'If-Modified-Since' },
      Epoch: { shape: 'EpochTime', location: 'header', locationName: 'X-Epoch' },
      Labels: { shape: 'Strs', location: 'header', locationName: 'X-Labels' },
      Attrs: { shape: 'JsonStr', location: 'header', locationName: 'X-Attrs' },
      Meta: { shape: 'Meta', location: 'headers', locationName: 'x-amz-meta-' },
      Enabled: { shape: 'Bool', location: 'header', locationName: 'X-Enabled' },
      Body: { shape: 'Str' },
    },
  },
  Str: { type: 'string' },
  Bool: { type: 'boolean' },
  Time: { type: 'timestamp' },
  EpochTime: { type: 'timestamp', timestampFormat: 'unixTimestamp' },
  Ints: { type: 'list', member: { shape: 'Int' } },
  Int: { type: 'integer' },
  Strs: { type: 'list', member: { shape: 'Str' } },
  JsonStr: { type: 'string', jsonvalue: true },
  QueryMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Strs' } },
  Meta: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
};

describe('rest HTTP bindings (rest-json)', () => {
  const op = makeOp('rest-json', shapes, { http: { method: 'PUT', requestUri: '/{Bucket}/{Key+}?acl' } });
  const ctx = { service: op.service };

  it('fills labels (greedy keeps /), keeps the requestUri query part, and orders the query', () => {
    const spec = serializeRestJson(
      op,
      { Bucket: 'b k', Key: 'a/b c', Flag: true, Since: 1398796238, Ids: [1, 2], Extra: { x: ['1', '2'], y: 'z' } },
      ctx,
    );
    expect(spec.method).toBe('PUT');
    expect(spec.path).toBe('/b%20k/a/b%20c?acl');
    expect(spec.query).toEqual([
      ['flag', 'true'],
      ['since', '2014-04-29T18:30:38Z'],
      ['id', '1'],
      ['id', '2'],
      ['x', '1'],
      ['x', '2'],
      ['y', 'z'],
    ]);
  });

  it('uriLabelValues: the uri members by label name, as the path renders them (unset ones left out)', () => {
    const labelled = makeOp('rest-json', { ...shapes, Input: { type: 'structure', members: { ...shapes.Input.members, On: { shape: 'Bool', location: 'uri', locationName: 'on' }, At: { shape: 'Time', location: 'uri', locationName: 'at' } } } });
    const values = uriLabelValues(labelled.input!, { Bucket: 'b k', Key: null, On: true, At: 1398796238, Flag: true, Body: 'x' });
    expect([...values]).toEqual([['Bucket', 'b k'], ['on', 'true'], ['at', '2014-04-29T18:30:38Z']]);
  });

  it('lets a query map overwrite an earlier explicit key in place, as botocore does', () => {
    const spec = serializeRestJson(op, { Bucket: 'b', Key: 'k', Flag: false, Extra: { flag: 'map' } }, ctx);
    expect(spec.query).toEqual([['flag', 'map']]);
  });

  it('formats header values: rfc822 dates, epoch seconds, quoted list items, base64 JSON, booleans, prefixed maps', () => {
    const spec = serializeRestJson(
      op,
      {
        Bucket: 'b',
        Key: 'k',
        Modified: '2014-04-29T18:30:38.750Z',
        Epoch: 1398796238.5,
        Labels: ['a', 'b,c', 'say "hi"'],
        Attrs: { ü: 1 },
        Meta: { color: 'blue' },
        Enabled: false,
      },
      ctx,
    );
    expect(spec.headers).toEqual({
      'If-Modified-Since': 'Tue, 29 Apr 2014 18:30:38 GMT',
      'X-Epoch': '1398796238',
      'X-Labels': 'a,"b,c","say \\"hi\\""',
      'X-Attrs': Buffer.from('{"\\u00fc":1}').toString('base64'),
      'x-amz-meta-color': 'blue',
      'X-Enabled': 'false',
      'Content-Type': 'application/json',
    });
    expect(spec.body).toBe('{}');
  });

  it('leaves out an empty list header', () => {
    expect(serializeRestJson(op, { Bucket: 'b', Key: 'k', Labels: [] }, ctx).headers['X-Labels']).toBeUndefined();
  });

  it('sends body members as JSON with Content-Type application/json', () => {
    const spec = serializeRestJson(op, { Bucket: 'b', Key: 'k', Body: 'x' }, ctx);
    expect(spec.body).toBe('{"Body": "x"}');
    expect(spec.headers['Content-Type']).toBe('application/json');
  });

  it('keeps a caller-supplied Content-Type', () => {
    const withCt = makeOp('rest-json', {
      Input: { type: 'structure', members: { Ct: { shape: 'Str', location: 'header', locationName: 'content-type' }, B: { shape: 'Str' } } },
      Str: { type: 'string' },
    });
    const spec = serializeRestJson(withCt, { Ct: 'text/x', B: 'y' }, { service: withCt.service });
    expect(spec.headers).toEqual({ 'content-type': 'text/x' });
  });

  it('sends no body when every member is bound to the URI, query or headers', () => {
    const op2 = makeOp('rest-json', {
      Input: { type: 'structure', members: { Id: { shape: 'Str', location: 'uri', locationName: 'Id' } } },
      Str: { type: 'string' },
    }, { http: { method: 'GET', requestUri: '/{Id}' } });
    const spec = serializeRestJson(op2, { Id: 'x' }, { service: op2.service });
    expect(spec.body).toBeUndefined();
    expect(spec.headers).toEqual({});
  });
});

const payloadShapes = {
  Input: { type: 'structure', members: { Data: { shape: 'Stream' }, Id: { shape: 'Str', location: 'uri', locationName: 'Id' } }, payload: 'Data' },
  StructInput: { type: 'structure', members: { Config: { shape: 'Config', locationName: 'Config' } }, payload: 'Config' },
  Config: {
    type: 'structure',
    members: {
      Name: { shape: 'Str' },
      Kind: { shape: 'Str', xmlAttribute: true, locationName: 'xsi:type' },
      Items: { shape: 'Items' },
      Flat: { shape: 'FlatItems' },
      Map: { shape: 'Map' },
      When: { shape: 'Time' },
    },
    xmlNamespace: { uri: 'http://example.com/ns' },
  },
  Items: { type: 'list', member: { shape: 'Str', locationName: 'Item' } },
  FlatItems: { type: 'list', member: { shape: 'Str' }, flattened: true },
  Map: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Stream: { type: 'blob', streaming: true },
  Str: { type: 'string' },
  Time: { type: 'timestamp' },
};

describe('payload members', () => {
  const op = makeOp('rest-json', payloadShapes, { http: { method: 'PUT', requestUri: '/{Id}' } });
  const ctx = { service: op.service };

  it('passes a streaming payload through unchanged, with no Content-Type', () => {
    const stream = Readable.from(['a']);
    const buf = Buffer.from('bytes');
    expect(serializeRestJson(op, { Id: 'i', Data: stream }, ctx).body).toBe(stream);
    expect(serializeRestJson(op, { Id: 'i', Data: buf }, ctx).body).toBe(buf);
    expect(serializeRestJson(op, { Id: 'i', Data: 'text' }, ctx).body).toBe('text');
    const u8 = serializeRestJson(op, { Id: 'i', Data: new Uint8Array([1, 2]) }, ctx);
    expect(Buffer.isBuffer(u8.body) && [...u8.body]).toEqual([1, 2]);
    expect(u8.headers).toEqual({});
  });

  it('sends no body for an absent streaming payload', () => {
    expect(serializeRestJson(op, { Id: 'i' }, ctx).body).toBeUndefined();
  });

  it('rest-json sends {} for an unset structure payload', () => {
    const sop = makeOp('rest-json', payloadShapes, { input: { shape: 'StructInput' } });
    const spec = serializeRestJson(sop, {}, { service: sop.service });
    expect(spec.body).toBe('{}');
    expect(spec.headers['Content-Type']).toBe('application/json');
  });

  it('rest-xml builds the payload element with namespace, attributes, lists and maps', () => {
    const sop = makeOp('rest-xml', payloadShapes, { input: { shape: 'StructInput' } });
    const spec = serializeRestXml(
      sop,
      {
        Config: {
          Kind: 'T',
          Name: 'a & <b>',
          Items: ['x'],
          Flat: ['f1', 'f2'],
          Map: { k: 'v' },
          When: 1398796238,
        },
      },
      { service: sop.service },
    );
    expect(spec.body).toBe(
      '<Config xmlns="http://example.com/ns" xsi:type="T"><Name>a &amp; &lt;b&gt;</Name>' +
        '<Items><Item>x</Item></Items><Flat>f1</Flat><Flat>f2</Flat>' +
        '<Map><entry><key>k</key><value>v</value></entry></Map>' +
        '<When>2014-04-29T18:30:38Z</When></Config>',
    );
    expect(spec.headers).toEqual({});
  });

  it('rest-xml sends no body for an unset structure payload', () => {
    const sop = makeOp('rest-xml', payloadShapes, { input: { shape: 'StructInput' } });
    expect(serializeRestXml(sop, {}, { service: sop.service }).body).toBeUndefined();
  });

  it('rest-xml roots body members at the input locationName', () => {
    const xop = makeOp(
      'rest-xml',
      { Input: { type: 'structure', members: { A: { shape: 'Str' } } }, Str: { type: 'string' } },
      { input: { shape: 'Input', locationName: 'Root', xmlNamespace: { prefix: 'p', uri: 'urn:x' } } },
    );
    expect(serializeRestXml(xop, { A: '1' }, { service: xop.service }).body).toBe('<Root xmlns:p="urn:x"><A>1</A></Root>');
  });
});
