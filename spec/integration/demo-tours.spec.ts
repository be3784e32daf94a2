/**
 * The demo's tours (examples/*.ts, run by `npm run demo`) run against the servers of the test
 * setup, so the README's first command cannot silently break. Each checks the lines that show
 * the tour did its job, not the whole transcript.
 */
import { inspect } from 'util';
import { runPaginatorsAndWaitersTour } from '../../examples/paginators-and-waiters';
import { runResourcesTour } from '../../examples/resources-tour';
import { runTour } from '../../examples/tour';
import { runTransfersTour } from '../../examples/transfers-tour';
import { dynamodbEndpoint, s3Endpoint } from '../helpers/local';

async function transcript(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' '));
  });
  // The tours' progress bars print through console.log off a terminal, as in CI; a jest run in
  // a terminal (one worker) must not draw them on the screen instead.
  const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
  Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
  try {
    await run();
  } finally {
    spy.mockRestore();
    if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  }
  return lines.join('\n');
}

const endpoints = () => ({ s3Endpoint: s3Endpoint(), dynamodbEndpoint: dynamodbEndpoint() });

describe('the demo tours', () => {
  it('examples/tour.ts: buckets, objects, the images/ listing, NoSuchKey, DynamoDB put/get', async () => {
    const out = await transcript(() => runTour(endpoints()));
    expect(out).toMatch(/== List buckets\n {2}\d+ bucket\(s\)/);
    expect(out).toMatch(/created tour-\w+ at \d{4}-\d\d-\d\dT/);
    expect(out).toMatch(/images\/cat\.png {2}\d+ bytes/);
    expect(out).toMatch(/NoSuchKey/);
    expect(out).toMatch(/ParamValidationError: Parameter validation failed/);
    expect(out).toMatch(/name: \{ S: 'Ada' \}/);
  }, 30000);

  it('examples/paginators-and-waiters.ts: keys by page, an ETL wait that succeeds and one that gives up', async () => {
    // Every step of the tour, on 250 keys in pages of 100 rather than the demo's 2,500 in pages
    // of 1,000 (spec/integration/paginators.spec.ts pages through 2,500 keys already).
    const out = await transcript(() => runPaginatorsAndWaitersTour(endpoints(), { logFiles: 250, pageSize: 100 }));
    expect(out).toMatch(/page: 100 keys, first logs\/2024\/00000\.log\n {2}page: 100 keys, first logs\/2024\/00100\.log\n {2}page: 50 keys/);
    expect(out).toMatch(/250 keys, \d+ bytes/);
    expect(out).toMatch(/first batch: 120 keys, resumeToken \S+\n {2}the rest: 130 keys \(120 \+ 130 = 250\)/);
    expect(out).toMatch(/arrived after \d+ ms/);
    expect(out).toMatch(/PutObject: 250 \/ 250 objects \(100%\) in [\d.]+ s/);
    expect(out).toMatch(/poll: HTTP 404\n[\s\S]*poll: HTTP 200\n[\s\S]*arrived after \d+ ms/);
    expect(out).toMatch(/WaiterError: Max attempts exceeded/);
  }, 60000);

  it('examples/resources-tour.ts: the resource half of the seed tour', async () => {
    const out = await transcript(() => runResourcesTour(endpoints()));
    expect(out).toMatch(/s3\.Bucket\(name='resources-\w+'\)/);
    expect(out).toMatch(/images\/cat\.png \(\d+ bytes\)/);
    expect(out).toMatch(/reports\/q1\.csv: text\/csv/);
    expect(out).toMatch(/page 1: 10 objects/);
    expect(out).toMatch(/25 keys deleted/);
    expect(out).toMatch(/dynamodb\.Table\(name='tour-\w+'\)/);
    expect(out).toMatch(/getItem -> \{ pk: 'cust-1', sk: 1, total: 9\.99/);
    expect(out).toMatch(/3 BatchWriteItem requests/);
  }, 60000);

  it('examples/transfers-tour.ts: multipart upload with progress, ranged download, copy, refused ExtraArgs', async () => {
    const out = await transcript(() => runTransfersTour(endpoints()));
    expect(out).toMatch(/upload big\.bin: 12\.0 MiB \/ 12\.0 MiB \(100%\) in [\d.]+ s/);
    expect(out).toMatch(/3 UploadPart calls; stored 12582912 bytes/);
    expect(out).toMatch(/download big\.bin: 12\.0 MiB \/ 12\.0 MiB \(100%\) in [\d.]+ s/);
    expect(out).toMatch(/same bytes as the source: true/);
    expect(out).toMatch(/big-copy\.bin: 12582912 bytes/);
    expect(out).toMatch(/Invalid ExtraArgs key 'ContentTyp' for uploadFile\. Did you mean: ContentType\?/);
  }, 60000);
});
