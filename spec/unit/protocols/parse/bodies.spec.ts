/**
 * A success body that is not the document its protocol promises is a ResponseParserError naming
 * the operation, the status and a bounded excerpt, never an empty result. An empty body is an
 * empty result, as the Smithy protocol tests say; error responses keep botocore's behaviour
 * (checked against botocore 1.43 on a loopback server).
 */
import { ResponseParserError } from '../../../../src/errors';
import { parseEc2, parseJson, parseQuery, parseRestJson, parseRestXml } from '../../../../src/protocols/parse';
import type { ResponseParser } from '../../../../src/protocols/parse';
import { model, response } from './helpers';

const shapes = {
  Out: { type: 'structure', members: { Name: { shape: 'Str' } } },
  Str: { type: 'string' },
};

const parsers: Array<[string, ResponseParser]> = [
  ['json', parseJson],
  ['rest-json', parseRestJson],
  ['query', parseQuery],
  ['ec2', parseEc2],
  ['rest-xml', parseRestXml],
];

function parse(protocol: string, parser: ResponseParser, status: number, body: string) {
  const { op, ctx } = model(protocol, shapes, { shape: 'Out' });
  return parser(op, response(status, body), ctx);
}

function parseError(protocol: string, parser: ResponseParser, status: number, body: string): ResponseParserError {
  try {
    parse(protocol, parser, status, body);
  } catch (e) {
    expect(e).toBeInstanceOf(ResponseParserError);
    return e as ResponseParserError;
  }
  throw new Error(`${protocol}: expected a ResponseParserError`);
}

describe('unparsable success bodies', () => {
  test.each(parsers)('%s: a truncated document is a ResponseParserError naming the operation and status', (protocol, parser) => {
    const body = protocol.includes('json') ? '{"Name":"trunc' : '<OpResponse><OpResult><Name>trunc';
    const err = parseError(protocol, parser, 200, body);
    expect(err.message).toMatch(/^Unable to parse response of Op \(HTTP 200\)/);
    expect(err.message).toContain(`Body (${body.length} bytes): ${JSON.stringify(body)}`);
    expect(err.operationName).toBe('Op');
    expect(err.statusCode).toBe(200);
  });

  test.each(parsers)('%s: a long body is cut to an excerpt, its length stated', (protocol, parser) => {
    const body = (protocol.includes('json') ? '{"Name":"' : '<OpResponse><Name>') + 'x'.repeat(100_000);
    const err = parseError(protocol, parser, 200, body);
    expect(err.message).toContain(`Body (${body.length} bytes, first 256 shown): `);
    expect(err.message.length).toBeLessThan(1000);
  });

  test('json: the DynamoDB case, invalid JSON on a 200, is not an empty result', () => {
    expect(() => parse('json', parseJson, 200, '{"Item":{"k":{"S":"v"}')).toThrow(/invalid JSON/);
    expect(() => parse('json', parseJson, 200, 'not json at all')).toThrow(ResponseParserError);
  });

  test('an empty 200 body is an empty result (botocore agrees, except that it raises for query and ec2)', () => {
    for (const [protocol, parser] of parsers) {
      const r = parse(protocol, parser, 200, '');
      expect(r.Name).toBeUndefined();
      expect(r.ResponseMetadata.HTTPStatusCode).toBe(200);
    }
  });
});

describe('unparsable error bodies keep botocore behaviour', () => {
  test('json and rest-json: the status is the code and the body the message', () => {
    for (const [protocol, parser] of parsers.filter(([p]) => p.includes('json'))) {
      expect(parse(protocol, parser, 400, '{not json').Error).toEqual({ Code: '400', Message: '{not json' });
      expect(parse(protocol, parser, 500, '<notjson').Error).toEqual({ Code: '500', Message: '<notjson' });
      expect(parse(protocol, parser, 400, '').Error).toEqual({ Code: '400', Message: '' });
    }
  });

  test('rest-xml: the status line is the error', () => {
    expect(parse('rest-xml', parseRestXml, 400, '<notxml').Error).toEqual({ Code: '400', Message: 'Bad Request' });
    expect(parse('rest-xml', parseRestXml, 500, '{').Error).toEqual({ Code: '500', Message: 'Internal Server Error' });
  });

  test('query and ec2: a generic error from the status (botojs; botocore raises ResponseParserError)', () => {
    expect(parse('query', parseQuery, 400, '<notxml').Error).toEqual({ Code: '400', Message: 'Bad Request' });
    expect(parse('ec2', parseEc2, 503, '{').Error).toEqual({ Code: '503', Message: 'Service Unavailable' });
  });
});

describe('a body is parsed once per response, and again when its body changes', () => {
  const errorShapes = { ...shapes, Out: { type: 'structure', members: { Name: { shape: 'Str' } } } };

  test.each(parsers)('%s: parsing the same response twice gives the same result; a new body a new parse', (protocol, parser) => {
    const { op, ctx } = model(protocol, errorShapes, { shape: 'Out' });
    const json = protocol.includes('json');
    const doc = (name: string): string => (json ? JSON.stringify({ Name: name }) : `<OpResponse><OpResult><Name>${name}</Name></OpResult><Name>${name}</Name></OpResponse>`);
    const raw = response(200, doc('first'));
    expect(parser(op, raw, ctx).Name).toBe('first');
    expect(parser(op, raw, ctx).Name).toBe('first');
    // A handler (before-parse) may give the response another body: the old parse is not reused.
    raw.body = Buffer.from(doc('second'), 'utf8');
    expect(parser(op, raw, ctx).Name).toBe('second');
  });

  test.each(parsers)('%s: a frozen response (a stub from a before-send handler) parses, and its error body once', (protocol, parser) => {
    const { op, ctx } = model(protocol, errorShapes, { shape: 'Out' });
    const json = protocol.includes('json');
    const body = json ? '{"Name":"frozen"}' : '<OpResponse><OpResult><Name>frozen</Name></OpResult><Name>frozen</Name></OpResponse>';
    const raw = Object.freeze(response(200, body));
    expect(parser(op, raw, ctx).Name).toBe('frozen');
    expect(parser(op, raw, ctx).Name).toBe('frozen');
    const errorBody = json ? '{"__type":"Boom","message":"no"}' : '<ErrorResponse><Error><Code>Boom</Code><Message>no</Message></Error></ErrorResponse>';
    expect(parser(op, Object.freeze(response(400, errorBody)), ctx).Error?.Code).toBe('Boom');
  });

  test('the parse kept on a response is hidden: not enumerable, not copied by a spread, not in JSON', () => {
    const raw = response(400, '{"__type":"Boom","message":"no"}');
    const { op, ctx } = model('json', errorShapes, { shape: 'Out' });
    expect(parseJson(op, raw, ctx).Error?.Code).toBe('Boom');
    expect(Object.keys(raw)).toEqual(['statusCode', 'headers', 'body']);
    expect(Object.getOwnPropertySymbols({ ...raw })).toEqual([]);
    expect(JSON.parse(JSON.stringify({ ...raw, body: undefined }))).toEqual({ statusCode: 400, headers: {} });
  });
});
