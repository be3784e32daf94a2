/**
 * The shape-directed reader against the tree walk it replaces on success bodies: on seeded
 * random shapes (structures, unions, wrapped and flattened lists and maps, xmlAttribute members,
 * every scalar type, renamed members and items) and random documents for them (members missing,
 * repeated or unknown, whitespace and CDATA, empty elements, values that do not convert), both
 * must give the same result or both throw. The reader may hand a document to the tree walk
 * (NEEDS_TREE) only for the layouts its header names; the test counts those and checks that
 * nearly every document is read in one pass.
 */
import { ServiceModel } from '../../../../src/models/service-model';
import type { RawShape, Shape } from '../../../../src/models/shape';
import { NEEDS_TREE, ShapeReader, type ReadResult } from '../../../../src/protocols/parse/xml-reader';
import { EC2_META, QUERY_META, queryXmlTarget, restXmlTarget, type XmlTarget } from '../../../../src/protocols/parse/xml-targets';
import { parseXml } from '../../../../src/protocols/xml-parser';
import * as scanner from '../../../../src/protocols/xml-scanner';
import { parseQuery, parseRestXml } from '../../../../src/protocols/parse';
import { lacksXmlDocument } from '../../../../src/protocols/parse/bodies';
import { Prng } from '../../../differential/prng';
import { model, response } from './helpers';

const { scanXml } = scanner;

type Shapes = Record<string, RawShape>;

const SCALARS = ['string', 'integer', 'long', 'boolean', 'timestamp', 'double', 'blob'];

/** Generates a random shape graph: returns the output shape's name. */
class ShapeGen {
  readonly shapes: Shapes = {};
  private n = 0;
  constructor(private readonly rng: Prng) {
    for (const t of SCALARS) this.shapes[`S_${t}`] = { type: t };
  }

  shape(depth: number): string {
    const r = this.rng;
    if (depth >= 3 || r.chance(0.45)) return `S_${r.pick(SCALARS)}`;
    const name = `T${this.n++}`;
    const kind = r.pick(['structure', 'structure', 'list', 'map']);
    if (kind === 'list') {
      const member: Record<string, unknown> = { shape: this.shape(depth + 1) };
      if (r.chance(0.5)) member.locationName = r.pick(['item', 'member', 'Entry']);
      this.shapes[name] = { type: 'list', member: member as RawShape['member'], ...(r.chance(0.3) ? { flattened: true } : {}) };
    } else if (kind === 'map') {
      const key: Record<string, unknown> = { shape: 'S_string' };
      const value: Record<string, unknown> = { shape: this.shape(depth + 1) };
      if (r.chance(0.4)) key.locationName = 'K';
      if (r.chance(0.4)) value.locationName = 'V';
      this.shapes[name] = { type: 'map', key: key as RawShape['key'], value: value as RawShape['value'], ...(r.chance(0.3) ? { flattened: true } : {}) };
    } else {
      const members: Record<string, Record<string, unknown>> = {};
      const count = r.int(1, 5);
      for (let i = 0; i < count; i++) {
        const m: Record<string, unknown> = { shape: this.shape(depth + 1) };
        if (r.chance(0.3)) m.locationName = r.pick(['loc', `m${i}x`, 'item', 'Value']);
        if (m.shape === 'S_string' && r.chance(0.15)) {
          m.xmlAttribute = true;
          m.locationName = r.pick(['xsi:type', 'attr', 'id']);
        }
        if (r.chance(0.15)) m.flattened = true;
        members[`M${i}`] = m;
      }
      this.shapes[name] = { type: 'structure', members: members as RawShape['members'], ...(r.chance(0.1) ? { union: true } : {}) };
    }
    return name;
  }
}

/** Writes random XML for a shape: mostly what it describes, with noise. */
class DocGen {
  constructor(private readonly rng: Prng) {}

  private scalarText(shape: Shape): string {
    const r = this.rng;
    if (r.chance(0.03)) return r.pick(['x', '1.5.2', 'tru', '2024-13-45T99:00:00Z']);
    if (r.chance(0.05)) return r.pick(['', '  ', '\n ']);
    switch (shape.type) {
      case 'integer':
      case 'long':
        return String(r.int(-1000, 100000));
      case 'boolean':
        return r.pick(['true', 'false']);
      case 'double':
        return r.pick(['1.5', '-0.25', 'NaN', 'Infinity', '3']);
      case 'timestamp':
        return r.pick(['2024-05-06T07:08:09Z', '2024-05-06T07:08:09.123Z', '1714979289', 'Mon, 06 May 2024 07:08:09 GMT']);
      case 'blob':
        return r.pick(['aGVsbG8=', '', 'AAEC']);
      default:
        return r.pick(['v', 'a &amp; b', '&lt;x&gt;', 'café', ' spaced ', '<![CDATA[ <c> ]]>', '__proto__']);
    }
  }

