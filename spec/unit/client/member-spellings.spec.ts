/**
 * One name-resolution rule on every object (src/util/spelling.ts): any spelling whose lookup
 * key matches a member reaches it, operations and other members alike, and a misspelling is
 * answered with the closest members drawn from all of them. Iterables stay duck-typable.
 */
import { pipeline } from 'stream/promises';
import { Readable, Writable } from 'stream';
import { types } from 'util';
import { Session } from '../../../src';
import { PageIterator } from '../../../src/paginate/page-iterator';
import { StreamingBody } from '../../../src/util/streaming-body';
import { closeMatches } from '../../../src/models/naming';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- boto3 spellings are not in the types, on purpose
type Loose = any;

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

describe('client members in every spelling', () => {
  const s3: Loose = session.client('s3');

  it.each([
    ['get_paginator', 'getPaginator'],
    ['GetPaginator', 'getPaginator'],
    ['get_waiter', 'getWaiter'],
    ['can_paginate', 'canPaginate'],
    ['generate_presigned_url', 'generatePresignedUrl'],
    ['GeneratePresignedPost', 'generatePresignedPost'],
    ['upload_file', 'uploadFile'],
    ['download_file', 'downloadFile'],
    ['upload_fileobj', 'uploadFileobj'],
    ['download_fileobj', 'downloadFileobj'],
    ['Copy', 'copy'],
    ['close', 'close'],
    ['Close', 'close'],
    ['Meta', 'meta'],
    ['Exceptions', 'exceptions'],
    ['waiter_names', 'waiterNames'],
    ['copy_object', 'copyObject'],
    ['CopyObject', 'copyObject'],
  ])('s3.%s is s3.%s', (spelling, name) => {
    expect(s3[spelling]).toBeDefined();
    expect(s3[spelling]).toEqual(s3[name]);
    expect(spelling in s3).toBe(true);
  });

  it('suggests the member meant, not the closest operation', () => {
    expect(thrown(() => s3.upload_fil)).toBe("'s3' client has no operation or attribute 'upload_fil'. Did you mean: uploadFile, uploadFileobj, uploadPart?");
    expect(thrown(() => s3.get_paginatr)).toMatch(/Did you mean: getPaginator\b/);
    expect(thrown(() => s3.generate_presigned_ur)).toMatch(/Did you mean: generatePresignedUrl\b/);
    expect(thrown(() => s3.dowload_file)).toMatch(/Did you mean: downloadFile\b/);
    expect(thrown(() => s3.wait_names)).toMatch(/Did you mean: waiterNames\b/);
    expect(thrown(() => s3.lst_objects_v2)).toMatch(/Did you mean: listObjectsV2\b/);
  });

  it('resolves exception classes by the same rule', () => {
    expect(s3.exceptions.no_such_key).toBe(s3.exceptions.NoSuchKey);
    expect(s3.exceptions.client_error).toBe(s3.exceptions.ClientError);
    expect(thrown(() => s3.exceptions.NoSuchKye)).toMatch(/^s3 has no exception 'NoSuchKye'\. Did you mean: NoSuchKey\b/);
  });

  it('offers transfers only on S3 clients', () => {
    const sqs: Loose = session.client('sqs');
    expect(thrown(() => sqs.upload_file)).toMatch(/^'sqs' client has no operation or attribute 'upload_file'\./);
    expect(typeof sqs.get_paginator).toBe('function');
  });

  it('resolves members a caller attaches after creation', () => {
    const sqs: Loose = session.client('sqs');
    sqs.myHelper = () => 42;
    expect(sqs.my_helper()).toBe(42);
  });

  it('uses closeMatches over the full member list', () => {
    expect(closeMatches('upload_fil', ['uploadPart', 'uploadFile', 'uploadFileobj'])).toEqual(['uploadFile', 'uploadFileobj', 'uploadPart']);
  });
});

