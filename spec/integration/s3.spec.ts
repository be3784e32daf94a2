/**
 * S3 against a real local server (s3rver): the client half of the seed tour.
 */
import { Readable } from 'stream';
import { ClientError, StreamingBody } from '../../src';
import { localS3, uniqueName } from '../helpers/local';

describe('S3 client against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('itest');

  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
  });
  afterAll(() => s3.close());

  it('lists the bucket it created', async () => {
    const r = await s3.listBuckets();
    expect(r.ResponseMetadata.HTTPStatusCode).toBe(200);
    expect(r.Buckets.map((b: { Name: string }) => b.Name)).toContain(bucket);
    expect(r.Buckets[0].CreationDate).toBeInstanceOf(Date);
  });

  it('puts, heads and gets an object with metadata', async () => {
    const put = await s3.putObject({ Bucket: bucket, Key: 'docs/hello.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { owner: 'ada', purpose: 'test' } });
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    const head = await s3.headObject({ Bucket: bucket, Key: 'docs/hello.txt' });
    expect(head.ContentLength).toBe(11);
    expect(head.ContentType).toBe('text/plain');
    expect(head.Metadata).toEqual({ owner: 'ada', purpose: 'test' });
    expect(head.LastModified).toBeInstanceOf(Date);
    const got = await s3.getObject({ Bucket: bucket, Key: 'docs/hello.txt' });
    expect(got.Body).toBeInstanceOf(StreamingBody);
    expect(await got.Body.text()).toBe('hello world');
    expect(got.Metadata).toEqual({ owner: 'ada', purpose: 'test' });
  });

  it('uploads a Buffer and a Readable body and streams the download', async () => {
    const big = Buffer.alloc(256 * 1024, 7);
    await s3.putObject({ Bucket: bucket, Key: 'bin/buffer', Body: big });
    await s3.putObject({ Bucket: bucket, Key: 'bin/stream', Body: Readable.from([Buffer.from('abc'), Buffer.from('def')]), ContentLength: 6 });
    const got = await s3.getObject({ Bucket: bucket, Key: 'bin/buffer' });
    let total = 0;
    for await (const chunk of got.Body as StreamingBody) total += chunk.length;
    expect(total).toBe(big.length);
    const s = await s3.getObject({ Bucket: bucket, Key: 'bin/stream' });
    expect(await s.Body.text()).toBe('abcdef');
  });

  it('lists only the keys under a prefix, with special characters intact', async () => {
    for (const key of ['images/a.png', 'images/b c.png', 'images/ü+%.png', 'other/x.txt']) {
      await s3.putObject({ Bucket: bucket, Key: key, Body: key });
    }
    const r = await s3.listObjectsV2({ Bucket: bucket, Prefix: 'images/' });
    expect(r.KeyCount).toBe(3);
    expect(r.Contents.map((o: { Key: string }) => o.Key).sort()).toEqual(['images/a.png', 'images/b c.png', 'images/ü+%.png']);
    expect(r.Prefix).toBe('images/');
  });

  it('copies an object (CopySource as an object)', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'src/orig.txt', Body: 'copy me' });
    const r = await s3.copyObject({ Bucket: bucket, Key: 'dst/copy.txt', CopySource: { Bucket: bucket, Key: 'src/orig.txt' } });
    expect(r.CopyObjectResult.ETag).toBeDefined();
    const got = await s3.getObject({ Bucket: bucket, Key: 'dst/copy.txt' });
    expect(await got.Body.text()).toBe('copy me');
  });

  it('raises NoSuchKey as a modeled exception and a ClientError', async () => {
    const err = await s3.getObject({ Bucket: bucket, Key: 'missing' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(s3.exceptions.NoSuchKey);
    expect(err).toBeInstanceOf(ClientError);
    const ce = err as ClientError;
    expect(ce.code).toBe('NoSuchKey');
    expect(ce.statusCode).toBe(404);
    expect(ce.response.Error.Code).toBe('NoSuchKey');
    expect(ce.operationName).toBe('GetObject');
    expect(ce.message).toMatch(/NoSuchKey.*GetObject/);
  });

  it('reports a 404 on HEAD as ClientError with code 404', async () => {
    const err = (await s3.headObject({ Bucket: bucket, Key: 'missing' }).catch((e: unknown) => e)) as ClientError;
    expect(err).toBeInstanceOf(ClientError);
    expect(err.code).toBe('404');
    expect(err.statusCode).toBe(404);
  });

  it('deletes objects one by one and in a batch (DeleteObjects with its checksum)', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'del/1', Body: '1' });
    await s3.putObject({ Bucket: bucket, Key: 'del/2', Body: '2' });
    await s3.putObject({ Bucket: bucket, Key: 'del/3', Body: '3' });
    await s3.deleteObject({ Bucket: bucket, Key: 'del/1' });
    const r = await s3.deleteObjects({ Bucket: bucket, Delete: { Objects: [{ Key: 'del/2' }, { Key: 'del/3' }] } });
    expect(r.Deleted.map((d: { Key: string }) => d.Key).sort()).toEqual(['del/2', 'del/3']);
    const left = await s3.listObjectsV2({ Bucket: bucket, Prefix: 'del/' });
    expect(left.KeyCount).toBe(0);
  });

  it('validates parameters before sending anything', async () => {
    await expect(s3.putObject({ Bucket: bucket, Kye: 'x' })).rejects.toThrow(/Missing required parameter in input: "Key"[\s\S]*Unknown parameter in input: "Kye"/);
    await expect(s3.getObject({ Bucket: 'bad bucket!', Key: 'k' })).rejects.toThrow(/Invalid bucket name/);
  });
});
