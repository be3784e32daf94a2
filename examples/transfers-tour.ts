/**
 * The S3 managed-transfer part of the demo: a 12 MiB file goes up as a parallel multipart
 * upload with a progress bar (the Callback option), comes back as a ranged multipart download
 * with another, is copied server-side, and a mistyped ExtraArgs key is refused before anything
 * is sent. On a terminal the bars redraw in place; in a log they print a few lines.
 *
 * Run it: `npm run example examples/transfers-tour.ts` (starts the embedded S3 and DynamoDB servers; see
 * examples/run-example.ts). `npm run demo` runs every example in turn.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, progressBar, Session, TransferConfig } from '../src';
import { runExample } from './run-example';

export interface TransfersTourEndpoints {
  s3Endpoint: string;
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export async function runTransfersTour(endpoints: TransfersTourEndpoints): Promise<void> {
  const session = new Session({ awsAccessKeyId: 'S3RVER', awsSecretAccessKey: 'S3RVER', regionName: 'us-east-1' });
  const s3 = session.client('s3', { endpointUrl: endpoints.s3Endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
  const bucket = `transfers-${Date.now().toString(36)}`;
  await s3.createBucket({ Bucket: bucket });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-transfers-'));
  try {
    const source = path.join(dir, 'big.bin');
    fs.writeFileSync(source, crypto.randomBytes(12 * 1024 * 1024));
    const config = new TransferConfig({ multipartThreshold: 5 * 1024 * 1024, multipartChunksize: 5 * 1024 * 1024, maxConcurrency: 4 });

    step('uploadFile: 12 MiB in 5 MiB parts, 4 at a time, with a progress bar');
    let parts = 0;
    s3.meta.events.register('before-call.s3.UploadPart', () => void parts++);
    const size = fs.statSync(source).size;
    // progressBar(total) is a Callback: the transfer calls it with each increment of bytes.
    const upload = progressBar(size, { label: '  upload big.bin' });
    try {
      await s3.uploadFile(source, bucket, 'big.bin', {
        Config: config,
        ExtraArgs: { ContentType: 'application/octet-stream', Metadata: { origin: 'demo' } },
        Callback: upload,
      });
    } finally {
      upload.stop(); // ends the bar's line if the upload failed (it stops by itself at 100%)
    }
    const head = await s3.headObject({ Bucket: bucket, Key: 'big.bin' });
    console.log(`  ${parts} UploadPart calls; stored ${head.ContentLength} bytes`);

    step('downloadFile: ranged GETs in parallel, written to a temporary name and renamed at the end');
    const copyPath = path.join(dir, 'copy.bin');
    const download = progressBar(Number(head.ContentLength), { label: '  download big.bin' });
    try {
      await s3.downloadFile(bucket, 'big.bin', copyPath, { Config: config, Callback: download });
    } finally {
      download.stop();
    }
    console.log(`  same bytes as the source: ${sha256(copyPath) === sha256(source)}`);

    step('copy: server-side copy to another key');
    await s3.copy({ Bucket: bucket, Key: 'big.bin' }, bucket, 'big-copy.bin', { Config: new TransferConfig({ multipartThreshold: 64 * 1024 * 1024 }) });
    const copied = await s3.headObject({ Bucket: bucket, Key: 'big-copy.bin' });
    console.log(`  big-copy.bin: ${copied.ContentLength} bytes`);

    step('A mistyped ExtraArgs key is refused before anything is sent');
    try {
      await s3.uploadFile(source, bucket, 'typo.bin', { ExtraArgs: { ContentTyp: 'text/plain' } });
    } catch (err) {
      console.log(`  ${(err as Error).name}: ${(err as Error).message.split('\n').slice(0, 2).join(' ').slice(0, 160)}...`);
    }

    for (const Key of ['big.bin', 'big-copy.bin']) await s3.deleteObject({ Bucket: bucket, Key });
    await s3.deleteBucket({ Bucket: bucket });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runExample(module, runTransfersTour);
