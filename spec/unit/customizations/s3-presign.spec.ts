/**
 * S3 presigning. botojs deliberately differs from boto3 1.43.11's default here (docs/DESIGN.md):
 *
 * - by default it signs SigV4 at the regional endpoint and hoists the x-amz-* headers
 *   (metadata, ACL, tagging, ...) into the query, so a plain PUT of the URL stores them (the
 *   AWS JS SDK's presigner does the same); server-side-encryption headers and Content-Type stay
 *   headers the URL's user sends. boto3 signs HMAC-SHA1 URLs on the global endpoint in the older
 *   regions, which buckets created since mid-2020 refuse;
 * - boto3's HMAC-SHA1 URLs are the opt-in `Config({ signatureVersion: 's3' })`.
 *
 * The literals below are boto3's output (clock frozen at 2024-05-06T07:08:09Z, AKID / SECRET,
 * ExpiresIn 900 for URLs, 120 for POSTs); the cases botojs must still match exactly use them.
 */
import { ParamValidationError, Session, UNSIGNED, UnsupportedSignatureVersionError } from '../../../src';
import { renderAuthPath } from '../../../src/customizations/s3/presign';

const BOTO3: Record<string, string> = {
  'put us-west-2':
        'https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Signature=uvItyVYrymL1gue7evdLQoK9Iyg%3D&x-amz-meta-owner=me&x-amz' +
        '-meta-note=a%20b%2Fc&content-type=text%2Fplain&x-amz-acl=public-read&Expires=1714980189',
  'get us-west-2 token qsa':
        'https://bucket.s3.amazonaws.com/dir/a%20b%2B%C3%A9.txt?versionId=v%201&response-content-type=text%2Fplain&response-conte' +
        'nt-disposition=attachment%3B%20filename%3D%22x%20y%22&AWSAccessKeyId=AKID&Signature=Wc9%2BD2t2G5bpC07BTXQ3owriZzg%3D&x-a' +
        'mz-security-token=TOK%2F%2B%3D&Expires=1714980189',
  'put eu-central-1':
        'https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240506%2Feu-central-1%2Fs3%' +
        '2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=900&X-Amz-SignedHeaders=content-type%3Bhost%3Bx-amz-acl%3Bx-amz' +
        '-meta-note%3Bx-amz-meta-owner&X-Amz-Signature=3a74e7ac7e2be6912d7905d7b46cbdad933e6bcae21688a38585a2fe714141eb',
  'put us-west-2 virtual':
        'https://bucket.s3.us-west-2.amazonaws.com/k?AWSAccessKeyId=AKID&Signature=uvItyVYrymL1gue7evdLQoK9Iyg%3D&x-amz-meta-owne' +
        'r=me&x-amz-meta-note=a%20b%2Fc&content-type=text%2Fplain&x-amz-acl=public-read&Expires=1714980189',
  'get us-west-2 dots':
        'https://s3.us-west-2.amazonaws.com/my.bucket/k?AWSAccessKeyId=AKID&Signature=seMQ6m5tG4AIbNs%2F0TWDKoyUeds%3D&Expires=17' +
        '14980189',
  'list_buckets us-west-2':
        'https://s3.amazonaws.com/?AWSAccessKeyId=AKID&Signature=ptyxDemWfknO6ncg89PCr%2B%2B4JGc%3D&Expires=1714980189',
  'list_objects us-west-2':
        'https://bucket.s3.amazonaws.com/?list-type=2&prefix=a%20b&encoding-type=url&AWSAccessKeyId=AKID&Signature=LwdVysEg8Hirvl' +
        'dzjd0pQHGEDRk%3D&Expires=1714980189',
  'upload_part us-east-1':
        'https://bucket.s3.amazonaws.com/k?uploadId=u&partNumber=2&AWSAccessKeyId=AKID&Signature=95mKJlQ%2FltwogEOeVdOkdTj4NH8%3D' +
        '&Expires=1714980189',
  'get s3v4 us-west-2':
        'https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240506%2Fus-west-2%2Fs3%2Fa' +
        'ws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=ea6f3518d65f98c3817de' +
        'dc9a55cc88b05c9f8cc4ed6ee3926f241fab29324e2',
  'get cn-north-1':
        'https://bucket.s3.cn-north-1.amazonaws.com.cn/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240506%2Fcn-n' +
        'orth-1%2Fs3%2Faws4_request&X-Amz-Date=20240506T070809Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=1f101e' +
        '4e991bda3a0d2756eb20d939dd9096e9da6a252838ac24ef4e2855337a',
  'get sse-c us-west-2':
        'https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Signature=d5OOfTkb4fQD2hl7z7LMOOKqmoc%3D&x-amz-server-side-encrypt' +
        'ion-customer-algorithm=AES256&x-amz-server-side-encryption-customer-key=MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA%3D&x' +
        '-amz-server-side-encryption-customer-key-md5=zZ5FnqcIqUjVwvWmyog4zw%3D%3D&Expires=1714980189',
  'put method override':
        'https://bucket.s3.amazonaws.com/k?AWSAccessKeyId=AKID&Signature=ltP%2FMPIIljWdlVpDWSucBQoTQUE%3D&Expires=1714980189',
  'arn':
        'https://myap-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k?AWSAccessKeyId=AKID&Signature=E1EdovnWc91c89BB2ma61LB' +
        't5g0%3D&Expires=1714980189',
  'get_bucket_acl':
        'https://bucket.s3.amazonaws.com/?acl&AWSAccessKeyId=AKID&Signature=SNJ0LDQKlim0bmRpK19JRLX5FZk%3D&Expires=1714980189',
  'post us-west-2':
        '{"url": "https://bucket.s3.amazonaws.com/", "fields": {"acl": "public-read", "key": "up/${filename}", "AWSAccessKeyId": ' +
        '"AKID", "x-amz-security-token": "TOK", "policy": "eyJleHBpcmF0aW9uIjogIjIwMjQtMDUtMDZUMDc6MTA6MDlaIiwgImNvbmRpdGlvbnMiOi' +
        'BbeyJhY2wiOiAicHVibGljLXJlYWQifSwgeyJidWNrZXQiOiAiYnVja2V0In0sIFsic3RhcnRzLXdpdGgiLCAiJGtleSIsICJ1cC8iXSwgeyJ4LWFtei1zZW' +
        'N1cml0eS10b2tlbiI6ICJUT0sifV19", "signature": "zS5nRllX2i7+0X2Ky5f/7IZSTj8="}}',
  'post eu-central-1':
        '{"url": "https://bucket.s3.amazonaws.com/", "fields": {"key": "k", "x-amz-algorithm": "AWS4-HMAC-SHA256", "x-amz-credent' +
        'ial": "AKID/20240506/eu-central-1/s3/aws4_request", "x-amz-date": "20240506T070809Z", "policy": "eyJleHBpcmF0aW9uIjogIjI' +
        'wMjQtMDUtMDZUMDc6MTA6MDlaIiwgImNvbmRpdGlvbnMiOiBbeyJidWNrZXQiOiAiYnVja2V0In0sIHsia2V5IjogImsifSwgeyJ4LWFtei1hbGdvcml0aG0' +
        'iOiAiQVdTNC1ITUFDLVNIQTI1NiJ9LCB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJRC8yMDI0MDUwNi9ldS1jZW50cmFsLTEvczMvYXdzNF9yZXF1ZXN0In0' +
        'sIHsieC1hbXotZGF0ZSI6ICIyMDI0MDUwNlQwNzA4MDlaIn1dfQ==", "x-amz-signature": "1389e8ce36157f7b8362db3c901b4f4aa9aa3d93ae8c' +
        '3be62560afcd91c784f6"}}',
};

