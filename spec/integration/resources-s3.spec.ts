/**
 * S3 resources against s3rver: the seed scenarios, each compared request for request with
 * boto3 running the same code against the same server (skipped with a notice without boto3).
 */
import { inspect } from 'util';
import { AbortError, Config, helpText, isResource, ResourceCollection } from '../../src';
import type { Resource, ServiceResource } from '../../src';
import { isolatedSession, s3Endpoint, uniqueName } from '../helpers/local';
import { Call, hasBoto3, recordCalls, renamed, runBoto3, toArray } from './resources-support';

function s3Resource(): ServiceResource {
  return isolatedSession().resource('s3', { endpointUrl: s3Endpoint(), config: new Config({ s3: { addressingStyle: 'path' } }) });
}

async function bucketWith(s3: ServiceResource, keys: string[], extra: (key: string) => Record<string, unknown> = () => ({}), name = uniqueName('res')): Promise<Resource> {
  const bucket = s3.Bucket(name);
  await bucket.create();
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(keys.slice(i, i + 50).map((k) => bucket.putObject({ Key: k, Body: `body of ${k}`, ...extra(k) })));
  }
  return bucket;
}

/** boto3's calls for `script` on its own copy of the bucket, renamed to ours. */
async function boto3Calls(ourBucket: string, keys: string[], script: string, extra = ''): Promise<Call[] | null> {
  const theirs = `${ourBucket}-py`;
  const setup = `
s3 = resource('s3')
bucket = s3.Bucket('${theirs}')
bucket.create()
from concurrent.futures import ThreadPoolExecutor
with ThreadPoolExecutor(16) as pool:
    list(pool.map(lambda k: bucket.put_object(Key=k, Body=b'body of ' + k.encode()${extra}), ${JSON.stringify(keys)}))
calls.clear()
`;
  const calls = await runBoto3(setup + script, s3Endpoint());
  return calls ? renamed(calls, theirs, ourBucket) : null;
}

/**
 * boto3's calls for `script` on `${ourBucket}-py`, a bucket the caller already filled with the
 * same keys (from Node, many at a time: seeding a thousand objects from Python took seconds).
 */
async function boto3CallsOnSeeded(ourBucket: string, script: string): Promise<Call[] | null> {
  const theirs = `${ourBucket}-py`;
  const calls = await runBoto3(`s3 = resource('s3')\nbucket = s3.Bucket('${theirs}')\ncalls.clear()\n${script}`, s3Endpoint());
  return calls ? renamed(calls, theirs, ourBucket) : null;
}

const IMAGES = ['images/a.png', 'images/b.png', 'images/c/d.png', 'docs/readme.txt', 'data/one.csv', 'data/two.csv'];

