import { spawnSync } from 'child_process';
import * as path from 'path';
import type { REPLServer } from 'repl';
import { PassThrough } from 'stream';
import { replContext, startRepl } from '../../../src/cli/repl';
import { CannedServer } from '../../helpers/canned-server';
import { isolatedSession } from '../../helpers/local';
import { waitFor } from '../../helpers/wait-for';

const ROOT = path.resolve(__dirname, '../../..');

describe('botojs repl', () => {
  it('puts session, client, resource, help and progressBar in scope, with the endpoint applied to every client', () => {
    const ctx = replContext({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:1' });
    type Meta = { meta: { regionName: string; endpointUrl: string } };
    const client = (ctx.client as (n: string) => Meta)('sqs');
    expect(client.meta.regionName).toBe('eu-west-1');
    expect(client.meta.endpointUrl).toBe('http://127.0.0.1:1');
    // The session's own clients, and the client under a resource, reach the same endpoint.
    expect((ctx.session as { client(n: string): Meta }).client('sqs').meta.endpointUrl).toBe('http://127.0.0.1:1');
    expect((ctx.resource as (n: string) => { meta: { client: Meta } })('s3').meta.client.meta.endpointUrl).toBe('http://127.0.0.1:1');
    // An explicit endpoint still wins.
    expect((ctx.client as (n: string, o: object) => Meta)('sqs', { endpointUrl: 'http://127.0.0.1:2' }).meta.endpointUrl).toBe('http://127.0.0.1:2');
    expect(typeof ctx.help).toBe('function');
    expect(typeof ctx.progressBar).toBe('function');
  });

  it('runs as a REPL with top-level await and client help', () => {
    const input = [
      "const sqs = client('sqs')",
      "await Promise.resolve(Object.keys(sqs).includes('sendMessage'))",
      'help(sqs.sendMessage)',
      '.exit',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/botojs.ts', 'repl', '--region', 'us-east-1'], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      env: { ...process.env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', BOTOJS_REPL_HISTORY: '', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      timeout: 60000,
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stdout).toContain('botojs REPL');
    expect(r.stdout).toContain('true');
    expect(r.stdout).toMatch(/sqs\.sendMessage\(params\)[\s\S]*QueueUrl: string[\s\S]*MessageBody: string/);
    expect(r.stdout).not.toMatch(/'sqs\.sendMessage\(params\)/); // printed once, not echoed back as a string
  }, 60000);

  describe('Ctrl-C', () => {
    let server: CannedServer;
    let url: string;
    let repl: REPLServer | undefined;
    let input: PassThrough;
    let text: string;
    const clients: Array<{ close(): void }> = [];

    beforeEach(async () => {
      server = new CannedServer();
      url = await server.start();
      input = new PassThrough();
      const output = new PassThrough();
      text = '';
      output.on('data', (c: Buffer) => (text += c.toString('utf8')));
      // A terminal REPL on streams: Ctrl-C is the \x03 key, as a user's terminal sends it.
      const client = (name: string) => {
        const c = isolatedSession().client(name, { endpointUrl: url });
        clients.push(c);
        return c;
      };
      repl = startRepl({ client }, { input, output, terminal: true, preview: false });
    });
    afterEach(async () => {
      repl?.close();
      for (const c of clients.splice(0)) c.close();
      await server.stop();
    });

    const type = (line: string) => input.write(line);

    it('while a call runs: aborts it (it rejects with AbortError) and returns to the prompt; later lines run normally', async () => {
      server.handler = () => ({ hang: true });
      type("const ddb = client('dynamodb')\n");
      type('p = ddb.listTables(); await p\n');
      await waitFor(() => server.requests.length === 1);
      type('\x03');
      await waitFor(() => /interrupted by `?SIGINT/.test(text));
      type("await p.catch((e) => `${e.name}: ${e.constructor.name}`)\n");
      await waitFor(() => text.includes("'AbortError: AbortError'"));
      // The session goes on: the next line's calls are not aborted.
      server.handler = () => ({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":["t1"]}' });
      type('(await ddb.listTables()).TableNames[0]\n');
      await waitFor(() => text.includes("'t1'"));
    });

    it('cancels a paginator running in a function the line calls', async () => {
      // One page answers (with a token for more); the next never does.
      server.handler = (req) =>
        req.body.toString().includes('ExclusiveStartTableName')
          ? { hang: true }
          : { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":["table-1"],"LastEvaluatedTableName":"table-1"}' };
      type("const ddb = client('dynamodb')\n");
      type("async function allTables() { const names = []; for await (const page of ddb.getPaginator('listTables').paginate()) names.push(...page.TableNames); return names }\n");
      type('a = allTables(); await a\n');
      await waitFor(() => server.requests.length === 2);
      type('\x03');
      await waitFor(() => /interrupted by `?SIGINT/.test(text));
      type('await a.catch((e) => e.name)\n');
      await waitFor(() => text.includes("'AbortError'"));
    });

    it("cancels a waiter's poll and the delay between polls", async () => {
      server.handler = () => ({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"no"}' });
      type("const ddb = client('dynamodb')\n");
      type("w = ddb.getWaiter('tableExists').wait({ TableName: 't', WaiterConfig: { Delay: 30 } }); await w\n");
      await waitFor(() => server.requests.length === 1);
      type('\x03');
      await waitFor(() => /interrupted by `?SIGINT/.test(text));
      type('await w.catch((e) => e.name)\n');
      await waitFor(() => text.includes("'AbortError'"));
      expect(server.requests).toHaveLength(1); // the 30 s delay ended, no further poll
    });

    it('at an idle prompt behaves as Node: a hint first, a second Ctrl-C exits', async () => {
      const exited = new Promise<void>((resolve) => repl?.once('exit', () => resolve()));
      type('\x03');
      await waitFor(() => text.includes('(To exit, press Ctrl+C again or Ctrl+D or type .exit)'));
      type('\x03');
      await exited;
      repl = undefined;
    });
  });
});
