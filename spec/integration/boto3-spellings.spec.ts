/**
 * boto3's spellings on real calls against s3rver: every member of a client (operations and
 * the rest: paginators, waiters, presigning, transfers, meta, close), of resources (waiters,
 * load, meta, collections), of paginators, page iterators, waiters and streaming bodies is
 * reached by its snake_case name, and by PascalCase on the client, as the camelCase name is.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough, Writable } from 'stream';
import { Config } from '../../src';
import { isolatedSession, localS3, s3Endpoint, uniqueName } from '../helpers/local';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- boto3 spellings are not in the types, on purpose
type Loose = any;

function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

describe('boto3 spellings on an S3 client (s3rver)', () => {
  const s3: Loose = localS3();
  const bucket = uniqueName('spell');
  let dir: string;

  beforeAll(async () => {
    await s3.create_bucket({ Bucket: bucket });
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-spell-'));
  });
  afterAll(async () => {
    s3.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('calls operations in snake_case and PascalCase', async () => {
    await s3.put_object({ Bucket: bucket, Key: 'a.txt', Body: 'one\ntwo\n' });
    await s3.PutObject({ Bucket: bucket, Key: 'b.txt', Body: 'bee' });
    const head = await s3.HeadObject({ Bucket: bucket, Key: 'b.txt' });
    expect(head.ContentLength).toBe(3);
    expect(s3.put_object).toBe(s3.putObject);
  });

  it('pages with get_paginator / can_paginate and the page iterator in boto3 spelling', async () => {
    expect(s3.can_paginate('list_objects_v2')).toBe(true);
    expect(s3.CanPaginate('ListObjectsV2')).toBe(true);
    const paginator = s3.get_paginator('list_objects_v2');
    expect(s3.GetPaginator('ListObjectsV2')).toBe(paginator);
    expect(paginator.result_keys).toEqual(['Contents', 'CommonPrefixes']);
    const pages = paginator.paginate({ Bucket: bucket, PaginationConfig: { MaxItems: 1, PageSize: 1 } });
    const full = await pages.build_full_result();
    expect(full.Contents.map((o: { Key: string }) => o.Key)).toEqual(['a.txt']);
    expect(typeof pages.resume_token).toBe('string');
    expect(pages.non_aggregate_part).toBe(pages.nonAggregatePart);
    expect(await paginator.paginate({ Bucket: bucket }).to_array()).toHaveLength(1);
    // search() returns a generator (no proxy can stand in for one): toArray is its only spelling.
    const keys = await paginator.paginate({ Bucket: bucket }).search('Contents[].Key').toArray();
    expect(keys).toEqual(['a.txt', 'b.txt']);
  });

  it('waits with get_waiter and lists waiter_names', async () => {
    expect(s3.waiter_names).toEqual(expect.arrayContaining(['bucketExists', 'objectExists', 'objectNotExists']));
    const waiter = s3.get_waiter('object_exists');
    expect(waiter.name).toBe('ObjectExists');
    const response = await waiter.wait({ Bucket: bucket, Key: 'a.txt', WaiterConfig: { Delay: 0, MaxAttempts: 2 } });
    expect(response.ContentLength).toBe(8);
    await s3.GetWaiter('ObjectNotExists').wait({ Bucket: bucket, Key: 'missing', WaiterConfig: { Delay: 0, MaxAttempts: 2 } });
  });

  it('presigns with generate_presigned_url and generate_presigned_post', async () => {
    const url: string = await s3.generate_presigned_url('get_object', { Params: { Bucket: bucket, Key: 'b.txt' }, ExpiresIn: 60 });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('bee');
    const post = await s3.GeneratePresignedPost({ Bucket: bucket, Key: 'posted.txt' });
    expect(post.url.startsWith(s3Endpoint())).toBe(true);
    expect(post.fields).toEqual(expect.objectContaining({ key: 'posted.txt', policy: expect.any(String) }));
  });

  it('transfers with upload_file, download_file, upload_fileobj, download_fileobj and copy', async () => {
    const source = path.join(dir, 'source.txt');
    await fsp.writeFile(source, 'file body');
    await s3.upload_file(source, bucket, 'up/file.txt');
    const target = path.join(dir, 'target.txt');
    await s3.download_file(bucket, 'up/file.txt', target);
    expect(await fsp.readFile(target, 'utf8')).toBe('file body');

    const input = new PassThrough();
    input.end('stream body');
    await s3.upload_fileobj(input, bucket, 'up/stream.txt');
    const out = sink();
    await s3.download_fileobj(bucket, 'up/stream.txt', out.stream);
    expect(out.bytes().toString()).toBe('stream body');

    await s3.copy({ Bucket: bucket, Key: 'up/stream.txt' }, bucket, 'up/copied.txt');
    await s3.copy_object({ CopySource: { Bucket: bucket, Key: 'up/copied.txt' }, Bucket: bucket, Key: 'up/copied2.txt' });
    const body = (await s3.get_object({ Bucket: bucket, Key: 'up/copied2.txt' })).Body;
    expect(await body.read()).toEqual(Buffer.from('stream body'));
    await s3.UploadFile(source, bucket, 'up/pascal.txt');
    expect((await s3.head_object({ Bucket: bucket, Key: 'up/pascal.txt' })).ContentLength).toBe(9);
  });

  it('reads streaming bodies with iter_lines and iter_chunks', async () => {
    const lines: string[] = [];
    for await (const line of (await s3.get_object({ Bucket: bucket, Key: 'a.txt' })).Body.iter_lines()) lines.push(line);
    expect(lines).toEqual(['one', 'two']);
    const chunks: string[] = [];
    for await (const chunk of (await s3.get_object({ Bucket: bucket, Key: 'a.txt' })).Body.iter_chunks(3)) chunks.push(chunk.toString());
    expect(chunks).toEqual(['one', '\ntw', 'o\n']);
  });

  it('exposes meta and exceptions in any spelling', async () => {
    expect(s3.Meta).toBe(s3.meta);
    expect(s3.meta.service_model ?? s3.meta.serviceModel).toBeDefined();
    expect(s3.Exceptions).toBe(s3.exceptions);
    await expect(s3.head_bucket({ Bucket: uniqueName('absent') })).rejects.toBeInstanceOf(s3.exceptions.ClientError);
    await expect(s3.get_object({ Bucket: bucket, Key: 'nope' })).rejects.toBeInstanceOf(s3.exceptions.NoSuchKey);
  });
});

describe('boto3 spellings on S3 resources (s3rver)', () => {
  const session = isolatedSession();
  const s3: Loose = session.resource('s3', { endpointUrl: s3Endpoint(), config: new Config({ s3: { addressingStyle: 'path' } }) });
  const name = uniqueName('spellres');
  let dir: string;

  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-spellres-'));
    const bucket = s3.Bucket(name);
    await bucket.create();
    await bucket.wait_until_exists({ WaiterConfig: { Delay: 0, MaxAttempts: 2 } });
    for (const k of ['k1', 'k2', 'k3']) await bucket.put_object({ Key: k, Body: `body ${k}` });
  });
  afterAll(async () => {
    s3.meta.client.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('reaches the client through meta.client and lists sub-resources', () => {
    const bucket = s3.Bucket(name);
    expect(bucket.meta.client).toBe(s3.meta.client);
    expect(bucket.Meta).toBe(bucket.meta);
    expect(bucket.get_available_subresources()).toEqual(expect.arrayContaining(['Object', 'Versioning']));
    expect(s3.get_available_subresources()).toContain('Bucket');
  });

  it('loads, reloads and waits on an object in boto3 spelling', async () => {
    const obj = s3.Object(name, 'k1');
    await obj.wait_until_exists({ WaiterConfig: { Delay: 0, MaxAttempts: 2 } });
    await obj.load();
    expect(obj.content_length).toBe(7);
    await obj.reload();
    expect(obj.ContentLength).toBe(7);
    await s3.Object(name, 'absent').wait_until_not_exists({ WaiterConfig: { Delay: 0, MaxAttempts: 2 } });
  });

  it('narrows collections with all, filter, limit, page_size and pages', async () => {
    const objects = s3.Bucket(name).objects;
    const keys = (await objects.all().to_array()).map((o: { key: string }) => o.key);
    expect(keys).toEqual(['k1', 'k2', 'k3']);
    expect((await objects.filter({ Prefix: 'k2' }).to_array()).map((o: { key: string }) => o.key)).toEqual(['k2']);
    expect(await objects.limit(2).to_array()).toHaveLength(2);
    const pages = await objects.page_size(1).pages().toArray();
    expect(pages.map((p: Array<{ key: string }>) => p.map((o) => o.key))).toEqual([['k1'], ['k2'], ['k3']]);
  });

  it('transfers through bucket.upload_file and obj.download_file', async () => {
    const source = path.join(dir, 'in.txt');
    await fsp.writeFile(source, 'resource body');
    await s3.Bucket(name).upload_file(source, 'res/in.txt');
    const target = path.join(dir, 'out.txt');
    await s3.Object(name, 'res/in.txt').download_file(target);
    expect(await fsp.readFile(target, 'utf8')).toBe('resource body');
  });
});
