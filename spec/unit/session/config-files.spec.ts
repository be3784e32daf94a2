/**
 * ~/.aws/config and ~/.aws/credentials are read exactly as botocore reads them.
 *
 * fixtures/config-files/cases.json holds file contents; expected-botocore.json holds what
 * botocore 1.43.11 made of each (raw_config_parse of each file, load_config's profile maps,
 * Session.full_config's profiles), produced by botocore-expectations.py in the same folder. Those
 * expected values are literals obtained from botocore, so the comparison runs everywhere; where
 * python3 with botocore is installed, the test also re-runs the script to check they still hold
 * (and prints a notice when it cannot).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigParseError, Session } from '../../../src';
import { loadConfigFiles, rawConfigParseFile } from '../../../src/config/config-files';

const FIXTURES = path.join(__dirname, 'fixtures/config-files');

interface Case {
  name: string;
  config?: string;
  configBase64?: string;
  credentials?: string;
}
interface Expected {
  name: string;
  configRaw: unknown;
  credentialsRaw: unknown;
  configMap: unknown;
  fullProfiles: unknown;
}

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'cases.json'), 'utf8')).cases;
const expected: { botocore: string; results: Expected[] } = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected-botocore.json'), 'utf8'));

/** Writes a case's two files, byte for byte, into a fresh directory. */
function writeCase(c: Case): { config: string; credentials: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-cfgcase-'));
  const config = path.join(dir, 'config');
  const credentials = path.join(dir, 'credentials');
  fs.writeFileSync(config, c.configBase64 !== undefined ? Buffer.from(c.configBase64, 'base64') : Buffer.from(c.config ?? '', 'utf8'));
  fs.writeFileSync(credentials, Buffer.from(c.credentials ?? '', 'utf8'));
  return { config, credentials };
}

/** botojs's answer in the script's shape: a ConfigParseError is `{ error: 'ConfigParseError' }`. */
function attempt(fn: () => unknown): unknown {
  try {
    // Through JSON, as the expected values came: prototype-less maps become plain objects.
    return JSON.parse(JSON.stringify(fn()));
  } catch (e) {
    if (e instanceof ConfigParseError) return { error: 'ConfigParseError' };
    throw e;
  }
}

function botojsResult(c: Case): Expected {
  const files = writeCase(c);
  const env = { AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: files.credentials };
  const configOnly = { AWS_CONFIG_FILE: files.config, AWS_SHARED_CREDENTIALS_FILE: path.join(path.dirname(files.config), 'absent') };
  return {
    name: c.name,
    configRaw: attempt(() => rawConfigParseFile(files.config)),
    credentialsRaw: attempt(() => rawConfigParseFile(files.credentials)),
    configMap: attempt(() => {
      const f = loadConfigFiles(configOnly);
      return { profiles: f.configProfiles, sso_sessions: f.ssoSessions, services: f.services };
    }),
    fullProfiles: attempt(() => loadConfigFiles(env).profiles),
  };
}

/** botocore's answers from the installed python3, or undefined (with a notice) when it has none. */
function liveBotocore(): Expected[] | undefined {
  const run = spawnSync('python3', [path.join(FIXTURES, 'botocore-expectations.py')], { encoding: 'utf8', timeout: 60000 });
  if (run.error || run.status !== 0) {
    const why = run.error ? String(run.error.message) : run.stderr.trim().split('\n').pop();
    console.warn(`config-files.spec: python3 with botocore is not available (${why}); comparing with the embedded botocore ${expected.botocore} answers only`);
    return undefined;
  }
  return (JSON.parse(run.stdout) as { results: Expected[] }).results;
}

describe('config files are read as botocore reads them', () => {
  it('every case in cases.json reads as botocore reads it', () => {
    // The embedded literals are botocore's answers; where botocore is installed, they are re-checked.
    const live = liveBotocore();
    if (live) expect(live).toEqual(expected.results);
    expect(expected.results.map((r) => r.name)).toEqual(cases.map((c) => c.name));
    expect(cases.map(botojsResult)).toEqual(expected.results);
  });
});

describe('config files through the session', () => {
  const temp = (config: string, credentials: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-cfg-'));
    fs.writeFileSync(path.join(dir, 'config'), config);
    fs.writeFileSync(path.join(dir, 'credentials'), credentials);
    return { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true' };
  };

  it('a secret key containing # and ; reaches the credentials whole', async () => {
    const env = temp('', '[default]\naws_access_key_id = AKIDHASH\naws_secret_access_key = abc#def;ghi ; jkl # mno\n');
    expect(await new Session({ env }).getCredentials()).toMatchObject({ accessKey: 'AKIDHASH', secretKey: 'abc#def;ghi ; jkl # mno' });
  });

  it('a quoted region stays quoted, as botocore keeps it', () => {
    const env = temp('[default]\nregion = "us-west-2"\n', '');
    expect(new Session({ env }).regionName).toBe('"us-west-2"');
  });

  it('the profile names a prototype member names are just names', () => {
    const env = temp('[profile dev]\nregion = eu-west-1\n', '');
    expect(new Session({ env }).availableProfiles).toEqual(['dev']);
    expect(() => new Session({ env, profileName: 'constructor' }).profile).toThrow(/constructor/);
  });

  it('a nested-block error names the file, line, section and setting, never the value', () => {
    const env = temp('[default]\nregion = x\ns3 =\n  addressing_style SECRETWORD\n', '');
    let message = '';
    try {
      void new Session({ env }).availableProfiles;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigParseError);
      message = (e as Error).message;
    }
    expect(message).toBe(`Unable to parse config file: ${env.AWS_CONFIG_FILE}: line 3 (in [default]): the setting 's3': a line of the nested block is not a 'key = value' setting`);
  });

  it('a byte-order mark is reported as such', () => {
    const env = temp('\ufeff[default]\nregion = x\n', '');
    expect(() => new Session({ env }).availableProfiles).toThrow(/line 1: the file starts with a byte-order mark/);
  });
});
