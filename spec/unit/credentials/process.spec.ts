import { inspect } from 'util';
import { Session } from '../../../src';
import { CredentialRetrievalError } from '../../../src/credentials/errors';
import { shellSplit } from '../../../src/credentials/process';
import { RefreshableCredentials } from '../../../src/credentials/refreshable';
import { isoIn, tempHome } from './fake-aws';

/** A credential_process line that runs node with a script file printing `output`. */
function processProfile(h: ReturnType<typeof tempHome>, script: string, profile = 'proc'): string {
  const file = h.write(`bin/${profile}.js`, script);
  return `[profile ${profile}]\ncredential_process = "${process.execPath}" "${file}" --flag 'quoted arg'\n`;
}

describe('credential_process', () => {
  it('splits the command like a POSIX shell', () => {
    expect(shellSplit(`/bin/tool --a "two words" 'single $x' esc\\ aped ""`)).toEqual(['/bin/tool', '--a', 'two words', 'single $x', 'esc aped', '']);
    expect(() => shellSplit('tool "open')).toThrow(/unterminated quote/);
    // As Python's shlex.split: in double quotes a backslash escapes only " and a backslash; whitespace other than space, tab, CR and LF is part of a word; a trailing backslash is an error.
    expect(shellSplit('tool "x\\$y" a\u000bb')).toEqual(['tool', 'x\\$y', 'a\u000bb']);
    expect(() => shellSplit('tool arg\\')).toThrow(/backslash/);
  });

  it('reads JSON version 1 without Expiration as static keys (args passed through)', async () => {
    const h = tempHome();
    const cfg = processProfile(h, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKPROC', SecretAccessKey: 'proc-secret', SessionToken: 'tok-' + process.argv.slice(2).join('|') }));`);
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, `${cfg}aws_account_id = 999988887777\n`);
    const creds = await new Session({ env: h.env, profileName: 'proc' }).getCredentials();
    expect(creds).toMatchObject({ method: 'custom-process', accessKey: 'AKPROC', accountId: '999988887777' });
    expect(creds!.token).toBe('tok---flag|quoted arg');
    expect(creds!.expiryTime).toBeUndefined();
  });

  // botocore reads `sh -c 'a; b'` verbatim (configparser has no inline comments) and shlex-splits
  // it into [sh, -c, 'a; b'], so the shell runs both commands. Needs a POSIX sh.
  (process.platform === 'win32' ? it.skip : it)("credential_process = sh -c 'a; b' runs both commands (the ; is no comment)", async () => {
    const h = tempHome();
    const file = h.write('bin/both.js', `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKSH', SecretAccessKey: 's#1;2', SessionToken: 'from-' + process.env.FIRST_PART }));`);
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, `[profile proc]\ncredential_process = sh -c 'FIRST_PART=ran; export FIRST_PART; "${process.execPath}" "${file}"'\n`);
    const creds = await new Session({ env: h.env, profileName: 'proc' }).getCredentials();
    expect(creds).toMatchObject({ method: 'custom-process', accessKey: 'AKSH', secretKey: 's#1;2', token: 'from-ran' });
  });

  it('with Expiration: refreshable, runs again inside the refresh window', async () => {
    const h = tempHome();
    const counter = h.write('count', '0');
    const script = `const fs = require('fs'); const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1; fs.writeFileSync(${JSON.stringify(counter)}, String(n));
      process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKPROC' + n, SecretAccessKey: 's', SessionToken: 't', Expiration: n === 1 ? ${JSON.stringify(isoIn(11 * 60))} : ${JSON.stringify(isoIn(3600))}, AccountId: '123456789012' }));`;
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, processProfile(h, script));
    const s = new Session({ env: h.env, profileName: 'proc' });
    // The first run's keys expire in 11 minutes (mandatory window): the process runs again at once.
    expect(await s.getCredentials()).toMatchObject({ accessKey: 'AKPROC2', accountId: '123456789012' });
    expect((await s.getCredentials())!.accessKey).toBe('AKPROC2');
    expect(require('fs').readFileSync(counter, 'utf8')).toBe('2');
    const again = new Session({ env: h.env, profileName: 'proc' });
    expect(await again.credentialProvider().load()).toBeInstanceOf(RefreshableCredentials);
  });

  it('a failing process gives its stderr; stdout (the secret) never appears in errors', async () => {
    const h = tempHome();
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, processProfile(h, `process.stderr.write('vault: permission denied for path secret/aws'); process.exit(3);`));
    const s = new Session({ env: h.env, profileName: 'proc' });
    await expect(s.getCredentials()).rejects.toThrow(CredentialRetrievalError);
    await expect(s.getCredentials()).rejects.toThrow(/custom-process: vault: permission denied for path secret\/aws/);

    const h2 = tempHome();
    require('fs').writeFileSync(h2.env.AWS_CONFIG_FILE, processProfile(h2, `process.stdout.write('{"Version": 1, "AccessKeyId": "AKX", "SecretAccessKey": "TOPSECRET"');`));
    const err = await new Session({ env: h2.env, profileName: 'proc' }).getCredentials().catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/not valid JSON/);
    expect(`${(err as Error).message} ${inspect(err)} ${JSON.stringify(err)}`).not.toMatch(/TOPSECRET/);
  });

  it('rejects unsupported versions and missing keys', async () => {
    const h = tempHome();
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, processProfile(h, `process.stdout.write(JSON.stringify({ Version: 2, AccessKeyId: 'a', SecretAccessKey: 'b' }));`));
    await expect(new Session({ env: h.env, profileName: 'proc' }).getCredentials()).rejects.toThrow(/Unsupported version '2' for credential process provider, supported versions: 1/);
    const h2 = tempHome();
    require('fs').writeFileSync(h2.env.AWS_CONFIG_FILE, processProfile(h2, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'a' }));`));
    await expect(new Session({ env: h2.env, profileName: 'proc' }).getCredentials()).rejects.toThrow(/Missing required key in response: SecretAccessKey/);
  });

  it('comes after the shared credentials file and before config-file keys', async () => {
    const h = tempHome();
    const cfg = processProfile(h, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKPROC', SecretAccessKey: 's' }));`);
    require('fs').writeFileSync(h.env.AWS_CONFIG_FILE, `${cfg}aws_access_key_id = AKCONFIG\naws_secret_access_key = c\n`);
    expect(await new Session({ env: h.env, profileName: 'proc' }).getCredentials()).toMatchObject({ accessKey: 'AKPROC', method: 'custom-process' });
    require('fs').writeFileSync(h.env.AWS_SHARED_CREDENTIALS_FILE, '[proc]\naws_access_key_id = AKSHARED\naws_secret_access_key = s\n');
    expect(await new Session({ env: h.env, profileName: 'proc' }).getCredentials()).toMatchObject({ accessKey: 'AKSHARED', method: 'shared-credentials-file' });
  });
});
