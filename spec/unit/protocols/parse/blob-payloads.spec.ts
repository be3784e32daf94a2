/**
 * A blob payload member is returned as a StreamingBody whether or not its shape has the
 * `streaming` trait: botocore's has_streaming_output is "the output payload is a blob", so boto3
 * gives Lambda Invoke's Payload and API Gateway GetExport's body as a StreamingBody. Expected
 * values are boto3 1.43.11's results for the same responses (loopback server).
 */
import { execFileSync } from 'child_process';
import { Config, Session } from '../../../../src';
import type { Shape } from '../../../../src/models/shape';
import { StreamingBody } from '../../../../src/util/streaming-body';
import { CannedServer } from '../../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('blob payloads without the streaming trait', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  it('Lambda Invoke: Payload is a StreamingBody, the other members as boto3', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json', 'content-length': '11', 'X-Amz-Executed-Version': '$LATEST' }, body: '{"ok":true}' });
    const r = await session.client('lambda', { endpointUrl: url }).invoke({ FunctionName: 'f' });
    // boto3: {'StatusCode': 200, 'ExecutedVersion': '$LATEST', 'Payload': <StreamingBody> reading b'{"ok":true}'}
    expect(r.Payload).toBeInstanceOf(StreamingBody);
    expect((r.Payload as StreamingBody).contentLength).toBe(11);
    expect(await (r.Payload as StreamingBody).text()).toBe('{"ok":true}');
    expect(r.StatusCode).toBe(200);
    expect(r.ExecutedVersion).toBe('$LATEST');
  });

  it('API Gateway GetExport: body is a StreamingBody', async () => {
    server.reply({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"swagger":"2.0"}' });
    const r = await session.client('apigateway', { endpointUrl: url }).getExport({ restApiId: 'r', stageName: 's', exportType: 'swagger' });
    // boto3: {'contentType': 'application/json', 'body': <StreamingBody> reading b'{"swagger":"2.0"}'}
    expect(r.contentType).toBe('application/json');
    expect(r.body).toBeInstanceOf(StreamingBody);
    expect(await (r.body as StreamingBody).text()).toBe('{"swagger":"2.0"}');
  });

  it('an error response of such an operation is still read whole and raised', async () => {
    server.reply({ status: 404, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }, body: '{"Message":"no such function"}' });
    const err = (await session.client('lambda', { endpointUrl: url }).invoke({ FunctionName: 'f' }).catch((e: unknown) => e)) as { code: string; message: string };
    expect(err.code).toBe('ResourceNotFoundException');
    expect(err.message).toContain('no such function');
  });

  it('the operation model says so: has_streaming_output for every blob payload, none for others', () => {
    const lambda = session.client('lambda').meta.serviceModel;
    expect(lambda.operation('Invoke').outputStreamingMember).toBe('Payload');
    expect(lambda.operation('GetFunction').outputStreamingMember).toBeUndefined();
    const s3 = session.client('s3').meta.serviceModel;
    expect(s3.operation('GetObject').outputStreamingMember).toBe('Body');
    // A string payload is not a stream (botocore decodes it).
    expect(s3.operation('GetBucketPolicy').outputStreamingMember).toBeUndefined();
  });
});

/** [service, operation, payload member] for every operation whose output payload is a blob, read from the raw JSON. */
function blobPayloadOperations(): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  for (const service of session.getAvailableServices()) {
    const raw = session.loader.loadServiceModel(service, 'service-2') as {
      operations: Record<string, { output?: { shape: string } }>;
      shapes: Record<string, { type: string; payload?: string; members?: Record<string, { shape: string }> }>;
    };
    for (const [name, op] of Object.entries(raw.operations)) {
      const output = op.output ? raw.shapes[op.output.shape] : undefined;
      const payload = output?.payload;
      if (payload === undefined) continue;
      const member = output?.members?.[payload];
      if (member && raw.shapes[member.shape]?.type === 'blob') out.push([service, name, payload]);
    }
  }
  return out.sort();
}

