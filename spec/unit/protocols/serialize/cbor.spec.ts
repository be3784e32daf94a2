/**
 * serializeRpcV2Cbor beyond the conformance vectors (values the vectors do not cover: bigints,
 * documents, bigInteger/bigDecimal, timestamps at millisecond precision, values CBOR cannot
 * hold), and the protocol on a real client: CloudWatch speaks CBOR by default (the first its
 * model lists), json (botocore's choice) or query when Config asks, against a loopback server.
 */
import { Config, helpText, ParamValidationError, Session, UnsupportedServiceProtocolsError } from '../../../../src';
import { decodeCbor } from '../../../../src/protocols/cbor-reader';
import { encodeCbor } from '../../../../src/protocols/cbor-writer';
import { serializeRpcV2Cbor } from '../../../../src/protocols/serialize';
import { CannedServer } from '../../../helpers/canned-server';
import { makeOp } from './model-helper';

const shapes = {
  Input: {
    type: 'structure',
    members: {
      Count: { shape: 'Long' },
      Big: { shape: 'BigInt' },
      Dec: { shape: 'BigDec' },
      Ratio: { shape: 'Float' },
      When: { shape: 'Ts' },
      Doc: { shape: 'Doc' },
      Tags: { shape: 'Tags' },
      Names: { shape: 'Names' },
      Renamed: { shape: 'Str', locationName: 'wire' },
      Account: { shape: 'Str', hostLabel: true },
    },
  },
  Long: { type: 'long' },
  BigInt: { type: 'biginteger' },
  BigDec: { type: 'bigdecimal' },
  Float: { type: 'float' },
  Ts: { type: 'timestamp', timestampFormat: 'iso8601' },
  Doc: { type: 'structure', members: {}, document: true },
  Tags: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  Names: { type: 'list', member: { shape: 'Str' } },
  Str: { type: 'string' },
};

const op = makeOp('smithy-rpc-v2-cbor', shapes, {}, { targetPrefix: 'Svc_2020' });
const run = (params: Record<string, unknown>, precision?: 'millisecond') => serializeRpcV2Cbor(op, params, { service: op.service, timestampPrecision: precision });
const body = (params: Record<string, unknown>, precision?: 'millisecond') => decodeCbor(run(params, precision).body as Buffer);

