/**
 * credential_process, as botocore's ProcessProvider: the profile's command is split like a POSIX
 * shell (no shell runs it), its stdout must be JSON `{ Version: 1, AccessKeyId, SecretAccessKey,
 * SessionToken?, Expiration?, AccountId? }`. With Expiration the process runs again on refresh.
 * A failing process gives its stderr in the error; stdout (which holds the keys) never appears.
 */
import { spawn } from 'child_process';
import { CredentialContext, profileData, profileString, toDate } from './context';
import { Credentials, CredentialProvider, LoadedCredentials } from './credentials';
import { CredentialRetrievalError } from './errors';
import { RefreshableCredentials, RefreshedKeys } from './refreshable';
import { shlexSplit } from '../util/shlex-split';

/**
 * Splits a command line as botocore does outside Windows (Python's `shlex.split`, see
 * src/util/shlex-split.ts); no shell runs it.
 */
export function shellSplit(command: string): string[] {
  const split = shlexSplit(command);
  if (split.problem === 'No closing quotation') throw new CredentialRetrievalError('custom-process', 'credential_process has an unterminated quote');
  if (split.problem !== undefined) throw new CredentialRetrievalError('custom-process', 'credential_process ends with a backslash that escapes nothing');
  return split.words;
}

function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string; spawnError?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => resolve({ code: null, stdout: '', stderr: '', spawnError: e }));
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

export class ProcessProvider implements CredentialProvider {
  readonly method = 'custom-process';
  constructor(private readonly ctx: CredentialContext, private readonly profileName: string) {}

  async load(): Promise<LoadedCredentials | null> {
    const profile = profileData(this.ctx, this.profileName);
    const command = profileString(profile, 'credential_process');
    if (!command) return null;
    const profileAccount = profileString(profile, 'aws_account_id');
    const fetchKeys = () => this.runProcess(command, profileAccount);
    const first = await fetchKeys();
    if (!first.expiryTime) return new Credentials({ ...first, method: this.method });
    return new RefreshableCredentials({ method: this.method, initial: first, refresh: fetchKeys, now: this.ctx.now });
  }

  private async runProcess(command: string, profileAccount: string | undefined): Promise<RefreshedKeys> {
    const argv = shellSplit(command);
    if (argv.length === 0) throw new CredentialRetrievalError(this.method, `credential_process in profile "${this.profileName}" is empty`);
    // The child sees the real process environment (as botocore's subprocess does), not a test's.
    const r = await run(argv, process.env);
    if (r.spawnError) throw new CredentialRetrievalError(this.method, `could not run ${argv[0]}: ${(r.spawnError as NodeJS.ErrnoException).code ?? r.spawnError.message}`);
    if (r.code !== 0) throw new CredentialRetrievalError(this.method, r.stderr.trim() || `the process exited with code ${r.code}`);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(r.stdout) as Record<string, unknown>;
    } catch {
      // JSON.parse's own message quotes the input, which holds the secret.
      throw new CredentialRetrievalError(this.method, 'the process output is not valid JSON');
    }
    if (doc.Version !== 1) {
      throw new CredentialRetrievalError(this.method, `Unsupported version '${String(doc.Version)}' for credential process provider, supported versions: 1`);
    }
    for (const k of ['AccessKeyId', 'SecretAccessKey']) {
      if (typeof doc[k] !== 'string' || doc[k] === '') throw new CredentialRetrievalError(this.method, `Missing required key in response: ${k}`);
    }
    let expiryTime: Date | undefined;
    if (doc.Expiration !== undefined && doc.Expiration !== null) {
      expiryTime = toDate(doc.Expiration);
      if (!expiryTime) throw new CredentialRetrievalError(this.method, 'the Expiration in the process output is not a valid timestamp');
    }
    return {
      accessKey: doc.AccessKeyId as string,
      secretKey: doc.SecretAccessKey as string,
      token: typeof doc.SessionToken === 'string' ? doc.SessionToken : undefined,
      expiryTime,
      accountId: typeof doc.AccountId === 'string' ? doc.AccountId : profileAccount,
    };
  }
}