/** botocore's own list (has_streaming_output), or null without python3 + botocore. */
function botocoreStreamingOutputs(): Array<[string, string, string]> | null {
  const script = `
import json, botocore.session
s = botocore.session.get_session()
loader = s.get_component('data_loader')
out = []
for svc in s.get_available_services():
    raw = loader.load_service_model(svc, 'service-2')
    # Only an output with a payload can stream; building the other operations' models costs seconds.
    candidates = [n for n, o in raw['operations'].items() if 'output' in o and 'payload' in raw['shapes'][o['output']['shape']]]
    if not candidates:
        continue
    m = s.get_service_model(svc)
    for op in candidates:
        o = m.operation_model(op)
        if o.has_streaming_output:
            out.append([svc, op, o.output_shape.serialization['payload']])
print(json.dumps(sorted(out)))`;
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60_000 })) as Array<[string, string, string]>;
  } catch {
    return null;
  }
}

/** Params that pass validation: every required member filled with a plain value of its type. */
function minimalParams(shape: Shape | undefined, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!shape || depth > 5) return out;
  for (const name of shape.required) {
    const m = shape.member(name) as Shape;
    out[name] = valueFor(m, depth + 1);
  }
  return out;
}

function valueFor(shape: Shape, depth: number): unknown {
  switch (shape.type) {
    case 'string':
      return shape.enum?.[0] ?? 'x'.repeat(Math.max(1, shape.min ?? 1));
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Math.max(1, shape.min ?? 1);
    case 'boolean':
      return true;
    case 'timestamp':
      return new Date(0);
    case 'blob':
      return Buffer.from('x');
    case 'list':
      return Array.from({ length: Math.max(1, shape.min ?? 1) }, () => valueFor(shape.listMember, depth + 1));
    case 'map':
      return { k: valueFor(shape.mapValue, depth + 1) };
    default:
      return minimalParams(shape, depth);
  }
}

describe('every blob-payload operation in the models', () => {
  const operations = blobPayloadOperations();
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
    server.handler = () => ({ status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': '7' }, body: 'payload' });
  });
  afterAll(() => server.stop());

  it('are found (Lambda Invoke, API Gateway GetExport and GetSdk among them), and match botocore when it is installed', () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const op of [['lambda', 'Invoke', 'Payload'], ['apigateway', 'GetExport', 'body'], ['apigateway', 'GetSdk', 'body'], ['s3', 'GetObject', 'Body']]) {
      expect(operations).toContainEqual(op);
    }
    const botocore = botocoreStreamingOutputs();
    if (!botocore) console.log('[botojs] python3/botocore not available: blob payloads checked against the models only');
    else expect(operations.filter(([svc]) => botocore.some(([b]) => b === svc))).toEqual(botocore.filter(([svc]) => operations.some(([o]) => o === svc)));
  });

  it('every one has outputStreamingMember = its payload (botocore has_streaming_output)', () => {
    const wrong = operations.filter(([svc, op, payload]) => session.client(svc, { endpointUrl: url }).meta.serviceModel.operation(op).outputStreamingMember !== payload);
    expect(wrong).toEqual([]);
  });

  it('every one returns its payload as a StreamingBody over the wire', async () => {
    const wrong: string[] = [];
    for (const [svc, op, payload] of operations) {
      // Through the canned server as an HTTP proxy, so host prefixes (`maps.`, `{AccountId}.`)
      // make names it can answer for (an IP address takes no prefix).
      const config = new Config({ s3: { addressingStyle: 'path' }, retries: { totalMaxAttempts: 1 }, proxies: { http: url } });
      const client = session.client(svc, { endpointUrl: 'http://blob-payloads.test', config });
      const model = client.meta.serviceModel.operation(op);
      const method = client[client.meta.serviceModel.operationIndex.canonicalOf(op)] as (p: Record<string, unknown>) => Promise<Record<string, unknown>>;
      try {
        const r = await method(minimalParams(model.input));
        const body = r[payload];
        if (!(body instanceof StreamingBody)) wrong.push(`${svc}.${op}: ${payload} is ${typeof body}`);
        else if ((await body.text()) !== 'payload') wrong.push(`${svc}.${op}: read the wrong bytes`);
      } catch (e) {
        wrong.push(`${svc}.${op}: ${(e as Error).message.slice(0, 200)}`);
      } finally {
        client.close();
      }
    }
    expect(wrong).toEqual([]);
  });
});
