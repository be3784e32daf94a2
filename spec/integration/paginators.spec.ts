/**
 * Paginators end to end: S3 against s3rver (2500 keys), DynamoDB Scan against dynalite, and
 * multi-token paginators (S3 ListObjectVersions / ListMultipartUploads, EC2 DescribeInstances)
 * against a loopback server answering canned real-format responses.
 */
import { AbortError, Session } from '../../src';
import { PaginationError } from '../../src/paginate/errors';
import type { Page } from '../../src/paginate/page-iterator';
import { CannedServer, RecordedRequest } from '../helpers/canned-server';
import { isolatedSession, localDynamoDb, localS3, uniqueName } from '../helpers/local';
import { waitFor } from '../helpers/wait-for';


async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

describe('S3 paginators against s3rver', () => {
  const s3 = localS3();
  const bucket = uniqueName('pages');
  const keys = Array.from({ length: 2500 }, (_, i) => `logs/${String(i).padStart(5, '0')}.txt`);

  // s3rver encrypts ListObjectsV2 continuation tokens with DES, which Node >= 17 refuses unless
  // started with --openssl-legacy-provider; there the same proofs run on ListObjects (v1), and
  // ListObjectsV2 tokens are covered by the canned-response suite below.
  let listOp = 'listObjectsV2';

  beforeAll(async () => {
    await s3.createBucket({ Bucket: bucket });
    await inBatches(keys, 50, (Key) => s3.putObject({ Bucket: bucket, Key, Body: 'x' }));
    try {
      const probe = await s3.listObjectsV2({ Bucket: bucket, MaxKeys: 1 });
      await s3.listObjectsV2({ Bucket: bucket, MaxKeys: 1, ContinuationToken: probe.NextContinuationToken });
    } catch {
      listOp = 'listObjects';
      console.warn('s3rver cannot continue ListObjectsV2 in this Node (no DES): paginating ListObjects instead');
    }
  }, 120_000);
  afterAll(() => s3.close());

  it('lists 2500 keys in 3 pages of PageSize 1000', async () => {
    const pages = await collect<Page>(s3.getPaginator(listOp).paginate({ Bucket: bucket, PaginationConfig: { PageSize: 1000 } }));
    expect(pages.map((p) => p.Contents.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.MaxKeys)).toEqual([1000, 1000, 1000]);
    expect(pages.flatMap((p) => p.Contents.map((c: { Key: string }) => c.Key))).toEqual(keys);
  });

  it('searches keys over every page with JMESPath', async () => {
    const pages = s3.getPaginator(listOp).paginate({ Bucket: bucket, PaginationConfig: { PageSize: 1000 } });
    expect(await collect(pages.search('Contents[].Key'))).toEqual(keys);
    const big = await collect(pages.search("Contents[?ends_with(Key, '9.txt')].Key"));
    expect(big).toHaveLength(250);
  });

  it('stops at MaxItems 1200 mid-page and resumes from the token without losing or repeating a key', async () => {
    const paginator = s3.getPaginator(listOp);
    const first = paginator.paginate({ Bucket: bucket, PaginationConfig: { PageSize: 1000, MaxItems: 1200 } });
    const firstKeys = await collect(first.search('Contents[].Key'));
    expect(firstKeys).toHaveLength(1200);
    expect(typeof first.resumeToken).toBe('string');
    const second = paginator.paginate({ Bucket: bucket, PaginationConfig: { PageSize: 1000, StartingToken: first.resumeToken } });
    const rest = await collect(second.search('Contents[].Key'));
    expect(rest).toHaveLength(1300);
    expect([...firstKeys, ...rest]).toEqual(keys);
    expect(second.resumeToken).toBeUndefined();
  });

  it('buildFullResult merges every page and hands back NextToken when cut short', async () => {
    const full = await s3.getPaginator(listOp).paginate({ Bucket: bucket, Prefix: 'logs/', PaginationConfig: { PageSize: 1000, MaxItems: 1500 } }).buildFullResult();
    expect((full.Contents as unknown[]).length).toBe(1500);
    expect(typeof full.NextToken).toBe('string');
    const rest = await s3.getPaginator(listOp).paginate({ Bucket: bucket, PaginationConfig: { StartingToken: full.NextToken as string } }).buildFullResult();
    expect((rest.Contents as Array<{ Key: string }>).map((c) => c.Key)).toEqual(keys.slice(1500));
  });

  it('ListObjects (v1) follows the NextMarker || Contents[-1].Key output token', async () => {
    const pages = s3.getPaginator('listObjects').paginate({ Bucket: bucket, PaginationConfig: { PageSize: 1000 } });
    expect(await collect(pages.search('Contents[].Key'))).toEqual(keys);
  });
});

