/**
 * createSigner is the one signer the header signer, the presigner and the inspection helpers
 * read: SigV4 (aws4's HMAC) or, with `asymmetric`, SigV4a (sigv4a.ts) on the same canonical
 * request, with one Authorization header assembly for both.
 */
import * as aws4 from 'aws4';
import * as crypto from 'crypto';
import { createSigner, SignerInput } from '../../../src/signing/aws4-signer';
import { sigV4aPrivateKey } from '../../../src/signing/sigv4a';

const CREDS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const INPUT: SignerInput = {
  method: 'GET',
  host: 'example.amazonaws.com',
  headers: { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' },
  path: '/a b',
  query: 'x=1',
  service: 'service',
  region: 'us-east-1',
  datetime: '20150830T123600Z',
  payloadHash: crypto.createHash('sha256').update('').digest('hex'),
  payloadHashIsHeader: false,
  s3: false,
  disableDoubleEncoding: false,
};

describe('createSigner', () => {
  it('SigV4: the Authorization header is the one aws4 would write', () => {
    const signer = createSigner(INPUT, CREDS);
    const aws4Header = (aws4.RequestSigner.prototype as unknown as { authHeader(this: unknown): string }).authHeader.call(signer);
    expect(signer.algorithm).toBe('AWS4-HMAC-SHA256');
    expect(signer.authHeader()).toBe(aws4Header);
    expect(signer.credentialString()).toBe('20150830/us-east-1/service/aws4_request');
  });

  it('SigV4a: region-less scope, its own algorithm, an ECDSA signature over its string to sign', () => {
    const v4 = createSigner(INPUT, CREDS);
    const signer = createSigner({ ...INPUT, region: 'us-east-1,us-west-2', asymmetric: true }, CREDS);
    expect(signer.algorithm).toBe('AWS4-ECDSA-P256-SHA256');
    expect(signer.credentialString()).toBe('20150830/service/aws4_request');
    // The canonical request is SigV4's: only what follows it differs.
    expect(signer.canonicalString()).toBe(v4.canonicalString());
    const sts = signer.stringToSign();
    expect(sts).toBe(`AWS4-ECDSA-P256-SHA256\n20150830T123600Z\n20150830/service/aws4_request\n${crypto.createHash('sha256').update(v4.canonicalString()).digest('hex')}`);
    const m = /^AWS4-ECDSA-P256-SHA256 Credential=AKIDEXAMPLE\/20150830\/service\/aws4_request, SignedHeaders=host;x-amz-date, Signature=([0-9a-f]+)$/.exec(signer.authHeader());
    expect(m).not.toBeNull();
    const publicKey = crypto.createPublicKey(sigV4aPrivateKey(CREDS.accessKeyId, CREDS.secretAccessKey));
    expect(crypto.verify('sha256', Buffer.from(sts), publicKey, Buffer.from((m as RegExpExecArray)[1], 'hex'))).toBe(true);
  });
});
