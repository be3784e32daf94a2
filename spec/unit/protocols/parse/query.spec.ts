import { parseQuery } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: {
    type: 'structure',
    members: {
      Names: { shape: 'Names' },
      Flat: { shape: 'FlatNames', locationName: 'Item' },
      Attrs: { shape: 'Attrs' },
      When: { shape: 'Ts' },
      Count: { shape: 'Int' },
      Ratio: { shape: 'Dbl' },
      Data: { shape: 'Blob' },
      On: { shape: 'Bool' },
    },
  },
  Names: { type: 'list', member: { shape: 'Str' } },
  FlatNames: { type: 'list', member: { shape: 'Str' }, flattened: true },
  Attrs: { type: 'map', key: { shape: 'Str', locationName: 'Name' }, value: { shape: 'Str', locationName: 'Value' }, flattened: true },
  Str: { type: 'string' },
  Ts: { type: 'timestamp' },
  Int: { type: 'integer' },
  Dbl: { type: 'double' },
  Blob: { type: 'blob' },
  Bool: { type: 'boolean' },
  Boom: { type: 'structure', members: { Message: { shape: 'Str' }, Detail: { shape: 'Str' } }, exception: true, error: { code: 'Boom.Code', httpStatusCode: 400 } },
};
const { op, ctx } = model('query', shapes, { shape: 'Out', resultWrapper: 'OpResult' });

describe('parseQuery', () => {
  test('walks by shape under the resultWrapper; one element stays a list', () => {
    const body =
      '<OpResponse xmlns="https://x/"><OpResult>' +
      '<Names><member>only</member></Names><Item>f1</Item>' +
      '<Attrs><Name>k</Name><Value>v</Value></Attrs>' +
      '<When>2015-01-25T08:00:00Z</When><Count>42</Count><Ratio>NaN</Ratio><Data>aGk=</Data><On>true</On>' +
      '</OpResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></OpResponse>';
    const r = parseQuery(op, response(200, body, { 'Content-Type': 'text/xml' }), ctx);
    expect(r.Names).toEqual(['only']);
    expect(r.Flat).toEqual(['f1']);
    expect(r.Attrs).toEqual({ k: 'v' });
    expect(r.When).toEqual(new Date(Date.UTC(2015, 0, 25, 8)));
    expect(r.Count).toBe(42);
    expect(r.Ratio).toBeNaN();
    expect(r.Data).toEqual(Buffer.from('hi'));
    expect(r.On).toBe(true);
    expect(r.ResponseMetadata).toEqual({ RequestId: 'rid-1', HTTPStatusCode: 200, HTTPHeaders: { 'content-type': 'text/xml' } });
  });

  test('an empty wrapped list is an empty list; absent members are absent', () => {
    const r = parseQuery(op, response(200, '<OpResponse><OpResult><Names/></OpResult></OpResponse>'), ctx);
    expect(r.Names).toEqual([]);
    expect('Flat' in r).toBe(false);
  });

  test('error: Code, Message, Type and RequestId from <ErrorResponse>', () => {
    const body =
      '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>' +
      '<RequestId>rid-2</RequestId></ErrorResponse>';
    const r = parseQuery(op, response(400, body), ctx);
    expect(r.Error).toEqual({ Type: 'Sender', Code: 'Throttling', Message: 'Rate exceeded' });
    expect(r.ResponseMetadata.RequestId).toBe('rid-2');
    expect(r.ResponseMetadata.HTTPStatusCode).toBe(400);
  });

  test('error: members of a modeled exception (matched by its error code) are merged', () => {
    const body =
      '<ErrorResponse><Error><Type>Sender</Type><Code>Boom.Code</Code><Message>m</Message><Detail>d</Detail></Error>' +
      '<RequestId>rid</RequestId></ErrorResponse>';
    const r = parseQuery(op, response(400, body), ctx);
    expect(r.Error!.Code).toBe('Boom.Code');
    expect(r.Detail).toBe('d');
    expect(r.Message).toBe('m');
  });

  test('5xx with an HTML or empty body: code is the status, message the reason phrase', () => {
    const html = parseQuery(op, response(503, '<html><body>busy</body></html>'), ctx);
    expect(html.Error).toEqual({ Code: '503', Message: 'Service Unavailable' });
    const empty = parseQuery(op, response(500, ''), ctx);
    expect(empty.Error).toEqual({ Code: '500', Message: 'Internal Server Error' });
  });

  test('malformed XML on success is a ResponseParserError', () => {
    expect(() => parseQuery(op, response(200, '<OpResponse><x></OpResponse>'), ctx)).toThrow(/Unable to parse response/);
  });
});
