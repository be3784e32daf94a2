/**
 * Presigned URLs and POST policies against botocore 1.43 output for the same inputs
 * (S3SigV4QueryAuth, SigV4QueryAuth, S3PostPresigner; clock fixed at 2024-05-06T07:08:09Z).
 */
import { presignPost, presignUrl, signBearer } from '../../../src/signing';
import { jsonText as pythonJsonDumps } from '../../../src/util/json-text';

const DATE = new Date(Date.UTC(2024, 4, 6, 7, 8, 9));
const CREDS = { accessKeyId: 'AKID', secretAccessKey: 'SECRET' };
const TOKEN_CREDS = { ...CREDS, sessionToken: 'TOKEN/with+chars=' };

describe('presignUrl', () => {
  it('presigns an S3 GET with a query and a session token', () => {
    const url = presignUrl(
      { method: 'GET', url: 'https://bucket.s3.us-west-2.amazonaws.com/a%20b.txt?response-content-type=text%2Fplain', headers: {} },
      TOKEN_CREDS,
      { signingName: 's3', region: 'us-west-2', s3: true, date: DATE, expiresIn: 3600 },
    );
    expect(url).toBe(
      'https://bucket.s3.us-west-2.amazonaws.com/a%20b.txt?response-content-type=text%2Fplain&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKID%2F20240506%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=3600' +
        '&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2Fwith%2Bchars%3D' +
        '&X-Amz-Signature=8f57b09770ff076a841d58da54053e87797b0d81a8ea2af80ee49f0931345498',
    );
  });

  it('presigns a plain S3 key with X-Amz-Expires', () => {
    const url = presignUrl(
      { method: 'GET', url: 'https://bucket.s3.us-west-2.amazonaws.com/k', headers: {} },
      CREDS,
      { signingName: 's3', region: 'us-west-2', s3: true, date: DATE, expiresIn: 900 },
    );
    expect(url).toBe(
      'https://bucket.s3.us-west-2.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKID%2F20240506%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=900' +
        '&X-Amz-SignedHeaders=host&X-Amz-Signature=adf6c8df1ef3233f4b60eb5937efd5df4eaa60378c03c6e8bdfe8ca8ba9c1db9',
    );
  });

  it('moves a form body into the query for query-protocol services', () => {
    const req = {
      method: 'POST',
      url: 'https://sts.amazonaws.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    };
    const url = presignUrl(req, CREDS, { signingName: 'sts', region: 'us-west-2', date: DATE, expiresIn: 60 });
    expect(url).toBe(
      'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKID%2F20240506%2Fus-west-2%2Fsts%2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=60' +
        '&X-Amz-SignedHeaders=host&X-Amz-Signature=1a140d341124229c68b585ff73ece8427b0488f9bbdd7b1282501783a7dbf81d',
    );
    expect(req.headers['Content-Type']).toBeDefined(); // the input is not mutated
  });

  it('re-encodes a moved form body as percent_encode_sequence does (a space is %20, not +)', () => {
    // boto3 1.43.11: iam.generate_presigned_url('list_users', Params={'PathPrefix': '/a b+c/'}, ExpiresIn=60)
    const req = {
      method: 'POST',
      url: 'https://iam.amazonaws.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fa+b%2Bc%2F',
    };
    expect(presignUrl(req, CREDS, { signingName: 'iam', region: 'us-east-1', date: DATE, expiresIn: 60 })).toBe(
      'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fa%20b%2Bc%2F&X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKID%2F20240506%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=60' +
        '&X-Amz-SignedHeaders=host&X-Amz-Signature=ab71df30a195cc55323e384fd199213469b9c7dc34172658e11242c41d635fc6',
    );
  });
});

describe('presignPost', () => {
  it('builds botocore-identical fields, policy and signature', () => {
    const conditions: unknown[] = [
      { acl: 'public-read' },
      ['content-length-range', 10, 100],
      ['starts-with', '$Content-Type', 'image/é'],
    ];
    const result = presignPost({
      url: 'https://bucket.s3.amazonaws.com/',
      bucket: 'bucket',
      key: 'uploads/${filename}',
      fields: { acl: 'public-read' },
      conditions,
      expiresIn: 120,
      creds: TOKEN_CREDS,
      signingName: 's3',
      region: 'us-west-2',
      date: DATE,
    });
    expect(result).toEqual({
      url: 'https://bucket.s3.amazonaws.com/',
      fields: {
        acl: 'public-read',
        key: 'uploads/${filename}',
        'x-amz-algorithm': 'AWS4-HMAC-SHA256',
        'x-amz-credential': 'AKID/20240506/us-west-2/s3/aws4_request',
        'x-amz-date': '20240506T070809Z',
        'x-amz-security-token': 'TOKEN/with+chars=',
        policy:
          'eyJleHBpcmF0aW9uIjogIjIwMjQtMDUtMDZUMDc6MTA6MDlaIiwgImNvbmRpdGlvbnMiOiBbeyJhY2wiOiAicHVibGljLXJlYWQifSwgWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsIDEwLCAxMDBdLCBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvXHUwMGU5Il0sIHsiYnVja2V0IjogImJ1Y2tldCJ9LCBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXBsb2Fkcy8iXSwgeyJ4LWFtei1hbGdvcml0aG0iOiAiQVdTNC1ITUFDLVNIQTI1NiJ9LCB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJRC8yMDI0MDUwNi91cy13ZXN0LTIvczMvYXdzNF9yZXF1ZXN0In0sIHsieC1hbXotZGF0ZSI6ICIyMDI0MDUwNlQwNzA4MDlaIn0sIHsieC1hbXotc2VjdXJpdHktdG9rZW4iOiAiVE9LRU4vd2l0aCtjaGFycz0ifV19',
        'x-amz-signature': '1ab1bd2ee92ff104d794892ac49d6dc759fb76c5d2ef2ce4a58bc84db30bf01d',
      },
    });
    expect(conditions).toHaveLength(3); // the caller's list is not mutated
  });

  it('adds an exact key condition and defaults to one hour', () => {
    const { fields } = presignPost({ url: 'u', bucket: 'b', key: 'k', creds: CREDS, signingName: 's3', region: 'us-east-1', date: DATE });
    const policy = JSON.parse(Buffer.from(fields.policy, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.expiration).toBe('2024-05-06T08:08:09Z');
    expect(policy.conditions.slice(0, 2)).toEqual([{ bucket: 'b' }, { key: 'k' }]);
    expect(fields['x-amz-security-token']).toBeUndefined();
  });

  it('dumps JSON the way Python does', () => {
    expect(pythonJsonDumps({ a: [1, 'x"\\\n\u00e9\u{1F600}', true, null], b: {} })).toBe(
      '{"a": [1, "x\\"\\\\\\n\\u00e9\\ud83d\\ude00", true, null], "b": {}}',
    );
  });
});

describe('signBearer', () => {
  it('replaces Authorization with the bearer token', () => {
    const headers = { authorization: 'AWS4-HMAC-SHA256 old', Accept: 'x' };
    expect(signBearer(headers, 'tok')).toEqual({ Accept: 'x', Authorization: 'Bearer tok' });
  });

  it('refuses an empty token', () => {
    expect(() => signBearer({}, '')).toThrow('Unable to locate authorization token');
  });
});