describe('serializeRpcV2Cbor', () => {
  it('posts to /service/<targetPrefix>/operation/<Operation> with the rpc-v2-cbor headers', () => {
    const spec = run({ Names: ['a'] });
    expect(spec).toMatchObject({ method: 'POST', path: '/service/Svc_2020/operation/DoThing', query: [] });
    expect(spec.headers).toEqual({ 'smithy-protocol': 'rpc-v2-cbor', Accept: 'application/cbor', 'Content-Type': 'application/cbor' });
    expect(Buffer.isBuffer(spec.body)).toBe(true);
  });

  it('writes integers exactly (bigints too), bigIntegers past 64 bits as bignums, bigDecimals as decimal fractions', () => {
    expect(body({ Count: 2n ** 63n + 5n, Big: 2n ** 70n, Dec: 273.15 })).toEqual({ Count: 2n ** 63n + 5n, Big: 2n ** 70n, Dec: 273.15 });
    const raw = run({ Big: -(2n ** 70n) - 1n, Dec: 1e-7 }).body as Buffer;
    expect(raw.toString('hex')).toContain('c349'); // tag 3, a 9-byte magnitude
    expect(raw.toString('hex')).toContain('c48226'); // tag 4, [-7, 1]
    expect(decodeCbor(raw)).toEqual({ Big: -(2n ** 70n) - 1n, Dec: 1e-7 });
  });

  it('refuses values CBOR cannot hold as ParamValidationError, before anything is sent', () => {
    expect(() => run({ Count: 2n ** 64n })).toThrow(ParamValidationError);
    expect(() => run({ Count: 2n ** 64n })).toThrow(/Invalid parameter value for DoThing: 18446744073709551616 does not fit a 64-bit CBOR integer/);
    expect(() => run({ Ratio: 1e39 })).toThrow(/1e\+39 is too large for a 4-byte float/);
    expect(() => run({ Count: 1.5 })).toThrow(/Invalid integer value 1.5/);
  });

  it('writes timestamps as tag 1 epoch seconds whatever the timestampFormat (truncated; milliseconds at that precision)', () => {
    const raw = run({ When: '2014-04-29T18:30:38.987Z' }).body as Buffer;
    expect(raw.toString('hex')).toBe('a1645768656ec11a535fefce'); // {"When": 1(1398796238)}
    expect(body({ When: new Date(1398796238987) }, 'millisecond')).toEqual({ When: new Date(1398796238987) });
    expect(body({ When: new Date(-1500) })).toEqual({ When: new Date(-2000) });
  });

  it('writes documents as untyped CBOR, maps and lists with their nulls, locationNames, and leaves unset members out', () => {
    expect(body({ Doc: { a: [1, 'x', null, { b: true }], n: 1.5 }, Tags: { k: 'v', n: null }, Names: ['a', null], Renamed: 'r', Count: undefined })).toEqual({
      Doc: { a: [1, 'x', null, { b: true }], n: 1.5 },
      Tags: { k: 'v', n: null },
      Names: ['a', null],
      wire: 'r',
    });
    expect((run({}).body as Buffer).toString('hex')).toBe('a0');
  });

  it('sends no body (and no Content-Type) for an operation without input; event-stream output asks for the event-stream type', () => {
    const noInput = makeOp('smithy-rpc-v2-cbor', {}, { input: undefined }, { targetPrefix: 'T' });
    const spec = serializeRpcV2Cbor(noInput, {}, { service: noInput.service });
    expect(spec.body).toBe('');
    expect(spec.headers).toEqual({ 'smithy-protocol': 'rpc-v2-cbor', Accept: 'application/cbor' });
    const streaming = makeOp(
      'smithy-rpc-v2-cbor',
      { Input: { type: 'structure', members: {} }, Out: { type: 'structure', members: { S: { shape: 'S' } } }, S: { type: 'structure', eventstream: true, members: {} } },
      { output: { shape: 'Out' } },
      { targetPrefix: 'T' },
    );
    expect(serializeRpcV2Cbor(streaming, {}, { service: streaming.service }).headers).toMatchObject({ Accept: 'application/vnd.amazon.eventstream', 'Content-Type': 'application/vnd.amazon.eventstream' });
  });

  it('expands the host prefix, and sends x-amzn-query-mode for awsQueryCompatible services', () => {
    const prefixed = makeOp('smithy-rpc-v2-cbor', shapes, { endpoint: { hostPrefix: '{Account}.' } }, { targetPrefix: 'T', awsQueryCompatible: {} });
    const spec = serializeRpcV2Cbor(prefixed, { Account: 'acct-1' }, { service: prefixed.service });
    expect(spec.hostPrefix).toBe('acct-1.');
    expect(spec.headers['x-amzn-query-mode']).toBe('true');
  });
});