describe('DynamoDB Scan paginator against dynalite', () => {
  const ddb = localDynamoDb();
  const table = uniqueName('scan');

  beforeAll(async () => {
    await ddb.createTable({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await ddb.getWaiter('tableExists').wait({ TableName: table, WaiterConfig: { Delay: 0.1, MaxAttempts: 100 } });
    const items = Array.from({ length: 300 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `item-${i}` }, n: { N: String(i) } } } }));
    for (let i = 0; i < items.length; i += 25) await ddb.batchWriteItem({ RequestItems: { [table]: items.slice(i, i + 25) } });
  }, 60_000);
  afterAll(() => ddb.close());

  it('scans 300 items in pages of 50 and sums Count in buildFullResult', async () => {
    const paginator = ddb.getPaginator('scan');
    const pages = await collect<Page>(paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 50 } }));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.slice(0, 6).every((p) => p.Count === 50)).toBe(true);
    const full = await paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 50 } }).buildFullResult();
    expect(full.Count).toBe(300);
    expect(full.ScannedCount).toBe(300);
    const ids = (full.Items as Array<{ pk: { S: string } }>).map((i) => i.pk.S);
    expect(new Set(ids).size).toBe(300);
  });

  it('resumes a Scan cut by MaxItems (the token carries ExclusiveStartKey)', async () => {
    const paginator = ddb.getPaginator('scan');
    const first = await paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 50, MaxItems: 120 } }).buildFullResult();
    expect((first.Items as unknown[]).length).toBe(120);
    const rest = await paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 50, StartingToken: first.NextToken as string } }).buildFullResult();
    const all = [...(first.Items as Array<{ pk: { S: string } }>), ...(rest.Items as Array<{ pk: { S: string } }>)].map((i) => i.pk.S);
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
  });
});

describe('DynamoDB binary keys in resume tokens', () => {
  const ddb = localDynamoDb();
  const table = uniqueName('binkeys');
  afterAll(() => ddb.close());

  it('carries a B-typed ExclusiveStartKey through the token (boto_encoded_keys) and resumes exactly', async () => {
    await ddb.createTable({
      TableName: table,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'B' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await ddb.getWaiter('tableExists').wait({ TableName: table, WaiterConfig: { Delay: 0.05, MaxAttempts: 100 } });
    for (let i = 0; i < 30; i++) await ddb.putItem({ TableName: table, Item: { id: { B: Buffer.from([i, 255 - i]) } } });
    const paginator = ddb.getPaginator('scan');
    const first = paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 10, MaxItems: 15 } });
    const firstIds = await collect(first.search('Items[].id.B'));
    expect(firstIds).toHaveLength(15);
    const decoded = JSON.parse(Buffer.from(first.resumeToken as string, 'base64').toString());
    expect(decoded.boto_encoded_keys).toEqual([['ExclusiveStartKey', 'id', 'B']]);
    expect(decoded.boto_truncate_amount).toBe(5);
    const rest = await collect(paginator.paginate({ TableName: table, PaginationConfig: { PageSize: 10, StartingToken: first.resumeToken } }).search('Items[].id.B'));
    const all = [...firstIds, ...rest].map((b) => (b as Buffer).toString('hex'));
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
  });
});

// --- canned real-format responses -----------------------------------------------------------

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });

function query(req: RecordedRequest): URLSearchParams {
  return new URL(req.url, 'http://x').searchParams;
}

function versionsPage(q: URLSearchParams) {
  // Two pages: KeyMarker/VersionIdMarker select the second.
  const second = q.get('key-marker') === 'b.txt' && q.get('version-id-marker') === 'v2';
  const version = (key: string, id: string, latest: boolean) =>
    `<Version><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>${latest}</IsLatest><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"e"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Version>`;
  if (!second) {
    return xml(
      `<ListVersionsResult xmlns="${XMLNS}"><Name>b</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><NextKeyMarker>b.txt</NextKeyMarker><NextVersionIdMarker>v2</NextVersionIdMarker><MaxKeys>3</MaxKeys><IsTruncated>true</IsTruncated>` +
        version('a.txt', 'v0', true) + version('b.txt', 'v1', false) +
        `<DeleteMarker><Key>b.txt</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest><LastModified>2024-01-02T00:00:00.000Z</LastModified></DeleteMarker></ListVersionsResult>`,
    );
  }
  return xml(
    `<ListVersionsResult xmlns="${XMLNS}"><Name>b</Name><Prefix></Prefix><KeyMarker>b.txt</KeyMarker><VersionIdMarker>v2</VersionIdMarker><MaxKeys>3</MaxKeys><IsTruncated>false</IsTruncated>` +
      version('c.txt', 'v3', true) + `</ListVersionsResult>`,
  );
}