  private noise(): string {
    const r = this.rng;
    if (r.chance(0.1)) return r.pick(['\n  ', ' ', '<!-- c -->', '<Unknown>u</Unknown>', 'stray']);
    return '';
  }

  /** One element named `name` holding a value of `shape`. */
  element(name: string, shape: Shape, depth = 0): string {
    const r = this.rng;
    const attrs = r.chance(0.1) ? ' xmlns="urn:x"' : '';
    if (r.chance(0.04)) return `<${name}${attrs}/>`;
    return `<${name}${attrs}>${this.content(shape, depth)}</${name}>`;
  }

  /** The occurrences of a member in its parent (several for flattened lists and maps). */
  occurrences(name: string, shape: Shape, depth: number): string {
    const r = this.rng;
    const flat = shape.serialization.flattened === true;
    let out = '';
    if (flat && shape.type === 'list') {
      const itemName = shape.listMember.serialization.name ?? name;
      for (let i = r.int(0, 3); i > 0; i--) out += this.element(itemName, shape.listMember, depth + 1) + this.noise();
    } else if (flat && shape.type === 'map') {
      for (let i = r.int(0, 3); i > 0; i--) out += `<${name}>${this.entry(shape, depth)}</${name}>`;
    } else {
      out = this.element(name, shape, depth);
      if (r.chance(0.08)) out += this.element(name, shape, depth);
    }
    return out;
  }

  private entry(shape: Shape, depth: number): string {
    const r = this.rng;
    const keyName = shape.mapKey.serialization.name || 'key';
    const valueName = shape.mapValue.serialization.name || 'value';
    const key = r.chance(0.08) ? '' : `<${keyName}>${r.pick(['a', 'b', '__proto__', 'constructor', 'a'])}</${keyName}>`;
    const value = r.chance(0.08) ? '' : this.occurrences(valueName, shape.mapValue, depth + 1);
    return r.chance(0.2) ? value + key : key + value;
  }

  content(shape: Shape, depth: number): string {
    const r = this.rng;
    switch (shape.type) {
      case 'structure': {
        let out = this.noise();
        const names = shape.memberNames;
        for (const m of r.chance(0.2) ? [...names].reverse() : names) {
          const member = shape.members[m];
          if (member.serialization.xmlAttribute || r.chance(0.25)) continue;
          out += this.occurrences(member.serialization.name ?? m, member, depth + 1) + this.noise();
        }
        return out;
      }
      case 'list': {
        const itemName = shape.listMember.serialization.name ?? 'member';
        let out = this.noise();
        for (let i = r.int(0, 3); i > 0; i--) out += this.element(r.chance(0.05) ? 'other' : itemName, shape.listMember, depth + 1) + this.noise();
        return out;
      }
      case 'map': {
        let out = '';
        for (let i = r.int(0, 3); i > 0; i--) {
          const tag = r.chance(0.05) ? 'other' : 'entry';
          out += `<${tag}>${this.entry(shape, depth)}</${tag}>`;
        }
        return out;
      }
      default:
        return this.scalarText(shape);
    }
  }
}

/** Dates as ISO strings, Buffers as base64: comparable as JSON. */
function comparable(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
    if (Buffer.isBuffer(raw)) return { $b: raw.toString('base64') };
    return v;
  });
}

type Outcome = { ok: string } | { threw: string } | 'tree';

function viaReader(doc: string, target: XmlTarget): Outcome {
  const reader = new ShapeReader(target.spec);
  try {
    scanXml(doc, reader);
  } catch (error) {
    if (error === NEEDS_TREE) return 'tree';
    return { threw: `xml: ${(error as Error).name}` };
  }
  try {
    return { ok: comparable(reader.result()) };
  } catch {
    // Which value's error surfaces when several fail differs (document vs model order).
    return { threw: 'conversion' };
  }
}

function viaTree(doc: string, target: XmlTarget): Outcome {
  let tree;
  try {
    tree = parseXml(doc);
  } catch (error) {
    return { threw: `xml: ${(error as Error).name}` };
  }
  try {
    return { ok: comparable(target.walk(tree as NonNullable<typeof tree>) as ReadResult) };
  } catch {
    return { threw: 'conversion' };
  }
}

function serviceWith(shapes: Shapes, protocol: string): ServiceModel {
  return new ServiceModel({ metadata: { protocol, apiVersion: '2020-01-01', endpointPrefix: 'svc', serviceId: 'Svc' }, shapes, operations: {} }, 'svc');
}

