/**
 * Keys that are also Object.prototype names (`__proto__`, `constructor`, `prototype`,
 * `toString`) are data like any other: every parser builds them as own enumerable properties of
 * plain objects (a map key `__proto__` must not become the result's prototype), and every
 * serializer puts them on the wire.
 */
import { parseEc2, parseJson, parseQuery, parseRestJson, parseRestXml } from '../../../src/protocols/parse';
import type { ResponseParser } from '../../../src/protocols/parse';
import { serializeEc2, serializeJson, serializeQuery, serializeRestJson, serializeRestXml } from '../../../src/protocols/serialize';
import { parseXml, xmlAttributes, xmlChild, xmlChildNames, xmlText } from '../../../src/protocols/xml-parser';
import { model, response } from './parse/helpers';
import { makeOp } from './serialize/model-helper';

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString'];
/** Header names arrive lower-cased. */
const HEADER_KEYS = KEYS.map((k) => k.toLowerCase());

/** An object whose own keys are `keys` (in order), each mapped to `value(key)`; JSON.parse makes `__proto__` an own key. */
function withKeys<T>(value: (key: string) => T, keys = KEYS): Record<string, T> {
  return JSON.parse(JSON.stringify(Object.fromEntries(keys.map((k) => [k, value(k)])))) as Record<string, T>;
}

/** Own keys exactly `keys`, on a plain object (Object.prototype, nothing else). */
function expectPlainWithKeys(value: unknown, keys = KEYS): void {
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  expect(Object.keys(value as object)).toEqual(keys);
}

const outputShapes = {
  Out: {
    type: 'structure',
    members: {
      Tags: { shape: 'Tags' },
      Nested: { shape: 'Nested' },
      Meta: { shape: 'Meta', location: 'headers', locationName: 'x-amz-meta-' },
    },
  },
  Tags: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Nested: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Tags' } },
  Meta: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Str: { type: 'string' },
};

describe('parsers keep prototype-named keys as own data', () => {
  test.each([
    ['json', parseJson],
    ['rest-json', parseRestJson],
  ] as Array<[string, ResponseParser]>)('%s: map keys', (protocol, parser) => {
    const { op, ctx } = model(protocol, outputShapes, { shape: 'Out' });
    const body = `{"Tags":{"__proto__":"v-__proto__","constructor":"v-constructor","prototype":"v-prototype","toString":"v-toString"},"Nested":{"__proto__":{"constructor":"x"}}}`;
    const r = parser(op, response(200, body), ctx);
    expectPlainWithKeys(r.Tags);
    expect(r.Tags).toEqual(withKeys((k) => `v-${k}`));
    expectPlainWithKeys(r.Nested, ['__proto__']);
    expectPlainWithKeys((r.Nested as Record<string, unknown>)['__proto__'], ['constructor']);
  });

  const xmlMap = '<Tags>' + KEYS.map((k) => `<entry><key>${k}</key><value>v-${k}</value></entry>`).join('') + '</Tags>';
  test.each([
    ['query', parseQuery, `<OpResponse><OpResult>${xmlMap}</OpResult></OpResponse>`],
    ['ec2', parseEc2, `<OpResponse>${xmlMap}</OpResponse>`],
    ['rest-xml', parseRestXml, `<OpResponse>${xmlMap}</OpResponse>`],
  ] as Array<[string, ResponseParser, string]>)('%s: map keys', (protocol, parser, body) => {
    const { op, ctx } = model(protocol, outputShapes, { shape: 'Out', resultWrapper: protocol === 'query' ? 'OpResult' : undefined });
    const r = parser(op, response(200, body), ctx);
    expectPlainWithKeys(r.Tags);
    expect(r.Tags).toEqual(withKeys((k) => `v-${k}`));
  });

  test.each([
    ['rest-json', parseRestJson],
    ['rest-xml', parseRestXml],
  ] as Array<[string, ResponseParser]>)('%s: a header-prefix map (x-amz-meta-__proto__) and the response headers', (protocol, parser) => {
    const { op, ctx } = model(protocol, outputShapes, { shape: 'Out' });
    const headers = withKeys((k) => `h-${k}`, HEADER_KEYS);
    const metaHeaders = Object.fromEntries(HEADER_KEYS.map((k) => [`x-amz-meta-${k}`, `m-${k}`]));
    const r = parser(op, { statusCode: 200, headers: { ...headers, ...metaHeaders }, body: Buffer.alloc(0) }, ctx);
    expectPlainWithKeys(r.Meta, HEADER_KEYS);
    expect(r.Meta).toEqual(withKeys((k) => `m-${k}`, HEADER_KEYS));
    const httpHeaders = r.ResponseMetadata.HTTPHeaders;
    expect(Object.getPrototypeOf(httpHeaders)).toBe(Object.prototype);
    expect(Object.keys(httpHeaders).slice(0, KEYS.length)).toEqual(HEADER_KEYS);
    expect(httpHeaders['__proto__']).toBe('h-__proto__');
  });

  test('a query error body with prototype-named elements under <Errors>', () => {
    const { op, ctx } = model('query', outputShapes, { shape: 'Out' });
    const body = '<ErrorResponse><Errors><Error><Code>Bad</Code></Error><__proto__>p</__proto__></Errors><RequestId>r</RequestId></ErrorResponse>';
    const r = parseQuery(op, response(400, body), ctx);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.keys(r)).toEqual(['Error', '__proto__', 'ResponseMetadata']);
    expect((r as Record<string, unknown>)['__proto__']).toBe('p');
  });

  test('a rest-xml error body with prototype-named elements', () => {
    const { op, ctx } = model('rest-xml', outputShapes, { shape: 'Out' });
    const body = '<ErrorResponse><Error><Code>Bad</Code><Message>m</Message><__proto__>p</__proto__><constructor>c</constructor></Error></ErrorResponse>';
    const r = parseRestXml(op, response(400, body), ctx);
    expectPlainWithKeys(r.Error, ['Message', 'Code', '__proto__', 'constructor']);
    expect((r.Error as Record<string, unknown>)['__proto__']).toBe('p');
    expect((r.Error as Record<string, unknown>)['constructor']).toBe('c');
  });
});

