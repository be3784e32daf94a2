import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseArgs, replContext } from '../../../src/cli/botojs';

const ROOT = path.resolve(__dirname, '../../..');

describe('botojs repl', () => {
  it('parses its flags and rejects unknown ones', () => {
    expect(parseArgs(['repl', '--profile', 'dev', '--region=eu-west-1', '--endpoint-url', 'http://127.0.0.1:1'])).toEqual({
      command: 'repl', profile: 'dev', region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:1',
    });
    expect(() => parseArgs(['repl', '--regoin', 'x'])).toThrow(/unknown argument '--regoin'/);
    expect(() => parseArgs(['repl', '--profile'])).toThrow(/--profile needs a value/);
  });

  it('puts session, client, resource and help in scope, with the endpoint applied', () => {
    const ctx = replContext({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:1' });
    const client = (ctx.client as (n: string) => { meta: { regionName: string; endpointUrl: string } })('sqs');
    expect(client.meta.regionName).toBe('eu-west-1');
    expect(client.meta.endpointUrl).toBe('http://127.0.0.1:1');
    expect(typeof ctx.help).toBe('function');
    expect(typeof ctx.resource).toBe('function');
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
      env: { ...process.env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json') },
      timeout: 60000,
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.stdout).toContain('botojs REPL');
    expect(r.stdout).toContain('true');
    expect(r.stdout).toMatch(/sqs\.sendMessage\(params\)[\s\S]*QueueUrl: string[\s\S]*MessageBody: string/);
    expect(r.stdout).not.toMatch(/'sqs\.sendMessage\(params\)/); // printed once, not echoed back as a string
  }, 60000);
});
