/**
 * One home per concept: each of these was written more than once, and the copies disagreed
 * (a bigint token written as a string, a merge that followed `__proto__`, a copy loop that
 * missed a fix). The pattern that marks an implementation may appear only in its home file.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');

const HOMES: Array<{ concept: string; pattern: RegExp; home: string[] }> = [
  { concept: 'deep merge (botocore merge_dicts)', pattern: /function (mergeDicts|mergeInto|deepMerge)\b/, home: ['util/objects.ts'] },
  { concept: 'plain-object test', pattern: /function isPlainObject\b|getPrototypeOf\([^)]*\) === Object\.prototype/, home: ['util/objects.ts'] },
  { concept: "Python's json.dumps writer", pattern: /function (jsonText|pythonJson\w*)\b|ensure_ascii\b.*=>/, home: ['util/json-text.ts'] },
  { concept: 'ISO 8601 reader', pattern: /\(\\d\{4\}\)-\(\\d\{2\}\)-\(\\d\{2\}\)/, home: ['util/iso8601.ts'] },
  { concept: 'protocol name -> implementation table', pattern: /^\s*'rest-xml':/m, home: ['protocols/index.ts'] },
  { concept: 'endpoints.json structure', pattern: /partitionEndpoint|isRegionalized|credentialScope\?\./, home: ['endpoints/legacy-endpoint.ts'] },
  { concept: 'multipart upload loop', pattern: /'createMultipartUpload'/, home: ['customizations/s3/transfer/multipart-upload.ts'] },
  { concept: 'names proxies answer with undefined', pattern: /'asymmetricMatch'/, home: ['util/spelling.ts'] },
  { concept: 'the pipeline request type', pattern: /interface (HttpRequest|PreparedRequest|TransportRequest|SignableRequest|ChecksumRequest)\b/, home: ['types/http.ts'] },
  { concept: 'what differs between the rest protocols', pattern: /interface RestBody\w*/, home: ['protocols/rest-body-codec.ts'] },
  // A greedy `{Label+}` is what marks a request-URI renderer (S3's HMAC-v1 auth path had its own).
  { concept: 'URI template rendering (`{Label}` / `{Label+}`)', pattern: /endsWith\('\+'\)|\(\\\+\?\)\\\}/, home: ['protocols/serialize/uri.ts'] },
  // The header signer, the presigner and stringToSign each assembled SigV4a's parts themselves.
  { concept: 'SigV4 / SigV4a string to sign, signature and Authorization header', pattern: /sigV4aStringToSign\(|sigV4aSignature\(| Credential=\$\{/, home: ['signing/sigv4a.ts', 'signing/aws4-signer.ts'] },
  // A lower-cased key compared with a header name: the serializers, checksums, signers and transport each had one.
  { concept: 'case-insensitive header lookup', pattern: /\.toLowerCase\(\) === (lowerName\b|lower\b|'(expect|accept|authorization|transfer-encoding|content-[a-z-]+|x-amz[a-z0-9-]*)')/, home: ['util/headers.ts'] },
  // S3 Express sessions had their own copy, which made every caller wait in the advisory window;
  // the SSO token had its own single 15-minute window (`(expiry - now) / 1000 < X` marks one).
  {
    concept: 'advisory / mandatory refresh windows (botocore RefreshableCredentials, DeferredRefreshableToken)',
    pattern: /refreshNeeded\(this\.(advisory|mandatory)\)|[<>]=?\s*(this\.)?\w*(advisory|mandatory)\w*|\b\w*(advisory|mandatory)\w*\s*[<>]|\)\s*\/\s*1000\s*[<>]/i,
    home: ['credentials/refreshable.ts'],
  },
  { concept: 'registries filled on import', pattern: /CLIENT_EXTENSIONS|static readonly \w+: Array</, home: [] },
];

function* sourceFiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

describe('one home per concept', () => {
  const files = [...sourceFiles(SRC)].map((f) => ({ rel: path.relative(SRC, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));

  it.each(HOMES.map((h) => [h.concept, h] as const))('%s', (_concept, { pattern, home }) => {
    const where = files.filter((f) => pattern.test(f.text)).map((f) => f.rel);
    expect(where.filter((f) => !home.includes(f))).toEqual([]);
    // The home still holds it (a pattern that matches nothing proves nothing).
    for (const h of home) expect(where).toContain(h);
  });
});
