/**
 * The pieces of managed transfers that need no server: TransferConfig, part sizing, ranges,
 * the bounded task group, and where the methods appear (S3 clients only; Bucket and Object).
 */
import { Session, Stubber, TransferConfig } from '../../../src';
import { TaskGroup } from '../../../src/customizations/s3/transfer/concurrency';
import { adjustChunksize, rangeFor, transferMembers, bucketTransferMethods, copy } from '../../../src/customizations/s3/transfer';
import type { CopySource } from '../../../src/customizations/s3/transfer';
import type { Client } from '../../../src';

const MiB = 1024 * 1024;

describe('TransferConfig', () => {
  it("has boto3's defaults", () => {
    const c = new TransferConfig();
    expect(c).toMatchObject({ multipartThreshold: 8 * MiB, multipartChunksize: 8 * MiB, maxConcurrency: 10, numDownloadAttempts: 5, useThreads: true, ioChunksize: 256 * 1024 });
    expect(c.concurrency).toBe(10);
    expect(new TransferConfig({ useThreads: false, maxConcurrency: 4 }).concurrency).toBe(1);
  });

  it('rejects unknown options with close matches, and values that are not positive integers', () => {
    expect(() => new TransferConfig({ multipartTreshold: 1 } as never)).toThrow(/Unknown TransferConfig option 'multipartTreshold'. Did you mean: multipartThreshold/);
    expect(() => new TransferConfig({ maxConcurrency: 0 })).toThrow(/maxConcurrency must be a positive integer, got 0/);
    expect(() => new TransferConfig({ multipartChunksize: 1.5 })).toThrow(/positive integer/);
    expect(() => new TransferConfig({ useThreads: 'no' as never })).toThrow(/boolean/);
    expect(() => new TransferConfig({ ioChunksize: -1 })).toThrow(/ioChunksize must be a positive integer, got -1/);
  });
});

describe('part sizing and ranges (s3transfer.utils)', () => {
  it('keeps upload parts within 5 MiB..5 GiB and 10,000 parts', () => {
    expect(adjustChunksize(1024)).toBe(5 * MiB);
    expect(adjustChunksize(8 * MiB, 100 * MiB)).toBe(8 * MiB);
    expect(adjustChunksize(8 * MiB, 100_000 * MiB)).toBe(16 * MiB);
    expect(adjustChunksize(10 * 1024 * MiB)).toBe(5 * 1024 * MiB);
  });

  it('writes ranges as s3transfer does (the last one open unless the size is given)', () => {
    expect(rangeFor(100, 0, 3)).toBe('bytes=0-99');
    expect(rangeFor(100, 2, 3)).toBe('bytes=200-');
    expect(rangeFor(100, 2, 3, 250)).toBe('bytes=200-249');
  });
});

describe('TaskGroup', () => {
  it('never runs more than its limit and reports the first failure after the rest settle', async () => {
    const g = new TaskGroup(2);
    let running = 0;
    let peak = 0;
    const settled: number[] = [];
    const started: number[] = [];
    const run = async () => {
      for (let i = 0; i < 6; i++) {
        await g.ready();
        started.push(i);
        g.start(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 10));
          running--;
          settled.push(i);
          if (i === 2) throw new Error('task 2 failed');
        });
      }
    };
    await run().catch((e: unknown) => g.fail(e));
    await expect(g.wait()).rejects.toThrow('task 2 failed');
    expect(peak).toBe(2);
    expect(started.length).toBeLessThan(6);
    expect(settled.sort()).toEqual(started.sort());
  });
});

