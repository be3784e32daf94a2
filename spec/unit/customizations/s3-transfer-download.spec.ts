/**
 * downloadFile / downloadFileobj / copy against an in-memory S3: HeadObject first, ranged GETs
 * with If-Match above the threshold (as boto3 sends them), retries of broken streams, and no
 * partial file under the target name after a failure.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import { ClientError, ParamValidationError, RetriesExceededError, S3DownloadFailedError, TransferConfig } from '../../../src';
import { FakeS3, pattern } from './s3-transfer-fake-s3';
import { waitFor } from '../../helpers/wait-for';

const MiB = 1024 * 1024;
const SIZE = 10_000;
const ranged = (o: ConstructorParameters<typeof TransferConfig>[0] = {}) =>
  new TransferConfig({ multipartThreshold: 4096, multipartChunksize: 4096, maxConcurrency: 1, ...o });

class Collector extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk);
    cb();
  }
  get data(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

describe('S3 managed downloads and copies', () => {
  const fake = new FakeS3();
  let s3: ReturnType<FakeS3['client']>;
  let dir: string;
  const data = pattern(SIZE, 7);

  beforeAll(async () => {
    await fake.start();
    s3 = fake.client();
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-download-'));
  });
  afterAll(async () => {
    s3.close();
    await fake.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.objects.set('/bkt/obj', data);
    fake.requests.length = 0;
    fake.intercept = undefined;
    fake.delay = undefined;
    fake.gate = undefined;
    fake.maxInFlight = 0;
  });
  const target = (name: string) => path.join(dir, name);
  const listing = async () => (await fsp.readdir(dir)).sort();

  it('downloads a small object with HeadObject then one GetObject', async () => {
    const progress: number[] = [];
    await s3.downloadFile('bkt', 'obj', target('small.bin'), { Callback: (n: number) => progress.push(n) });
    expect(fake.sequence()).toEqual(['HEAD /bkt/obj', 'GET /bkt/obj']);
    expect(fake.requests[1].headers.range).toBeUndefined();
    expect(fake.requests[1].headers['x-amz-checksum-mode']).toBe('ENABLED');
    expect((await fsp.readFile(target('small.bin'))).equals(data)).toBe(true);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(SIZE);
    expect(await listing()).toEqual(['small.bin']);
  });

  it('downloads a large object in ranges with If-Match, as boto3 does', async () => {
    const progress: number[] = [];
    await s3.downloadFile('bkt', 'obj', target('ranged.bin'), { Callback: (n: number) => progress.push(n), Config: ranged() });
    expect(fake.sequence()).toEqual(['HEAD /bkt/obj', 'GET /bkt/obj', 'GET /bkt/obj', 'GET /bkt/obj']);
    const gets = fake.requests.slice(1);
    expect(gets.map((r) => r.headers.range)).toEqual(['bytes=0-4095', 'bytes=4096-8191', 'bytes=8192-']);
    const etag = `"${require('crypto').createHash('md5').update(data).digest('hex')}"`;
    expect(gets.map((r) => r.headers['if-match'])).toEqual([etag, etag, etag]);
    expect((await fsp.readFile(target('ranged.bin'))).equals(data)).toBe(true);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(SIZE);
  });

  it('passes download ExtraArgs to HeadObject and every GetObject', async () => {
    await s3.downloadFile('bkt', 'obj', target('v.bin'), { ExtraArgs: { VersionId: 'v1', RequestPayer: 'requester' }, Config: ranged() });
    for (const r of fake.requests) {
      expect(r.query.versionId).toBe('v1');
      expect(r.headers['x-amz-request-payer']).toBe('requester');
    }
  });

  it('writes parts at their offsets when they finish out of order', async () => {
    fake.delay = (r) => (r.headers.range === 'bytes=0-4095' ? 300 : 0);
    await s3.downloadFile('bkt', 'obj', target('ooo.bin'), { Config: ranged({ maxConcurrency: 3 }) });
    expect(fake.maxInFlight).toBeGreaterThanOrEqual(2);
    expect((await fsp.readFile(target('ooo.bin'))).equals(data)).toBe(true);
  });

  it('creates the temporary file at the object size before the parts write into it', async () => {
    // The last range is held back; the others are written meanwhile at their offsets into a
    // file that already has the final size (parts out of order never grow it piece by piece).
    fake.delay = (r) => (r.headers.range === 'bytes=8192-' ? 3000 : 0);
    const started = Date.now();
    const done = s3.downloadFile('bkt', 'obj', target('sized.bin'), { Config: ranged({ maxConcurrency: 3 }) });
    // While the last range is held (the first two can fill only 8,192 bytes), the file is there
    // at the full size.
    let size = -1;
    while (size !== SIZE && Date.now() - started < 2500) {
      await new Promise((r) => setTimeout(r, 5));
      const temp = (await listing()).find((n) => n.startsWith('sized.bin.'));
      size = temp ? (await fsp.stat(target(temp)).catch(() => undefined))?.size ?? -1 : -1;
    }
    expect(size).toBe(SIZE);
    expect(Date.now() - started).toBeLessThan(3000);
    await done;
    expect((await fsp.readFile(target('sized.bin'))).equals(data)).toBe(true);
    expect((await listing()).filter((n) => n.startsWith('sized.bin'))).toEqual(['sized.bin']);
  });

  it('a single GET writes what it gets, even when that is not the length HeadObject gave', async () => {
    // The object is replaced between HeadObject and the GET (which, as in s3transfer, carries
    // no If-Match): the file is the new, shorter object, with nothing after it.
    const shorter = pattern(3000, 9);
    fake.intercept = (r) => {
      if (r.method === 'GET') fake.objects.set('/bkt/obj', shorter);
      return undefined;
    };
    await s3.downloadFile('bkt', 'obj', target('replaced.bin'));
    expect((await fsp.readFile(target('replaced.bin'))).equals(shorter)).toBe(true);
  });

  it('retries a body that breaks midway, taking back the lost progress', async () => {
    let cut = 0;
    fake.intercept = (r) => (r.headers.range === 'bytes=4096-8191' && cut++ === 0 ? { cutAfter: 1000 } : undefined);
    const progress: number[] = [];
    // Progress every 256 bytes read, so the 1000 bytes of the broken attempt were reported.
    await s3.downloadFile('bkt', 'obj', target('retry.bin'), { Callback: (n: number) => progress.push(n), Config: ranged({ ioChunksize: 256 }) });
    expect(fake.requests.filter((r) => r.headers.range === 'bytes=4096-8191')).toHaveLength(2);
    expect((await fsp.readFile(target('retry.bin'))).equals(data)).toBe(true);
    // s3transfer's GetObjectTask takes back what the broken read had reported: 3 x 256 bytes.
    expect(progress.filter((n) => n < 0)).toEqual([-768]);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(SIZE);
  });

  it('reports every ioChunksize bytes read, many times per part, as s3transfer reads', async () => {
    const progress: number[] = [];
    await s3.downloadFile('bkt', 'obj', target('chunks.bin'), { Callback: (n: number) => progress.push(n), Config: ranged({ ioChunksize: 1024 }) });
    // Parts of 4096, 4096 and 1808 bytes: 4 + 4 + 1 reads of 1024, and the last part's 784.
    expect(progress).toEqual([...Array(9).fill(1024), 784]);
    const whole: number[] = [];
    await s3.downloadFile('bkt', 'obj', target('whole.bin'), { Callback: (n: number) => whole.push(n), Config: new TransferConfig({ ioChunksize: 4000 }) });
    expect(whole).toEqual([4000, 4000, 2000]);
  });

  it('gives up after numDownloadAttempts and leaves no file behind (an existing file is untouched)', async () => {
    await fsp.writeFile(target('keep.bin'), 'previous contents');
    fake.intercept = (r) => (r.headers.range === 'bytes=8192-' ? { cutAfter: 10 } : undefined);
    const err = await s3.downloadFile('bkt', 'obj', target('keep.bin'), { Config: ranged({ numDownloadAttempts: 3 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExceededError);
    expect(fake.requests.filter((r) => r.headers.range === 'bytes=8192-')).toHaveLength(3);
    expect(await fsp.readFile(target('keep.bin'), 'utf8')).toBe('previous contents');
    expect((await listing()).filter((n) => n.startsWith('keep.bin'))).toEqual(['keep.bin']);
  });

  it('creates no file when the object does not exist', async () => {
    const err = await s3.downloadFile('bkt', 'missing', target('missing.bin')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).statusCode).toBe(404);
    expect(fake.sequence()).toEqual(['HEAD /bkt/missing']);
    expect((await listing()).some((n) => n.startsWith('missing.bin'))).toBe(false);
  });

  it('fails with S3DownloadFailedError when the object changes during a ranged download', async () => {
    fake.intercept = (r) => (r.headers.range === 'bytes=4096-8191' ? { status: 412, code: 'PreconditionFailed', message: 'changed' } : undefined);
    const err = await s3.downloadFile('bkt', 'obj', target('changed.bin'), { Config: ranged() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3DownloadFailedError);
    expect((err as Error).message).toBe('Contents of stored object "obj" in bucket "bkt" did not match expected ETag.');
    expect((await listing()).some((n) => n.startsWith('changed.bin'))).toBe(false);
  });

  it('downloads into a Writable in order, and does not end it', async () => {
    fake.delay = (r) => (r.headers.range === 'bytes=0-4095' ? 50 : 0);
    const out = new Collector();
    await s3.downloadFileobj('bkt', 'obj', out, { Config: ranged({ maxConcurrency: 3 }) });
    expect(out.data.equals(data)).toBe(true);
    expect(out.writableEnded).toBe(false);
    const small = new Collector();
    await s3.downloadFileobj('bkt', 'obj', small);
    expect(small.data.equals(data)).toBe(true);
  });

  it('rejects a Writable download whose part fails, without hanging the parts waiting their turn', async () => {
    fake.delay = (r) => (r.headers.range === 'bytes=0-4095' ? 50 : 0);
    fake.intercept = (r) => (r.headers.range === 'bytes=0-4095' ? { status: 403, code: 'AccessDenied' } : undefined);
    await expect(s3.downloadFileobj('bkt', 'obj', new Collector(), { Config: ranged({ maxConcurrency: 3 }) })).rejects.toThrow(/AccessDenied/);
  });

  it('a part answered with another range than asked fails the download and lets go of that response at once', async () => {
    fake.intercept = (r) => (r.headers.range === 'bytes=0-4095' ? { contentRange: 'bytes 100-8388707/9000000', bodyBytes: 8 * 1024 * 1024 } : undefined);
    await expect(s3.downloadFileobj('bkt', 'obj', new Collector(), { Config: ranged({ maxConcurrency: 1 }) })).rejects.toThrow(/does not match content range/);
    // The 8 MiB body was not read: its connection is closed, not left to the read timeout.
    await waitFor(() => fake.inFlight === 0, 3000);
  });

  it('checks arguments before sending', async () => {
    await expect(s3.downloadFile('bkt', 'obj', target('x'), { ExtraArgs: { Versionid: 'v' } })).rejects.toThrow(/Invalid ExtraArgs key 'Versionid' for downloadFile. Did you mean: VersionId/);
    await expect(s3.downloadFileobj('bkt', 'obj', {} as never)).rejects.toThrow(ParamValidationError);
    await expect(s3.downloadFile('bkt', 'obj', '' as never)).rejects.toThrow(/Filename/);
    expect(fake.requests).toHaveLength(0);
  });

  describe('copy', () => {
    it('copies a small object with HeadObject then CopyObject', async () => {
      const progress: number[] = [];
      await s3.copy({ Bucket: 'bkt', Key: 'obj' }, 'bkt', 'copy1', { Callback: (n: number) => progress.push(n) });
      expect(fake.sequence()).toEqual(['HEAD /bkt/obj', 'PUT /bkt/copy1']);
      expect(fake.requests[1].headers['x-amz-copy-source']).toBe('bkt/obj');
      expect(fake.objects.get('/bkt/copy1')!.equals(data)).toBe(true);
      expect(progress).toEqual([SIZE]);
    });

    it('copies a large object with UploadPartCopy ranges, as boto3 does', async () => {
      const big = pattern(12 * MiB + 5, 1);
      fake.objects.set('/src/a b', big);
      const config = new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 1 });
      await s3.copy({ Bucket: 'src', Key: 'a b' }, 'bkt', 'dir/k', { Config: config });
      expect(fake.sequence()).toEqual([
        'HEAD /src/a b',
        'POST /bkt/dir/k?uploads',
        'PUT /bkt/dir/k?uploadId=upload-1&partNumber=1',
        'PUT /bkt/dir/k?uploadId=upload-1&partNumber=2',
        'PUT /bkt/dir/k?uploadId=upload-1&partNumber=3',
        'POST /bkt/dir/k?uploadId=upload-1',
      ].map((s) => s.replace(/upload-1/g, fake.requests[2].query.uploadId)));
      const parts = fake.requests.slice(2, 5);
      expect(parts.map((r) => r.headers['x-amz-copy-source'])).toEqual(['src/a%20b', 'src/a%20b', 'src/a%20b']);
      expect(parts.map((r) => r.headers['x-amz-copy-source-range'])).toEqual(['bytes=0-5242879', 'bytes=5242880-10485759', 'bytes=10485760-12582916']);
      expect(parts.every((r) => /^"[0-9a-f]{32}"$/.test(String(r.headers['x-amz-copy-source-if-match'])))).toBe(true);
      expect(fake.objects.get('/bkt/dir/k')!.equals(big)).toBe(true);
    });

    it('aborts a multipart copy whose part fails', async () => {
      fake.objects.set('/src/big', pattern(11 * MiB));
      fake.intercept = (r) => (r.query.partNumber === '2' ? { status: 403, code: 'AccessDenied' } : undefined);
      const config = new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB });
      await expect(s3.copy({ Bucket: 'src', Key: 'big' }, 'bkt', 'c', { Config: config })).rejects.toThrow(ClientError);
      const seq = fake.sequence();
      expect(seq[seq.length - 1]).toMatch(/^DELETE \/bkt\/c\?uploadId=/);
      expect(seq.some((s) => /^POST \/bkt\/c\?uploadId=/.test(s))).toBe(false);
    });

    it('maps CopySource conditions onto the HeadObject and checks copy arguments', async () => {
      await s3.copy({ Bucket: 'bkt', Key: 'obj' }, 'bkt', 'c2', { ExtraArgs: { CopySourceIfNoneMatch: '"zzz"', MetadataDirective: 'COPY' } });
      expect(fake.requests[0].headers['if-none-match']).toBe('"zzz"');
      expect(fake.requests[1].headers['x-amz-metadata-directive']).toBe('COPY');
      fake.requests.length = 0;
      await expect(s3.copy('bkt/obj' as never, 'bkt', 'c')).rejects.toThrow(/CopySource must be an object/);
      await expect(s3.copy({ Bucket: 'bkt', Key: 'obj' }, 'bkt', 'c', { ExtraArgs: { MetadataDirectiv: 'COPY' } })).rejects.toThrow(/Did you mean: MetadataDirective/);
      expect(fake.requests).toHaveLength(0);
    });
  });
});
