/**
 * Cross-region copies (botocore inject_presigned_url_rds / inject_presigned_url_ec2): RDS,
 * Neptune and DocumentDB take SourceRegion out of the request and add a PreSignedUrl; EC2
 * CopySnapshot adds PresignedUrl and DestinationRegion. botojs sent SourceRegion as a parameter
 * and no URL. Expected requests: boto3 1.43.11 with the same params, clock and credentials;
 * the first five through the loopback proxy as spec/helpers/wire-capture.ts says (so the URLs
 * are http, as botocore derives them from the request's), the last two over https with a session
 * token, taken at botocore's before-send hook.
 */
import { Session } from '../../../src';
import { useWireCapture, wireClient } from '../../helpers/wire-capture';

const BOTO3 = {
  rdsCopy: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=226ef31ca43b0eeb02acd97b2d9b3cf3714d64d2c265ff39b01f7e6533716e7e',
    body:
        'Action=CopyDBSnapshot&Version=2014-10-31&SourceDBSnapshotIdentifier=arn%3Aaws%3Ards%3Aus-east-1%3A123456789012' +
        '%3Asnapshot%3Asnap+1&TargetDBSnapshotIdentifier=copy&KmsKeyId=key&PreSignedUrl=http%3A%2F%2Frds.us-east-1.amaz' +
        'onaws.com%2F%3FAction%3DCopyDBSnapshot%26Version%3D2014-10-31%26SourceDBSnapshotIdentifier%3Darn%253Aaws%253Ar' +
        'ds%253Aus-east-1%253A123456789012%253Asnapshot%253Asnap%25201%26TargetDBSnapshotIdentifier%3Dcopy%26KmsKeyId%3' +
        'Dkey%26DestinationRegion%3Dus-west-2%26X-Amz-Algorithm%3DAWS4-HMAC-SHA256%26X-Amz-Credential%3DAKID%252F202405' +
        '06%252Fus-east-1%252Frds%252Faws4_request%26X-Amz-Date%3D20240506T070809Z%26X-Amz-Expires%3D3600%26X-Amz-Signe' +
        'dHeaders%3Dhost%26X-Amz-Signature%3D81b93fd53ed696bf8259b63ea05166dcec674357064c0078b844faf62d33c454',
  },
  ec2Copy: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=de7cdade12815b2f424155347cbcbb52d43d99a7e882f5f799d9a914af94c5f4',
    body:
        'Action=CopySnapshot&Version=2016-11-15&SourceSnapshotId=snap-1&SourceRegion=us-east-1&Description=d+e&Presigne' +
        'dUrl=http%3A%2F%2Fec2.us-east-1.amazonaws.com%2F%3FAction%3DCopySnapshot%26Version%3D2016-11-15%26SourceSnapsh' +
        'otId%3Dsnap-1%26SourceRegion%3Dus-east-1%26Description%3Dd%2520e%26DestinationRegion%3Dus-west-2%26X-Amz-Algor' +
        'ithm%3DAWS4-HMAC-SHA256%26X-Amz-Credential%3DAKID%252F20240506%252Fus-east-1%252Fec2%252Faws4_request%26X-Amz-' +
        'Date%3D20240506T070809Z%26X-Amz-Expires%3D3600%26X-Amz-SignedHeaders%3Dhost%26X-Amz-Signature%3Dba169a0bd73502' +
        '4f3d6fe367496897b7e7724126cd12c89513528a3315ecea37&DestinationRegion=us-west-2',
  },
  docdbCreate: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=6889b60b8824153565f57a4f67b642dcca313b77f770f0172a3cd1db965492ab',
    body:
        'Action=CreateDBCluster&Version=2014-10-31&DBClusterIdentifier=c&Engine=docdb&PreSignedUrl=http%3A%2F%2Frds.eu-' +
        'west-1.amazonaws.com%2F%3FAction%3DCreateDBCluster%26Version%3D2014-10-31%26DBClusterIdentifier%3Dc%26Engine%3' +
        'Ddocdb%26DestinationRegion%3Dus-west-2%26X-Amz-Algorithm%3DAWS4-HMAC-SHA256%26X-Amz-Credential%3DAKID%252F2024' +
        '0506%252Feu-west-1%252Frds%252Faws4_request%26X-Amz-Date%3D20240506T070809Z%26X-Amz-Expires%3D3600%26X-Amz-Sig' +
        'nedHeaders%3Dhost%26X-Amz-Signature%3D16cf4e07a18af3dc9719520290f1be492b2cdc4c9e8328f38b75da98c9463eeb',
  },
  neptuneGiven: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=67c7ff4d6656fb1350ab7be54352e6b5c53190a3c4d8701264c2be5368f7510a',
    body:
        'Action=CopyDBClusterSnapshot&Version=2014-10-31&SourceDBClusterSnapshotIdentifier=s&TargetDBClusterSnapshotIde' +
        'ntifier=t&PreSignedUrl=given',
  },
  rdsLocal: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=316403baec2d9147af6484a9e7167c03c518762d29a2f8bb2bdb67f07076a59d',
    body:
        'Action=CopyDBSnapshot&Version=2014-10-31&SourceDBSnapshotIdentifier=s&TargetDBSnapshotIdentifier=copy',
  },
  rdsHttps: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/rds/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=af27e387229927e0f86751387de3d46a40e4379a93d4ada8ad1f981e42f7d7bf',
    body:
        'Action=CopyDBSnapshot&Version=2014-10-31&SourceDBSnapshotIdentifier=s&TargetDBSnapshotIdentifier=copy&PreSigne' +
        'dUrl=https%3A%2F%2Frds.us-east-1.amazonaws.com%2F%3FAction%3DCopyDBSnapshot%26Version%3D2014-10-31%26SourceDBS' +
        'napshotIdentifier%3Ds%26TargetDBSnapshotIdentifier%3Dcopy%26DestinationRegion%3Dus-west-2%26X-Amz-Algorithm%3D' +
        'AWS4-HMAC-SHA256%26X-Amz-Credential%3DAKID%252F20240506%252Fus-east-1%252Frds%252Faws4_request%26X-Amz-Date%3D' +
        '20240506T070809Z%26X-Amz-Expires%3D3600%26X-Amz-SignedHeaders%3Dhost%26X-Amz-Security-Token%3DTOK%26X-Amz-Sign' +
        'ature%3D9206df9e8b850f8432015269d762d14e5624d38ec5d6b52e6766f3cf37ea1eaa',
  },
  ec2Https: {
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-west-2/ec2/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=f4b6b7fd3055983f02f52aeb96f7aa48a69622019cdd2f16fd1db7245a823640',
    body:
        'Action=CopySnapshot&Version=2016-11-15&SourceSnapshotId=snap-1&SourceRegion=us-east-1&DestinationRegion=us-wes' +
        't-2&PresignedUrl=https%3A%2F%2Fec2.us-east-1.amazonaws.com%2F%3FAction%3DCopySnapshot%26Version%3D2016-11-15%2' +
        '6SourceSnapshotId%3Dsnap-1%26SourceRegion%3Dus-east-1%26DestinationRegion%3Dus-west-2%26X-Amz-Algorithm%3DAWS4' +
        '-HMAC-SHA256%26X-Amz-Credential%3DAKID%252F20240506%252Fus-east-1%252Fec2%252Faws4_request%26X-Amz-Date%3D2024' +
        '0506T070809Z%26X-Amz-Expires%3D3600%26X-Amz-SignedHeaders%3Dhost%26X-Amz-Security-Token%3DTOK%26X-Amz-Signatur' +
        'e%3D2e216230723afa5511bf1d56082ecf1a5a7d3b2a0abcafc84700b27d8c534eca',
  },
};