describe('where transfer methods appear', () => {
  const session = new Session({ awsAccessKeyId: 'a', awsSecretAccessKey: 'b', regionName: 'us-east-1', env: {} });

  it('on S3 clients only', () => {
    const s3 = session.client('s3');
    for (const m of ['uploadFile', 'downloadFile', 'uploadFileobj', 'downloadFileobj', 'copy']) expect(typeof s3[m]).toBe('function');
    const sqs = session.client('sqs');
    expect('uploadFile' in sqs).toBe(false);
    expect(() => sqs.uploadFile).toThrow(/has no operation or attribute 'uploadFile'/);
  });

  it('as Bucket and Object members that use the resource client and identifiers', async () => {
    const calls: unknown[][] = [];
    const fakeClient = { headObject: async (p: unknown) => (calls.push(['headObject', p]), { ContentLength: 0, ETag: '"e"' }), copyObject: async (p: unknown) => (calls.push(['copyObject', p]), {}), meta: { config: {} } } as unknown as Client;
    // The members call the client's own transfer method, as the S3 client extension provides it.
    (fakeClient as unknown as Record<string, unknown>).copy = (...args: [CopySource, string, string]) => copy(fakeClient, ...args);
    const members = transferMembers('Object');
    expect(Object.keys(members).sort()).toEqual(['copy', 'downloadFile', 'downloadFileobj', 'uploadFile', 'uploadFileobj']);
    const obj = { meta: { client: fakeClient, identifiers: { bucketName: 'b', key: 'k' } } };
    await (members.copy.descriptor.value as (this: unknown, ...a: unknown[]) => Promise<void>).call(obj, { Bucket: 'src', Key: 's' });
    expect(calls).toEqual([
      ['headObject', { Bucket: 'src', Key: 's' }],
      ['copyObject', { CopySource: { Bucket: 'src', Key: 's' }, Bucket: 'b', Key: 'k' }],
    ]);
    calls.length = 0;
    await bucketTransferMethods(fakeClient, 'bb').copy({ Bucket: 'src', Key: 's' }, 'kk');
    expect(calls[1]).toEqual(['copyObject', { CopySource: { Bucket: 'src', Key: 's' }, Bucket: 'bb', Key: 'kk' }]);
  });
});

describe('transfers through a Stubber', () => {
  it('make exactly the calls s3transfer makes for a multipart copy', async () => {
    const session = new Session({ awsAccessKeyId: 'a', awsSecretAccessKey: 'b', regionName: 'us-east-1', env: {} });
    const s3 = session.client('s3');
    const size = 11 * MiB;
    const stub = new Stubber(s3)
      .addResponse('headObject', { ContentLength: size, ETag: '"src-etag"' }, { Bucket: 'src', Key: 'k' })
      .addResponse('createMultipartUpload', { UploadId: 'U' }, { Bucket: 'dst', Key: 'k2', StorageClass: 'STANDARD_IA' });
    const ranges = ['bytes=0-5242879', 'bytes=5242880-10485759', 'bytes=10485760-11534335'];
    ranges.forEach((range, i) =>
      stub.addResponse('uploadPartCopy', { CopyPartResult: { ETag: `"p${i + 1}"` } }, {
        CopySource: { Bucket: 'src', Key: 'k' }, Bucket: 'dst', Key: 'k2', UploadId: 'U', PartNumber: i + 1, CopySourceRange: range, CopySourceIfMatch: '"src-etag"',
      }),
    );
    stub.addResponse('completeMultipartUpload', {}, {
      Bucket: 'dst', Key: 'k2', UploadId: 'U',
      MultipartUpload: { Parts: [{ ETag: '"p1"', PartNumber: 1 }, { ETag: '"p2"', PartNumber: 2 }, { ETag: '"p3"', PartNumber: 3 }] },
    });
    stub.activate();
    const config = new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 1 });
    const progress: number[] = [];
    await s3.copy({ Bucket: 'src', Key: 'k' }, 'dst', 'k2', { ExtraArgs: { StorageClass: 'STANDARD_IA' }, Callback: (n: number) => progress.push(n), Config: config });
    stub.assertNoPendingResponses();
    expect(progress).toEqual([5 * MiB, 5 * MiB, 1 * MiB]);
  });
});
