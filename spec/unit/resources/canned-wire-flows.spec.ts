/**
 * Resource flows whose real servers (moto) may be absent, proven on the wire against a loopback
 * server answering with the services' documented XML: S3 object versions across pages, deleted
 * in one DeleteObjects naming every (Key, VersionId); an EC2 instance's waitUntilRunning polling
 * DescribeInstances until the state is running.
 */
import { Config, Session } from '../../../src';
import type { Resource } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const S3NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>${body}` });
const version = (key: string, id: string) =>
  `<Version><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>false</IsLatest><LastModified>2024-01-01T00:00:00.000Z</LastModified><ETag>"e"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass></Version>`;
const marker = (key: string, id: string) =>
  `<DeleteMarker><Key>${key}</Key><VersionId>${id}</VersionId><IsLatest>true</IsLatest><LastModified>2024-01-02T00:00:00.000Z</LastModified></DeleteMarker>`;

function session(): Session {
  return new Session({ awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
}

describe('resource flows on the wire (canned real-format responses)', () => {
  const server = new CannedServer();
  let endpoint: string;
  beforeAll(async () => {
    endpoint = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('bucket.objectVersions: every version and delete marker across pages; delete() sends them in one DeleteObjects', async () => {
    server.reply(
      xml(`<ListVersionsResult xmlns="${S3NS}"><Name>b</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><NextKeyMarker>a.txt</NextKeyMarker><NextVersionIdMarker>v2</NextVersionIdMarker><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>${version('a.txt', 'v1')}${version('a.txt', 'v2')}</ListVersionsResult>`),
      xml(`<ListVersionsResult xmlns="${S3NS}"><Name>b</Name><Prefix></Prefix><KeyMarker>a.txt</KeyMarker><VersionIdMarker>v2</VersionIdMarker><MaxKeys>2</MaxKeys><IsTruncated>false</IsTruncated>${version('b.txt', 'v3')}${marker('b.txt', 'v4')}</ListVersionsResult>`),
    );
    const s3 = session().resource('s3', { endpointUrl: endpoint, config: new Config({ s3: { addressingStyle: 'path' } }) });
    const versions: Resource[] = [];
    for await (const v of s3.Bucket('b').objectVersions.pageSize(2)) versions.push(v as Resource);
    expect(versions.map((v) => `${v.meta.className} ${v.objectKey}@${v.id}`)).toEqual([
      's3.ObjectVersion a.txt@v1',
      's3.ObjectVersion a.txt@v2',
      's3.ObjectVersion b.txt@v3',
      's3.ObjectVersion b.txt@v4',
    ]);
    // Parameter order as botocore's (insertion order; EncodingType=url added by the S3 customization).
    expect(server.requests.map((r) => r.url)).toEqual([
      '/b?versions&max-keys=2&encoding-type=url',
      '/b?versions&max-keys=2&key-marker=a.txt&version-id-marker=v2&encoding-type=url',
    ]);

    server.requests.length = 0;
    const listing = `<ListVersionsResult xmlns="${S3NS}"><Name>b</Name><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${version('a.txt', 'v1')}${version('a.txt', 'v2')}${version('b.txt', 'v3')}${marker('b.txt', 'v4')}</ListVersionsResult>`;
    server.reply(xml(listing), xml(`<DeleteResult xmlns="${S3NS}"><Deleted><Key>a.txt</Key><VersionId>v1</VersionId></Deleted></DeleteResult>`));
    const results = (await s3.Bucket('b').objectVersions.delete()) as unknown[];
    expect(results).toHaveLength(1);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /b?versions&encoding-type=url', 'POST /b?delete']);
    const body = server.requests[1].body.toString();
    const pairs = [...body.matchAll(/<Object><Key>([^<]+)<\/Key><VersionId>([^<]+)<\/VersionId><\/Object>/g)].map((m) => `${m[1]}@${m[2]}`);
    expect(pairs).toEqual(['a.txt@v1', 'a.txt@v2', 'b.txt@v3', 'b.txt@v4']);
  });

  it('instance.waitUntilRunning polls DescribeInstances for the instance until it is running', async () => {
    const reservation = (state: string, code: number) =>
      xml(
        `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet><item><instanceId>i-0abc</instanceId><imageId>ami-1</imageId><instanceState><code>${code}</code><name>${state}</name></instanceState><instanceType>t2.micro</instanceType><vpcId>vpc-1</vpcId><subnetId>subnet-1</subnetId></item></instancesSet></item></reservationSet></DescribeInstancesResponse>`,
      );
    server.reply(reservation('pending', 0), reservation('pending', 0), reservation('running', 16));
    const ec2 = session().resource('ec2', { endpointUrl: endpoint });
    const inst = ec2.Instance('i-0abc');
    await inst.waitUntilRunning({ WaiterConfig: { Delay: 0.01, MaxAttempts: 5 } });
    expect(server.requests).toHaveLength(3);
    for (const r of server.requests) {
      expect(r.body.toString()).toBe('Action=DescribeInstances&Version=2016-11-15&InstanceId.1=i-0abc');
    }
  });
});