function v2Page(q: URLSearchParams) {
  // Five keys, two per page; the continuation token is opaque (base64 of the next index).
  const start = q.has('continuation-token') ? Number(Buffer.from(q.get('continuation-token') as string, 'base64').toString()) : 0;
  const max = Number(q.get('max-keys') ?? '1000');
  const page = ['a', 'b', 'c', 'd', 'e'].slice(start, start + max);
  const more = start + page.length < 5;
  const contents = page.map((k) => `<Contents><Key>${k}</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"e"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents>`).join('');
  return xml(
    `<ListBucketResult xmlns="${XMLNS}"><Name>b</Name><Prefix>pre/</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${more}</IsTruncated>` +
      (more ? `<NextContinuationToken>${Buffer.from(String(start + page.length)).toString('base64')}</NextContinuationToken>` : '') +
      `${contents}</ListBucketResult>`,
  );
}

function uploadsPage(q: URLSearchParams) {
  const upload = (key: string, id: string) => `<Upload><Key>${key}</Key><UploadId>${id}</UploadId><Initiated>2024-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass></Upload>`;
  if (q.get('key-marker') === 'k2' && q.get('upload-id-marker') === 'u2') {
    return xml(`<ListMultipartUploadsResult xmlns="${XMLNS}"><Bucket>b</Bucket><KeyMarker>k2</KeyMarker><UploadIdMarker>u2</UploadIdMarker><MaxUploads>2</MaxUploads><IsTruncated>false</IsTruncated>${upload('k3', 'u3')}</ListMultipartUploadsResult>`);
  }
  return xml(
    `<ListMultipartUploadsResult xmlns="${XMLNS}"><Bucket>b</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><NextKeyMarker>k2</NextKeyMarker><NextUploadIdMarker>u2</NextUploadIdMarker><MaxUploads>2</MaxUploads><IsTruncated>true</IsTruncated>` +
      `${upload('k1', 'u1')}${upload('k2', 'u2')}<CommonPrefixes><Prefix>dir/</Prefix></CommonPrefixes></ListMultipartUploadsResult>`,
  );
}