const FROZEN = Date.UTC(2024, 4, 6, 7, 8, 9);

function s3(region: string, token?: string, config: Record<string, unknown> = {}): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', awsSessionToken: token, regionName: region });
  return session.client('s3', { config });
}

const PUT = { Bucket: 'bucket', Key: 'k', Metadata: { Owner: 'me', note: 'a b/c' }, ContentType: 'text/plain', ACL: 'public-read' };
const HMAC = { signatureVersion: 's3' };

describe('S3 presigning', () => {
  beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(FROZEN));
  afterEach(() => jest.restoreAllMocks());

  it('by default: SigV4, regional, x-amz-* headers hoisted into the query, Content-Type still signed', async () => {
    const u = new URL(await s3('us-west-2').generatePresignedUrl('put_object', { Params: PUT, ExpiresIn: 900 }));
    expect(u.host).toBe('bucket.s3.us-west-2.amazonaws.com');
    expect(u.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(u.searchParams.get('X-Amz-Credential')).toBe('AKID/20240506/us-west-2/s3/aws4_request');
    expect(u.searchParams.get('x-amz-meta-owner')).toBe('me');
    expect(u.searchParams.get('x-amz-meta-note')).toBe('a b/c');
    expect(u.searchParams.get('x-amz-acl')).toBe('public-read');
    expect(u.searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
  });

  it('by default: server-side-encryption headers stay signed headers, never in the URL', async () => {
    const u = new URL(await s3('us-west-2').generatePresignedUrl('get_object', { Params: { Bucket: 'bucket', Key: 'k', SSECustomerAlgorithm: 'AES256', SSECustomerKey: '0'.repeat(32) }, ExpiresIn: 900 }));
    expect([...u.searchParams.keys()].filter((k) => k.startsWith('x-amz-server-side'))).toEqual([]);
    expect(u.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-amz-server-side-encryption-customer-algorithm;x-amz-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-key-md5');
  });

  it('a GET with nothing to hoist is byte for byte boto3 where boto3 signs SigV4 regionally (cn-north-1)', async () => {
    expect(await s3('cn-north-1').generatePresignedUrl('get_object', { Params: { Bucket: 'bucket', Key: 'k' }, ExpiresIn: 900 })).toBe(BOTO3['get cn-north-1']);
  });

  it.each([
    ['put us-west-2 virtual', () => s3('us-west-2', undefined, { ...HMAC, s3: { addressingStyle: 'virtual' } }), 'put_object', PUT],
    ['get us-west-2 dots', () => s3('us-west-2', undefined, HMAC), 'get_object', { Bucket: 'my.bucket', Key: 'k' }],
    ['arn', () => s3('us-west-2', undefined, HMAC), 'get_object', { Bucket: 'arn:aws:s3:us-west-2:123456789012:accesspoint/myap', Key: 'k' }],
  ])('signatureVersion s3 (opt-in): %s is byte for byte boto3', async (name, client, method, params) => {
    expect(await client().generatePresignedUrl(method, { Params: params, ExpiresIn: 900 })).toBe(BOTO3[name]);
  });

  it.each([
    ['put us-west-2', () => s3('us-west-2', undefined, HMAC), 'put_object', PUT],
    ['get us-west-2 token qsa', () => s3('us-west-2', 'TOK/+=', HMAC), 'get_object', { Bucket: 'bucket', Key: 'dir/a b+é.txt', VersionId: 'v 1', ResponseContentType: 'text/plain', ResponseContentDisposition: 'attachment; filename="x y"' }],
    ['list_objects us-west-2', () => s3('us-west-2', undefined, HMAC), 'list_objects_v2', { Bucket: 'bucket', Prefix: 'a b' }],
    ['upload_part us-east-1', () => s3('us-east-1', undefined, HMAC), 'upload_part', { Bucket: 'bucket', Key: 'k', UploadId: 'u', PartNumber: 2 }],
    ['get_bucket_acl', () => s3('us-west-2', undefined, HMAC), 'get_bucket_acl', { Bucket: 'bucket' }],
  ])('signatureVersion s3 (opt-in): %s is boto3 on the global endpoint', async (name, client, method, params) => {
    expect(await client().generatePresignedUrl(method, { Params: params, ExpiresIn: 900 })).toBe(BOTO3[name]);
  });

  it('presigned POST: SigV4 fields by default (the policy and signature are boto3\'s where boto3 signs SigV4), HMAC-SHA1 as the opt-in', async () => {
    const v4 = await s3('eu-central-1').generatePresignedPost({ Bucket: 'bucket', Key: 'k', ExpiresIn: 120 });
    const boto3V4 = JSON.parse(BOTO3['post eu-central-1']) as { fields: Record<string, string> };
    expect(v4.fields).toEqual(boto3V4.fields);
    expect(v4.url).toBe('https://bucket.s3.eu-central-1.amazonaws.com/');
    const v2 = await s3('us-west-2', 'TOK', HMAC).generatePresignedPost({ Bucket: 'bucket', Key: 'up/${filename}', Fields: { acl: 'public-read' }, Conditions: [{ acl: 'public-read' }], ExpiresIn: 120 });
    expect(JSON.stringify(v2)).toBe(JSON.stringify(JSON.parse(BOTO3['post us-west-2'])));
    const defaultPost = await s3('us-west-2').generatePresignedPost({ Bucket: 'bucket', Key: 'k', ExpiresIn: 120 });
    expect(Object.keys(defaultPost.fields)).toEqual(['key', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'policy', 'x-amz-signature']);
    expect(defaultPost.url).toBe('https://bucket.s3.us-west-2.amazonaws.com/');
  });

  it("renderAuthPath: the request URI's renderer over the bucket's path, less an ARN bucket segment", () => {
    const model = s3('us-west-2').meta.serviceModel;
    const get = model.operation('GetObject');
    expect(renderAuthPath(get, { Bucket: 'b', Key: 'dir/a b+é.txt' })).toBe('/b/dir/a%20b%2B%C3%A9.txt');
    expect(renderAuthPath(get, { Bucket: 'arn:aws:s3:us-west-2:123456789012:accesspoint/myap', Key: 'k' })).toBe('/k');
    expect(renderAuthPath(model.operation('GetBucketAcl'), { Bucket: 'b' })).toBe('/b/');
    expect(renderAuthPath(model.operation('ListBuckets'), {})).toBeUndefined();
    // botocore fails too (a KeyError) when parameter validation is off and a label has no value.
    expect(() => renderAuthPath(get, { Key: 'k' })).toThrow(ParamValidationError);
  });

  it('an ARN bucket signs for the region the rule set chose, any other bucket for the client\'s', async () => {
    const ap = new URL(await s3('us-west-2').generatePresignedUrl('get_object', { Params: { Bucket: 'arn:aws:s3:eu-west-1:123456789012:accesspoint/myap', Key: 'k' } }));
    expect(ap.host).toBe('myap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com');
    expect(ap.searchParams.get('X-Amz-Credential')).toBe('AKID/20240506/eu-west-1/s3/aws4_request');
    const plain = new URL(await s3('us-west-2').generatePresignedUrl('get_object', { Params: { Bucket: 'bucket', Key: 'k' } }));
    expect(plain.searchParams.get('X-Amz-Credential')).toBe('AKID/20240506/us-west-2/s3/aws4_request');
  });

  it('presigned POST refuses what only SigV4 can sign: a Multi-Region Access Point (SigV4a), an unsigned client', async () => {
    const mrap = 'arn:aws:s3::123456789012:accesspoint/mfzwi23gnjvgw.mrap';
    await expect(s3('us-east-1').generatePresignedPost({ Bucket: mrap, Key: 'k' })).rejects.toThrow(new UnsupportedSignatureVersionError('Signature version(s) are not supported: v4a-presign-post'));
    await expect(s3('us-east-1', undefined, { signatureVersion: UNSIGNED }).generatePresignedPost({ Bucket: 'bucket', Key: 'k' })).rejects.toThrow(/not supported: unsigned-presign-post/);
  });

  it('generatePresignedPost is a member of S3 clients only, as botocore adds it at creating-client-class.s3', () => {
    const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, regionName: 'us-west-2' });
    expect('generatePresignedPost' in s3('us-west-2')).toBe(true);
    // S3 Control has a CreateBucket operation too, and no POST forms.
    const control = session.client('s3control');
    expect('generatePresignedPost' in control).toBe(false);
    expect(() => (control as unknown as Record<string, unknown>).generatePresignedPost).toThrow(TypeError);
    expect('generatePresignedUrl' in control).toBe(true);
  });
});
