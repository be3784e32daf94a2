/**
 * The REPL's completer as a function: a line and a scope in, [completions, the text they
 * replace] out, or undefined for lines Node's own completer should handle.
 */
import { completeLine } from '../../../src/cli/repl';
import { Session } from '../../../src';

describe('REPL completion', () => {
  const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'AKID', awsSecretAccessKey: 'secret', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
  const s3res = session.resource('s3');
  const scope: Record<string, unknown> = {
    session,
    s3: session.client('s3'),
    ddb: session.client('dynamodb'),
    s3res,
    bucket: s3res.Bucket('b'),
    notBotojs: { a: 1 },
  };
  scope.objs = (scope.bucket as { objects: unknown }).objects;
  const complete = (line: string) => completeLine(line, (name) => scope[name]);

  describe('service names', () => {
    it("in client(' and session.client(' : every service", () => {
      expect(complete("client('dyn")).toEqual([['dynamodb', 'dynamodbstreams'], 'dyn']);
      expect(complete('const s = session.client("s3o')).toEqual([['s3outposts'], 's3o']);
      expect(complete("client('")?.[0]).toContain('sqs');
      expect(complete("client('")?.[0].length).toBeGreaterThan(300);
    });

    it("in resource(' : the services that have resources", () => {
      expect(complete("resource('")?.[0]).toEqual(['cloudformation', 'cloudwatch', 'dynamodb', 'ec2', 'glacier', 'iam', 's3', 'sns', 'sqs']);
      expect(complete("session.resource('s")).toEqual([['s3', 'sns', 'sqs'], 's']);
    });

    it("in getPaginator(' and getWaiter(' : the client's paginated operations and waiters", () => {
      expect(complete("s3.getPaginator('listObj")).toEqual([['listObjectVersions', 'listObjects', 'listObjectsV2'], 'listObj']);
      expect(complete("ddb.getWaiter('")).toEqual([['contributorInsightsEnabled', 'exportCompleted', 'importCompleted', 'kinesisStreamingDestinationActive', 'tableExists', 'tableNotExists'], '']);
    });
  });

  describe('members after a dot', () => {
    it('a client: operations (camelCase) and its other methods', () => {
      expect(complete('s3.putObjectT')).toEqual([['putObjectTagging'], 'putObjectT']);
      expect(complete('await s3.upl')).toEqual([['uploadFile', 'uploadFileobj', 'uploadPart', 'uploadPartCopy'], 'upl']);
      expect(complete('x = s3.getPa')).toEqual([['getPaginator'], 'getPa']);
      const all = complete('s3.')![0];
      expect(all).toEqual(expect.arrayContaining(['abortMultipartUpload', 'listObjectsV2', 'downloadFile', 'generatePresignedUrl', 'meta', 'exceptions']));
      expect(all).not.toContain('then');
    });

    it('a resource: identifiers, attributes, actions, collections, sub-resources, references, waiters', () => {
      const all = complete('bucket.')![0];
      expect(all).toEqual(expect.arrayContaining(['name', 'creationDate', 'delete', 'objects', 'Object', 'Acl', 'waitUntilExists', 'uploadFile', 'meta']));
      expect(complete('bucket.ob')).toEqual([['objectVersions', 'objects'], 'ob']);
      expect(complete('s3res.Buck')![0]).toEqual(expect.arrayContaining(['Bucket', 'BucketAcl', 'BucketPolicy']));
    });

    it('a collection: its methods and batch actions', () => {
      expect(complete('objs.')![0]).toEqual(['all', 'delete', 'filter', 'limit', 'pageSize', 'pages', 'withOptions']);
    });

    it('anything else is left to Node (undefined)', () => {
      expect(complete('notBotojs.a')).toBeUndefined();
      expect(complete('missing.x')).toBeUndefined();
      expect(complete('s3.noSuchOperation.x')).toBeUndefined(); // the client throws: no completion, no error
      expect(complete('(await s3.listBuckets()).Bu')).toBeUndefined();
      expect(complete("'s3.put")).toBeUndefined(); // inside a string
    });
  });

  describe("parameter names in the call's object literal", () => {
    it("an operation's input members, those already given left out", () => {
      expect(complete('s3.putObject({ Bu')).toEqual([['Bucket', 'BucketKeyEnabled'], 'Bu']);
      expect(complete("await s3.putObject({ Bucket: 'b', Key: 'k', Con")).toEqual([['ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'ContentLength', 'ContentMD5', 'ContentType'], 'Con']);
      const rest = complete("s3.putObject({ Bucket: 'b', ")![0];
      expect(rest).toContain('Key');
      expect(rest).not.toContain('Bucket');
      // Quotes and braces inside string values do not confuse it.
      expect(complete('s3.putObject({ Bucket: "{b},", Ke')).toEqual([['Key'], 'Ke']);
    });

    it('nested members: through structures and lists', () => {
      expect(complete("s3.deleteObjects({ Bucket: 'b', Delete: { Objects: [{ Key: 'a' }, { V")).toEqual([['VersionId'], 'V']);
      expect(complete('s3.deleteObjects({ Delete: { ')).toEqual([['Objects', 'Quiet'], '']);
      expect(complete('s3.putBucketVersioning({ VersioningConfiguration: { S')).toEqual([['Status'], 'S']);
    });

    it("a map's keys and a value's position offer nothing (not Node's globals)", () => {
      expect(complete('ddb.putItem({ TableName: "t", Item: { na')).toEqual([[], 'na']);
      expect(complete('s3.putObject({ Bucket: ')).toBeUndefined();
    });

    it("a resource action: the members the resource does not fill itself", () => {
      expect(complete('bucket.putObject({ Ca')).toEqual([['CacheControl'], 'Ca']);
      expect(complete('bucket.putObject({ Bu')).toEqual([['BucketKeyEnabled'], 'Bu']); // Bucket is the resource's
    });

    it('not the first argument, or an unknown callee: left to Node', () => {
      expect(complete('s3.putObject(params, { ab')).toBeUndefined();
      expect(complete('notBotojs.a({ x')).toBeUndefined();
    });
  });
});
