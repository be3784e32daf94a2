/**
 * A TypeScript user of the installed tarball after `npx botojs types s3 dynamodb`: compiled
 * (never run) with --strict together with the generated botojs-types/ folder. The correct code
 * must compile; each planted mistake carries @ts-expect-error, so a mistake the generated
 * declarations fail to catch makes tsc fail ("Unused '@ts-expect-error' directive").
 */
import { Session } from 'botojs';

const session = new Session({ regionName: 'us-east-1' });
const s3 = session.client('s3');
const table = session.resource('dynamodb').Table('games');

export async function correct(): Promise<void> {
  await s3.putObject({ Bucket: 'my-bucket', Key: 'a.txt', Body: 'hello' });
  const listed = await s3.listObjectsV2({ Bucket: 'my-bucket', MaxKeys: 10 });
  for (const o of listed.Contents ?? []) console.log(o.Key, o.Size, o.LastModified?.toISOString());
  await s3.getWaiter('bucketExists').wait({ Bucket: 'my-bucket' });
  for await (const page of s3.getPaginator('listObjectsV2').paginate({ Bucket: 'my-bucket' })) console.log(page.KeyCount);
  await table.putItem({ Item: { pk: 'a', score: 1 } });
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error misspelt operation
  await s3.putObjekt({ Bucket: 'my-bucket', Key: 'k' });
  // @ts-expect-error misspelt parameter
  await s3.putObject({ Bukcet: 'my-bucket', Key: 'k' });
  // @ts-expect-error Bucket is a string
  await s3.putObject({ Bucket: 123, Key: 'k' });
  // @ts-expect-error misspelt waiter name
  s3.getWaiter('bucketExist');
  // @ts-expect-error misspelt resource action
  await table.putItme({ Item: { pk: 'a' } });
}
