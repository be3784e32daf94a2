/**
 * The SSO cache file is replaced whole (temporary file renamed over it): a reader never sees it
 * half-written, and a write that fails leaves the old file and no temporary file behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ssoCacheFile, writeSsoCacheFile } from '../../../src/credentials/sso-token';

describe('writeSsoCacheFile', () => {
  let home: string;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-sso-cache-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('replaces the file whole, owner-only, with no temporary file left', () => {
    const env = { HOME: home };
    writeSsoCacheFile(env, 'k', { accessToken: 'one' });
    writeSsoCacheFile(env, 'k', { accessToken: 'two' });
    const file = ssoCacheFile(env, 'k');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ accessToken: 'two' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['k.json']);
  });

  it('a write that fails leaves what was there and no temporary file', () => {
    const env = { HOME: home };
    const file = ssoCacheFile(env, 'k');
    // A folder where the file should be: the rename fails.
    fs.mkdirSync(file, { recursive: true });
    expect(() => writeSsoCacheFile(env, 'k', { accessToken: 'x' })).toThrow();
    expect(fs.statSync(file).isDirectory()).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['k.json']);
  });
});
