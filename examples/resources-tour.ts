/**
 * The resource half of the seed tour: S3 buckets and objects as resources (listing under a
 * prefix in two lines, a CSV filter, a custom page size, a batched delete under a prefix,
 * waiting for an object) and a DynamoDB Table resource with native JS values, Key/Attr
 * conditions and a batch writer. Runs against any S3 and DynamoDB endpoints (the demo passes
 * the embedded s3rver and dynalite).
 *
 * Run it: `npm run example examples/resources-tour.ts` (starts the embedded S3 and DynamoDB servers; see
 * examples/run-example.ts). `npm run demo` runs every example in turn.
 */
import { inspect } from 'util';
import { Attr, Config, Key, Session, helpText } from '../src';
import type { BatchWriter, Resource } from '../src';
import { runExample } from './run-example';

export interface ResourcesTourEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

export async function runResourcesTour(endpoints: ResourcesTourEndpoints): Promise<void> {
  const session = new Session({ awsAccessKeyId: 'S3RVER', awsSecretAccessKey: 'S3RVER', regionName: 'us-east-1' });
  const s3 = session.resource('s3', { endpointUrl: endpoints.s3Endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });

  step('A bucket resource: identifiers are plain properties, actions are methods');
  const bucket = s3.Bucket(`resources-${Date.now().toString(36)}`);
  console.log(`  ${inspect(bucket)}  name=${bucket.name}`);
  await bucket.create();
  const files: Array<[string, string]> = [
    ['images/cat.png', 'image/png'],
    ['images/dog.png', 'image/png'],
    ['reports/q1.csv', 'text/csv'],
    ['reports/q2.csv', 'text/csv'],
    ['reports/notes.txt', 'text/plain'],
  ];
  for (const [Key, ContentType] of files) await bucket.putObject({ Key, Body: `contents of ${Key}`, ContentType });
  for (let i = 0; i < 25; i++) await bucket.putObject({ Key: `tmp/${String(i).padStart(3, '0')}.log`, Body: 'scratch' });
  console.log(`  uploaded ${files.length + 25} objects`);

  step('List objects under images/ in two lines');
  for await (const obj of bucket.objects.filter({ Prefix: 'images/' })) console.log(`  ${obj.key} (${obj.size} bytes)`);

  step('All CSV objects (ContentType comes from a HeadObject per object, loaded on first read)');
  for await (const summary of bucket.objects.filter({ Prefix: 'reports/' })) {
    const obj = summary.Object();
    if ((await obj.contentType) === 'text/csv') console.log(`  ${obj.key}: ${obj.contentType}, ${obj.contentLength} bytes`);
  }

  step('A custom page size: 10 keys per ListObjects request');
  let page = 0;
  for await (const items of bucket.objects.filter({ Prefix: 'tmp/' }).pageSize(10).pages()) {
    page += 1;
    console.log(`  page ${page}: ${items.length} objects, first ${(items[0] as Resource).key}`);
  }

  step('Delete everything under tmp/ (one DeleteObjects per page of at most 1000 keys)');
  const deleted = (await bucket.objects.filter({ Prefix: 'tmp/' }).delete()) as Array<{ Deleted?: unknown[] }>;
  console.log(`  ${deleted.length} DeleteObjects call(s), ${deleted.reduce((n, r) => n + (r.Deleted?.length ?? 0), 0)} keys deleted`);
  console.log('  (careful: bucket.objects.delete() with no filter deletes every object in the bucket)');

  step('Wait until an object exists, then read it');
  const late = bucket.Object('incoming/orders.csv');
  setTimeout(() => void late.put({ Body: 'id,total\n1,9.99\n', ContentType: 'text/csv' }), 300);
  console.log(`  waiting for ${late.key} (it lands in 0.3 s; waitUntilExists polls every 0.5 s)...`);
  await late.waitUntilExists({ WaiterConfig: { Delay: 0.5, MaxAttempts: 20 } });
  const got = await late.get();
  console.log(`  ${inspect(late)} exists: ${JSON.stringify(await got.Body.text())}`);
  console.log(`  late.bucket is ${inspect(late.bucket)} (a reference: no request)`);

  step('help(bucket) lists what a resource offers');
  console.log(helpText(bucket).split('\n').slice(0, 9).map((l) => `  ${l}`).join('\n'));

  step('Empty and delete the bucket');
  await bucket.objects.delete();
  await bucket.delete();
  console.log(`  deleted ${bucket.name}`);

  step('DynamoDB: a Table resource with native JS values');
  const ddb = session.resource('dynamodb', { endpointUrl: endpoints.dynamodbEndpoint });
  const table = await ddb.createTable({
    TableName: `tour-${Date.now().toString(36)}`,
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await table.waitUntilExists({ WaiterConfig: { Delay: 1, MaxAttempts: 10 } });
  await table.reload();
  console.log(`  ${inspect(table)} status=${table.tableStatus} created=${(table.creationDateTime as Date).toISOString()}`);
  await table.putItem({ Item: { pk: 'cust-1', sk: 1, total: 9.99, tags: new Set(['new', 'gift']), lines: [{ sku: 'a', qty: 2 }] } });
  const item = await table.getItem({ Key: { pk: 'cust-1', sk: 1 } });
  console.log(`  getItem -> ${inspect(item.Item, { breakLength: Infinity, depth: 4 })}`);

  step('DynamoDB: 60 orders through a batch writer (BatchWriteItem, 25 per request)');
  let batches = 0;
  table.meta.client.meta.events.register('before-call.dynamodb.BatchWriteItem', () => void (batches += 1));
  await table.batchWriter(async (batch: BatchWriter) => {
    for (let sk = 2; sk <= 61; sk++) await batch.putItem({ Item: { pk: 'cust-1', sk, total: sk * 2.5, status: sk % 10 === 0 ? 'open' : 'shipped' } });
  });
  console.log(`  ${batches} BatchWriteItem requests`);

  step("DynamoDB: query with Key('pk').eq(...).and(Key('sk').between(...)) and an Attr filter");
  const open = await table.query({
    KeyConditionExpression: Key('pk').eq('cust-1').and(Key('sk').between(2, 61)),
    FilterExpression: Attr('status').eq('open').and(Attr('total').gt(50)),
  });
  console.log(`  ${open.Count} open orders over 50 (of ${open.ScannedCount} scanned): ${open.Items.map((o: { sk: number; total: number }) => `#${o.sk}=${o.total}`).join(', ')}`);
  const updated = await table.updateItem({
    Key: { pk: 'cust-1', sk: 1 },
    // TOTAL is a reserved word: name it yourself; the condition's placeholders are merged in.
    UpdateExpression: 'SET #t = #t + :d',
    ConditionExpression: Attr('tags').contains('gift'),
    ExpressionAttributeNames: { '#t': 'total' },
    ExpressionAttributeValues: { ':d': 5 },
    ReturnValues: 'UPDATED_NEW',
  });
  console.log(`  conditional update -> ${inspect(updated.Attributes)}`);
  const tables: string[] = [];
  for await (const t of ddb.tables.all()) tables.push(t.name);
  console.log(`  tables: ${tables.length} (includes ours: ${tables.includes(table.name)})`);
  await table.delete();
}

runExample(module, runResourcesTour);
