/**
 * Endpoint configuration and presigning, end to end against the local servers.
 */
import * as http from 'http';
import { Session } from '../../src';
import { dynamodbEndpoint, localS3, s3Endpoint, uniqueName } from '../helpers/local';

function get(url: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('configured endpoint URLs reach the local servers', () => {
  const base = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK', AWS_DEFAULT_REGION: 'us-east-1' };

  it('uses AWS_ENDPOINT_URL_<SERVICE> for that service only', async () => {
    const session = new Session({ env: { ...base, AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint() } });
    const ddb = session.client('dynamodb');
    expect(ddb.meta.endpointUrl).toBe(dynamodbEndpoint());
    expect(Array.isArray((await ddb.listTables()).TableNames)).toBe(true);
    expect(session.client('sqs').meta.endpointUrl).toBeUndefined();
    ddb.close();
  });

  it('uses AWS_ENDPOINT_URL for every service, and an explicit endpointUrl wins', async () => {
    const session = new Session({ env: { ...base, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(session.client('sqs').meta.endpointUrl).toBe('http://127.0.0.1:9');
    const ddb = session.client('dynamodb', { endpointUrl: dynamodbEndpoint() });
    expect(Array.isArray((await ddb.listTables()).TableNames)).toBe(true);
    ddb.close();
  });
});

describe('presigned URLs against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('presign');
  beforeAll(() => s3.createBucket({ Bucket: bucket }));
  afterAll(() => s3.close());

  it('a presigned GET fetches the object without credentials', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'shared/report.csv', Body: 'a,b\n1,2\n' });
    const url = await s3.generatePresignedUrl('getObject', { Params: { Bucket: bucket, Key: 'shared/report.csv' }, ExpiresIn: 300 });
    expect(url.startsWith(`${s3Endpoint()}/${bucket}/shared/report.csv?`)).toBe(true);
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.body).toBe('a,b\n1,2\n');
  });

  it('a presigned PUT uploads without credentials', async () => {
    const url = await s3.generatePresignedUrl('putObject', { Params: { Bucket: bucket, Key: 'upload/x.txt' } });
    const res = await get(url, { method: 'PUT', body: 'uploaded via URL' });
    expect(res.status).toBe(200);
    const got = await s3.getObject({ Bucket: bucket, Key: 'upload/x.txt' });
    expect(await got.Body.text()).toBe('uploaded via URL');
  });

  it('a presigned PUT with Metadata stores the metadata from a plain PUT of the URL (x-amz-* headers hoisted into the query)', async () => {
    const url = await s3.generatePresignedUrl('putObject', { Params: { Bucket: bucket, Key: 'upload/meta.txt', Metadata: { owner: 'ada' } } });
    expect(new URL(url).searchParams.get('x-amz-meta-owner')).toBe('ada');
    const res = await get(url, { method: 'PUT', body: 'with metadata' });
    expect(res.status).toBe(200);
    const head = await s3.headObject({ Bucket: bucket, Key: 'upload/meta.txt' });
    expect(head.Metadata).toEqual({ owner: 'ada' });
  });

  it('a presigned POST carries a policy and signature', async () => {
    const post = await s3.generatePresignedPost({ Bucket: bucket, Key: 'forms/${filename}', ExpiresIn: 600 });
    expect(post.url).toBe(`${s3Endpoint()}/${bucket}`);
    expect(post.fields.key).toBe('forms/${filename}');
    expect(Object.keys(post.fields).sort()).toEqual(['key', 'policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'].sort());
    const policy = JSON.parse(Buffer.from(post.fields.policy, 'base64').toString());
    expect(policy.conditions).toEqual(expect.arrayContaining([{ bucket }, ['starts-with', '$key', 'forms/']]));
  });
});
