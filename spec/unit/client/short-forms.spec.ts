/**
 * What a REPL user sees when echoing botojs objects and asking help(): short forms, not
 * internals, and help for the methods that are not API operations.
 */
import { inspect } from 'util';
import { helpText, Session } from '../../../src';

const session = () => new Session({ regionName: 'us-east-1', awsAccessKeyId: 'AKID', awsSecretAccessKey: 'secret', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });

describe('short forms', () => {
  const s3 = session().client('s3', { endpointUrl: 'http://127.0.0.1:1' });

  it('a paginator, a page iterator and a waiter print what they are, not their internals', () => {
    const paginator = s3.getPaginator('listObjectsV2');
    expect(inspect(paginator)).toBe("Paginator(operation='ListObjectsV2', resultKeys=['Contents', 'CommonPrefixes'])");
    const pages = paginator.paginate({ Bucket: 'b', Prefix: 'logs/', PaginationConfig: { PageSize: 10, MaxItems: 25 } });
    expect(inspect(pages)).toBe("PageIterator(operation='ListObjectsV2', params={ Bucket: 'b', Prefix: 'logs/' }, pageSize=10, maxItems=25)");
    expect(inspect(s3.getWaiter('objectExists'))).toBe("Waiter(name='ObjectExists', operation='HeadObject', delay=5, maxAttempts=20)");
  });

  it('a client and a resource print one line when inspect does not reveal proxies', () => {
    expect(inspect(s3, { showProxy: false })).toBe('<botojs.client.s3 region=us-east-1 endpoint=http://127.0.0.1:1 operations=111>');
    const bucket = session().resource('s3').Bucket('b');
    expect(inspect(bucket, { showProxy: false })).toBe("s3.Bucket(name='b')");
  });
});

describe('help() for the methods that are not operations', () => {
  const s = session();
  const s3 = s.client('s3');

  it('help(client) lists transfers, presigning, paginators and waiters with their signatures', () => {
    const text = helpText(s3);
    expect(text).toMatch(/Other methods[^\n]*\n[\s\S]*s3\.uploadFile\(filename, bucket, key, options\?\) -> Promise<void>/);
    expect(text).toContain('s3.downloadFile(bucket, key, filename, options?)');
    expect(text).toContain('client.generatePresignedUrl(clientMethod, { Params?, ExpiresIn?, HttpMethod? }?)');
    expect(text).toContain('client.getPaginator(operationName) -> Paginator');
    // Operations are not repeated among the other methods.
    expect(text.split('Other methods')[1]).not.toContain('putObject');
  });

  it('help(s3.uploadFile) describes its options and the ExtraArgs it accepts', () => {
    const text = helpText(s3.uploadFile);
    expect(text.split('\n')[0]).toBe("s3.uploadFile(filename, bucket, key, options?) -> Promise<void>   [managed transfer, as boto3's upload_file]");
    expect(text).toMatch(/ExtraArgs: request parameters, among:\n\s+ACL, CacheControl/);
    expect(text).toContain('Callback: (bytes) => void');
    expect(helpText(s3.downloadFile)).toMatch(/among:\n\s+ChecksumMode, VersionId, SSECustomerAlgorithm/);
  });

  it('help(bucket) lists its transfer methods in the bucket form, and help(bucket.downloadFile) describes one', () => {
    const bucket = s.resource('s3').Bucket('b');
    expect(helpText(bucket)).toMatch(/Other methods[^\n]*\n\s+bucket\.uploadFile\(filename, key, options\?\)/);
    expect(helpText(bucket.Object('k').downloadFile).split('\n')[0]).toMatch(/^object\.downloadFile\(filename, options\?\)/);
  });

  it('help(table.batchWriter) and help(rds.generateDbAuthToken) describe custom methods', () => {
    expect(helpText(s.resource('dynamodb').Table('t').batchWriter)).toMatch(/^table\.batchWriter\(options\?\) -> BatchWriter/);
    expect(helpText(s.client('rds').generateDbAuthToken)).toMatch(/^rds\.generateDbAuthToken\(\{ DBHostname, Port, DBUsername, Region\? \}\)/);
  });

  it('anything else gets a hint of what help() takes', () => {
    expect(helpText(() => 1)).toMatch(/No botojs help for function: pass a client, a client method \(an operation, uploadFile/);
  });
});
