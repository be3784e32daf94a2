/**
 * The AWS SigV4 test suite (spec/conformance/vectors/sigv4): every case folder's `.req` is parsed
 * and signed with generic (non-S3) rules; canonical request, string to sign and Authorization
 * must match `.creq`, `.sts` and `.authz`. CASE=<substring> runs matching cases only.
 * Cases aws4 cannot express are listed in known-failures.json and expected to fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CONFORMANCE_DIR } from '../helpers/shared';
import { knownFailures } from '../helpers/known-failures';
import { canonicalRequest, signRequest, stringToSign, SigningOptions } from '../../src/signing';
import { parseRawRequest } from '../helpers/raw-request';

const SUITE_DIR = path.join(CONFORMANCE_DIR, 'sigv4');
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const OPTS: SigningOptions = {
  signingName: 'service',
  region: 'us-east-1',
  date: new Date(Date.UTC(2015, 7, 30, 12, 36, 0)),
};
const KNOWN = knownFailures('sigv4');

interface Case {
  name: string;
  dir: string;
}

function findCases(dir: string): Case[] {
  if (!fs.existsSync(dir)) return [];
  const out: Case[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const sub = path.join(dir, entry.name);
    if (fs.existsSync(path.join(sub, `${entry.name}.req`))) out.push({ name: entry.name, dir: sub });
    out.push(...findCases(sub));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

// CASE matches the case's folder path, so `CASE=normalize-path` selects that whole group.
const cases = findCases(SUITE_DIR).filter(
  (c) => !process.env.CASE || path.relative(SUITE_DIR, c.dir).includes(process.env.CASE),
);

describe('SigV4 test suite', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThan(process.env.CASE ? 0 : 20);
  });

  for (const c of cases) {
    const read = (ext: string) => fs.readFileSync(path.join(c.dir, `${c.name}.${ext}`), 'utf8');
    KNOWN.test(c.name, c.name, () => {
      const req = parseRawRequest(read('req'));
      const creq = read('creq');
      // A token that the canonical request signs but the raw request lacks comes from the credentials.
      const token = /^x-amz-security-token:(.*)$/m.exec(creq)?.[1];
      const hasToken = Object.keys(req.headers).some((k) => k.toLowerCase() === 'x-amz-security-token');
      const creds = token && !hasToken ? { ...CREDS, sessionToken: token } : CREDS;

      expect(canonicalRequest(req, OPTS, creds)).toBe(creq);
      expect(stringToSign(req, creds, OPTS)).toBe(read('sts'));
      const headers = signRequest(req, creds, OPTS);
      expect(headers.Authorization).toBe(read('authz'));
    });
  }

  KNOWN.checkEntries(() => cases.map((c) => c.name));
});
