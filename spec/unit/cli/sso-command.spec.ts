/**
 * `botojs sso login`: the command table, its options and help, and a whole login against a
 * loopback SSO OIDC + SSO portal stand-in, after which the profile's SSO credentials work for a
 * call (signed with the role keys the portal issued for the new token).
 */
import { dispatch, usage } from '../../../src/cli/botojs';
import { parseSsoLoginArgs, ssoCommand } from '../../../src/cli/sso-command';
import type { SsoCommandIo } from '../../../src/cli/sso-command';
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';
import { FakeSso, tempHome } from '../credentials/fake-aws';

const CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-west-2
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[profile old]
sso_start_url = https://legacy.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 111122223333
sso_role_name = ReadOnly
region = eu-west-1
`;

/** Captures what the command prints; sleeps are recorded, not waited. */
function io(env: NodeJS.ProcessEnv): SsoCommandIo & { out: string; err: string; sleeps: number[] } {
  const r = {
    out: '',
    err: '',
    sleeps: [] as number[],
    env,
    stdout: (t: string) => void (r.out += t),
    stderr: (t: string) => void (r.err += t),
    sleep: async (s: number) => void r.sleeps.push(s),
  };
  return r;
}

describe('botojs sso: the command and its options', () => {
  it('is in the command table, and `sso login` reaches it', () => {
    expect(usage()).toMatch(/\n {2}sso {4}sso login --profile NAME: sign in to IAM Identity Center/);
    const chosen = dispatch(['sso', 'login', '--profile', 'dev']);
    expect('args' in chosen && chosen.args).toEqual(['login', '--profile', 'dev']);
  });

  it('parses its options; --no-browser and --use-device-code are accepted (print-only is all it does)', () => {
    expect(parseSsoLoginArgs(['--profile', 'dev', '--no-browser'])).toEqual({ profile: 'dev', help: false });
    expect(parseSsoLoginArgs(['--sso-session=corp', '--endpoint-url', 'http://127.0.0.1:1', '--use-device-code'])).toEqual({ ssoSession: 'corp', endpointUrl: 'http://127.0.0.1:1', help: false });
    expect(() => parseSsoLoginArgs(['--profle', 'dev'])).toThrow(/unknown option '--profle' \(did you mean --profile\?\)/);
    expect(() => parseSsoLoginArgs(['--profile'])).toThrow(/--profile needs a value/);
    expect(() => parseSsoLoginArgs(['--profile', '--no-browser'])).toThrow(/--profile needs a value/);
  });

  it('--help describes it; a missing or unknown subcommand is a usage error', async () => {
    const help = io({});
    expect(await ssoCommand(['login', '--help'], help)).toBe(0);
    expect(help.out).toMatch(/^usage: botojs sso login \[--profile NAME\]/);
    expect(help.out).toContain('No browser is opened.');
    const bare = io({});
    expect(await ssoCommand([], bare)).toBe(2);
    expect(bare.err).toMatch(/^usage: botojs sso login/);
    const typo = io({});
    expect(await ssoCommand(['logn'], typo)).toBe(2);
    expect(typo.err).toMatch(/unknown subcommand 'logn' \(did you mean login\?\)/);
    const bad = io({});
    expect(await ssoCommand(['login', '--browser'], bad)).toBe(2);
    expect(bad.err).toMatch(/unknown option '--browser'/);
  });
});

describe('botojs sso login (loopback SSO OIDC and SSO portal)', () => {
  const sso = new FakeSso();
  const service = new CannedServer();
  let serviceUrl = '';
  beforeAll(async () => {
    await sso.start();
    serviceUrl = await service.start();
  });
  afterAll(async () => {
    await sso.stop();
    await service.stop();
  });
  beforeEach(() => {
    sso.registerCalls = [];
    sso.deviceCalls = [];
    sso.tokenCalls = [];
    sso.roleCalls = [];
    sso.deviceSteps = [];
    sso.deviceInterval = 1;
    sso.validTokens = new Set();
    sso.nextAccessToken = 'device-access-token';
  });

  it('logs in an sso-session profile, after which its SSO credentials sign a call', async () => {
    sso.deviceSteps = ['pending', 'slow_down'];
    const h = tempHome({ config: CONFIG });
    const run = io({ ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url });
    expect(await ssoCommand(['login', '--profile', 'dev'], run)).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toContain('https://device.sso.example.com/?user_code=WXYZ-1');
    expect(run.out).toContain('\n    WXYZ-1\n');
    expect(run.out).toMatch(/Signed in to sso-session corp, https:\/\/corp\.awsapps\.com\/start\. The token is valid until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(cached in ~\/\.aws\/sso\/cache\/ee0bfd2552fbd840c02cc48b6e823320543c450f\.json\)\.\n$/);
    expect(run.sleeps).toEqual([1, 6]);
    expect(sso.tokenCalls).toHaveLength(3);

    // The token reader finds the new token: SSO credentials, then a call signed with them.
    const session = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO: sso.url }, profileName: 'dev' });
    expect(await session.getCredentials()).toMatchObject({ method: 'sso', accessKey: 'ASIASSO1' });
    expect(sso.roleCalls).toEqual([{ roleName: 'Developer', accountId: '111122223333', token: 'device-access-token', authorization: undefined }]);
    service.handler = () => ({ status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"QueueUrls": []}' });
    const sqs = session.client('sqs', { endpointUrl: serviceUrl });
    await sqs.listQueues();
    sqs.close();
    expect(service.requests.at(-1)?.headers.authorization).toMatch(/Credential=ASIASSO1\/\d{8}\/us-west-2\/sqs\/aws4_request/);
    expect(service.requests.at(-1)?.headers['x-amz-security-token']).toBe('sso-token-1');
  });

  it('logs in a legacy profile through --endpoint-url, and a named --sso-session without a profile', async () => {
    const h = tempHome({ config: CONFIG });
    const legacy = io(h.env);
    expect(await ssoCommand(['login', '--profile', 'old', '--endpoint-url', sso.url], legacy)).toBe(0);
    expect(legacy.out).toMatch(/^Signed in to https:\/\/legacy\.awsapps\.com\/start\. .*cache\/79e435d7a515078e81c9dffc35f38d5687ebd3a7\.json/);
    const session = new Session({ env: { ...h.env, AWS_ENDPOINT_URL_SSO: sso.url }, profileName: 'old' });
    expect(await session.getCredentials()).toMatchObject({ method: 'sso', accountId: '111122223333' });

    // No default profile in this config file: --sso-session needs none.
    const named = io({ ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url });
    expect(await ssoCommand(['login', '--sso-session', 'corp'], named)).toBe(0);
    expect(named.out).toContain('Signed in to sso-session corp');
  });

  it('an expired device code, a missing profile or a profile without SSO fail with a message and exit 1', async () => {
    sso.deviceSteps = ['pending', 'expired'];
    const h = tempHome({ config: `${CONFIG}[profile plain]\nregion = us-east-1\n` });
    const env = { ...h.env, AWS_ENDPOINT_URL_SSO_OIDC: sso.url };
    const expired = io(env);
    expect(await ssoCommand(['login', '--profile', 'dev'], expired)).toBe(1);
    expect(expired.err).toMatch(/^botojs sso login: The sign-in request expired before it was approved/);
    const missing = io(env);
    expect(await ssoCommand(['login', '--profile', 'nope'], missing)).toBe(1);
    expect(missing.err).toMatch(/The config profile \(nope\) could not be found/);
    const plain = io(env);
    expect(await ssoCommand(['login', '--profile', 'plain'], plain)).toBe(1);
    expect(plain.err).toMatch(/profile "plain" is not set up for SSO/);
  });
});
