/**
 * SigV4 header signing against values botocore 1.43 produced for the same inputs
 * (SigV4Auth / S3SigV4Auth with the clock fixed at 2024-05-06T07:08:09Z).
 */
import { Readable } from 'stream';
import { canonicalRequest, signRequest, SignableRequest, stringToSign } from '../../../src/signing';

const DATE = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
const CREDS = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };
const TOKEN_CREDS = { ...CREDS, sessionToken: 'TOKEN/with+chars=' };
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function sigOf(auth: string | undefined): string {
  return /Signature=([0-9a-f]+)/.exec(auth ?? '')?.[1] ?? '';
}

describe('signRequest (S3 rules)', () => {
  it('signs a GET with an encoded key, query and Range as botocore does', () => {
    const req: SignableRequest = {
      method: 'GET',
      url: 'https://bucket.s3.us-west-2.amazonaws.com/dir/a%20b%2Bc%21.txt?versionId=abc%2Fdef&partNumber=2',
      headers: { 'User-Agent': 'x', Range: 'bytes=0-9' },
    };
    const headers = signRequest(req, CREDS, { signingName: 's3', region: 'us-west-2', s3: true, date: DATE });
    expect(headers).toBe(req.headers);
    expect(headers['X-Amz-Date']).toBe('20240506T070809Z');
    expect(headers['X-Amz-Content-SHA256']).toBe(EMPTY);
    expect(headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=59548c323ada50c44be0359d516b50ece42acc744987377e96b7c06fe5682b94',
    );
  });

  it('hashes a byte body, signs the session token and a non-default port, skips Expect', () => {
    const req: SignableRequest = {
      method: 'PUT',
      url: 'http://127.0.0.1:4568/bucket/key',
      headers: { 'Content-Type': 'text/plain', Expect: '100-continue' },
      body: Buffer.from('hello world'),
    };
    signRequest(req, TOKEN_CREDS, { signingName: 's3', region: 'us-west-2', s3: true, date: DATE });
    expect(req.headers['X-Amz-Security-Token']).toBe('TOKEN/with+chars=');
    expect(req.headers['X-Amz-Content-SHA256']).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
    expect(req.headers.Authorization).toContain(
      'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token,',
    );
    expect(sigOf(req.headers.Authorization)).toBe('324f79dee397464fa3c0b22e3df2d856f947b5cae09a295c98654d82f314ba1c');
  });

  it('signs a value-less query key (?uploads) as `uploads=`', () => {
    const req: SignableRequest = { method: 'POST', url: 'https://s3.us-west-2.amazonaws.com/bucket/k?uploads', headers: {} };
    const opts = { signingName: 's3', region: 'us-west-2', s3: true, date: DATE };
    expect(canonicalRequest(req, opts).split('\n')[2]).toBe('uploads=');
    signRequest(req, CREDS, opts);
    expect(sigOf(req.headers.Authorization)).toBe('f32c91f091d5318614965b91874227d7a3750b33af6dc54718feda5a953ead3d');
  });

  it('signs an S3 Control path with encoded reserved characters as sent (%3B and %2F kept)', () => {
    const req: SignableRequest = {
      method: 'DELETE',
      url: 'https://523695703702.s3-control.us-east-1.amazonaws.com/v20180820/accessgrantsinstance/grant/P%3BXe%2F9xY',
      headers: { 'x-amz-account-id': '523695703702' },
    };
    const opts = { signingName: 's3', region: 'us-east-1', s3: true, disableDoubleEncoding: true, date: DATE };
    expect(canonicalRequest(req, opts).split('\n')[1]).toBe('/v20180820/accessgrantsinstance/grant/P%3BXe%2F9xY');
    signRequest(req, CREDS, opts);
    expect(sigOf(req.headers.Authorization)).toBe('387c0d2999e1fc3dffc0fbdace63480da6e505dcfb0354f2a12978a3355cdfaf');
  });

  it('signs every value of a repeated query key, raw pairs sorted', () => {
    const req: SignableRequest = {
      method: 'GET',
      url: 'https://807712273386.s3-control.us-east-1.amazonaws.com/v20180820/jobs?nextToken=j22zudj%2B2&jobStatuses=Failed&jobStatuses=Cancelling&maxResults=23',
      headers: { 'x-amz-account-id': '807712273386' },
    };
    const opts = { signingName: 's3', region: 'us-east-1', s3: true, date: DATE };
    expect(canonicalRequest(req, opts).split('\n')[2]).toBe('jobStatuses=Cancelling&jobStatuses=Failed&maxResults=23&nextToken=j22zudj%2B2');
    signRequest(req, CREDS, opts);
    expect(sigOf(req.headers.Authorization)).toBe('2aee5c1b325a61d76f6cef41875bdf9bec748e28423cf630ec5567688ccb81c3');
  });

  it('never reads a stream body: UNSIGNED-PAYLOAD', () => {
    const body = new Readable({ read() { throw new Error('must not be read'); } });
    const req: SignableRequest = { method: 'PUT', url: 'https://b.s3.amazonaws.com/k', headers: {}, body };
    signRequest(req, CREDS, { signingName: 's3', region: 'us-east-1', s3: true, date: DATE });
    expect(req.headers['X-Amz-Content-SHA256']).toBe('UNSIGNED-PAYLOAD');
    expect(canonicalRequest(req, { signingName: 's3', region: 'us-east-1', s3: true, date: DATE }).endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('uses STREAMING-UNSIGNED-PAYLOAD-TRAILER for aws-chunked trailer bodies', () => {
    const req: SignableRequest = {
      method: 'PUT',
      url: 'https://b.s3.amazonaws.com/k',
      headers: { 'Content-Encoding': 'aws-chunked', 'X-Amz-Trailer': 'x-amz-checksum-crc32', 'Transfer-Encoding': 'chunked' },
      body: Buffer.from('0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
    };
    signRequest(req, CREDS, { signingName: 's3', region: 'us-east-1', s3: true, date: DATE });
    expect(req.headers['X-Amz-Content-SHA256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');
    expect(req.headers.Authorization).toContain('SignedHeaders=content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-trailer,');
  });

  it('applies S3 rules to another signing name (s3-outposts) and generic rules to s3 without the flag', () => {
    const req: SignableRequest = { method: 'GET', url: 'https://h.example.com/a//b/../c%20d', headers: {} };
    const s3ish = canonicalRequest(req, { signingName: 's3-outposts', region: 'us-east-1', s3: true, date: DATE });
    expect(s3ish.split('\n')[1]).toBe('/a//b/../c%20d');
    const generic = canonicalRequest(req, { signingName: 's3', region: 'us-east-1', date: DATE });
    expect(generic.split('\n')[1]).toBe('/a/c%2520d');
    expect(stringToSign(req, CREDS, { signingName: 's3-outposts', region: 'us-east-1', s3: true, date: DATE })).toContain(
      '20240506/us-east-1/s3-outposts/aws4_request',
    );
  });
});

describe('signRequest (generic rules)', () => {
  it('signs a JSON POST, leaving out user-agent, trace id and transfer-encoding', () => {
    const req: SignableRequest = {
      method: 'POST',
      url: 'https://dynamodb.us-west-2.amazonaws.com/',
      headers: {
        'X-Amz-Target': 'DynamoDB_20120810.ListTables',
        'Content-Type': 'application/x-amz-json-1.0',
        'User-Agent': 'botojs',
        'X-Amzn-Trace-Id': 'r',
        'Transfer-Encoding': 'chunked',
      },
      body: '{}',
    };
    signRequest(req, CREDS, { signingName: 'dynamodb', region: 'us-west-2', date: DATE });
    expect(req.headers['X-Amz-Content-SHA256']).toBeUndefined();
    expect(req.headers.Authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/dynamodb/aws4_request, ' +
        'SignedHeaders=content-type;host;x-amz-date;x-amz-target, ' +
        'Signature=8750864288e1771b3b9ed80a5c75efbea0b4c68627068aa330bb06cf5f4b6fce',
    );
  });

  it('double-encodes an already encoded path and signs the token', () => {
    const req: SignableRequest = {
      method: 'GET',
      url: 'https://lambda.us-west-2.amazonaws.com/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-west-2%3A1%3Afunction%3Af/configuration?Qualifier=%24LATEST',
      headers: {},
    };
    const opts = { signingName: 'lambda', region: 'us-west-2', date: DATE };
    expect(canonicalRequest(req, opts).split('\n')[1]).toBe(
      '/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-west-2%253A1%253Afunction%253Af/configuration',
    );
    signRequest(req, TOKEN_CREDS, opts);
    expect(sigOf(req.headers.Authorization)).toBe('ebbb7175f2e1859c87057f63b7052d0e957c2f70201595ab879c670febef5ccb');
  });

  it('normalizes dot segments, double-encodes and keeps empty query pairs as botocore does', () => {
    const req: SignableRequest = { method: 'GET', url: 'https://svc.us-east-1.amazonaws.com/a/./b//c/../d%2Fe?b=2&a=z&a=y&&c', headers: {} };
    const opts = { signingName: 'svc', region: 'us-east-1', date: DATE };
    const lines = canonicalRequest(req, opts).split('\n');
    expect(lines.slice(1, 3)).toEqual(['/a/b/d%252Fe', '=&a=y&a=z&b=2&c=']);
    signRequest(req, CREDS, opts);
    expect(sigOf(req.headers.Authorization)).toBe('585e3b0f81fca39025b14415d1268fa4644a7e9ae2f10e14b6bac3e1e3da4737');
  });

  it('encodes the path once with disableDoubleEncoding', () => {
    const req: SignableRequest = { method: 'GET', url: 'https://h.example.com/a%3Ab', headers: {} };
    const creq = canonicalRequest(req, { signingName: 'svc', region: 'us-east-1', date: DATE, disableDoubleEncoding: true });
    expect(creq.split('\n')[1]).toBe('/a%3Ab');
  });

  it('replaces a stale Authorization/X-Amz-Date on re-signing (retries)', () => {
    const req: SignableRequest = {
      method: 'GET',
      url: 'https://svc.us-east-1.amazonaws.com/',
      headers: { authorization: 'old', 'x-amz-date': '19990101T000000Z' },
    };
    signRequest(req, CREDS, { signingName: 'svc', region: 'us-east-1', date: DATE });
    expect(Object.keys(req.headers).sort()).toEqual(['Authorization', 'X-Amz-Date']);
    expect(req.headers['X-Amz-Date']).toBe('20240506T070809Z');
  });

  it('uses a precomputed payload hash without sending it', () => {
    const req: SignableRequest = { method: 'POST', url: 'https://svc.us-east-1.amazonaws.com/', headers: {}, body: 'x' };
    const creq = canonicalRequest(req, { signingName: 'svc', region: 'us-east-1', date: DATE, payloadHash: 'abc123' });
    expect(creq.endsWith('\nhost;x-amz-date\nabc123')).toBe(true);
  });

  it('streams without a hash get UNSIGNED-PAYLOAD, sent and signed as a header', () => {
    const body = Readable.from([Buffer.from('x')]);
    const req: SignableRequest = { method: 'POST', url: 'https://svc.us-east-1.amazonaws.com/', headers: {}, body };
    signRequest(req, CREDS, { signingName: 'svc', region: 'us-east-1', date: DATE });
    expect(req.headers['X-Amz-Content-SHA256']).toBe('UNSIGNED-PAYLOAD');
    expect(req.headers.Authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date,');
  });

  it('honours unsignedPayload over http and https (botocore sends the header either way; see unsigned-payload.spec.ts)', () => {
    const opts = { signingName: 'svc', region: 'us-east-1', date: DATE, unsignedPayload: true };
    const https = canonicalRequest({ method: 'POST', url: 'https://h/', headers: {}, body: 'x' }, opts);
    const http = canonicalRequest({ method: 'POST', url: 'http://h/', headers: {}, body: 'x' }, opts);
    expect(https.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect(http.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    // S3 rules: the body is hashed over http, and over https without a checksum header.
    const s3 = { ...opts, s3: true };
    const hash = '\n2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881';
    expect(canonicalRequest({ method: 'POST', url: 'http://h/', headers: { 'Content-MD5': 'm' }, body: 'x' }, s3).endsWith(hash)).toBe(true);
    expect(canonicalRequest({ method: 'POST', url: 'https://h/', headers: {}, body: 'x' }, s3).endsWith(hash)).toBe(true);
    expect(canonicalRequest({ method: 'POST', url: 'https://h/', headers: { 'Content-MD5': 'm' }, body: 'x' }, s3).endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('signs the host without a default port and with a custom one', () => {
    const opts = { signingName: 'svc', region: 'us-east-1', date: DATE };
    expect(canonicalRequest({ method: 'GET', url: 'https://H.example.com:443/', headers: {} }, opts)).toContain('\nhost:h.example.com\n');
    expect(canonicalRequest({ method: 'GET', url: 'http://localhost:8000/', headers: {} }, opts)).toContain('\nhost:localhost:8000\n');
  });

  it('keeps a caller Date header (rewritten to the signing time) instead of X-Amz-Date, as botocore', () => {
    const req: SignableRequest = { method: 'GET', url: 'https://svc.us-east-1.amazonaws.com/', headers: { Date: 'whatever' } };
    signRequest(req, CREDS, { signingName: 'svc', region: 'us-east-1', date: DATE });
    expect(req.headers).toEqual({
      Date: 'Mon, 06 May 2024 07:08:09 -0000',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/svc/aws4_request, SignedHeaders=date;host, ' +
        'Signature=65b22510206979c151473d91610c71b0115b4ec108b71a7c14e6990e778d1425',
    });
  });
});