describe('the shape-directed reader gives the tree walk\'s result', () => {
  test('on 4,000 random shapes and documents, for rest-xml, query and ec2', () => {
    const rng = new Prng('xml-reader');
    let compared = 0;
    let tree = 0;
    const mismatches: string[] = [];
    for (let n = 0; n < 4000; n++) {
      const gen = new ShapeGen(rng);
      const members: Record<string, { shape: string }> = {};
      for (let i = rng.int(1, 4); i > 0; i--) members[`Top${i}`] = { shape: gen.shape(0) };
      const protocol = rng.pick(['rest-xml', 'query', 'ec2']);
      gen.shapes.Out = { type: 'structure', members: members as RawShape['members'], ...(protocol === 'query' && rng.chance(0.7) ? { resultWrapper: 'OpResult' } : {}) };
      const out = serviceWith(gen.shapes, protocol).resolver.byName('Out');
      const docs = new DocGen(rng);
      let body = docs.content(out, 0);
      let target: XmlTarget;
      if (protocol === 'rest-xml') target = restXmlTarget(out);
      else {
        const meta = protocol === 'query' ? QUERY_META : EC2_META;
        target = queryXmlTarget(out, meta);
        const metaXml = protocol === 'query' ? '<ResponseMetadata><RequestId>r-1</RequestId><__proto__/></ResponseMetadata>' : '<requestId>r-1</requestId>';
        if (out.serialization.resultWrapper) body = `<OpResult>${body}</OpResult>`;
        body = rng.chance(0.5) ? metaXml + body : body + metaXml;
      }
      const doc = `<?xml version="1.0"?>\n<OpResponse xmlns="urn:svc">${body}</OpResponse>`;
      const a = viaReader(doc, target);
      if (a === 'tree') {
        tree += 1;
        continue;
      }
      const b = viaTree(doc, target);
      compared += 1;
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`${JSON.stringify(gen.shapes)}\n${doc}\nreader: ${JSON.stringify(a)}\ntree:   ${JSON.stringify(b)}`);
    }
    expect(mismatches.slice(0, 3)).toEqual([]);
    // The documents repeat wrappers and mix child names on purpose, so some go to the tree.
    expect(compared).toBeGreaterThan(3000);
    expect(tree).toBeLessThan(compared / 4);
  });
});

const shapes: Record<string, RawShape> = {
  Out: {
    type: 'structure',
    members: {
      Items: { shape: 'Items' },
      Count: { shape: 'Int' },
      Tags: { shape: 'Tags' },
    },
  },
  Items: { type: 'list', member: { shape: 'Str', locationName: 'member' } },
  Tags: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Int' } },
  Str: { type: 'string' },
  Int: { type: 'integer' },
};

describe('reading success bodies', () => {
  const { op, ctx } = model('rest-xml', shapes, { shape: 'Out' });
  const { op: qop, ctx: qctx } = model('query', { ...shapes, Out: { ...shapes.Out, resultWrapper: 'OpResult' } }, { shape: 'Out' });

  test('a repeated list wrapper is read as botocore reads it (each wrapper an item), through the tree', () => {
    // The first wrapper, read as a string item, has no text of its own.
    const r = parseRestXml(op, response(200, '<R><Items><member>a</member></Items><Items>b</Items></R>'), ctx);
    expect(r.Items).toEqual(['', 'b']);
  });

  test('a body that is not well-formed is reported as such even after a value that does not convert', () => {
    expect(() => parseRestXml(op, response(200, '<R><Count>x</Count><Items>'), ctx)).toThrow(/invalid XML \(1:27: unclosed tag: Items\)/);
    expect(() => parseRestXml(op, response(200, '<R><Count>x</Count></R>'), ctx)).toThrow('Invalid integer value: "x"');
  });

  test('a map entry without a key is skipped unread, as the tree walk skips it', () => {
    const body = '<R><Tags><entry><value>not a number</value></entry><entry><key>k</key><value>2</value></entry></Tags></R>';
    expect(parseRestXml(op, response(200, body), ctx).Tags).toEqual({ k: 2 });
  });

  test("query's ResponseMetadata keeps element names as data", () => {
    const body = '<OpResponse><OpResult><Count>1</Count></OpResult><ResponseMetadata><RequestId>r</RequestId><__proto__>p</__proto__></ResponseMetadata></OpResponse>';
    const r = parseQuery(qop, response(200, body), qctx);
    expect(r.Count).toBe(1);
    expect(Object.keys(r.ResponseMetadata)).toEqual(expect.arrayContaining(['RequestId', '__proto__']));
    expect((r.ResponseMetadata as unknown as Record<string, unknown>)['__proto__']).toBe('p');
  });

  test("S3's check for a 200 that is not XML and the parser share one reading of the body", () => {
    const out = ctx.service.operation('Op').output as Shape;
    const raw = response(200, '<R><Count>3</Count></R>');
    const scans = jest.spyOn(scanner, 'scanXml');
    try {
      expect(lacksXmlDocument(raw, restXmlTarget(out))).toBe(false);
      expect(parseRestXml(op, raw, ctx).Count).toBe(3);
      expect(scans).toHaveBeenCalledTimes(1);
    } finally {
      scans.mockRestore();
    }
    expect(lacksXmlDocument(response(200, '<R><Count>3</Count>'), restXmlTarget(out))).toBe(true);
    expect(lacksXmlDocument(response(200, '  \n '), restXmlTarget(out))).toBe(true);
  });
});
