/**
 * BigInt, NaN and Infinity where shapes can and cannot hold them.
 *
 * - integer shapes (integer, long, ...) take whole numbers and bigints, and JSON bodies write a
 *   bigint exactly (JSON.stringify used to throw; the other protocols already wrote its digits);
 * - NaN, Infinity and fractions are refused for integer shapes with a line saying so (float and
 *   double shapes take them: they are sent as "NaN"/"Infinity", as botocore does);
 * - a document is JSON, so a bigint, NaN, Infinity or a cycle in one is a validation problem.
 */
import { Session } from '../../../src';
import { ServiceModel } from '../../../src/models/service-model';
import { serializeJson, serializeRestJson } from '../../../src/protocols/serialize';
import { validateParams } from '../../../src/validate/validate';
import { CannedServer } from '../../helpers/canned-server';
import { makeOp } from '../protocols/serialize/model-helper';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-west-2' });

const shapes = {
  Input: {
    type: 'structure',
    members: { Big: { shape: 'Long' }, Small: { shape: 'Int' }, Longs: { shape: 'Longs' }, ByKey: { shape: 'ByKey' }, Ratio: { shape: 'Double' }, Doc: { shape: 'Doc' } },
  },
  Long: { type: 'long' },
  Int: { type: 'integer' },
  Longs: { type: 'list', member: { shape: 'Long' } },
  ByKey: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Long' } },
  Str: { type: 'string' },
  Double: { type: 'double' },
  Doc: { type: 'structure', members: {}, document: true },
} as const;

const TWO_53_PLUS_1 = 9007199254740993n;

describe('bigints in integer shapes', () => {
  it('are written exactly in a json body, at any depth', () => {
    const op = makeOp('json', shapes as never, {}, { jsonVersion: '1.0', targetPrefix: 'T' });
    const body = serializeJson(op, { Big: TWO_53_PLUS_1, Small: 5n, Longs: [-TWO_53_PLUS_1, 1n], ByKey: { k: 2n ** 63n - 1n } }, { service: op.service }).body;
    expect(body).toBe('{"Big": 9007199254740993, "Small": 5, "Longs": [-9007199254740993, 1], "ByKey": {"k": 9223372036854775807}}');
  });

  it('are written exactly in a rest-json body', () => {
    const op = makeOp('rest-json', shapes as never);
    expect(serializeRestJson(op, { Big: TWO_53_PLUS_1 }, { service: op.service }).body).toBe('{"Big": 9007199254740993}');
  });

  it('leave a string that looks like a marker alone', () => {
    const op = makeOp('json', { Input: { type: 'structure', members: { S: { shape: 'Str' }, Big: { shape: 'Long' } } }, Str: { type: 'string' }, Long: { type: 'long' } } as never, {}, { jsonVersion: '1.0', targetPrefix: 'T' });
    const body = String(serializeJson(op, { S: '\u0000bigint-0123456789abcdef:5', Big: TWO_53_PLUS_1 }, { service: op.service }).body);
    expect(JSON.parse(body.replace('9007199254740993', '0')).S).toBe('\u0000bigint-0123456789abcdef:5');
    expect(body).toContain('"Big": 9007199254740993');
  });

  it('go on the wire from a client call', async () => {
    const server = new CannedServer();
    const endpoint = await server.start();
    try {
      server.reply({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"MessageId":"m"}' });
      const sqs = session.client('sqs', { endpointUrl: endpoint });
      await sqs.sendMessage({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: 5n });
      expect(server.requests[0].body.toString()).toBe('{"QueueUrl": "q", "MessageBody": "x", "DelaySeconds": 5}');
    } finally {
      await server.stop();
    }
  });
});

describe('numbers an integer shape cannot hold', () => {
  const model = new ServiceModel({ metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' }, operations: {}, shapes: shapes as never });
  const input = model.shape('Input');

  it.each([NaN, Infinity, -Infinity, 1.5])('%s is refused with a line saying what an integer is', (n) => {
    expect(validateParams({ Small: n }, input)).toEqual([
      `Invalid type for parameter Small, value: ${n}, type: number, valid types: integer (a whole, finite number or a bigint)`,
    ]);
  });

  it('a bigint for a double is refused, shown as a bigint', () => {
    expect(validateParams({ Ratio: 5n }, input)).toEqual(['Invalid type for parameter Ratio, value: 5n, type: bigint, valid types: number']);
  });

  it('a bigint below a min is out of range like a number', () => {
    const m = new ServiceModel({ metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' }, operations: {}, shapes: { In: { type: 'structure', members: { N: { shape: 'N' } } }, N: { type: 'long', min: 1 } } });
    expect(validateParams({ N: 0n }, m.shape('In'))).toEqual(['Invalid value for parameter N, value: 0n, valid min value: 1']);
  });
});

describe('documents', () => {
  const model = new ServiceModel({ metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'json', serviceId: 'X' }, operations: {}, shapes: shapes as never });
  const input = model.shape('Input');

  it('refuse a bigint, NaN or Infinity anywhere in them, naming the path', () => {
    expect(validateParams({ Doc: { a: [1, 'two', null, true, { b: 2.5 }], when: new Date(0) } }, input)).toEqual([]);
    expect(validateParams({ Doc: { a: [1, 2n], b: { c: NaN }, d: -Infinity } }, input)).toEqual([
      'Invalid type for document parameter Doc.a[1], value: 2n, type: bigint, valid types: string, number (finite), boolean, null, array, object',
      'Invalid type for document parameter Doc.b.c, value: NaN, type: number, valid types: string, number (finite), boolean, null, array, object',
      'Invalid type for document parameter Doc.d, value: -Infinity, type: number, valid types: string, number (finite), boolean, null, array, object',
    ]);
  });

  it('refuse a cycle (JSON.stringify would throw on it), but not a shared object', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(validateParams({ Doc: cyclic }, input)).toEqual(['Invalid document parameter Doc.self: circular reference']);
    const shared = { x: 1 };
    expect(validateParams({ Doc: { one: shared, two: [shared] } }, input)).toEqual([]);
  });
});