describe('paginators, waiters and page iterators in every spelling', () => {
  const s3: Loose = session.client('s3');

  it('resolves boto3 names on paginators and suggests on a misspelling', () => {
    const p = s3.get_paginator('list_objects_v2');
    expect(p.result_keys).toEqual(['Contents', 'CommonPrefixes']);
    expect(p.Paginate).toBe(p.paginate);
    expect(thrown(() => p.paginat)).toBe("'ListObjectsV2' paginator has no attribute 'paginat'. Did you mean: paginate?");
  });

  it('resolves boto3 names on waiters and suggests on a misspelling', () => {
    const w = s3.get_waiter('bucket_exists');
    expect(w.Wait).toBe(w.wait);
    expect(w.operation_name).toBe('HeadBucket');
    expect(thrown(() => w.wiat)).toMatch(/^'BucketExists' waiter has no attribute 'wiat'\. Did you mean: wait\?/);
  });

  it('page iterators resolve build_full_result and stay usable by stream helpers', async () => {
    const pages: Loose = new PageIterator({
      call: async (params) => (params.Token ? { Items: [3] } : { Items: [1, 2], Next: 't' }) as Record<string, unknown>,
      inputTokens: ['Token'],
      outputTokens: ['Next'],
      resultKeys: ['Items'],
      nonAggregateKeys: [],
      params: {},
    });
    expect(await pages.build_full_result()).toEqual({ Items: [1, 2, 3] });
    // Unknown names read as undefined: pipeline() probes iterables for write/on/pipe.
    expect(pages.write).toBeUndefined();
    const seen: unknown[] = [];
    await pipeline(
      Readable.from(pages),
      new Writable({
        objectMode: true,
        write(page, _e, cb) {
          seen.push(page);
          cb();
        },
      }),
    );
    expect(seen).toEqual([{ Items: [1, 2], Next: 't' }, { Items: [3] }]);
  });

  it('streaming bodies resolve iter_lines and iter_chunks and pipe as iterables', async () => {
    const body: Loose = new StreamingBody(Readable.from([Buffer.from('a\nb')]));
    expect(body.iter_lines).toBe(body.iterLines);
    expect(body.IterChunks).toBe(body.iterChunks);
    expect(body.pipe).toBeUndefined();
    expect('iter_lines' in body).toBe(true);
    expect('iter_linez' in body).toBe(false);
    expect(body.content_length).toBe(body.contentLength);
    // Resolved on the class's prototype chain: no Proxy per body (one is made on every GetObject).
    expect(types.isProxy(body)).toBe(false);
    expect(body).toBeInstanceOf(Object);
    expect(body).toBeInstanceOf(StreamingBody);
    const lines: string[] = [];
    for await (const l of body.iter_lines()) lines.push(l);
    expect(lines).toEqual(['a', 'b']);
  });
});

describe('resources in every spelling', () => {
  const s3: Loose = session.resource('s3');

  it('suggests from every member of the class', () => {
    const bucket = s3.Bucket('b');
    expect(bucket.wait_until_exists).toBe(bucket.waitUntilExists);
    expect(bucket.WaitUntilNotExists).toBe(bucket.waitUntilNotExists);
    expect(thrown(() => bucket.wait_until_exist)).toMatch(/^'s3\.Bucket' resource has no attribute 'wait_until_exist'\. Did you mean: waitUntilExists\b/);
    expect(thrown(() => bucket.uplod_file)).toMatch(/Did you mean: uploadFile\b/);
    expect(thrown(() => bucket.get_available_subresource)).toMatch(/Did you mean: getAvailableSubresources\b/);
  });

  it('collections resolve page_size and their batch actions in snake_case', () => {
    const ec2: Loose = session.resource('ec2');
    const instances = ec2.instances;
    expect(instances.page_size).toBe(instances.pageSize);
    expect(instances.create_tags).toBe(instances.createTags);
    expect(instances.batch_action_names).toEqual(instances.batchActionNames);
    expect(instances.with_options).toBe(instances.withOptions);
    expect(Object.keys(instances)).toEqual(['createTags', 'monitor', 'reboot', 'start', 'stop', 'terminate', 'unmonitor']);
  });
});
