/**
 * The seed tour, client half: what a newcomer does first with botojs. Runs against any
 * S3/DynamoDB endpoint (the demo passes the embedded local servers).
 *
 * Run it: `npm run example examples/tour.ts` (starts the embedded S3 and DynamoDB servers; see
 * examples/run-example.ts). `npm run demo` runs every example in turn.
 */
import { Config, Session } from '../src';
import { runExample } from './run-example';

export interface TourEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

export async function runTour(endpoints: TourEndpoints): Promise<void> {
  // Explicit credentials for the local servers; against AWS, leave them out and botojs finds
  // yours the way boto3 does (environment, ~/.aws/credentials, profiles, roles).
  const session = new Session({ awsAccessKeyId: 'S3RVER', awsSecretAccessKey: 'S3RVER', regionName: 'us-east-1' });
  const s3 = session.client('s3', { endpointUrl: endpoints.s3Endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });

  step('A client is a Proxy over the S3 model: its methods are the API operations');
  console.log(s3);
  console.log(`${Object.keys(s3).length} operations, e.g. ${Object.keys(s3).slice(0, 4).join(', ')} ...`);

  step('List buckets');
  const { Buckets } = await s3.listBuckets();
  console.log(`  ${Buckets.length} bucket(s)${Buckets.length ? `: ${Buckets.map((b: { Name: string }) => b.Name).join(', ')}` : ''}`);

  step('Create a bucket');
  const bucket = `tour-${Date.now().toString(36)}`;
  await s3.createBucket({ Bucket: bucket });
  const after = await s3.listBuckets();
  const mine = after.Buckets.find((b: { Name: string }) => b.Name === bucket);
  console.log(`  created ${bucket} at ${mine.CreationDate.toISOString()}; buckets now: ${after.Buckets.length}`);

  step('Upload a few objects');
  for (const key of ['images/cat.png', 'images/dog.png', 'images/2024/owl.png', 'notes/todo.txt']) {
    const r = await s3.putObject({ Bucket: bucket, Key: key, Body: `contents of ${key}`, ContentType: key.endsWith('.png') ? 'image/png' : 'text/plain' });
    console.log(`  put ${key}  ETag ${r.ETag}`);
  }

  step("List everything under 'images/' with the client (one call, at most 1000 keys)");
  const listing = await s3.listObjectsV2({ Bucket: bucket, Prefix: 'images/' });
  for (const o of listing.Contents) console.log(`  ${o.Key}  ${o.Size} bytes`);
  console.log(`  HTTP ${listing.ResponseMetadata.HTTPStatusCode}, ${listing.KeyCount} keys`);

  step('Read an object back (Body is a StreamingBody)');
  const got = await s3.getObject({ Bucket: bucket, Key: 'notes/todo.txt' });
  console.log(`  ${got.ContentType}, ${got.ContentLength} bytes: "${await got.Body.text()}"`);

  step('Handle an error: NoSuchKey');
  try {
    await s3.getObject({ Bucket: bucket, Key: 'does/not/exist' });
  } catch (err) {
    if (err instanceof s3.exceptions.NoSuchKey) {
      console.log(`  caught ${err.name}: code=${err.code} status=${err.statusCode}`);
    } else {
      throw err;
    }
  }

  step('Bad input is caught before anything is sent');
  try {
    await s3.putObject({ Bucket: bucket, Kye: 'typo.txt', Body: 'x' });
  } catch (err) {
    console.log(`  ${(err as Error).name}: ${(err as Error).message.replace(/\n/g, '\n    ')}`);
  }

  step('DynamoDB: create a table, put an item, get it back');
  const ddb = session.client('dynamodb', { endpointUrl: endpoints.dynamodbEndpoint });
  const table = `tour-${Date.now().toString(36)}`;
  await ddb.createTable({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  await ddb.getWaiter('tableExists').wait({ TableName: table, WaiterConfig: { Delay: 0.1, MaxAttempts: 50 } });
  await ddb.putItem({ TableName: table, Item: { pk: { S: 'user#1' }, name: { S: 'Ada' }, visits: { N: '3' } } });
  const item = await ddb.getItem({ TableName: table, Key: { pk: { S: 'user#1' } } });
  console.log('  ', item.Item);

  for (const ext of TOUR_EXTENSIONS) await ext({ session, s3, bucket, ddb, table, step });

  step('Clean up');
  const all = await s3.listObjectsV2({ Bucket: bucket });
  if (all.Contents?.length) await s3.deleteObjects({ Bucket: bucket, Delete: { Objects: all.Contents.map((o: { Key: string }) => ({ Key: o.Key })) } });
  await s3.deleteBucket({ Bucket: bucket });
  console.log(`  deleted ${all.Contents?.length ?? 0} objects and bucket ${bucket}`);
  await ddb.deleteTable({ TableName: table });
  console.log(`  deleted table ${table}`);
  s3.close();
  ddb.close();
  console.log('  done');
}

/** Later chapters of the tour (paginators, waiters, resources) plug in here. */
export const TOUR_EXTENSIONS: Array<(t: { session: Session; s3: ReturnType<Session['client']>; bucket: string; ddb: ReturnType<Session['client']>; table: string; step: (title: string) => void }) => Promise<void>> = [];

runExample(module, runTour);
