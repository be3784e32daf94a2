/**
 * The examples run as the README says: `npm run example examples/<file>.ts`, each in a process
 * of its own, starting the embedded servers itself, or using AWS_ENDPOINT_URL_S3 /
 * AWS_ENDPOINT_URL_DYNAMODB when both are set. (demo-tours.spec.ts checks what the tours print;
 * this checks the command.)
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { dynamodbEndpoint, s3Endpoint } from '../helpers/local';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.ts') && f !== 'run-example.ts');

function runExampleCommand(file: string, env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) if (key.startsWith('AWS_')) delete childEnv[key];
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve) => {
    execFile('npm', ['run', '-s', 'example', `examples/${file}`], { cwd: ROOT, env: childEnv, timeout: 60000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

type Run = ReturnType<typeof runExampleCommand>;

describe('examples/*.ts as programs', () => {
  // Each command is a fresh npm + ts-node process (seconds of start-up and transpiling): the three
  // start together, and each test awaits its own.
  let tour: Run;
  let fromEnvironment: Run;
  let failing: Run;
  beforeAll(() => {
    tour = runExampleCommand('tour.ts', {});
    fromEnvironment = runExampleCommand('profiles.ts', { AWS_ENDPOINT_URL_S3: s3Endpoint(), AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint() });
    // Nothing listens on port 9: the tour's first call fails to connect.
    failing = runExampleCommand('transfers-tour.ts', { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' });
  });

  it.each(EXAMPLES)('examples/%s says how to run it and runs its tour when it is the program', (file) => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
    expect(text.slice(0, text.indexOf('*/'))).toContain(`\`npm run example examples/${file}\``);
    expect(text).toMatch(/\nrunExample\(module, \w+\);\n$/);
  });

  it('npm run example examples/tour.ts starts the embedded servers, runs the tour and exits 0', async () => {
    const { code, stdout, stderr } = await tour;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Embedded S3 at http:\/\/127\.0\.0\.1:\d+, DynamoDB at http:\/\/127\.0\.0\.1:\d+\n/);
    expect(stdout).toMatch(/name: \{ S: 'Ada' \}/);
    expect(stdout).toMatch(/ {2}done\n$/);
  }, 60000);

  it('with AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_DYNAMODB set, an example uses those endpoints', async () => {
    const { code, stdout, stderr } = await fromEnvironment;
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n')[0]).toBe(`S3 at ${s3Endpoint()}, DynamoDB at ${dynamodbEndpoint()} (from AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB)`);
    expect(stdout).toMatch(/dev created bucket profiles-\w+/);
    expect(stdout).toMatch(/prod sees \d+ DynamoDB table\(s\) in eu-west-1/);
  }, 60000);

  it('a tour that fails makes the command exit 1 with the error on stderr', async () => {
    const { code, stderr } = await failing;
    expect(code).toBe(1);
    expect(stderr).toMatch(/EndpointConnectionError|ECONNREFUSED|Could not connect/);
  }, 60000);
});
