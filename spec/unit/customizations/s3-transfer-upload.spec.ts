/**
 * uploadFile / uploadFileobj against an in-memory S3: the request sequence boto3 1.x sends for
 * the same calls (recorded with boto3 against a loopback server), bounded concurrency, and
 * cleanup (AbortMultipartUpload) when a part or the input fails.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { ClientError, ParamValidationError, S3UploadFailedError, TransferConfig } from '../../../src';
import { FakeS3, pattern } from './s3-transfer-fake-s3';

const MiB = 1024 * 1024;
const SIZE = 12 * MiB + 5; // three parts of 5 MiB, 5 MiB, 2 MiB + 5
const config = (o: ConstructorParameters<typeof TransferConfig>[0] = {}) =>
  new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 1, ...o });

describe('S3 managed uploads', () => {
  const fake = new FakeS3();
  let s3: ReturnType<FakeS3['client']>;
  let dir: string;
  let bigFile: string;
  // The bytes of the boto3 recording (bytes(range(256)) repeated), so checksums compare exactly.
  const data = Buffer.from(Array.from({ length: SIZE }, (_, i) => i & 0xff));

  beforeAll(async () => {
    await fake.start();
    s3 = fake.client();
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-upload-'));
    bigFile = path.join(dir, 'big.bin');
    await fsp.writeFile(bigFile, data);
  });
  afterAll(async () => {
    s3.close();
    await fake.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.intercept = undefined;
    fake.delay = undefined;
    fake.gate = undefined;
    fake.maxInFlight = 0;
  });

  it('uploads a large file in parts, in the order and with the headers boto3 sends', async () => {
    const progress: number[] = [];
    await s3.uploadFile(bigFile, 'bkt', 'dir/k', { ExtraArgs: { ContentType: 'text/plain' }, Callback: (n: number) => progress.push(n), Config: config() });
    expect(fake.sequence()).toEqual([
      'POST /bkt/dir/k?uploads',
      'PUT /bkt/dir/k?uploadId=upload-1&partNumber=1',
      'PUT /bkt/dir/k?uploadId=upload-1&partNumber=2',
      'PUT /bkt/dir/k?uploadId=upload-1&partNumber=3',
      'POST /bkt/dir/k?uploadId=upload-1',
    ]);
    const [create, p1, p2, p3, complete] = fake.requests;
    expect(create.headers['content-type']).toBe('text/plain');
    expect(create.headers['x-amz-checksum-algorithm']).toBe('CRC32');
    expect([p1, p2, p3].map((r) => r.headers['content-length'])).toEqual(['5242880', '5242880', '2097157']);
    // The values boto3 sent for the same bytes.
    expect([p1, p2, p3].map((p) => p.headers['x-amz-checksum-crc32'])).toEqual(['vb9oTQ==', 'vb9oTQ==', 'q7yYHQ==']);
    expect([p1, p2, p3].map((p) => p.headers['x-amz-sdk-checksum-algorithm'])).toEqual(['CRC32', 'CRC32', 'CRC32']);
    expect(p3.headers['content-type']).toBeUndefined();
    const body = complete.body.toString();
    expect(body).toMatch(/^<CompleteMultipartUpload xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><Part><ETag>"[0-9a-f]{32}"<\/ETag><PartNumber>1<\/PartNumber><\/Part><Part>.*<PartNumber>2<\/PartNumber>.*<PartNumber>3<\/PartNumber><\/Part><\/CompleteMultipartUpload>$/);
    expect(fake.objects.get('/bkt/dir/k')!.equals(data)).toBe(true);
    // boto3 1.43 calls back for the same upload 48 times with 262144 and once with 5: s3transfer
    // counts each part's body as it is read onto the socket, in batches of 256 KiB, and flushes
    // a part's rest when the part is done.
    expect(progress).toEqual([...Array(48).fill(256 * 1024), 5]);
  });

  it('reports a part\'s progress while its body is sent, before its response', async () => {
    let answered = 0;
    s3.meta.events.register('after-call.s3.UploadPart', () => void (answered += 1), { uniqueId: 'count-parts' });
    fake.delay = (r) => (r.query.partNumber ? 100 : 0);
    const before: number[] = [];
    let total = 0;
    try {
      await s3.uploadFile(bigFile, 'bkt', 'during', { Callback: (n: number) => ((total += n), answered === 0 && before.push(total)), Config: config() });
    } finally {
      s3.meta.events.unregister('after-call.s3.UploadPart', 'count-parts');
    }
    // Part 1 (5 MiB) reached the socket in 256 KiB steps while its response was still pending.
    expect(before).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 256 * 1024));
    expect(total).toBe(SIZE);
  });

  it('counts a retried part once: the resend pauses the count instead of going backwards, as boto3', async () => {
    const retrying = fake.client(3);
    let failed = 0;
    fake.intercept = (r) => (r.query.partNumber === '2' && failed++ === 0 ? { status: 500 } : undefined);
    const progress: number[] = [];
    try {
      await retrying.uploadFile(bigFile, 'bkt', 'retried', { Callback: (n: number) => progress.push(n), Config: config() });
    } finally {
      retrying.close();
    }
    expect(fake.requests.filter((r) => r.query.partNumber === '2')).toHaveLength(2);
    expect(fake.objects.get('/bkt/retried')!.equals(data)).toBe(true);
    // The first attempt's 5 MiB were reported, then taken back inside the part's batching
    // (s3transfer's AggregatedProgressCallback absorbs the rewind): no negative call, and the
    // resent bytes are not counted twice.
    expect(progress.every((n) => n > 0)).toBe(true);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(SIZE);
    expect(progress).toEqual([...Array(48).fill(256 * 1024), 5]);
  });

  it('uploads a file below the threshold with one PutObject', async () => {
    const small = path.join(dir, 'small.txt');
    await fsp.writeFile(small, 'hello world');
    const progress: number[] = [];
    await s3.uploadFile(small, 'bkt', 'small.txt', { Callback: (n: number) => progress.push(n) });
    expect(fake.sequence()).toEqual(['PUT /bkt/small.txt']);
    expect(fake.requests[0].headers['x-amz-checksum-crc32']).toBe('DUoRhQ==');
    expect(fake.objects.get('/bkt/small.txt')!.toString()).toBe('hello world');
    expect(progress).toEqual([11]);
  });

  it('uploads an empty file', async () => {
    const empty = path.join(dir, 'empty');
    await fsp.writeFile(empty, '');
    await s3.uploadFile(empty, 'bkt', 'empty');
    expect(fake.sequence()).toEqual(['PUT /bkt/empty']);
    expect(fake.objects.get('/bkt/empty')!.length).toBe(0);
  });

  it('keeps at most maxConcurrency parts in flight', async () => {
    const file = path.join(dir, 'five-parts.bin');
    await fsp.writeFile(file, pattern(5 * 5 * MiB, 3));
    // The first parts are held until three are waiting (plus a settle time for any fourth).
    fake.gate = { match: (r) => Boolean(r.query.partNumber), size: 3 };
    await s3.uploadFile(file, 'bkt', 'five', { Config: config({ maxConcurrency: 3 }) });
    expect(fake.maxInFlight).toBe(3);
    expect(fake.requests.filter((r) => r.query.partNumber).length).toBe(5);
    expect(fake.objects.get('/bkt/five')!.equals(pattern(25 * MiB, 3))).toBe(true);
  });

  it('sends one request at a time with useThreads: false', async () => {
    fake.delay = (r) => (r.query.partNumber ? 20 : 0);
    await s3.uploadFile(bigFile, 'bkt', 'serial', { Config: config({ maxConcurrency: 10, useThreads: false }) });
    expect(fake.maxInFlight).toBe(1);
  });

  it('aborts the multipart upload when a part fails, and reports S3UploadFailedError', async () => {
    fake.intercept = (r) => (r.query.partNumber === '2' ? { status: 400, code: 'InvalidRequest', message: 'bad part' } : undefined);
    const err = await s3.uploadFile(bigFile, 'bkt', 'fail', { Config: config({ maxConcurrency: 2 }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S3UploadFailedError);
    expect((err as Error).message).toMatch(/^Failed to upload .*big\.bin to bkt\/fail: An error occurred \(InvalidRequest\)/);
    expect((err as Error).cause).toBeInstanceOf(ClientError);
    const seq = fake.sequence();
    expect(seq.filter((s) => s.startsWith('DELETE'))).toHaveLength(1);
    expect(seq[seq.length - 1]).toMatch(/^DELETE \/bkt\/fail\?uploadId=upload-\d+$/);
    expect(seq.some((s) => /^POST .*\?uploadId=/.test(s))).toBe(false);
    expect(fake.uploads.size).toBe(0);
  });

  it('aborts when the stream it reads fails midway', async () => {
    async function* failing() {
      yield pattern(6 * MiB);
      throw new Error('disk on fire');
    }
    await expect(s3.uploadFileobj(failing(), 'bkt', 'stream-fail', { Config: config() })).rejects.toThrow('disk on fire');
    const seq = fake.sequence();
    expect(seq[0]).toBe('POST /bkt/stream-fail?uploads');
    expect(seq[seq.length - 1]).toMatch(/^DELETE \/bkt\/stream-fail\?uploadId=/);
  });

  it('uploads a Readable in parts without knowing its size', async () => {
    const chunks: Buffer[] = [];
    for (let off = 0; off < SIZE; off += 64 * 1024) chunks.push(data.subarray(off, Math.min(SIZE, off + 64 * 1024)));
    const progress: number[] = [];
    await s3.uploadFileobj(Readable.from(chunks), 'bkt', 'stream', { Callback: (n: number) => progress.push(n), Config: config({ maxConcurrency: 4 }) });
    const seq = fake.sequence().map((x) => x.replace(/upload-\d+/, 'ID'));
    expect(seq[0]).toBe('POST /bkt/stream?uploads');
    expect(seq.slice(1, 4).sort()).toEqual([1, 2, 3].map((n) => `PUT /bkt/stream?uploadId=ID&partNumber=${n}`));
    expect(seq[4]).toBe('POST /bkt/stream?uploadId=ID');
    expect(seq).toHaveLength(5);
    expect(fake.objects.get('/bkt/stream')!.equals(data)).toBe(true);
    expect(progress.reduce((a, b) => a + b, 0)).toBe(SIZE);
  });

  it('uploads a small stream or Buffer with one PutObject', async () => {
    await s3.uploadFileobj(Readable.from([Buffer.from('abc'), Buffer.from('def')]), 'bkt', 's');
    await s3.uploadFileobj(Buffer.from('xyz'), 'bkt', 'b');
    expect(fake.sequence()).toEqual(['PUT /bkt/s', 'PUT /bkt/b']);
    expect(fake.objects.get('/bkt/s')!.toString()).toBe('abcdef');
  });

  it('turns a full-object checksum into a FULL_OBJECT multipart upload', async () => {
    await s3.uploadFile(bigFile, 'bkt', 'full', { ExtraArgs: { ChecksumCRC32: 'AAAAAA==' }, Config: config() });
    const [create, p1, , , complete] = fake.requests;
    expect(create.headers['x-amz-checksum-type']).toBe('FULL_OBJECT');
    expect(create.headers['x-amz-checksum-algorithm']).toBe('CRC32');
    expect(create.headers['x-amz-checksum-crc32']).toBeUndefined();
    expect(p1.headers['x-amz-sdk-checksum-algorithm']).toBe('CRC32');
    expect(complete.headers['x-amz-checksum-crc32']).toBe('AAAAAA==');
    expect(complete.headers['x-amz-checksum-type']).toBe('FULL_OBJECT');
  });

  describe('bad input fails before anything is sent', () => {
    it('names an unknown ExtraArgs key and its close matches', async () => {
      const err = await s3.uploadFile(bigFile, 'bkt', 'k', { ExtraArgs: { ContentTyp: 'x' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParamValidationError);
      expect((err as Error).message).toContain("Invalid ExtraArgs key 'ContentTyp' for uploadFile. Did you mean: ContentType");
      expect(fake.requests).toHaveLength(0);
    });

    it('rejects download-only arguments on upload, unknown options, a missing file', async () => {
      await expect(s3.uploadFile(bigFile, 'bkt', 'k', { ExtraArgs: { VersionId: 'v' } })).rejects.toThrow(/Invalid ExtraArgs key 'VersionId'/);
      await expect(s3.uploadFile(bigFile, 'bkt', 'k', { ExtraArgz: {} } as never)).rejects.toThrow(ParamValidationError);
      await expect(s3.uploadFile(bigFile, 'bkt', 'k', { Config: { multipartThreshold: 1 } } as never)).rejects.toThrow(/must be a TransferConfig/);
      await expect(s3.uploadFile(path.join(dir, 'nope'), 'bkt', 'k')).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(s3.uploadFile(bigFile, '', 'k')).rejects.toThrow(/Bucket must be a non-empty string/);
      await expect(s3.uploadFileobj(42 as never, 'bkt', 'k')).rejects.toThrow(/needs a readable stream/);
      await expect(s3.uploadFile(bigFile, 'arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/olap', 'k')).rejects.toThrow(/S3 Object Lambda/);
      expect(fake.requests).toHaveLength(0);
    });

    it('accepts camelCase option names', async () => {
      const small = path.join(dir, 'camel.txt');
      await fsp.writeFile(small, 'x');
      const seen: number[] = [];
      await s3.uploadFile(small, 'bkt', 'camel', { extraArgs: { ContentType: 'text/x' }, callback: (n: number) => seen.push(n) } as never);
      expect(fake.requests[0].headers['content-type']).toBe('text/x');
      expect(seen).toEqual([1]);
    });
  });
});