describe('S3 resources (s3rver)', () => {
  const s3 = s3Resource();

  it('identifiers are plain properties; inspect and Object.keys describe the resource', () => {
    const bucket = s3.Bucket('b');
    const obj = s3.Object('b', 'k');
    expect(bucket.name).toBe('b');
    expect([obj.bucketName, obj.key]).toEqual(['b', 'k']);
    expect(obj.meta.identifiers).toEqual({ bucketName: 'b', key: 'k' });
    expect(inspect(bucket)).toBe("s3.Bucket(name='b')");
    expect(inspect(bucket.Object('k'))).toBe("s3.Object(bucketName='b', key='k')");
    expect(Object.keys(obj).slice(0, 2)).toEqual(['bucketName', 'key']);
    expect(Object.keys(obj)).toEqual(expect.arrayContaining(['contentLength', 'eTag', 'load', 'reload', 'get', 'put', 'bucket', 'Bucket', 'waitUntilExists']));
    expect(Object.keys(bucket)).toEqual(expect.arrayContaining(['name', 'creationDate', 'create', 'delete', 'objects', 'objectVersions', 'Object', 'waitUntilExists']));
    expect(isResource(s3.meta.client)).toBe(false);
    expect(helpText(bucket)).toContain('objects -> s3.ObjectSummary  ListObjects');
    expect(() => s3.Object('b')).toThrow(/missing required identifier: key/);
    expect(() => s3.Bucket('a', 'b')).toThrow(/takes 1 identifier \(name\) but got 2/);
  });

  it('lists objects under images/ in two lines, as boto3 does', async () => {
    const bucket = await bucketWith(s3, IMAGES);
    const calls = recordCalls(bucket.meta.client);
    const keys: string[] = [];
    for await (const obj of bucket.objects.filter({ Prefix: 'images/' })) keys.push(`${obj.key}:${obj.size}`);
    expect(keys).toEqual(['images/a.png:20', 'images/b.png:20', 'images/c/d.png:22']); // 'body of <key>'
    expect(calls).toEqual([['ListObjects', { Bucket: bucket.name, Prefix: 'images/' }]]);
    const py = await boto3Calls(bucket.name, IMAGES, "[o.key for o in bucket.objects.filter(Prefix='images/')]");
    if (py) expect(calls).toEqual(py);
  });

  it('finds every CSV object by its ContentType (one HeadObject each, loaded on demand)', async () => {
    const bucket = await bucketWith(s3, IMAGES, (k) => ({ ContentType: k.endsWith('.csv') ? 'text/csv' : 'application/octet-stream' }));
    const calls = recordCalls(bucket.meta.client);
    const csv: string[] = [];
    for await (const summary of bucket.objects.all()) {
      const obj = summary.Object();
      if ((await obj.contentType) === 'text/csv') csv.push(obj.key);
    }
    expect(csv).toEqual(['data/one.csv', 'data/two.csv']);
    expect(calls.map((c) => c[0])).toEqual(['ListObjects', ...IMAGES.map(() => 'HeadObject')]);
    const py = await boto3Calls(
      bucket.name,
      IMAGES,
      "[s.key for s in bucket.objects.all() if s.Object().content_type == 'text/csv']",
      ", ContentType='text/csv' if k.endswith('.csv') else 'application/octet-stream'",
    );
    if (py) expect(calls).toEqual(py);
  });

  it('uses a custom page size and a limit exactly as boto3 (MaxKeys per request, MaxItems cut)', async () => {
    const bucket = await bucketWith(s3, IMAGES);
    const calls = recordCalls(bucket.meta.client);
    const collection = bucket.objects.pageSize(2);
    expect(calls).toEqual([]); // lazy: nothing sent yet
    const keys = (await toArray(collection as AsyncIterable<Resource>)).map((o) => o.key);
    expect(keys).toHaveLength(6);
    const pages = (await toArray<Resource[]>(bucket.objects.pageSize(4).pages())).map((p) => p.length);
    expect(pages).toEqual([4, 2]);
    const limited = (await toArray(bucket.objects.limit(3) as AsyncIterable<Resource>)).map((o) => o.key);
    expect(limited).toHaveLength(3);
    expect(calls.filter((c) => c[0] === 'ListObjects').map((c) => c[1].MaxKeys)).toEqual([2, 2, 2, 4, 4, undefined]);
    const py = await boto3Calls(
      bucket.name,
      IMAGES,
      'list(bucket.objects.page_size(2)); [len(p) for p in bucket.objects.page_size(4).pages()]; list(bucket.objects.limit(3))',
    );
    if (py) expect(calls).toEqual(py);
  });

  it('collections are immutable and chainable', () => {
    const bucket = s3.Bucket('b');
    const base = bucket.objects.all() as ResourceCollection;
    const a = base.filter({ Prefix: 'a/' });
    const b = a.filter({ Delimiter: '/' }).limit(5).pageSize(2);
    expect(base.params).toEqual({});
    expect(a.params).toEqual({ Prefix: 'a/' });
    expect(b.params).toEqual({ Prefix: 'a/', Delimiter: '/' });
    expect(inspect(b)).toBe("s3.Bucket.objectsCollection(s3.Bucket(name='b'), s3.ObjectSummary, filter={ Prefix: 'a/', Delimiter: '/' }, limit=5, pageSize=2)");
    expect(b.batchActionNames).toEqual(['delete']);
  });

  it('deletes everything under a prefix in DeleteObjects calls of at most 1000 keys', async () => {
    const keys = [...Array.from({ length: 1003 }, (_, i) => `tmp/${String(i).padStart(4, '0')}`), 'keep/me.txt'];
    const name = uniqueName('res');
    // boto3's copy of the bucket is filled here too, at the same time as ours.
    const [bucket] = await Promise.all([bucketWith(s3, keys, undefined, name), hasBoto3() ? bucketWith(s3, keys, undefined, `${name}-py`) : undefined]);
    const calls = recordCalls(bucket.meta.client);
    const responses = (await bucket.objects.filter({ Prefix: 'tmp/' }).delete()) as Array<{ Deleted: unknown[] }>;
    expect(responses.map((r) => r.Deleted.length)).toEqual([1000, 3]);
    expect(calls.map((c) => c[0])).toEqual(['ListObjects', 'DeleteObjects', 'ListObjects', 'DeleteObjects']);
    const firstDelete = calls[1][1] as { Bucket: string; Delete: { Objects: Array<{ Key: string }> } };
    expect(firstDelete.Bucket).toBe(bucket.name);
    expect(firstDelete.Delete.Objects[0]).toEqual({ Key: 'tmp/0000' });
    expect(calls[2][1]).toEqual({ Bucket: bucket.name, Prefix: 'tmp/', Marker: 'tmp/0999' });
    const sent = [...calls];
    expect((await toArray(bucket.objects.all() as AsyncIterable<Resource>)).map((o) => o.key)).toEqual(['keep/me.txt']);
    const py = await boto3CallsOnSeeded(bucket.name, "bucket.objects.filter(Prefix='tmp/').delete()");
    if (py) expect(sent).toEqual(py);
  }, 60000);

  it('deletes every object of a bucket in batches (pageSize sets the batch size), then the bucket', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const bucket = await bucketWith(s3, keys);
    const calls = recordCalls(bucket.meta.client);
    const responses = (await bucket.objects.pageSize(2).delete()) as unknown[];
    expect(responses).toHaveLength(3);
    expect(calls.map((c) => c[0])).toEqual(['ListObjects', 'DeleteObjects', 'ListObjects', 'DeleteObjects', 'ListObjects', 'DeleteObjects']);
    expect(await bucket.objects.delete()).toEqual([]); // an empty listing sends no DeleteObjects
    await bucket.delete();
    const py = await boto3Calls(bucket.name, keys, 'bucket.objects.page_size(2).delete(); bucket.objects.delete(); bucket.delete()');
    if (py) expect(calls).toEqual(py);
  });

  it('loads attributes once for concurrent readers; load/reload fill meta.data; actions clear it', async () => {
    const bucket = await bucketWith(s3, ['k.txt']);
    const obj = bucket.Object('k.txt');
    const calls = recordCalls(bucket.meta.client);
    expect(obj.meta.data).toBeNull();
    const pending = obj.contentLength;
    expect(pending).toBeInstanceOf(Promise);
    const [len, etag] = await Promise.all([pending, obj.eTag]);
    expect(len).toBe(13); // 'body of k.txt'
    expect(typeof etag).toBe('string');
    expect(calls.map((c) => c[0])).toEqual(['HeadObject']);
    expect(obj.contentLength).toBe(13); // loaded: a plain value
    expect(obj.lastModified).toBeInstanceOf(Date);
    await obj.reload();
    expect(calls).toHaveLength(2);
    const body = await obj.get();
    expect(await body.Body.text()).toBe('body of k.txt');
    expect(obj.meta.data).toBeNull(); // boto3 forgets data after an action
    expect(obj.bucket.name).toBe(bucket.name); // from identifiers: no request
    expect(inspect(obj.Bucket())).toBe(inspect(bucket));
    expect(calls.map((c) => c[0])).toEqual(['HeadObject', 'HeadObject', 'GetObject']);
  });

  it('waits until an object exists, and returns resources from actions', async () => {
    const bucket = await bucketWith(s3, []);
    const obj = await bucket.putObject({ Key: 'later.txt', Body: 'x' });
    expect(inspect(obj)).toBe(`s3.Object(bucketName='${bucket.name}', key='later.txt')`);
    const calls = recordCalls(bucket.meta.client);
    await obj.waitUntilExists();
    await bucket.waitUntilExists();
    expect(calls).toEqual([
      ['HeadObject', { Bucket: bucket.name, Key: 'later.txt' }],
      ['HeadBucket', { Bucket: bucket.name }],
    ]);
    const created = await s3.createBucket({ Bucket: uniqueName('made') });
    expect(created.meta.className).toBe('s3.Bucket');
    const names = (await toArray(s3.buckets.all() as AsyncIterable<Resource>)).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining([bucket.name, created.name]));
    await obj.delete();
    await expect(obj.load()).rejects.toMatchObject({ code: '404' });
  });

  it("Bucket loads through ListBuckets and ObjectSummary through HeadObject, as boto3's inject.py", async () => {
    const bucket = await bucketWith(s3, ['data/one.csv']);
    const calls = recordCalls(bucket.meta.client);
    const fresh = s3.Bucket(bucket.name);
    expect(await fresh.creationDate).toBeInstanceOf(Date);
    expect(fresh.meta.data.Name).toBe(bucket.name);
    const summary = s3.ObjectSummary(bucket.name, 'data/one.csv');
    expect(await summary.size).toBe('body of data/one.csv'.length);
    expect(summary.meta.data.ContentLength).toBeUndefined();
    await summary.load();
    expect(calls.map(([op]) => op)).toEqual(['ListBuckets', 'HeadObject', 'HeadObject']);
    // A bucket that is not listed loads as empty data: its attributes read undefined.
    const missing = s3.Bucket(uniqueName('absent'));
    await missing.load();
    expect(missing.meta.data).toEqual({});
    expect(missing.creationDate).toBeUndefined();
  });

  it('a resource without load says so (when the attribute is awaited; spreading it is harmless)', async () => {
    const upload = s3.MultipartUpload('b', 'k', 'id');
    expect({ ...upload }).toMatchObject({ bucketName: 'b', objectKey: 'k', id: 'id' });
    await expect(upload.initiated).rejects.toThrow(/s3\.MultipartUpload has no load method/);
  });

  it('cancels through resources: withOptions on a collection, and { abortSignal } after the params of batch actions, loads, actions and waiters', async () => {
    const keys = ['c/1', 'c/2', 'c/3', 'c/4', 'c/5'];
    const bucket = await bucketWith(s3, keys);
    const calls = recordCalls(bucket.meta.client);
    const controller = new AbortController();
    const seen: string[] = [];
    const err = await (async () => {
      for await (const o of bucket.objects.pageSize(2).withOptions({ abortSignal: controller.signal }) as AsyncIterable<Resource>) {
        seen.push(o.key as string);
        if (seen.length === 2) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(seen).toEqual(['c/1', 'c/2']);
    expect(calls.map(([op]) => op)).toEqual(['ListObjects']); // no page after the abort

    const obj = bucket.Object('c/1');
    await expect(bucket.objects.delete({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(obj.load({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(obj.delete({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(bucket.load({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError); // the customized load
    expect(calls).toHaveLength(1);

    // A waiter's 30 s delay between polls ends as soon as the signal fires.
    const waiting = new AbortController();
    const started = Date.now();
    const wait = bucket.Object('never').waitUntilExists({ WaiterConfig: { Delay: 30, MaxAttempts: 5 } }, { abortSignal: waiting.signal });
    setTimeout(() => waiting.abort(), 150);
    await expect(wait).rejects.toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(calls.map(([op]) => op)).toEqual(['ListObjects', 'HeadObject']);

    // Nothing was deleted; a live signal changes nothing.
    const live = { abortSignal: new AbortController().signal };
    await obj.load({}, live);
    expect(obj.contentLength).toBe('body of c/1'.length);
    expect((await toArray(bucket.objects.withOptions(live) as AsyncIterable<Resource>)).map((o) => o.key)).toEqual(keys);
    expect((await bucket.objects.delete({}, live)) as unknown[]).toHaveLength(1);
    expect(await toArray(bucket.objects.all() as AsyncIterable<Resource>)).toEqual([]);
  });
});
