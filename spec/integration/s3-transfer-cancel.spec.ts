/**
 * Cancelling managed transfers with `{ abortSignal }`, through real clients:
 *
 * - against s3rver: a multipart upload and a ranged download aborted mid-way, on the client and
 *   on Bucket/Object resources. s3rver implements neither AbortMultipartUpload (it answers 405)
 *   nor ListMultipartUploads, so here we check what a user sees (AbortError, no object, no
 *   file, no CompleteMultipartUpload, the AbortMultipartUpload request made); the orphan count
 *   by ListMultipartUploads is checked against the in-memory S3 of
 *   spec/unit/customizations/s3-transfer-cancel.spec.ts;
 * - against a recording loopback server whose parts never answer: AbortMultipartUpload is on
 *   the wire after the abort.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AbortError, ClientError, Config, TransferConfig } from '../../src';
import type { Resource } from '../../src';
import { CannedServer } from '../helpers/canned-server';
import { isolatedSession, localS3, s3Endpoint, uniqueName } from '../helpers/local';
import { waitFor } from '../helpers/wait-for';

const MiB = 1024 * 1024;
const config = new TransferConfig({ multipartThreshold: 5 * MiB, multipartChunksize: 5 * MiB, maxConcurrency: 2 });

function bytes(size: number): Buffer {
  const b = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) b.writeUInt32LE((i * 2654435761) >>> 0, i);
  return b;
}

describe('cancelling transfers against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('xfer-cancel');
  let dir: string;
  let source: string;
  const ops: string[] = [];

  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-xfer-cancel-'));
    source = path.join(dir, 'source.bin');
    await fsp.writeFile(source, bytes(20 * MiB));
    s3.meta.events.register('provide-client-params.s3', (p) => void ops.push((p.operation as { name: string }).name), { uniqueId: 'cancel-ops' });
  });
  afterAll(async () => {
    s3.close();
    await fsp.rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => (ops.length = 0));

  it('a multipart upload aborted when its first part is in: no new part, no CompleteMultipartUpload, AbortMultipartUpload sent, no object', async () => {
    const controller = new AbortController();
    const err = await s3.uploadFile(source, bucket, 'up/aborted.bin', { Config: config, abortSignal: controller.signal, Callback: () => controller.abort() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(ops[0]).toBe('CreateMultipartUpload');
    // Four parts to send, two at a time: the abort came with the first one, so at most the
    // second was also on its way; parts three and four never started.
    const parts = ops.filter((o) => o === 'UploadPart').length;
    expect(parts).toBeGreaterThanOrEqual(1);
    expect(parts).toBeLessThanOrEqual(2);
    expect(ops[ops.length - 1]).toBe('AbortMultipartUpload');
    expect(ops).not.toContain('CompleteMultipartUpload');
    const head = await s3.headObject({ Bucket: bucket, Key: 'up/aborted.bin' }).catch((e: unknown) => e);
    expect(head).toBeInstanceOf(ClientError);
    expect((head as ClientError).statusCode).toBe(404);
  });

  it('a ranged download aborted mid-way removes its temporary file and leaves the target name as it was', async () => {
    await s3.putObject({ Bucket: bucket, Key: 'down/big.bin', Body: bytes(16 * MiB) });
    const target = path.join(dir, 'target.bin');
    await fsp.writeFile(target, 'previous contents');
    ops.length = 0;
    const controller = new AbortController();
    let reported = 0;
    const err = await s3
      .downloadFile(bucket, 'down/big.bin', target, {
        Config: config,
        abortSignal: controller.signal,
        Callback: (n: number) => {
          reported += n;
          if (reported >= MiB) controller.abort();
        },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbortError);
    expect(reported).toBeLessThan(16 * MiB);
    expect(ops.filter((o) => o === 'GetObject').length).toBeLessThanOrEqual(2); // 4 ranges, 2 at a time: no third started
    expect(await fsp.readFile(target, 'utf8')).toBe('previous contents');
    expect((await fsp.readdir(dir)).sort()).toEqual(['source.bin', 'target.bin']);
  });

  it('Bucket and Object resources pass abortSignal through to the transfer', async () => {
    const s3r = isolatedSession().resource('s3', { endpointUrl: s3Endpoint(), config: new Config({ s3: { addressingStyle: 'path' } }) });
    const b: Resource = s3r.Bucket(bucket);
    const obj: Resource = b.Object('res/aborted.bin');
    const controller = new AbortController();
    await expect(obj.uploadFile(source, { Config: config, abortSignal: controller.signal, Callback: () => controller.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(s3.headObject({ Bucket: bucket, Key: 'res/aborted.bin' })).rejects.toMatchObject({ statusCode: 404 });
    const target = path.join(dir, 'from-bucket.bin');
    await expect(b.downloadFile('down/big.bin', target, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    await expect(b.uploadFile(source, 'res/never.bin', { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect((await fsp.readdir(dir)).filter((f) => f.startsWith('from-bucket'))).toEqual([]);
    s3r.meta.client.close();
  });
});

describe('AbortMultipartUpload goes out after an abort (recording loopback server)', () => {
  const server = new CannedServer();
  let endpointUrl: string;
  let dir: string;
  let source: string;

  beforeAll(async () => {
    endpointUrl = await server.start();
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-xfer-canned-'));
    source = path.join(dir, 'source.bin');
    await fsp.writeFile(source, bytes(20 * MiB));
  });
  afterAll(async () => {
    await server.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('parts that never answer are cancelled, and the DELETE ?uploadId request reaches the server', async () => {
    server.handler = (req) => {
      if (req.method === 'POST' && req.url.endsWith('?uploads')) {
        return { status: 200, headers: { 'content-type': 'application/xml' }, body: '<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>canned-upload-1</UploadId></InitiateMultipartUploadResult>' };
      }
      if (req.method === 'PUT' && req.url.includes('partNumber=')) return { hang: true };
      if (req.method === 'DELETE' && req.url.includes('uploadId=')) return { status: 204 };
      return { status: 500, body: 'unexpected' };
    };
    const s3 = isolatedSession().client('s3', { endpointUrl, config: new Config({ s3: { addressingStyle: 'path' } }) });
    const controller = new AbortController();
    const pending = s3.uploadFile(source, 'b', 'k', { Config: config, abortSignal: controller.signal }).catch((e: unknown) => e);
    await waitFor(() => server.requests.filter((r) => r.method === 'PUT').length >= 2);
    const beforeAbort = server.requests.length;
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    const after = server.requests.slice(beforeAbort).map((r) => `${r.method} ${r.url}`);
    expect(after).toEqual(['DELETE /b/k?uploadId=canned-upload-1']);
    expect(server.requests.some((r) => r.method === 'POST' && r.url.includes('uploadId='))).toBe(false);
    s3.close();
  });
});
