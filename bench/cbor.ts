/**
 * `npx ts-node --transpile-only bench/cbor.ts`: botojs's CBOR reader and writer
 * (src/protocols/cbor-*.ts) against the CBOR packages a project could use instead, on a
 * CloudWatch-sized request (PutMetricData, 20 metrics x 100 values) and response (GetMetricData,
 * 10 results x 500 timestamps and values). Candidates that are not installed are skipped:
 * @smithy/core (AWS SDK v3's codec) comes with the benchmark's v3 clients; cbor-x and cborg are
 * not dependencies (`npm install --no-save cbor-x cborg` to measure them). Also the whole
 * protocol step: serializeRpcV2Cbor / parseRpcV2Cbor against the json protocol's on the same data.
 * Prints microseconds per body, fastest of 9 interleaved rounds (the machine is shared); numbers
 * in docs/DESIGN.md.
 */
import { decodeCbor } from '../src/protocols/cbor-reader';
import { encodeCbor } from '../src/protocols/cbor-writer';
import { parseJson, parseRpcV2Cbor } from '../src/protocols/parse';
import { serializeJson, serializeRpcV2Cbor } from '../src/protocols/serialize';
import { Session } from '../src';

type Codec = { encode: (v: unknown) => Uint8Array; decode: (b: Buffer) => unknown };

// cborg is an ES module: loaded with a real import(), which ts-node's CommonJS output would rewrite.
const importEsm = new Function('s', 'return import(s)') as (s: string) => Promise<unknown>;

async function optional(name: string, make: (m: never) => Codec): Promise<Codec | undefined> {
  try {
    let m: unknown;
    try {
      m = require(name);
    } catch {
      m = await importEsm(name);
    }
    return make(m as never);
  } catch {
    console.log(`(${name} not installed: skipped)`);
    return undefined;
  }
}

async function main(): Promise<void> {
  const codecs: Record<string, Codec | undefined> = {
    'botojs (own, strict)': { encode: encodeCbor, decode: decodeCbor },
    '@smithy/core/cbor': await optional('@smithy/core/cbor', (m: { cbor: { serialize: (v: unknown) => Uint8Array; deserialize: (b: Uint8Array) => unknown } }) => ({
      encode: (v) => m.cbor.serialize(v),
      decode: (b) => m.cbor.deserialize(b),
    })),
    'cbor-x': await optional('cbor-x', (m: { Encoder: new (o: object) => { encode(v: unknown): Uint8Array; decode(b: Uint8Array): unknown } }) => {
      const c = new m.Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false });
      return { encode: (v) => c.encode(v), decode: (b) => c.decode(b) };
    }),
    cborg: await optional('cborg', (m: { encode: (v: unknown, o?: object) => Uint8Array; decode: (b: Uint8Array, o?: object) => unknown; Token: new (t: unknown, v: unknown) => unknown; Type: Record<string, unknown> }) => {
      const tags: Array<(v: unknown) => unknown> = [];
      // cborg 6 hands a tag decoder a function that decodes the tagged item.
    tags[1] = (decode) => new Date(((decode as () => number)()) * 1000);
      const typeEncoders = { Date: (d: Date) => [new m.Token(m.Type.tag, 1), new m.Token(m.Type.float, d.getTime() / 1000)] };
      return { encode: (v) => m.encode(v, { typeEncoders }), decode: (b) => m.decode(b, { tags, useMaps: false }) };
    }),
  };

  const t0 = Date.UTC(2024, 4, 6);
  const putMetricData = {
    Namespace: 'App/Checkout',
    MetricData: Array.from({ length: 20 }, (_, i) => ({
      MetricName: `latency-${i}`,
      Dimensions: [{ Name: 'host', Value: `web-${i}` }, { Name: 'region', Value: 'us-east-1' }],
      Timestamp: new Date(t0 + i * 60000),
      Values: Array.from({ length: 100 }, (_, k) => 10 + k * 0.25),
      Counts: Array.from({ length: 100 }, () => 1),
      Unit: 'Milliseconds',
      StorageResolution: 60,
    })),
  };
  const getMetricDataOutput = {
    MetricDataResults: Array.from({ length: 10 }, (_, i) => ({
      Id: `q${i}`,
      Label: `latency-${i}`,
      Timestamps: Array.from({ length: 500 }, (_, k) => new Date(t0 + k * 60000)),
      Values: Array.from({ length: 500 }, (_, k) => Math.sin(k) * 100 + 200.125),
      StatusCode: 'Complete',
    })),
    Messages: [],
  };

  function measure(fn: () => unknown): number {
    let n = 1;
    for (;;) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      const ns = Number(process.hrtime.bigint() - start);
      if (ns > 30e6) return ns / n / 1000;
      n *= 2;
    }
  }
  
  const requestBytes = encodeCbor(putMetricData);
  const responseBytes = Buffer.from(encodeCbor(getMetricDataOutput));
  console.log(`request ${requestBytes.length} B, response ${responseBytes.length} B (CBOR)`);

  // The protocol step, from params to request body and from body to result, cbor against json.
  const service = new Session({ regionName: 'us-east-1' }).client('cloudwatch').meta.serviceModel;
  const put = service.operation('PutMetricData');
  const get = service.operation('GetMetricData');
  const ctx = { service };
  const jsonBody = Buffer.from(JSON.stringify({ ...getMetricDataOutput, MetricDataResults: getMetricDataOutput.MetricDataResults.map((r) => ({ ...r, Timestamps: r.Timestamps.map((d) => d.getTime() / 1000) })) }));
  const raw = (body: Buffer) => ({ statusCode: 200, headers: {}, body });
  console.log(`json: request ${String(serializeJson(put, putMetricData, ctx).body).length} B, response ${jsonBody.length} B`);

  const tasks: Array<[string, () => unknown]> = [];
  for (const [name, c] of Object.entries(codecs)) {
    if (!c) continue;
    const decoded = c.decode(responseBytes) as { MetricDataResults: Array<{ Values: number[] }> };
    if (decoded.MetricDataResults[9].Values[499] !== getMetricDataOutput.MetricDataResults[9].Values[499]) throw new Error(`${name} decodes another value`);
    tasks.push([`${name}: encode PutMetricData`, () => c.encode(putMetricData)], [`${name}: decode GetMetricData`, () => c.decode(responseBytes)]);
  }
  tasks.push(
    ['serializeRpcV2Cbor PutMetricData', () => serializeRpcV2Cbor(put, putMetricData, ctx)],
    ['serializeJson PutMetricData', () => serializeJson(put, putMetricData, ctx)],
    ['parseRpcV2Cbor GetMetricData', () => parseRpcV2Cbor(get, raw(responseBytes), ctx)],
    ['parseJson GetMetricData', () => parseJson(get, raw(jsonBody), ctx)],
  );
  // Rounds interleave the candidates, so a busy spell on the shared machine hits them alike.
  const bestOf = new Map<string, number>();
  for (let round = 0; round < 9; round++) {
    for (const [name, fn] of tasks) bestOf.set(name, Math.min(bestOf.get(name) ?? Infinity, measure(fn)));
  }
  for (const [name, us] of bestOf) console.log(`${name.padEnd(44)} ${us.toFixed(1).padStart(8)} µs`);
}

void main();