const XML = { 'content-type': 'text/xml' };

describe('cross-region presigned URLs', () => {
  const capture = useWireCapture();
  const server = capture.server;
  beforeEach(() => {
    server.fallback = { status: 200, headers: XML, body: '<R><RResult/></R>' };
  });

  async function sent(service: string, call: (client: any) => Promise<unknown>): Promise<{ authorization: string; body: string }> { // eslint-disable-line @typescript-eslint/no-explicit-any
    await call(wireClient(capture.proxy, service, { region: 'us-west-2' })).catch(() => undefined);
    const req = server.requests[server.requests.length - 1];
    return { authorization: req.headers.authorization as string, body: req.body.toString('utf8') };
  }

  it('RDS CopyDBSnapshot: SourceRegion becomes a PreSignedUrl for the source region', async () => {
    const params = { SourceDBSnapshotIdentifier: 'arn:aws:rds:us-east-1:123456789012:snapshot:snap 1', TargetDBSnapshotIdentifier: 'copy', SourceRegion: 'us-east-1', KmsKeyId: 'key' };
    expect(await sent('rds', (c) => c.copyDBSnapshot(params))).toEqual(BOTO3.rdsCopy);
  });

  it('EC2 CopySnapshot: PresignedUrl and DestinationRegion are added, SourceRegion stays', async () => {
    expect(await sent('ec2', (c) => c.copySnapshot({ SourceSnapshotId: 'snap-1', SourceRegion: 'us-east-1', Description: 'd e' }))).toEqual(BOTO3.ec2Copy);
  });

  it('DocumentDB CreateDBCluster presigns against the rds endpoint of the source region', async () => {
    expect(await sent('docdb', (c) => c.createDBCluster({ DBClusterIdentifier: 'c', Engine: 'docdb', SourceRegion: 'eu-west-1' }))).toEqual(BOTO3.docdbCreate);
  });

  it('a PreSignedUrl the caller gave is kept; SourceRegion still goes', async () => {
    const params = { SourceDBClusterSnapshotIdentifier: 's', TargetDBClusterSnapshotIdentifier: 't', SourceRegion: 'us-east-1', PreSignedUrl: 'given' };
    expect(await sent('neptune', (c) => c.copyDBClusterSnapshot(params))).toEqual(BOTO3.neptuneGiven);
  });

  it('without SourceRegion nothing changes', async () => {
    expect(await sent('rds', (c) => c.copyDBSnapshot({ SourceDBSnapshotIdentifier: 's', TargetDBSnapshotIdentifier: 'copy' }))).toEqual(BOTO3.rdsLocal);
  });

  it('over https with a session token (and EC2 with DestinationRegion given)', async () => {
    const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', awsSessionToken: 'TOK', regionName: 'us-west-2' });
    const seen: Array<{ authorization: string; body: string }> = [];
    session.events.register('before-send', (p) => {
      const r = p.request as { headers: Record<string, string>; body: string };
      seen.push({ authorization: r.headers.Authorization, body: r.body });
      return { statusCode: 200, headers: XML, body: Buffer.from('<R><RResult/></R>') };
    });
    const rds = session.client('rds') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ec2 = session.client('ec2') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    await rds.copyDBSnapshot({ SourceDBSnapshotIdentifier: 's', TargetDBSnapshotIdentifier: 'copy', SourceRegion: 'us-east-1' }).catch(() => undefined);
    await ec2.copySnapshot({ SourceSnapshotId: 'snap-1', SourceRegion: 'us-east-1', DestinationRegion: 'us-west-2' }).catch(() => undefined);
    expect(seen).toEqual([BOTO3.rdsHttps, BOTO3.ec2Https]);
  });
});
