/**
 * Every operation in service-models/ whose output is an event stream, called end to end against
 * a loopback server answering with frames generated from the model (spec/differential/
 * event-stream-writer.ts): one event of every event type with every member filled, then a
 * modeled exception event. The events come out of `for await` as `{ EventName: { ...members } }`,
 * the json protocols' initial-response members are merged into the result (REST ones come from
 * headers), and the exception is the client's class for it, an EventStreamError too, with
 * botocore's Code (the stream member's name) and Message.
 *
 * The same frames are compared with boto3's events by the differential sweep (event-stream
 * cases); this spec needs no Python.
 */
import { Config, EventStreamError, Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';
import { writeEventStreamResponse, eventStreamMemberOf } from '../../differential/event-stream-writer';
import { generateInput } from '../../differential/input-values';
import { listServices, loadModel, RawModel, RawOperation } from '../../differential/model-catalog';
import { Tagged, untag } from '../../differential/tagged';

interface OutputCase {
  service: string;
  protocol: string;
  model: RawModel;
  op: RawOperation;
  member: string;
  bidirectional: boolean;
}

function outputCases(): OutputCase[] {
  const out: OutputCase[] = [];
  for (const entry of listServices()) {
    const model = loadModel(entry.file);
    for (const name of Object.keys(model.operations).sort()) {
      const op = { ...model.operations[name], name };
      const member = eventStreamMemberOf(model, op.output);
      if (member) out.push({ service: entry.name, protocol: entry.protocol, model, op, member, bidirectional: eventStreamMemberOf(model, op.input) !== undefined });
    }
  }
  return out;
}

const CASES = outputCases();
const OUTPUT_ONLY = CASES.filter((c) => !c.bidirectional);

const session = new Session({
  awsAccessKeyId: 'AKID',
  awsSecretAccessKey: 'SECRET',
  regionName: 'us-east-1',
  env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
  authTokenProvider: async () => 'token',
});

describe('every output event stream in the models', () => {
  const server = new CannedServer();
  let proxy: string;
  beforeAll(async () => {
    proxy = await server.start();
  });
  afterAll(() => server.stop());

  test('the models hold the operations the issue names, and more', () => {
    const ids = CASES.map((c) => `${c.service}.${c.op.name}`);
    for (const id of [
      's3.SelectObjectContent',
      'lambda.InvokeWithResponseStream',
      'bedrock-runtime.ConverseStream',
      'bedrock-runtime.InvokeModelWithResponseStream',
      'kinesis.SubscribeToShard',
      'logs.StartLiveTail',
      'logs.GetLogObject',
      'sagemaker-runtime.InvokeEndpointWithResponseStream',
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(CASES.map((c) => c.protocol))).toEqual(new Set(['rest-xml', 'rest-json', 'json']));
    expect(OUTPUT_ONLY.length).toBeGreaterThanOrEqual(18);
  });

  test.each(OUTPUT_ONLY.map((c) => [`${c.service}.${c.op.name} (${c.protocol})`, c] as const))('%s', async (_id, c) => {
    const generated = writeEventStreamResponse(c.model, c.protocol, c.op, `evstream.${c.service}.${c.op.name}`);
    const response = generated.response;
    server.reply({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(response.body, 'base64') });
    // Through a proxy, so host prefixes (`stream-`, `data.`) and virtual-hosted buckets need no DNS.
    const client = session.client(c.service, { endpointUrl: 'http://evstream.test', config: new Config({ proxies: { http: proxy }, retries: { totalMaxAttempts: 1 } }) });
    const opModel = client.meta.serviceModel.operation(c.op.name);
    expect([opModel.eventStreamOutputMember, opModel.eventStreamInputMember, opModel.outputStreamingMember]).toEqual([c.member, undefined, undefined]);
    const { params } = generateInput(c.model, c.service, c.op, 'required');
    const result = (await (client as unknown as Record<string, (p: unknown) => Promise<Record<string, unknown>>>)[c.op.name](untag(params))) as Record<string, unknown>;

    // The output's other members: from the initial-response event (json) or headers (rest).
    const expectedInitial = untag(generated.initial) as Record<string, unknown>;
    for (const [name, value] of Object.entries(expectedInitial)) expect([name, result[name]]).toEqual([name, value]);
    // botocore's order for json: the initial-response members, the stream, ResponseMetadata.
    if (c.protocol === 'json') expect(Object.keys(result)).toEqual([...Object.keys(expectedInitial), c.member, 'ResponseMetadata']);

    const stream = result[c.member] as AsyncIterable<Record<string, unknown>> & { close(): void };
    const events: unknown[] = [];
    let error: unknown;
    try {
      for await (const event of stream) events.push(event);
    } catch (e) {
      error = e;
    }
    expect(events).toEqual(generated.events.map((e) => untag(e as Tagged)));
    if (generated.exception) {
      const cls = (client.exceptions as unknown as Record<string, new (...a: never[]) => Error>)[generated.exception.shape];
      expect(error).toBeInstanceOf(cls);
      expect(error).toBeInstanceOf(EventStreamError);
      expect(error).toMatchObject({ name: generated.exception.shape, code: generated.exception.member, operationName: c.op.name });
      expect((error as { response: { Error: unknown } }).response.Error).toEqual({ Code: generated.exception.member, Message: generated.exception.message });
    } else {
      expect(error).toBeUndefined();
    }
    client.close();
  });
});
