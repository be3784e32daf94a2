/**
 * Cancelling managed transfers (`{ abortSignal }` in the options bag) against the in-memory S3,
 * which, unlike s3rver, implements AbortMultipartUpload and ListMultipartUploads: so "no
 * orphaned upload" is checked the way a user would, by listing the bucket's multipart uploads.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AbortError, ParamValidationError, TransferConfig } from '../../../src';
import { runWithAbortSignal } from '../../../src/pipeline/abort-scope';
import { waitFor } from '../../helpers/wait-for';
import { FakeS3, pattern, type SeenRequest } from './s3-transfer-fake-s3';

const MiB = 1024 * 1024;
const config = (o: ConstructorParameters<typeof TransferConfig>[0] = {}) =>
  new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 2, ...o });

const isPart = (r: SeenRequest) => r.method === 'PUT' && Boolean(r.query.partNumber);

describe('cancelling managed transfers', () => {
  const fake = new FakeS3();
  let s3: ReturnType<FakeS3['client']>;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    await fake.start();
    s3 = fake.client();
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-cancel-'));
    file = path.join(dir, 'four-parts.bin');
    await fsp.writeFile(file, pattern(20 * MiB, 7));
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
  });

  /** The bucket's multipart uploads, listed as a user would (ListMultipartUploads). */
  const openUploads = async () => ((await s3.listMultipartUploads({ Bucket: 'bkt' })).Uploads ?? []) as unknown[];

  it('uploadFile: parts in flight are cancelled, no new part starts, and the upload is aborted (none is listed)', async () => {
    fake.delay = (r) => (isPart(r) ? 1500 : 0);
    const controller = new AbortController();
    const pending = s3.uploadFile(file, 'bkt', 'up-abort', { Config: config(), abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => fake.requests.filter(isPart).length === 2);
    const seenBeforeAbort = fake.requests.length;
    const started = Date.now();
    controller.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(AbortError);
    expect((err as Error).name).toBe('AbortError');
    expect(Date.now() - started).toBeLessThan(1000); // the parts were held 1.5 s: they were cancelled, not waited for
    // After the abort, exactly one request: AbortMultipartUpload of this upload.
    const after = fake.sequence().slice(seenBeforeAbort);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(/^DELETE \/bkt\/up-abort\?uploadId=upload-\d+$/);
    expect(fake.requests.filter(isPart)).toHaveLength(2);
    expect(fake.sequence().some((l) => /^POST .*\?uploadId=/.test(l))).toBe(false); // never completed
    expect(fake.objects.has('/bkt/up-abort')).toBe(false);
    expect(await openUploads()).toEqual([]);
  });

  it('an abort while CreateMultipartUpload is in flight waits for its answer, then aborts that upload', async () => {
    fake.delay = (r) => (r.method === 'POST' && 'uploads' in r.query ? 300 : 0);
    const controller = new AbortController();
    const pending = s3.uploadFile(file, 'bkt', 'abort-on-create', { Config: config(), abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => fake.requests.length === 1);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    const seq = fake.sequence();
    expect(seq[0]).toBe('POST /bkt/abort-on-create?uploads');
    expect(seq.slice(1)).toEqual([expect.stringMatching(/^DELETE \/bkt\/abort-on-create\?uploadId=upload-\d+$/)]);
    expect(await openUploads()).toEqual([]);
  });

  it('uploadFileobj: a stream that stalls does not hold the abort up; the upload is aborted', async () => {
    async function* stalls() {
      yield pattern(6 * MiB);
      await new Promise(() => undefined); // never yields again
    }
    const controller = new AbortController();
    const pending = s3.uploadFileobj(stalls(), 'bkt', 'stalled', { Config: config(), abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => fake.requests.filter(isPart).length === 1);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(fake.sequence()[fake.sequence().length - 1]).toMatch(/^DELETE \/bkt\/stalled\?uploadId=/);
    expect(await openUploads()).toEqual([]);
  });

  it('copy: a multipart copy aborted mid-way is aborted with AbortMultipartUpload', async () => {
    fake.objects.set('/bkt/copy-src', pattern(12 * MiB, 3));
    fake.delay = (r) => (isPart(r) ? 1500 : 0);
    const controller = new AbortController();
    const pending = s3.copy({ Bucket: 'bkt', Key: 'copy-src' }, 'bkt', 'copy-dst', { Config: config(), abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => fake.requests.filter(isPart).length === 2);
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(fake.sequence()[fake.sequence().length - 1]).toMatch(/^DELETE \/bkt\/copy-dst\?uploadId=/);
    expect(fake.objects.has('/bkt/copy-dst')).toBe(false);
    expect(await openUploads()).toEqual([]);
  });

  it('downloadFile: aborting mid-way deletes the temporary file and leaves the target name as it was', async () => {
    fake.objects.set('/bkt/dl', pattern(12 * MiB, 5));
    // The first range answers at once, the others are held: the abort comes with the first bytes.
    fake.delay = (r) => (r.method === 'GET' && r.headers.range && !String(r.headers.range).startsWith('bytes=0-') ? 1500 : 0);
    const target = path.join(dir, 'dl.bin');
    await fsp.writeFile(target, 'the previous version');
    const controller = new AbortController();
    const err = await s3.downloadFile('bkt', 'dl', target, { Config: config(), abortSignal: controller.signal, Callback: () => controller.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(await fsp.readFile(target, 'utf8')).toBe('the previous version');
    expect((await fsp.readdir(dir)).filter((f) => f.startsWith('dl.bin'))).toEqual(['dl.bin']);

    // A new name: nothing at all is left.
    const fresh = path.join(dir, 'fresh.bin');
    const again = new AbortController();
    await expect(s3.downloadFile('bkt', 'dl', fresh, { Config: config(), abortSignal: again.signal, Callback: () => again.abort() })).rejects.toBeInstanceOf(AbortError);
    expect((await fsp.readdir(dir)).filter((f) => f.startsWith('fresh.bin'))).toEqual([]);
  });

  it('downloadFileobj: aborting mid-way rejects with AbortError and writes nothing more', async () => {
    fake.objects.set('/bkt/dl2', pattern(12 * MiB, 9));
    fake.delay = (r) => (r.method === 'GET' && r.headers.range && !String(r.headers.range).startsWith('bytes=0-') ? 1500 : 0);
    const controller = new AbortController();
    let written = 0;
    const sink = { write: (chunk: Buffer, cb: (e?: Error | null) => void) => ((written += chunk.length), cb()) };
    const err = await s3.downloadFileobj('bkt', 'dl2', sink, { Config: config(), abortSignal: controller.signal, Callback: () => controller.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    const at = written;
    await new Promise((r) => setTimeout(r, 1700)); // past the held ranges
    expect(written).toBe(at);
    expect(written).toBeLessThanOrEqual(5 * MiB);
  });

  it('downloadFileobj into a destination that never drains: the abort still ends the transfer', async () => {
    fake.objects.set('/bkt/stall', pattern(1024, 3));
    const controller = new AbortController();
    const stalled = { write: (_chunk: Buffer, _cb: (e?: Error | null) => void) => undefined }; // never calls back
    const pending = s3.downloadFileobj('bkt', 'stall', stalled, { Config: config(), abortSignal: controller.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    const settled = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still pending'), 3000))]);
    expect(settled).toBeInstanceOf(AbortError);
  });

  it("in an abort scope (the REPL's Ctrl-C), the scope's abort cancels the transfer and AbortMultipartUpload still goes out", async () => {
    fake.delay = (r) => (isPart(r) ? 1500 : 0);
    const scope = new AbortController();
    const pending = runWithAbortSignal(scope.signal, () => s3.uploadFile(file, 'bkt', 'scoped', { Config: config() })).catch((e: unknown) => e);
    await waitFor(() => fake.requests.filter(isPart).length === 2);
    scope.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(fake.sequence()[fake.sequence().length - 1]).toMatch(/^DELETE \/bkt\/scoped\?uploadId=/);
    expect(await openUploads()).toEqual([]);
  });

  it('abortSignal is checked with the other options; an aborted signal sends nothing', async () => {
    await expect(s3.uploadFile(file, 'bkt', 'k', { abortSignal: 'now' } as never)).rejects.toThrow(/Invalid call option abortSignal/);
    await expect(s3.uploadFile(file, 'bkt', 'k', { abortSignl: AbortSignal.abort() } as never)).rejects.toThrow(/Unknown option 'abortSignl' of uploadFile\. Did you mean: abortSignal\?/);
    await expect(s3.downloadFile('bkt', 'k', path.join(dir, 'x'), { abortSignal: 5 } as never)).rejects.toBeInstanceOf(ParamValidationError);
    const aborted = { abortSignal: AbortSignal.abort() };
    await expect(s3.uploadFile(file, 'bkt', 'k', aborted)).rejects.toBeInstanceOf(AbortError);
    await expect(s3.uploadFileobj(Buffer.from('x'), 'bkt', 'k', aborted)).rejects.toBeInstanceOf(AbortError);
    await expect(s3.downloadFile('bkt', 'k', path.join(dir, 'never.bin'), aborted)).rejects.toBeInstanceOf(AbortError);
    await expect(s3.downloadFileobj('bkt', 'k', { write: (_c: Buffer, cb: () => void) => cb() }, aborted)).rejects.toBeInstanceOf(AbortError);
    await expect(s3.copy({ Bucket: 'bkt', Key: 'k' }, 'bkt', 'k2', aborted)).rejects.toBeInstanceOf(AbortError);
    expect(fake.requests).toEqual([]);
    expect((await fsp.readdir(dir)).filter((f) => f.startsWith('never.bin'))).toEqual([]);
  });
});
