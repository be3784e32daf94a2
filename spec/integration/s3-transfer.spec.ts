/**
 * S3 managed transfers against s3rver: a multipart upload of a real file above the threshold
 * and its ranged download back, byte for byte, with progress totals; streams both ways; the
 * same methods on Bucket and Object resources. (Failure cleanup needs faults s3rver cannot
 * inject: spec/unit/customizations/s3-transfer-*.spec.ts covers it against a fake server.)
 */
import { createHash } from 'crypto';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough, Readable } from 'stream';
import { ClientError, Config, TransferConfig } from '../../src';
import { isolatedSession, localS3, s3Endpoint, uniqueName } from '../helpers/local';

const MiB = 1024 * 1024;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('S3 managed transfers against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('xfer');
  const config = new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 4 });
  let dir: string;
  let source: string;
  let data: Buffer;

  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-xfer-'));
    source = path.join(dir, 'source.bin');
    data = Buffer.alloc(11 * MiB + 123);
    for (let i = 0; i + 4 <= data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
    await fsp.writeFile(source, data);
  });
  afterAll(async () => {
    s3.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('uploads a file above the threshold in parts and downloads it back identical', async () => {
    const ops: string[] = [];
    s3.meta.events.register('provide-client-params.s3', (p) => void ops.push((p.operation as { name: string }).name), { uniqueId: 'xfer-ops' });
    const up: number[] = [];
    await s3.uploadFile(source, bucket, 'big/source.bin', { ExtraArgs: { ContentType: 'application/x-test', Metadata: { origin: 'botojs' } }, Callback: (n: number) => up.push(n), Config: config });
    expect(up.reduce((a, b) => a + b, 0)).toBe(data.length);
    // As s3transfer: each part's body in 256 KiB batches as it goes out (20 + 20 + 4), and the
    // last part's rest (123 bytes), not one call per part (parts run at once: any order).
    expect([...up].sort((a, b) => b - a)).toEqual([...Array(44).fill(256 * 1024), 123]);
    expect(ops[0]).toBe('CreateMultipartUpload');
    expect(ops.slice(1, 4)).toEqual(['UploadPart', 'UploadPart', 'UploadPart']);
    expect(ops[4]).toBe('CompleteMultipartUpload');
    ops.length = 0;
    const head = await s3.headObject({ Bucket: bucket, Key: 'big/source.bin' });
    expect(head.ContentLength).toBe(data.length);
    expect(head.ContentType).toBe('application/x-test');
    expect(head.Metadata).toEqual({ origin: 'botojs' });

    ops.length = 0;
    const down: number[] = [];
    const target = path.join(dir, 'downloaded.bin');
    // Parts arrive concurrently; the temporary file must still be opened exactly once.
    const opens = jest.spyOn(fsp, 'open');
    try {
      await s3.downloadFile(bucket, 'big/source.bin', target, { Callback: (n: number) => down.push(n), Config: config });
      expect(opens.mock.calls.filter(([f]) => String(f).startsWith(`${target}.`))).toHaveLength(1);
    } finally {
      opens.mockRestore();
    }
    expect(sha(await fsp.readFile(target))).toBe(sha(data));
    expect(down.reduce((a, b) => a + b, 0)).toBe(data.length);
    // Every 256 KiB read (TransferConfig ioChunksize), many per part: 20 + 20 + 4 and 123.
    expect([...down].sort((a, b) => b - a)).toEqual([...Array(44).fill(256 * 1024), 123]);
    expect(ops).toEqual(['HeadObject', 'GetObject', 'GetObject', 'GetObject']);
    s3.meta.events.unregister('provide-client-params.s3', 'xfer-ops');
    expect((await fsp.readdir(dir)).sort()).toEqual(['downloaded.bin', 'source.bin']);
  });

  it('uploads and downloads streams (uploadFileobj / downloadFileobj)', async () => {
    const chunks = Array.from({ length: Math.ceil(data.length / (256 * 1024)) }, (_, i) => data.subarray(i * 256 * 1024, (i + 1) * 256 * 1024));
    await s3.uploadFileobj(Readable.from(chunks), bucket, 'big/stream.bin', { Config: config });
    const out = new PassThrough();
    const received: Buffer[] = [];
    out.on('data', (c: Buffer) => received.push(c));
    await s3.downloadFileobj(bucket, 'big/stream.bin', out, { Config: config });
    expect(sha(Buffer.concat(received))).toBe(sha(data));
  });

  it('copies below the threshold with CopyObject', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'small/a.txt', Body: 'copy me' });
    const seen: number[] = [];
    await s3.copy({ Bucket: bucket, Key: 'small/a.txt' }, bucket, 'small/b.txt', { Callback: (n: number) => seen.push(n) });
    const got = await s3.getObject({ Bucket: bucket, Key: 'small/b.txt' });
    expect(await got.Body.text()).toBe('copy me');
    expect(seen).toEqual([7]);
  });

  it('leaves no file when the object does not exist', async () => {
    const target = path.join(dir, 'absent.bin');
    await expect(s3.downloadFile(bucket, 'no/such/key', target)).rejects.toBeInstanceOf(ClientError);
    expect((await fsp.readdir(dir)).some((n) => n.startsWith('absent.bin'))).toBe(false);
  });

  it('works from Bucket and Object resources', async () => {
    const s3r = isolatedSession().resource('s3', { endpointUrl: s3Endpoint(), config: new Config({ s3: { addressingStyle: 'path' } }) });
    const b = s3r.Bucket(bucket);
    const small = path.join(dir, 'small.txt');
    await fsp.writeFile(small, 'from a bucket');
    await b.uploadFile(small, 'res/one.txt');
    const obj = s3r.Object(bucket, 'res/two.txt');
    await obj.uploadFile(small);
    const back = path.join(dir, 'back.txt');
    await obj.downloadFile(back);
    expect(await fsp.readFile(back, 'utf8')).toBe('from a bucket');
    await b.downloadFile('res/one.txt', back);
    expect(await fsp.readFile(back, 'utf8')).toBe('from a bucket');
    await fsp.rm(back);
    await fsp.rm(small);
  });
});
