/**
 * Operations whose input is an event stream. Every one in the models also streams events back
 * while it reads them (bidirectional), which needs HTTP/2; botojs's transport is HTTP/1.1, and
 * botocore 1.43 cannot send them either (it removes the methods it knows of). So each is refused
 * with UnsupportedOperationError naming the operation before anything is resolved or sent: by
 * the botocore customization for the five it names, and by the pipeline's generic check for any
 * other (a model update that adds one, shown here with a renamed copy of Bedrock Runtime).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, Session, UnsupportedOperationError } from '../../../src';
import { ModelLoader } from '../../../src/models/loader';
import { EVENT_STREAM_INPUT_REASON } from '../../../src/pipeline/event-stream-output';
import { CannedServer } from '../../helpers/canned-server';
import { eventStreamMemberOf } from '../../differential/event-stream-writer';
import { generateInput } from '../../differential/input-values';
import { listServices, loadModel } from '../../differential/model-catalog';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };

function inputStreamOperations(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const entry of listServices()) {
    const model = loadModel(entry.file);
    for (const [name, op] of Object.entries(model.operations)) if (eventStreamMemberOf(model, op.input)) out.push([entry.name, name]);
  }
  return out.sort();
}

const OPERATIONS = inputStreamOperations();

/** Calls `operation` by its model name; a refused property access becomes the rejection. */
async function call(client: Record<string, unknown>, operation: string, params: unknown): Promise<unknown> {
  return (client[operation] as (p: unknown) => Promise<unknown>)(params);
}

describe('operations with an event stream input', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());

  test('the models hold the bidirectional operations botocore removes, each with an output stream too', () => {
    expect(OPERATIONS).toEqual(
      expect.arrayContaining([
        ['bedrock-runtime', 'InvokeModelWithBidirectionalStream'],
        ['connecthealth', 'StartMedicalScribeListeningSession'],
        ['lexv2-runtime', 'StartConversation'],
        ['polly', 'StartSpeechSynthesisStream'],
        ['qbusiness', 'Chat'],
      ]),
    );
    for (const [service, name] of OPERATIONS) {
      const model = loadModel(listServices().find((s) => s.name === service)!.file);
      expect([service, name, eventStreamMemberOf(model, model.operations[name].output) !== undefined]).toEqual([service, name, true]);
    }
  });

  test.each(OPERATIONS)('%s %s is refused, naming the operation, and nothing is sent', async (service, operation) => {
    const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
    const client = session.client(service, { endpointUrl: url }) as unknown as Record<string, unknown>;
    const before = server.requests.length;
    const err = await call(client, operation, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnsupportedOperationError);
    expect((err as Error).message).toContain(`'${service}' operation ${operation} is not supported`);
    expect(server.requests.length).toBe(before);
  });

  describe('an input event stream operation no customization names', () => {
    let dataPath: string;
    beforeAll(() => {
      // Bedrock Runtime under another service id, so botocore's removal handler does not apply.
      dataPath = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-evstream-'));
      const src = listServices().find((s) => s.name === 'bedrock-runtime')!;
      const dir = path.join(dataPath, 'evstream-copy', src.apiVersion);
      fs.mkdirSync(dir, { recursive: true });
      const model = JSON.parse(fs.readFileSync(src.file, 'utf8')) as { metadata: Record<string, unknown> };
      model.metadata.serviceId = 'Evstream Copy';
      fs.writeFileSync(path.join(dir, 'service-2.json'), JSON.stringify(model));
      fs.copyFileSync(path.join(path.dirname(src.file), 'endpoint-rule-set-1.json'), path.join(dir, 'endpoint-rule-set-1.json'));
    });
    afterAll(() => fs.rmSync(dataPath, { recursive: true, force: true }));

    test('is listed, and refused by the pipeline before parameters are validated or anything is sent', async () => {
      const loader = new ModelLoader({ env: { BOTOJS_DATA_PATH: dataPath } });
      const session = new Session({ env, loader, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
      const client = session.client('evstream-copy', { endpointUrl: url, config: new Config({ retries: { totalMaxAttempts: 1 } }) }) as unknown as Record<string, unknown>;
      expect(Object.keys(client)).toContain('invokeModelWithBidirectionalStream');
      const sends: unknown[] = [];
      (client.meta as { events: { register(n: string, h: (p: unknown) => void): void } }).events.register('before-send', (p) => void sends.push(p));
      const before = server.requests.length;
      // Missing required members: the refusal still comes first, and names the real problem.
      const err = await call(client, 'invokeModelWithBidirectionalStream', {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnsupportedOperationError);
      expect((err as Error).message).toBe(`'evstream-copy' operation InvokeModelWithBidirectionalStream is not supported: ${EVENT_STREAM_INPUT_REASON}`);
      expect(sends).toEqual([]);
      expect(server.requests.length).toBe(before);
      // Its output-only operations are called as usual.
      const model = loadModel(listServices().find((s) => s.name === 'bedrock-runtime')!.file);
      const { params } = generateInput(model, 'bedrock-runtime', { ...model.operations.ConverseStream, name: 'ConverseStream' }, 'required');
      server.reply({ status: 200, headers: { 'content-type': 'application/vnd.amazon.eventstream' }, body: '' });
      const result = (await call(client, 'converseStream', params)) as { stream: AsyncIterable<unknown> };
      const events: unknown[] = [];
      for await (const e of result.stream) events.push(e);
      expect(events).toEqual([]);
      expect(server.requests.length).toBe(before + 1);
    });
  });
});