describe('CloudWatch over the wire: the protocol a client speaks', () => {
  const server = new CannedServer();
  let url = '';
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const session = () =>
    new Session({ awsAccessKeyId: 'AK', awsSecretAccessKey: 'SK', regionName: 'us-east-1', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
  const cloudwatch = (protocol?: 'smithy-rpc-v2-cbor' | 'json' | 'query') =>
    session().client('cloudwatch', { endpointUrl: url, config: new Config({ retries: { totalMaxAttempts: 1 }, ...(protocol ? { protocol } : {}) }) });

  it('speaks CBOR by default (its model lists smithy-rpc-v2-cbor first), json when Config asks, as botocore 1.43 does', async () => {
    server.reply(
      { status: 200, headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor' }, body: encodeCbor({}) },
      { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{}' },
    );
    await cloudwatch().putMetricData({ Namespace: 'N', MetricData: [{ MetricName: 'm', Value: 1.5 }] });
    await cloudwatch('json').putMetricData({ Namespace: 'N', MetricData: [{ MetricName: 'm', Value: 1.5 }] });
    const [cbor, json] = server.requests;
    expect(cbor.url).toBe('/service/GraniteServiceVersion20100801/operation/PutMetricData');
    expect(cbor.headers['content-type']).toBe('application/cbor');
    expect(json.url).toBe('/');
    expect(json.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.PutMetricData');
    expect(json.headers['content-type']).toBe('application/x-amz-json-1.0');
  });

  it("speaks CBOR with Config({ protocol: 'smithy-rpc-v2-cbor' }): request signed, CBOR response parsed", async () => {
    const when = new Date('2024-05-06T07:08:00Z');
    server.reply({
      status: 200,
      headers: { 'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-requestid': 'rid-1' },
      body: encodeCbor({ MetricDataResults: [{ Id: 'q1', Label: 'm', Timestamps: [when], Values: [1.5, 2.25], StatusCode: 'Complete' }], Messages: [] }),
    });
    const client = cloudwatch('smithy-rpc-v2-cbor');
    const out = await client.getMetricData({
      MetricDataQueries: [{ Id: 'q1', MetricStat: { Metric: { Namespace: 'N', MetricName: 'm' }, Period: 60, Stat: 'Sum' } }],
      StartTime: new Date('2024-05-06T07:00:00Z'),
      EndTime: when,
    });
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/service/GraniteServiceVersion20100801/operation/GetMetricData');
    expect(req.headers).toMatchObject({ 'smithy-protocol': 'rpc-v2-cbor', accept: 'application/cbor', 'content-type': 'application/cbor', 'x-amzn-query-mode': 'true' });
    expect(req.headers['x-amz-target']).toBeUndefined();
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AK\/\d+\/us-east-1\/monitoring\/aws4_request/);
    expect(decodeCbor(req.body)).toEqual({
      MetricDataQueries: [{ Id: 'q1', MetricStat: { Metric: { Namespace: 'N', MetricName: 'm' }, Period: 60, Stat: 'Sum' } }],
      StartTime: new Date('2024-05-06T07:00:00Z'),
      EndTime: when,
    });
    expect(out.MetricDataResults).toEqual([{ Id: 'q1', Label: 'm', Timestamps: [when], Values: [1.5, 2.25], StatusCode: 'Complete' }]);
    expect(out.ResponseMetadata).toMatchObject({ RequestId: 'rid-1', HTTPStatusCode: 200 });
  });

  it('raises CBOR errors as the modeled exception class, query codes mapped', async () => {
    server.reply({
      status: 400,
      headers: { 'content-type': 'application/cbor', 'x-amzn-query-error': 'ResourceNotFound;Sender' },
      body: encodeCbor({ __type: 'com.amazonaws.cloudwatch#ResourceNotFoundException', message: 'no such dashboard' }),
    });
    const client = cloudwatch('smithy-rpc-v2-cbor');
    const err = await client.getDashboard({ DashboardName: 'd' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(client.exceptions.ResourceNotFound);
    expect((err as { response: { Error: unknown } }).response.Error).toMatchObject({ Code: 'ResourceNotFound', Message: 'no such dashboard', Type: 'Sender' });
  });

  it('refuses a damaged CBOR success body with a ResponseParserError, never a result', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/cbor' }, body: Buffer.from('bf6a4d6574726963', 'hex') });
    await expect(cloudwatch('smithy-rpc-v2-cbor').listMetrics()).rejects.toThrow(/Unable to parse response of ListMetrics \(HTTP 200\): invalid CBOR/);
  });

  it("speaks query with Config({ protocol: 'query' })", async () => {
    server.reply({ status: 200, body: '<PutMetricDataResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutMetricDataResponse>' });
    await cloudwatch('query').putMetricData({ Namespace: 'N', MetricData: [{ MetricName: 'm', Value: 1 }] });
    expect(server.requests[0].body.toString()).toMatch(/^Action=PutMetricData&Version=2010-08-01&Namespace=N/);
  });

  it('help(client) names the protocol the client speaks', () => {
    expect(helpText(cloudwatch())).toMatch(/^botojs client for Amazon CloudWatch \('cloudwatch', API 2010-08-01, smithy-rpc-v2-cbor\)/);
    expect(helpText(cloudwatch('json'))).toMatch(/API 2010-08-01, json\)/);
  });

  it('refuses a protocol the model does not list when the client is made, naming those it lists', () => {
    expect(() => session().client('cloudwatch', { config: { protocol: 'cbor' as never } })).toThrow(UnsupportedServiceProtocolsError);
    expect(() => session().client('cloudwatch', { config: { protocol: 'cbor' as never } })).toThrow(
      "Config protocol 'cbor' is not a protocol of CloudWatch: its model lists smithy-rpc-v2-cbor, json, query. Did you mean: smithy-rpc-v2-cbor?",
    );
    expect(() => session().client('s3', { config: { protocol: 'json' } })).toThrow(/Config protocol 'json' is not a protocol of S3: its model lists rest-xml\./);
    expect(() => new Config({ protocol: 5 as never })).toThrow(/Config protocol must be a protocol name \(such as 'json' or 'smithy-rpc-v2-cbor'\), got 5/);
    expect(() => new Config({ protcol: 'json' } as never)).toThrow(/Unknown Config option: 'protcol' \(did you mean: protocol\?\)/);
  });
});