function ec2Page(body: URLSearchParams) {
  const token = body.get('NextToken');
  const page = token === null ? 0 : Number(token.replace('tok-', ''));
  const ids = [[`i-0`, `i-1`], [`i-2`], [`i-3`, `i-4`]][page];
  const next = page < 2 ? `<nextToken>tok-${page + 1}</nextToken>` : '';
  const instances = ids.map((id) => `<item><instanceId>${id}</instanceId><instanceState><code>16</code><name>running</name></instanceState></item>`).join('');
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-${page}</requestId><reservationSet><item><reservationId>r-${page}</reservationId><ownerId>123</ownerId><instancesSet>${instances}</instancesSet></item></reservationSet>${next}</DescribeInstancesResponse>`,
  };
}

describe('multi-token paginators against canned responses', () => {
  const server = new CannedServer();
  let session: Session;
  let endpointUrl: string;

  beforeAll(async () => {
    endpointUrl = await server.start();
    session = isolatedSession();
    server.handler = (req) => {
      if (req.url.includes('versions')) return versionsPage(query(req));
      if (req.url.includes('uploads')) return uploadsPage(query(req));
      if (query(req).get('list-type') === '2') return v2Page(query(req));
      if (req.method === 'POST') return ec2Page(new URLSearchParams(req.body.toString('utf8')));
      return { status: 500, body: 'unexpected' };
    };
  });
  afterAll(() => server.stop());
  beforeEach(() => (server.requests.length = 0));

  const s3 = () => session.client('s3', { endpointUrl });

  it('ListObjectsV2 follows NextContinuationToken, cuts at MaxItems and resumes', async () => {
    const p = s3().getPaginator('listObjectsV2');
    const pages = await collect<Page>(p.paginate({ Bucket: 'b', PaginationConfig: { PageSize: 2 } }));
    expect(pages.map((pg) => pg.KeyCount)).toEqual([2, 2, 1]);
    expect(server.requests.map((r) => query(r).get('continuation-token'))).toEqual([null, 'Mg==', 'NA==']);
    const first = p.paginate({ Bucket: 'b', PaginationConfig: { PageSize: 2, MaxItems: 3 } });
    const firstKeys = await collect(first.search('Contents[].Key'));
    expect(firstKeys).toEqual(['a', 'b', 'c']);
    // botocore's token for the same cut: the page's ContinuationToken plus 1 item handed out.
    expect(first.resumeToken).toBe(Buffer.from('{"ContinuationToken": "Mg==", "boto_truncate_amount": 1}').toString('base64'));
    const full = await p.paginate({ Bucket: 'b', PaginationConfig: { PageSize: 2, StartingToken: first.resumeToken } }).buildFullResult();
    expect((full.Contents as Array<{ Key: string }>).map((c) => c.Key)).toEqual(['d', 'e']);
    expect(full.Prefix).toBe('pre/');
  });

  it('ListObjectVersions sends both markers and merges Versions and DeleteMarkers', async () => {
    const client = session.client('s3', { endpointUrl });
    const full = await client.getPaginator('listObjectVersions').paginate({ Bucket: 'b', PaginationConfig: { PageSize: 3 } }).buildFullResult();
    expect((full.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v0', 'v1', 'v3']);
    expect((full.DeleteMarkers as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v2']);
    expect(server.requests).toHaveLength(2);
    const second = query(server.requests[1]);
    expect(second.get('key-marker')).toBe('b.txt');
    expect(second.get('version-id-marker')).toBe('v2');
    expect(second.get('max-keys')).toBe('3');
  });

  it('ListObjectVersions resumes mid-page with both markers in the token', async () => {
    const p = s3().getPaginator('listObjectVersions');
    const first = await p.paginate({ Bucket: 'b', PaginationConfig: { MaxItems: 3 } }).buildFullResult();
    expect((first.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v0', 'v1', 'v3']);
    expect(first.NextToken).toBeUndefined();
    const cut = p.paginate({ Bucket: 'b', PaginationConfig: { MaxItems: 1 } });
    const cutPages = await collect<Page>(cut);
    expect(cutPages[0].Versions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['v0']);
    const rest = await p.paginate({ Bucket: 'b', PaginationConfig: { StartingToken: cut.resumeToken } }).buildFullResult();
    expect((rest.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v1', 'v3']);
    // Delete markers of the cut page were handed out with it.
    expect(rest.DeleteMarkers).toEqual([]);
  });

  it('ListMultipartUploads follows KeyMarker + UploadIdMarker and merges CommonPrefixes', async () => {
    const full = await s3().getPaginator('list_multipart_uploads').paginate({ Bucket: 'b' }).buildFullResult();
    expect((full.Uploads as Array<{ UploadId: string }>).map((u) => u.UploadId)).toEqual(['u1', 'u2', 'u3']);
    expect(full.CommonPrefixes).toEqual([{ Prefix: 'dir/' }]);
    const second = query(server.requests[1]);
    expect([second.get('key-marker'), second.get('upload-id-marker')]).toEqual(['k2', 'u2']);
  });

  it('EC2 DescribeInstances follows NextToken and searches nested lists', async () => {
    const ec2 = session.client('ec2', { endpointUrl });
    const pages = ec2.getPaginator('describeInstances').paginate({ PaginationConfig: { PageSize: 5 } });
    expect(await collect(pages.search('Reservations[].Instances[].InstanceId'))).toEqual(['i-0', 'i-1', 'i-2', 'i-3', 'i-4']);
    const bodies = server.requests.map((r) => new URLSearchParams(r.body.toString('utf8')));
    expect(bodies.map((b) => b.get('NextToken'))).toEqual([null, 'tok-1', 'tok-2']);
    expect(bodies.every((b) => b.get('MaxResults') === '5' && b.get('Action') === 'DescribeInstances')).toBe(true);
  });

  it('raises PaginationError when the service repeats its token', async () => {
    const ec2 = session.client('ec2', { endpointUrl });
    const saved = server.handler;
    server.handler = () => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/><nextToken>stuck</nextToken></DescribeInstancesResponse>',
    });
    try {
      await expect(collect(ec2.getPaginator('describeInstances').paginate())).rejects.toThrow(PaginationError);
      expect(server.requests).toHaveLength(2);
    } finally {
      server.handler = saved;
    }
  });

  it('{ abortSignal } cancels the page request on the wire, and no page follows it', async () => {
    const saved = server.handler;
    // The first page answers; the second never does.
    server.handler = (req) => (query(req).has('continuation-token') ? { hang: true } : v2Page(query(req)));
    const client = s3();
    try {
      const controller = new AbortController();
      const pages: Page[] = [];
      const iterating = (async () => {
        for await (const page of client.getPaginator('listObjectsV2').paginate({ Bucket: 'b', PaginationConfig: { PageSize: 2 } }, { abortSignal: controller.signal })) pages.push(page);
      })().catch((e: unknown) => e);
      await waitFor(() => server.requests.length >= 2);
      const started = Date.now();
      controller.abort();
      expect(await iterating).toBeInstanceOf(AbortError);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(pages.map((p) => p.KeyCount)).toEqual([2]);
      await new Promise((r) => setTimeout(r, 100));
      expect(server.requests).toHaveLength(2);
    } finally {
      server.handler = saved;
      client.close();
    }
  });
});
