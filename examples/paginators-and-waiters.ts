/**
 * The seed's paginator and waiter examples: listing thousands of keys with a paginator, and an
 * ETL job waiting for its input file to land. Runs against any S3 endpoint (the demo passes the
 * embedded s3rver).
 *
 * Run it: `npm run example examples/paginators-and-waiters.ts` (starts the embedded S3 and DynamoDB servers; see
 * examples/run-example.ts). `npm run demo` runs every example in turn.
 */
import { Config, progressBar, Session, WaiterError } from '../src';
import { runExample } from './run-example';

export interface PaginatorsAndWaitersEndpoints {
  s3Endpoint: string;
}

/** How big the listing is: 2,500 log files in pages of 1,000 (the tests run a smaller one). */
export interface ListingSize {
  logFiles: number;
  pageSize: number;
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

export async function runPaginatorsAndWaitersTour(endpoints: PaginatorsAndWaitersEndpoints, size: ListingSize = { logFiles: 2500, pageSize: 1000 }): Promise<void> {
  const { logFiles, pageSize } = size;
  const maxItems = pageSize + pageSize / 5; // stops a fifth of the way into the second page
  const session = new Session({ awsAccessKeyId: 'S3RVER', awsSecretAccessKey: 'S3RVER', regionName: 'us-east-1' });
  const s3 = session.client('s3', { endpointUrl: endpoints.s3Endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
  const bucket = `pages-${Date.now().toString(36)}`;
  await s3.createBucket({ Bucket: bucket });

  step(`Upload ${logFiles} log files`);
  const keys = Array.from({ length: logFiles }, (_, i) => `logs/2024/${String(i).padStart(5, '0')}.log`);
  // A progress bar counts anything: here objects, 50 PutObject calls at a time.
  const uploaded = progressBar(keys.length, { label: '  PutObject', unit: 'objects' });
  for (let i = 0; i < keys.length; i += 50) {
    const batch = keys.slice(i, i + 50);
    await Promise.all(batch.map((Key) => s3.putObject({ Bucket: bucket, Key, Body: `line ${Key}\n` })));
    uploaded(batch.length);
  }
  uploaded.stop();
  console.log(`  uploaded ${keys.length} objects`);

  step('List thousands of keys with a paginator (one request per page, fetched lazily)');
  console.log(`  s3.canPaginate('listObjectsV2') = ${s3.canPaginate('listObjectsV2')}`);
  const paginator = s3.getPaginator('listObjectsV2');
  const pages = paginator.paginate({ Bucket: bucket, Prefix: 'logs/', PaginationConfig: { PageSize: pageSize } });
  for await (const page of pages) console.log(`  page: ${page.KeyCount} keys, first ${page.Contents[0].Key}`);

  step('Search every page with JMESPath');
  let total = 0;
  let bytes = 0;
  for await (const size of pages.search('Contents[].Size')) {
    total += 1;
    bytes += size as number;
  }
  console.log(`  ${total} keys, ${bytes} bytes`);

  step('Stop at MaxItems, then resume from the token');
  const first = paginator.paginate({ Bucket: bucket, PaginationConfig: { PageSize: pageSize, MaxItems: maxItems } });
  const firstResult = await first.buildFullResult();
  console.log(`  first batch: ${(firstResult.Contents as unknown[]).length} keys, resumeToken ${first.resumeToken}`);
  const rest = await paginator.paginate({ Bucket: bucket, PaginationConfig: { PageSize: pageSize, StartingToken: first.resumeToken } }).buildFullResult();
  console.log(`  the rest: ${(rest.Contents as unknown[]).length} keys (${maxItems} + ${(rest.Contents as unknown[]).length} = ${keys.length})`);

  step('An ETL job waits for its input file to land');
  const input = 'incoming/orders-2024-06-01.csv';
  // Another system drops the file a little later.
  setTimeout(() => void s3.putObject({ Bucket: bucket, Key: input, Body: 'id,amount\n1,9.99\n2,24.50\n' }), 1500);
  console.log(`  waiters on this client: ${s3.waiterNames.join(', ')}`);
  console.log(`  waiting for ${input} (objectExists: HeadObject every 0.5 s)...`);
  // Each poll is a HeadObject call: its after-call event shows what the waiter saw.
  const showPoll = (e: { parsed: { ResponseMetadata?: { HTTPStatusCode?: number } } }) =>
    void console.log(`    poll: HTTP ${e.parsed.ResponseMetadata?.HTTPStatusCode}`);
  s3.meta.events.register('after-call.s3.HeadObject', showPoll as never);
  const started = Date.now();
  await s3.getWaiter('objectExists').wait({ Bucket: bucket, Key: input, WaiterConfig: { Delay: 0.5, MaxAttempts: 20 } });
  s3.meta.events.unregister('after-call.s3.HeadObject', showPoll as never);
  console.log(`  ${input} arrived after ${Date.now() - started} ms; processing it:`);
  const body = await (await s3.getObject({ Bucket: bucket, Key: input })).Body.text();
  console.log(`  ${body.trim().split('\n').length - 1} rows`);

  step('A file that never arrives: WaiterError after MaxAttempts');
  try {
    await s3.getWaiter('objectExists').wait({ Bucket: bucket, Key: 'incoming/never.csv', WaiterConfig: { Delay: 0.2, MaxAttempts: 3 } });
  } catch (err) {
    if (!(err instanceof WaiterError)) throw err;
    console.log(`  ${err.name}: ${err.reason} (last status ${(err.lastResponse?.ResponseMetadata as { HTTPStatusCode: number }).HTTPStatusCode})`);
  }
  s3.close();
}

runExample(module, runPaginatorsAndWaitersTour);
