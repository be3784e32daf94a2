/**
 * SimpleDB (`signatureVersion: v2`) signs with Signature Version 2 in the form body, as
 * botocore's SigV2Auth; botojs signed it with SigV4 headers. Expected requests: boto3 1.43.11,
 * captured as spec/helpers/wire-capture.ts says. Also from boto3: a configured
 * signature_version='v4' makes SimpleDB sign SigV4; Import/Export (modelled v2) signs SigV4 even
 * with signature_version='v2'; presigning a SigV2 operation raises UnsupportedSignatureVersionError.
 */
import { Session } from '../../../src';
import { UnsupportedSignatureVersionError } from '../../../src/errors';
import { useWireCapture, sentHeaders, wireClient } from '../../helpers/wire-capture';

const XML = { 'content-type': 'text/xml' };
const LIST_DOMAINS = '<ListDomainsResponse><ListDomainsResult/></ListDomainsResponse>';
const FORM = ['Content-Type', 'application/x-www-form-urlencoded; charset=utf-8'];

describe('SigV2 (SimpleDB)', () => {
  const capture = useWireCapture();
  const server = capture.server;

  it('signs the form body: AWSAccessKeyId, SignatureVersion, SignatureMethod, Timestamp, Signature', async () => {
    server.reply({ status: 200, headers: XML, body: '<PutAttributesResponse/>' });
    await wireClient(capture.proxy, 'sdb').putAttributes({
      DomainName: 'dom',
      ItemName: 'it em/*~é',
      Attributes: [
        { Name: 'a+b', Value: 'x y&z=1', Replace: true },
        { Name: 'n2', Value: '~v' },
      ],
    });
    const sent = server.requests[0];
    expect(`${sent.method} ${sent.url}`).toBe('POST http://sdb.amazonaws.com/');
    expect(sentHeaders(sent)).toEqual([FORM, ['amz-sdk-invocation-id', '00000000-0000-0000-0000-000000000001'], ['amz-sdk-request', 'attempt=1']]);
    expect(sent.body.toString('utf8')).toBe(
      'Action=PutAttributes&Version=2009-04-15&DomainName=dom&ItemName=it+em%2F%2A~%C3%A9&Attribute.1.Name=a%2Bb&Attribute.1.Value=x+y%26z%3D1' +
        '&Attribute.1.Replace=true&Attribute.2.Name=n2&Attribute.2.Value=~v&AWSAccessKeyId=AKID&SignatureVersion=2&SignatureMethod=HmacSHA256' +
        '&Timestamp=2024-05-06T07%3A08%3A09Z&Signature=AwM2rmB87PJQcfBgqZVJ32NnsRr6tTC8F3KjHOwqPDw%3D',
    );
  });

  it('adds SecurityToken for session credentials', async () => {
    server.reply({ status: 200, headers: XML, body: LIST_DOMAINS });
    await wireClient(capture.proxy, 'sdb', { region: 'us-west-2', sessionToken: 'TOKEN/+=' }).listDomains();
    const sent = server.requests[0];
    expect(sent.url).toBe('http://sdb.us-west-2.amazonaws.com/');
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['x-amz-security-token']).toBeUndefined();
    expect(sent.body.toString('utf8')).toBe(
      'Action=ListDomains&Version=2009-04-15&AWSAccessKeyId=AKID&SignatureVersion=2&SignatureMethod=HmacSHA256&Timestamp=2024-05-06T07%3A08%3A09Z' +
        '&SecurityToken=TOKEN%2F%2B%3D&Signature=5hJWczUrw1W%2FQIRiT4Tp2VzcjSS%2BLArCE3qGof6ZVNw%3D',
    );
  });

  it('a configured signatureVersion v4 signs SimpleDB with SigV4', async () => {
    server.reply({ status: 200, headers: XML, body: LIST_DOMAINS });
    await wireClient(capture.proxy, 'sdb', { config: { signatureVersion: 'v4' } }).listDomains();
    expect(server.requests[0].headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/sdb/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=871e261bf6c4e912f88ea493ead07d784d944c060cc72fdf193ad473ada28dbb',
    );
    expect(server.requests[0].body.toString('utf8')).toBe('Action=ListDomains&Version=2009-04-15');
  });

  it('Import/Export (modelled v2) signs SigV4, even with signatureVersion v2 configured', async () => {
    const listJobs = '<ListJobsResponse><ListJobsResult></ListJobsResult></ListJobsResponse>';
    server.reply({ status: 200, headers: XML, body: listJobs }, { status: 200, headers: XML, body: listJobs });
    await wireClient(capture.proxy, 'importexport').listJobs();
    await wireClient(capture.proxy, 'importexport', { config: { signatureVersion: 'v2' } }).listJobs();
    const expected =
      'AWS4-HMAC-SHA256 Credential=AKID/20240506/us-east-1/IngestionService/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=870d1ca59b8d9daa54cfacf3b896c86be1aebb2824f59d56c186cb03301ddb1c';
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([expected, expected]);
  });

  it('cannot presign a URL (botocore has no v2-query signer)', async () => {
    const session = new Session({ env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
    const sdb = session.client('sdb') as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    await expect(sdb.generatePresignedUrl('list_domains')).rejects.toThrow(new UnsupportedSignatureVersionError('Signature version(s) are not supported: v2-query'));
  });
});
