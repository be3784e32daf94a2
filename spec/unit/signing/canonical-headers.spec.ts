/**
 * canonical-headers.ts makes the canonical headers and the signed-header list aws4 made before
 * (with the lists aws4-signer.ts configures it with): compared here with aws4's own methods over
 * thousands of generated header sets, every unsigned name in several cases included.
 */
import aws4 = require('aws4');
import { createSigner, type Aws4Signer, type SignerInput } from '../../../src/signing/aws4-signer';
import { canonicalHeaderLists, UNSIGNED_HEADERS } from '../../../src/signing/canonical-headers';

const proto = aws4.RequestSigner.prototype as unknown as {
  filterHeaders(this: Aws4Signer): void;
  canonicalHeaders(this: Aws4Signer): string;
  signedHeaders(this: Aws4Signer): string;
};

const NAMES = [
  'Authorization', 'Connection', 'Expect', 'Keep-Alive', 'Proxy-Authenticate', 'Proxy-Authorization', 'TE', 'Trailer',
  'Transfer-Encoding', 'Upgrade', 'User-Agent', 'X-Amzn-Trace-Id', 'Range', 'Presigned-Expires', 'X-Amz-Content-SHA256',
  'Host', 'Content-Type', 'Content-Length', 'X-Amz-Date', 'X-Amz-Target', 'x-amz-meta-a', 'X-Amz-Meta-B', 'x-amz-security-token',
  'Content-MD5', 'amz-sdk-invocation-id', 'a', 'z', 'x-amz-checksum-crc32',
];
const VALUES = [
  'application/x-amz-json-1.0', '20261207T000000Z', '81', '', ' leading', 'trailing ', 'two  spaces', 'tab\there', ' \t both \t ',
  'no\u00a0break', 'ünïcode value', 'line\nbreak', 'a b c', 'x', '  ', 'bytes=0-9', '"etag"', '\u3000ideographic\u3000',
];

/** A small deterministic generator: the same cases on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function input(headers: Record<string, string>, payloadHashIsHeader: boolean): SignerInput {
  return {
    method: 'GET', host: 'example.amazonaws.com', headers, path: '/', query: '', service: 's3', region: 'us-east-1',
    datetime: '20261207T000000Z', payloadHash: 'UNSIGNED-PAYLOAD', payloadHashIsHeader, s3: true, disableDoubleEncoding: false,
  };
}

/** What aws4 itself makes of the signer's headers. */
function aws4Lists(signer: Aws4Signer): { canonical: string; signed: string } {
  proto.filterHeaders.call(signer);
  return { canonical: proto.canonicalHeaders.call(signer), signed: proto.signedHeaders.call(signer) };
}

describe('canonicalHeaderLists', () => {
  it("leaves out botocore 1.43's SIGNED_HEADERS_BLACKLIST and Authorization, the one list aws4 is configured with too", () => {
    const blacklist = ['connection', 'expect', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'x-amzn-trace-id'];
    expect([...UNSIGNED_HEADERS].sort()).toEqual([...blacklist, 'authorization'].sort());
  });

  it("agrees with aws4's filterHeaders, canonicalHeaders and signedHeaders on generated header sets", () => {
    const next = random(14);
    let compared = 0;
    let leftToAws4 = 0;
    for (let n = 0; n < 4000; n++) {
      const headers: Record<string, string> = {};
      const count = 1 + Math.floor(next() * 9);
      for (let i = 0; i < count; i++) {
        const name = NAMES[Math.floor(next() * NAMES.length)];
        const spelled = next() < 0.3 ? name.toLowerCase() : next() < 0.1 ? name.toUpperCase() : name;
        // One spelling per name here: two spellings of one name are the case left to aws4.
        if (Object.keys(headers).some((k) => k.toLowerCase() === spelled.toLowerCase())) continue;
        headers[spelled] = VALUES[Math.floor(next() * VALUES.length)];
      }
      const signsHash = next() < 0.5;
      const signer = createSigner(input(headers, signsHash), { accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
      const ours = canonicalHeaderLists(signer.request.headers, signsHash);
      const theirs = aws4Lists(signer);
      if (ours === undefined) {
        // aws4 adds `Host` when the caller spelled it otherwise (`HOST`): a name twice.
        const names = Object.keys(signer.request.headers).map((k) => k.toLowerCase());
        expect(new Set(names).size).toBeLessThan(names.length);
        leftToAws4++;
      } else {
        expect(ours).toEqual(theirs);
        compared++;
      }
      // Either way, the signer signs what aws4 would have.
      expect(signer.canonicalHeaders()).toBe(theirs.canonical);
      expect(signer.signedHeaders()).toBe(theirs.signed);
    }
    expect(compared).toBeGreaterThan(3500);
    expect(leftToAws4).toBeGreaterThan(0);
  });

  it('leaves two spellings of one name to aws4, and the signer then signs what aws4 makes', () => {
    const headers = { 'X-Amz-Meta-A': 'one', 'x-amz-meta-a': 'two', Host: 'h' };
    expect(canonicalHeaderLists(headers, false)).toBeUndefined();
    const signer = createSigner(input(headers, false), { accessKeyId: 'AKID', secretAccessKey: 'SECRET' });
    const expected = aws4Lists(createSigner(input(headers, false), { accessKeyId: 'AKID', secretAccessKey: 'SECRET' }));
    expect(signer.canonicalHeaders()).toBe(expected.canonical);
    expect(signer.signedHeaders()).toBe(expected.signed);
    expect(expected.signed).toBe('host;x-amz-meta-a;x-amz-meta-a');
  });

  it('takes canonical values as they are and trims the rest as aws4 does', () => {
    expect(canonicalHeaderLists({ B: ' a  b\t', A: 'x y', C: '\u00a0nb\u00a0' }, false)).toEqual({ canonical: 'a:x y\nb:a b\nc:nb', signed: 'a;b;c' });
  });
});
