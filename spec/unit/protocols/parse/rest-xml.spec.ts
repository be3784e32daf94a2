import { parseRestXml } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: {
    type: 'structure',
    members: {
      Contents: { shape: 'Objects' },
      Grantee: { shape: 'Grantee' },
      Tags: { shape: 'TagMap' },
      ETag: { shape: 'Str', location: 'header', locationName: 'ETag' },
    },
  },
  Objects: { type: 'list', member: { shape: 'Obj' }, flattened: true },
  Obj: { type: 'structure', members: { Key: { shape: 'Str' }, Size: { shape: 'Long' } } },
  Grantee: {
    type: 'structure',
    members: { Type: { shape: 'Str', locationName: 'xsi:type', xmlAttribute: true }, ID: { shape: 'Str' } },
    xmlNamespace: { prefix: 'xsi', uri: 'http://www.w3.org/2001/XMLSchema-instance' },
  },
  TagMap: { type: 'map', key: { shape: 'Str', locationName: 'K' }, value: { shape: 'Str', locationName: 'V' } },
  PayloadOut: { type: 'structure', members: { Config: { shape: 'Config' } }, payload: 'Config' },
  Config: { type: 'structure', members: { Status: { shape: 'Str' } } },
  Str: { type: 'string' },
  Long: { type: 'long' },
  NoSuchKey: { type: 'structure', members: { Key: { shape: 'Str' } }, exception: true },
};

describe('parseRestXml', () => {
  const { op, ctx } = model('rest-xml', shapes, { shape: 'Out' });

  test('flattened lists (one element stays a list), xml attributes, wrapped maps, headers', () => {
    const body =
      '<ListResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Contents><Key>k1</Key><Size>3</Size></Contents>' +
      '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>id</ID></Grantee>' +
      '<Tags><entry><K>a</K><V>1</V></entry><entry><K>b</K><V>2</V></entry></Tags></ListResult>';
    const r = parseRestXml(op, response(200, body, { etag: '"abc"', 'x-amz-request-id': 'rid', 'x-amz-id-2': 'hid' }), ctx);
    expect(r.Contents).toEqual([{ Key: 'k1', Size: 3 }]);
    expect(r.Grantee).toEqual({ Type: 'CanonicalUser', ID: 'id' });
    expect(r.Tags).toEqual({ a: '1', b: '2' });
    expect(r.ETag).toBe('"abc"');
    expect(r.ResponseMetadata).toMatchObject({ RequestId: 'rid', HostId: 'hid' });
  });

  test('a structure payload is read from the root whatever its name', () => {
    const { op: pop, ctx: pctx } = model('rest-xml', shapes, { shape: 'PayloadOut' });
    const r = parseRestXml(pop, response(200, '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>'), pctx);
    expect(r.Config).toEqual({ Status: 'Enabled' });
  });

  test('S3-style bare <Error>: all its fields, request id from the headers, modeled members merged', () => {
    const body = '<Error><Code>NoSuchKey</Code><Message>The key does not exist</Message><Key>k</Key><RequestId>body-rid</RequestId><HostId>body-hid</HostId></Error>';
    const r = parseRestXml(op, response(404, body, { 'x-amz-request-id': 'rid', 'x-amz-id-2': 'hid' }), ctx);
    expect(r.Error).toEqual({ Code: 'NoSuchKey', Message: 'The key does not exist', Key: 'k' });
    expect(r.ResponseMetadata).toMatchObject({ RequestId: 'rid', HostId: 'hid', HTTPStatusCode: 404 });
    expect(r.Key).toBe('k');
  });

  test('empty or malformed error bodies fall back to the status line', () => {
    const empty = parseRestXml(op, response(404, '', { 'x-amz-request-id': 'rid' }), ctx);
    expect(empty.Error).toEqual({ Code: '404', Message: 'Not Found' });
    expect(empty.ResponseMetadata).toMatchObject({ RequestId: 'rid', HostId: '' });
    const bad = parseRestXml(op, response(412, '<Error><Code>'), ctx);
    expect(bad.Error).toEqual({ Code: '412', Message: 'Precondition Failed' });
    expect(parseRestXml(op, response(413, ''), ctx).Error!.Message).toBe('Request Entity Too Large');
  });

  test('<ErrorResponse> (route53/cloudfront) with Type and RequestId', () => {
    const body = '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidInput</Code><Message>bad</Message></Error><RequestId>r</RequestId></ErrorResponse>';
    const r = parseRestXml(op, response(400, body), ctx);
    expect(r.Error).toEqual({ Type: 'Sender', Code: 'InvalidInput', Message: 'bad' });
    expect(r.ResponseMetadata.RequestId).toBe('r');
  });

  test('a 3xx below 301 is not an error (botocore checks >= 301)', () => {
    const r = parseRestXml(op, response(300, ''), ctx);
    expect(r.Error).toBeUndefined();
  });

  describe('header members (found by walking the response headers)', () => {
    const shapes = {
      Out: {
        type: 'structure' as const,
        members: {
          Z: { shape: 'S', location: 'header', locationName: 'x-z' },
          Expires: { shape: 'T', location: 'header', locationName: 'Expires' },
          ExpiresString: { shape: 'S', location: 'header', locationName: 'Expires' },
          Status: { shape: 'I', location: 'statusCode' },
          A: { shape: 'S', location: 'header', locationName: 'X-A' },
          Absent: { shape: 'S', location: 'header', locationName: 'x-absent' },
        },
      },
      S: { type: 'string' as const },
      T: { type: 'timestamp' as const },
      I: { type: 'integer' as const },
    };

    it('sets every member bound to a header the response has, in member order, whatever the header order', () => {
      const { op, ctx } = model('rest-xml', shapes, { shape: 'Out' });
      const r = parseRestXml(op, response(200, '', { 'x-a': 'a', expires: 'Mon, 07 Dec 2026 11:32:10 GMT', 'x-z': 'z', other: 'o' }), ctx);
      const { ResponseMetadata: _meta, ...members } = r;
      expect(Object.keys(members)).toEqual(['Z', 'Expires', 'ExpiresString', 'Status', 'A']);
      expect(members).toEqual({ Z: 'z', Expires: new Date(Date.UTC(2026, 11, 7, 11, 32, 10)), ExpiresString: 'Mon, 07 Dec 2026 11:32:10 GMT', Status: 200, A: 'a' });
    });

    it("HTTPHeaders is the result's own copy, never the response's object", () => {
      const { op, ctx } = model('rest-xml', shapes, { shape: 'Out' });
      const raw = response(200, '', { 'x-a': 'a', 'x-z': 'z' });
      const r = parseRestXml(op, raw, ctx);
      expect(r.ResponseMetadata.HTTPHeaders).toEqual({ 'x-a': 'a', 'x-z': 'z' });
      expect(r.ResponseMetadata.HTTPHeaders).not.toBe(raw.headers);
      delete r.ResponseMetadata.HTTPHeaders['x-a'];
      expect(raw.headers).toEqual({ 'x-a': 'a', 'x-z': 'z' });
    });

    it('a parse that fails part-way leaves nothing behind for the next one', () => {
      const { op, ctx } = model('rest-xml', shapes, { shape: 'Out' });
      expect(() => parseRestXml(op, response(200, '', { 'x-z': 'z', expires: 'not a date' }), ctx)).toThrow();
      const r = parseRestXml(op, response(200, '', { 'x-a': 'a' }), ctx);
      expect(r.Z).toBeUndefined();
      expect(r.ExpiresString).toBeUndefined();
      expect(r.A).toBe('a');
    });
  });
});
