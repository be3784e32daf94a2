/**
 * `npx botojs sso login [--profile P] [--sso-session NAME] [--endpoint-url URL]`: signs in to IAM
 * Identity Center with the device authorization flow, as `aws sso login`, and caches the token
 * where botocore, the AWS CLI and botojs read it (src/credentials/sso-login.ts). It prints the
 * URL and code to approve and never opens a browser (`--no-browser` is accepted and is what it
 * always does).
 */
import { Config, UNSIGNED } from '../config/config';
import { ssoCacheKey } from '../credentials/sso-token';
import { ssoDeviceLogin, ssoLoginConfig } from '../credentials/sso-login';
import type { PendingAuthorization } from '../credentials/sso-login';
import { BotojsError } from '../errors';
import { closeMatches } from '../models/naming';
import { Session } from '../session/session';

export const SSO_USAGE = 'usage: botojs sso login [--profile NAME] [--sso-session NAME] [--endpoint-url URL] [--no-browser]';

const SSO_HELP = `${SSO_USAGE}

Signs in to IAM Identity Center (AWS SSO) and caches the access token in
~/.aws/sso/cache/, where botojs, boto3 and the AWS CLI read it. Profiles with
sso_account_id and sso_role_name then get role credentials from it.

It uses the device authorization flow: it prints a URL and a code, you approve
them in a browser (on this machine or another one), and it waits until you have.
No browser is opened.

options:
  --profile NAME       the profile whose sso_session (or legacy sso_start_url and
                       sso_region) to sign in with; default AWS_PROFILE, else default
  --sso-session NAME   sign in to this [sso-session NAME] section instead
  --endpoint-url URL   the SSO OIDC endpoint (also AWS_ENDPOINT_URL_SSO_OIDC)
  --no-browser         print the URL and code only (what botojs always does)
  --use-device-code    use the device code flow (the only flow botojs has)
  -h, --help           this help

See docs/credentials.md.`;

const OPTIONS = ['profile', 'sso-session', 'endpoint-url', 'no-browser', 'use-device-code', 'help'];

export interface SsoLoginArgs {
  profile?: string;
  ssoSession?: string;
  endpointUrl?: string;
  help: boolean;
}

class UsageError extends Error {}

export function parseSsoLoginArgs(argv: readonly string[]): SsoLoginArgs {
  const out: SsoLoginArgs = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const [flag, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value\n${SSO_USAGE}`);
      return v;
    };
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--profile') out.profile = value();
    else if (flag === '--sso-session') out.ssoSession = value();
    else if (flag === '--endpoint-url') out.endpointUrl = value();
    else if (flag === '--no-browser' || flag === '--use-device-code') continue;
    else {
      const hint = a.startsWith('-') ? closeMatches(a.replace(/^-+/, ''), OPTIONS) : [];
      throw new UsageError(`unknown ${a.startsWith('-') ? 'option' : 'argument'} '${a}'${hint.length ? ` (did you mean --${hint[0]}?)` : ''}\n${SSO_USAGE}`);
    }
  }
  return out;
}

export interface SsoCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Tests shorten the polling wait with their own. */
  sleep?: (seconds: number) => Promise<void>;
}

const processIo = (): SsoCommandIo => ({ stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env });

function describePending(p: PendingAuthorization): string {
  return [
    'To sign in, open this URL in a browser (on this machine or any other):',
    '',
    `    ${p.verificationUriComplete}`,
    '',
    'and check that the page shows this code:',
    '',
    `    ${p.userCode}`,
    '',
    `(Or open ${p.verificationUri} and type the code in.)`,
    `Waiting for the sign-in to be approved (the code expires at ${p.expiresAt.toISOString()})...`,
    '',
  ].join('\n');
}

/** `botojs sso login`; resolves to the exit code. */
export async function ssoLogin(argv: readonly string[], io: SsoCommandIo = processIo()): Promise<number> {
  let args: SsoLoginArgs;
  try {
    args = parseSsoLoginArgs(argv);
  } catch (e) {
    io.stderr(`botojs sso login: ${(e as Error).message}\n`);
    return 2;
  }
  if (args.help) {
    io.stdout(`${SSO_HELP}\n`);
    return 0;
  }
  try {
    const session = new Session({ env: io.env, profileName: args.profile });
    // With --sso-session alone, the profile is not needed (and may not exist).
    const profile = args.ssoSession !== undefined && args.profile === undefined ? session.configFiles.profiles[session.profileName] : session.profile;
    const config = ssoLoginConfig(session.configFiles, session.profileName, profile, args.ssoSession);
    const oidc = session.client('sso-oidc', { regionName: config.region, endpointUrl: args.endpointUrl, config: new Config({ signatureVersion: UNSIGNED }) });
    try {
      const token = await ssoDeviceLogin({
        config,
        env: io.env,
        oidc: (operation, params) => (oidc[operation] as (p: Record<string, unknown>) => Promise<Record<string, unknown>>)(params),
        onPending: (p) => io.stdout(describePending(p)),
        sleep: io.sleep,
      });
      const key = ssoCacheKey(config.startUrl, config.sessionName);
      const what = config.sessionName ? `sso-session ${config.sessionName}, ${config.startUrl}` : config.startUrl;
      io.stdout(`Signed in to ${what}. The token is valid until ${token.expiresAt} (cached in ~/.aws/sso/cache/${key}.json).\n`);
      return 0;
    } finally {
      oidc.close();
    }
  } catch (e) {
    if (!(e instanceof BotojsError) && !(e instanceof TypeError)) throw e;
    io.stderr(`botojs sso login: ${e.message}\n`);
    return 1;
  }
}

/** `botojs sso <subcommand>`: `login` is the one there is. */
export async function ssoCommand(argv: readonly string[], io: SsoCommandIo = processIo()): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'login') return ssoLogin(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.stderr : io.stdout)(`${SSO_HELP}\n`);
    return sub === undefined ? 2 : 0;
  }
  const hint = closeMatches(sub, ['login']);
  io.stderr(`botojs sso: unknown subcommand '${sub}'${hint.length ? ` (did you mean ${hint[0]}?)` : ''}\n${SSO_USAGE}\n`);
  return 2;
}
