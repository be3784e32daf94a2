/**
 * A file upload's parts are read into buffers used again (FilePartSource), and a part gives its
 * buffer back only once its UploadPart succeeded (multipartUpload): the bytes each request sent
 * are the file's, in order, whatever buffer they were read into.
 */
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { multipartUpload } from '../../../src/customizations/s3/transfer/multipart-upload';
import { ProgressReporter } from '../../../src/customizations/s3/transfer/progress';
import type { S3Call } from '../../../src/customizations/s3/transfer/types';
import { FilePartSource, type PartSource } from '../../../src/customizations/s3/transfer/upload-sources';

const PART = 1024;

describe('upload part buffers', () => {
  let dir: string;
  let file: string;
  const content = Buffer.from(Array.from({ length: 3 * PART + 100 }, (_, i) => (i * 7) % 251));

  beforeAll(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'botojs-parts-'));
    file = path.join(dir, 'src.bin');
    await fsp.writeFile(file, content);
  });
  afterAll(() => fsp.rm(dir, { recursive: true, force: true }));

  it('reads each part into a buffer given back by an earlier one, the last part a shorter view', async () => {
    const handle = await fsp.open(file, 'r');
    try {
      const source = new FilePartSource(handle, content.length, PART);
      const first = (await source.next())!;
      expect(first.equals(content.subarray(0, PART))).toBe(true);
      const second = (await source.next())!;
      expect(second.buffer).not.toBe(first.buffer);
      source.release(first);
      const third = (await source.next())!;
      expect(third.buffer).toBe(first.buffer);
      expect(third.equals(content.subarray(2 * PART, 3 * PART))).toBe(true);
      source.release(second);
      const last = (await source.next())!;
      expect(last.buffer).toBe(second.buffer);
      expect(last.length).toBe(100);
      expect(last.equals(content.subarray(3 * PART))).toBe(true);
      expect(await source.next()).toBeUndefined();
    } finally {
      await handle.close();
    }
  });

  it('sends every part with the file bytes, and takes back only the parts that succeeded', async () => {
    const handle = await fsp.open(file, 'r');
    try {
      const inner = new FilePartSource(handle, content.length, PART);
      const released: Buffer[] = [];
      const source: PartSource = { next: () => inner.next(), release: (b) => (released.push(b), inner.release(b)) };
      const sent = new Map<number, Buffer>();
      const partOf = new Map<Buffer, number>();
      let failPart = 0;
      // Part 1 stays out until parts 2-4 are done (with two in flight, they reuse buffers meanwhile).
      let othersDone = 0;
      let releasePart1: () => void = () => undefined;
      let part1Held = new Promise<void>((r) => (releasePart1 = r));
      const call: S3Call = async (operation, params) => {
        if (operation === 'createMultipartUpload') return { UploadId: 'u1' };
        if (operation === 'uploadPart') {
          const n = params.PartNumber as number;
          // A copy of what went out, taken while the request is in flight.
          const before = Buffer.from(params.Body as Buffer);
          partOf.set(params.Body as Buffer, n);
          if (n === 1) await part1Held;
          else await new Promise((r) => setTimeout(r, 1));
          // Still the same bytes once the request is done: no later part was read into them.
          expect((params.Body as Buffer).equals(before)).toBe(true);
          sent.set(n, before);
          if (n === failPart) throw new Error('part failed');
          if (n !== 1 && ++othersDone === 3) releasePart1();
          return { ETag: `"e${n}"` };
        }
        return {};
      };
      const args = { call, uncancellable: call, bucket: 'b', key: 'k', extraArgs: {}, source, concurrency: 2, progress: new ProgressReporter() };
      await multipartUpload(args);
      expect(Buffer.concat([1, 2, 3, 4].map((n) => sent.get(n)!)).equals(content)).toBe(true);
      expect(released).toHaveLength(4);

      // A failing part is not given back (its request may not have finished with the buffer).
      const handle2 = await fsp.open(file, 'r');
      try {
        const inner2 = new FilePartSource(handle2, content.length, PART);
        const released2: number[] = [];
        failPart = 1;
        sent.clear();
        othersDone = 0;
        part1Held = new Promise<void>((r) => (releasePart1 = r));
        const args2 = { ...args, source: { next: () => inner2.next(), release: (b: Buffer) => (released2.push(partOf.get(b)!), inner2.release(b)) } };
        await expect(multipartUpload(args2)).rejects.toThrow('part failed');
        // Parts 2-4 succeeded while part 1 was held; part 1 then failed and was not taken back.
        expect(released2).toEqual([2, 3, 4]);
      } finally {
        await handle2.close();
      }
    } finally {
      await handle.close();
    }
  });
});
