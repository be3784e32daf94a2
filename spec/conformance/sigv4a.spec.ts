/**
 * SigV4a against aws-c-auth's published vectors (spec/conformance/sigv4a/README.md):
 * - key derivation: the derived key's public point is the published one;
 * - signing: ECDSA is randomized, so a signature cannot be compared byte for byte. Instead the
 *   suite's own signature for each request must verify, with the suite's public key, against the
 *   string to sign botojs computes for the same request (any difference in the canonical
 *   request, the scope or the algorithm line fails it), and botojs's signed headers must be the
 *   suite's. botojs's own signature must verify with the key derived from the credentials.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CONFORMANCE_DIR } from '../helpers/shared';
import { parseRawRequest } from '../helpers/raw-request';
import { presignUrl, signRequest, stringToSign, SigningOptions } from '../../src/signing';
import { deriveSigV4aScalar, sigV4aPrivateKey } from '../../src/signing/sigv4a';
import { canonicalQuery } from '../../src/signing/canonical-request';

interface VectorCase {
  name: string;
  signedHeaders: string;
  signature: string;
  sessionToken?: string;
  extraHeaders?: Record<string, string>;
}

interface Vectors {
  signingPublicKeyPem: string;
  context: { region: string; service: string; date: string };
  keyDerivation: { accessKeyId: string; secretAccessKey: string; publicX: string; publicY: string };
  cases: VectorCase[];
}

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, 'sigv4a/vectors.json'), 'utf8')) as Vectors;
const suiteKey = crypto.createPublicKey(vectors.signingPublicKeyPem);
const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const OPTS: SigningOptions = {
  signingName: vectors.context.service,
  region: vectors.context.region,
  date: new Date(vectors.context.date),
  asymmetric: true,
};

function publicKeyOf(creds: { accessKeyId: string; secretAccessKey: string }): crypto.KeyObject {
  return crypto.createPublicKey(sigV4aPrivateKey(creds.accessKeyId, creds.secretAccessKey));
}

function readRequest(c: VectorCase) {
  const file = path.join(CONFORMANCE_DIR, 'sigv4', c.name, `${c.name}.req`);
  const req = parseRawRequest(fs.readFileSync(file, 'utf8'));
  Object.assign(req.headers, c.extraHeaders ?? {});
  return req;
}

describe('SigV4a key derivation', () => {
  it('derives the published public key from the published credentials', () => {
    const { accessKeyId, secretAccessKey, publicX, publicY } = vectors.keyDerivation;
    const jwk = publicKeyOf({ accessKeyId, secretAccessKey }).export({ format: 'jwk' });
    expect(Buffer.from(jwk.x as string, 'base64url').toString('hex')).toBe(publicX);
    expect(Buffer.from(jwk.y as string, 'base64url').toString('hex')).toBe(publicY);
  });

  it('is deterministic, and differs with either half of the key pair', () => {
    const a = deriveSigV4aScalar('AKIDEXAMPLE', 'secret');
    expect(deriveSigV4aScalar('AKIDEXAMPLE', 'secret').equals(a)).toBe(true);
    expect(deriveSigV4aScalar('AKIDEXAMPLF', 'secret').equals(a)).toBe(false);
    expect(deriveSigV4aScalar('AKIDEXAMPLE', 'secres').equals(a)).toBe(false);
    expect(a.length).toBe(32);
  });

  it('re-derives when the secret changes under the same access key (a rotated key is not reused)', () => {
    const first = publicKeyOf({ accessKeyId: 'AKIDROTATE', secretAccessKey: 'one' }).export({ format: 'jwk' });
    const second = publicKeyOf({ accessKeyId: 'AKIDROTATE', secretAccessKey: 'two' }).export({ format: 'jwk' });
    expect(second.x).not.toBe(first.x);
  });
});

describe('SigV4a signing suite (aws-c-auth v4a)', () => {
  const ours = publicKeyOf(CREDS);

  for (const c of vectors.cases) {
    it(c.name, () => {
      const creds = c.sessionToken ? { ...CREDS, sessionToken: c.sessionToken } : CREDS;
      const sts = stringToSign(readRequest(c), creds, OPTS);
      expect(sts.split('\n').slice(0, 3)).toEqual(['AWS4-ECDSA-P256-SHA256', '20150830T123600Z', '20150830/service/aws4_request']);
      // The suite's signature holds for botojs's string to sign: the canonical requests agree.
      expect(crypto.verify('sha256', Buffer.from(sts), suiteKey, Buffer.from(c.signature, 'hex'))).toBe(true);

      const req = readRequest(c);
      const headers = signRequest(req, creds, OPTS);
      expect(headers['X-Amz-Region-Set']).toBe('us-east-1');
      const m = /^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\/20150830\/service\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(headers.Authorization);
      expect(m).not.toBeNull();
      const [, signedHeaders, signature] = m as RegExpExecArray;
      expect(signedHeaders).toBe(c.signedHeaders);
      expect(crypto.verify('sha256', Buffer.from(sts), ours, Buffer.from(signature, 'hex'))).toBe(true);
    });
  }

  it('signs for a region set, sent as X-Amz-Region-Set and signed', () => {
    const req = readRequest(vectors.cases[0]);
    const opts = { ...OPTS, region: 'us-east-1,us-west-2' };
    const headers = signRequest(req, CREDS, opts);
    expect(headers['X-Amz-Region-Set']).toBe('us-east-1,us-west-2');
    expect(headers.Authorization).toContain('SignedHeaders=host;x-amz-date;x-amz-region-set,');
    // The scope stays region-less whatever the set.
    expect(stringToSign(readRequest(vectors.cases[0]), CREDS, opts).split('\n')[2]).toBe('20150830/service/aws4_request');
  });

  it('presigns: the auth parameters in the query, a signature that verifies over them', () => {
    const req = readRequest(vectors.cases[0]);
    const url = new URL(presignUrl(req, { ...CREDS, sessionToken: 'TOKEN' }, { ...OPTS, region: '*', expiresIn: 900 }));
    const q = url.searchParams;
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-ECDSA-P256-SHA256');
    expect(q.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20150830/service/aws4_request');
    expect(q.get('X-Amz-Region-Set')).toBe('*');
    expect(q.get('X-Amz-Expires')).toBe('900');
    expect(q.get('X-Amz-SignedHeaders')).toBe('host');
    expect(q.get('X-Amz-Security-Token')).toBe('TOKEN');
    // Recompute the canonical request from the URL itself, as a server does.
    const rawQuery = url.search.slice(1).split('&').filter((p) => !p.startsWith('X-Amz-Signature=')).join('&');
    const creq = ['GET', '/', canonicalQuery(rawQuery), 'host:example.amazonaws.com', '', 'host', crypto.createHash('sha256').update('').digest('hex')].join('\n');
    const sts = ['AWS4-ECDSA-P256-SHA256', '20150830T123600Z', '20150830/service/aws4_request', crypto.createHash('sha256').update(creq).digest('hex')].join('\n');
    expect(crypto.verify('sha256', Buffer.from(sts), ours, Buffer.from(q.get('X-Amz-Signature') as string, 'hex'))).toBe(true);
  });
});
