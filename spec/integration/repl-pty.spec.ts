/**
 * The REPL as a user meets it: `botojs --endpoint-url ...` in a pseudo-terminal against the
 * test setup's s3rver, keys typed one line at a time, and the screen read back through a
 * headless terminal (spec/helpers/pty-screen.ts): completion, short echoes, a progress bar,
 * help, and the history file.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { s3Endpoint, uniqueName } from '../helpers/local';
import type { PtyScreen as PtyScreenType } from '../helpers/pty-screen';

const ROOT = path.resolve(__dirname, '../..');

// node-pty ships prebuilt for Linux, macOS and Windows on x64 and arm64; elsewhere say so and skip.
let ptyProblem: string | undefined;
try {
  require('@lydell/node-pty');
} catch (e) {
  ptyProblem = (e as Error).message.split('\n')[0];
  console.warn(`[botojs] @lydell/node-pty cannot load here (${ptyProblem}): the REPL pseudo-terminal tests are skipped`);
}
const describePty = ptyProblem ? describe.skip : describe;

describePty('the REPL in a terminal', () => {
  let dir: string;
  let history: string;
  let screen: PtyScreenType;
  const bucket = uniqueName('repl');
  const prompts = () => (screen.screen().match(/^botojs> /gm) ?? []).length;

  /** Types a line and Enter; resolves once the next prompt is on the screen. */
  async function run(line: string): Promise<string> {
    const before = prompts();
    screen.type(`${line}\r`);
    return screen.waitFor(() => prompts() > before, 30000, `the prompt after ${JSON.stringify(line)}`);
  }

  /** Types keys (ending in TAB), waits for the cursor's line to show `expected`, then clears the line. */
  async function completes(keys: string, expected: RegExp): Promise<string> {
    await screen.typeWithPauses(keys);
    const shown = await screen.waitFor(() => expected.test(screen.screen()), 10000, `${expected} after typing ${JSON.stringify(keys)}`);
    screen.type('\x15'); // Ctrl-U: clear the line for the next test
    await screen.waitFor(() => screen.cursorLine() === 'botojs> ', 5000, 'the line to clear');
    return shown;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-repl-'));
    history = path.join(dir, 'history');
    fs.writeFileSync(path.join(dir, 'big.bin'), Buffer.alloc(3 * 1024 * 1024, 7));
    const { PtyScreen } = require('../helpers/pty-screen') as typeof import('../helpers/pty-screen');
    screen = new PtyScreen(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/cli/botojs.ts', '--region', 'us-east-1', '--endpoint-url', s3Endpoint()], {
      cwd: ROOT,
      cols: 200,
      rows: 50,
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        TERM: 'xterm-256color',
        TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'),
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
        BOTOJS_REPL_HISTORY: history,
      },
    });
    await screen.waitFor((s) => /^botojs> $/m.test(s), 60000, 'the first prompt');
  }, 90000);

  afterAll(async () => {
    screen?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('greets with the session it made', () => {
    expect(screen.screen()).toContain(`botojs REPL (profile default, region us-east-1, endpoint ${s3Endpoint()}). In scope: session, client(name), resource(name), help(obj), progressBar(total).`);
  });

  it('echoes a client as one short line', async () => {
    await run("const s3 = client('s3')");
    const shown = await run('s3');
    expect(shown).toContain(`botojs> s3\n<botojs.client.s3 region=us-east-1 endpoint=${s3Endpoint()} operations=111>\nbotojs> `);
    expect(shown).not.toContain('Proxy [');
  }, 60000);

  it('completes service names, operations and parameter names with TAB', async () => {
    await completes("client('dynamodbst\t", /^botojs> client\('dynamodbstreams$/m);
    await completes('s3.putObjectTa\t', /^botojs> s3\.putObjectTagging$/m);
    await completes('s3.createBucket({ Bu\t', /^botojs> s3\.createBucket\(\{ Bucket$/m);
    // Two TABs list the choices under the line.
    const listed = await completes("s3.putObject({ Bucket: 'b', ContentL\t\t", /ContentLanguage\s+ContentLength/);
    expect(listed).toMatch(/^botojs> s3\.putObject\(\{ Bucket: 'b', ContentL/m);
  }, 60000);

  it('runs a call completed with TAB and echoes its result short: data first, ResponseMetadata on one line', async () => {
    await screen.typeWithPauses('await s3.createBucket({ Buc\t');
    await screen.waitFor(() => screen.cursorLine().endsWith('{ Bucket'), 10000, 'Bucket to be completed');
    const shown = await run(`: '${bucket}' })`);
    expect(shown).toMatch(new RegExp(`\\{\\n {2}Location: '/${bucket}',\\n {2}ResponseMetadata: \\{ HTTPStatusCode: 200, HTTPHeaders: \\[\\d+ headers\\], RetryAttempts: 0 \\}\\n\\}\\nbotojs> `));
  }, 60000);

  it('completes resource members and echoes a resource short', async () => {
    const shown = await run(`b = resource('s3').Bucket('${bucket}')`);
    expect(shown).toContain(`s3.Bucket(name='${bucket}')\nbotojs> `);
    await completes('b.obj\t\t', /objectVersions\s+objects/);
    await completes('b.waitUntilN\t', /^botojs> b\.waitUntilNotExists$/m);
  }, 60000);

  it('draws a progress bar for uploadFile on a terminal', async () => {
    const shown = await run(`await s3.uploadFile('${path.join(dir, 'big.bin')}', '${bucket}', 'big.bin')`);
    expect(shown).toMatch(/upload big\.bin: \[█{30}\] 100% 3\.0 MiB \/ 3\.0 MiB \| [\d.]+ \w+\/s \| done in [\d.]+ s\nundefined\nbotojs> /);
    const listed = await run(`(await s3.listObjectsV2({ Bucket: '${bucket}' })).Contents.map((o) => o.Size)`);
    expect(listed).toContain('[ 3145728 ]');
  }, 60000);

  it('prints a service error short: its message, the error response and the status', async () => {
    const shown = await run(`await s3.getObject({ Bucket: '${bucket}', Key: 'missing' })`);
    expect(shown).toMatch(/NoSuchKey: An error occurred \(NoSuchKey\) when calling the GetObject operation: [^\n]+\n {2}Error: \{ Code: 'NoSuchKey', [^\n]+\}, HTTP 404\n {2}\(_error is this error: _error\.stack, _error\.response\)\nbotojs> $/);
  }, 60000);

  it('help() describes transfer methods', async () => {
    const shown = await run('help(s3.uploadFile)');
    expect(shown).toContain("s3.uploadFile(filename, bucket, key, options?) -> Promise<void>   [managed transfer, as boto3's upload_file]");
    expect(shown).toContain('Callback: (bytes) => void');
  }, 60000);

  it('keeps the lines in the history file', async () => {
    screen.type('.exit\r');
    expect(await screen.exit(20000)).toBe(0);
    const lines = fs.readFileSync(history, 'utf8').split('\n');
    expect(lines).toEqual(expect.arrayContaining(["const s3 = client('s3')", `await s3.createBucket({ Bucket: '${bucket}' })`, 'help(s3.uploadFile)']));
  }, 60000);
});