describe('the XML parser keeps prototype-named elements and attributes', () => {
  test('element names', () => {
    const doc = parseXml('<R><__proto__>1</__proto__><constructor>2</constructor><toString>3</toString><hasOwnProperty>4</hasOwnProperty></R>')!;
    expect(xmlChildNames(doc.root)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(xmlChild(doc.root, '__proto__').map(xmlText)).toEqual(['1']);
    expect(xmlChild(doc.root, 'constructor').map(xmlText)).toEqual(['2']);
    expect(xmlChild(doc.root, 'toString').map(xmlText)).toEqual(['3']);
    expect(xmlChild(doc.root, 'valueOf')).toEqual([]);
  });

  test('attribute names and a prototype-named root', () => {
    const doc = parseXml('<__proto__><a __proto__="p" constructor="c" toString="s">t</a><valueOf>v</valueOf></__proto__>')!;
    expect(doc.rootName).toBe('__proto__');
    expect(xmlChildNames(doc.root)).toEqual(['a', 'valueOf']);
    expect(xmlChild(doc.root, 'valueOf').map(xmlText)).toEqual(['v']);
    const a = xmlChild(doc.root, 'a')[0];
    expect(xmlText(a)).toBe('t');
    expectPlainWithKeys(xmlAttributes(a), ['__proto__', 'constructor', 'toString']);
    expect(xmlAttributes(a)['__proto__']).toBe('p');
    expect(xmlAttributes(a).constructor).toBe('c');
  });
});

const inputShapes = {
  Input: {
    type: 'structure',
    members: {
      Tags: { shape: 'Tags' },
      Meta: { shape: 'Tags', location: 'headers', locationName: 'x-amz-meta-' },
    },
  },
  Tags: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Str: { type: 'string' },
};

describe('serializers put prototype-named keys on the wire', () => {
  const tags = () => withKeys((k) => `v-${k}`);

  test.each([
    ['json', serializeJson],
    ['rest-json', serializeRestJson],
  ] as const)('%s: map keys in the JSON body', (protocol, serialize) => {
    const op = makeOp(protocol, inputShapes, { http: { method: 'POST', requestUri: '/' } }, { targetPrefix: 'Svc', jsonVersion: '1.0' });
    const spec = serialize(op, { Tags: tags() }, { service: op.service });
    const sent = JSON.parse(String(spec.body)) as { Tags: Record<string, string> };
    expectPlainWithKeys(sent.Tags);
    expect(sent.Tags).toEqual(tags());
  });

  test.each([
    ['query', serializeQuery],
    ['ec2', serializeEc2],
  ] as const)('%s: map keys in the form', (protocol, serialize) => {
    const op = makeOp(protocol, inputShapes);
    const body = String(serialize(op, { Tags: tags() }, { service: op.service }).body);
    for (const k of KEYS) expect(body).toContain(`=${encodeURIComponent(k)}&`);
  });

  test('rest-xml: map keys in the XML body', () => {
    const op = makeOp('rest-xml', { ...inputShapes, Input: { ...inputShapes.Input, locationName: 'Input' } });
    const body = String(serializeRestXml(op, { Tags: tags() }, { service: op.service }).body);
    for (const k of KEYS) expect(body).toContain(`<key>${k}</key><value>v-${k}</value>`);
  });

  test('rest-json: a header-prefix map (x-amz-meta-*), and a headers map with an empty prefix', () => {
    const op = makeOp('rest-json', inputShapes);
    const spec = serializeRestJson(op, { Meta: tags() }, { service: op.service });
    for (const k of KEYS) expect(spec.headers[`x-amz-meta-${k}`]).toBe(`v-${k}`);
    const bare = makeOp('rest-json', { ...inputShapes, Input: { type: 'structure', members: { Meta: { shape: 'Tags', location: 'headers', locationName: '' } } } });
    const headers = serializeRestJson(bare, { Meta: tags() }, { service: bare.service }).headers;
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(Object.keys(headers)).toEqual(expect.arrayContaining(KEYS));
    expect(headers['__proto__']).toBe('v-__proto__');
  });
});
