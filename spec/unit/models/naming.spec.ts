import { NameIndex, camelize, canonicalName, closeMatches, lookupKey, xformName } from '../../../src/models/naming';

// Expected values are botocore 1.43's xform_name output for each name.
const XFORM_CASES: Array<[string, string]> = [
  ['ListObjectsV2', 'list_objects_v2'],
  ['DescribeDBInstances', 'describe_db_instances'],
  ['ETag', 'e_tag'],
  ['SSECustomerKey', 'sse_customer_key'],
  ['CreateCachediSCSIVolume', 'create_cached_iscsi_volume'],
  ['DescribeCachediSCSIVolumes', 'describe_cached_iscsi_volumes'],
  ['ListHITsForQualificationType', 'list_hits_for_qualification_type'],
  ['ExecutePartiQLStatement', 'execute_partiql_statement'],
  ['SendWhatsAppMessage', 'send_whatsapp_message'],
  ['GetOTelEnrichment', 'get_otel_enrichment'],
  ['GetObjectACL', 'get_object_acl'],
  ['PutBucketAcl', 'put_bucket_acl'],
  ['ListWebACLs', 'list_web_acls'],
  ['ListARNs', 'list_arns'],
  ['IAMRoleARNs', 'iam_role_arns'],
  ['ListCIDRBlocks', 'list_cidr_blocks'],
  ['GetAPIKeys', 'get_api_keys'],
  ['ListIPSets', 'list_ip_sets'],
  ['CreateDBClusterParameterGroup', 'create_db_cluster_parameter_group'],
  ['DescribeDBClusterSnapshotAttributes', 'describe_db_cluster_snapshot_attributes'],
  ['GetMLModel', 'get_ml_model'],
  ['S3Key', 's3_key'],
  ['HTTPStatusCode', 'http_status_code'],
  ['VPCId', 'vpc_id'],
  ['ARN', 'arn'],
  ['DescribeVpcEndpoints', 'describe_vpc_endpoints'],
  ['ListTagsForResource', 'list_tags_for_resource'],
  ['PutObject', 'put_object'],
  ['ListBuckets', 'list_buckets'],
  // Already snake_case: unchanged, as botocore.
  ['instance_id', 'instance_id'],
  ['describe_db_instances', 'describe_db_instances'],
];

describe('xformName', () => {
  it.each(XFORM_CASES)('%s -> %s', (name, expected) => {
    expect(xformName(name)).toBe(expected);
  });

  it('returns the same result when called twice (cache)', () => {
    expect(xformName('ListObjectsV2')).toBe(xformName('ListObjectsV2'));
  });
});

describe('camelize / canonicalName', () => {
  it.each([
    ['list_objects_v2', 'listObjectsV2'],
    ['describe_db_instances', 'describeDbInstances'],
    ['e_tag', 'eTag'],
    ['sse_customer_key', 'sseCustomerKey'],
    ['s3_key', 's3Key'],
    ['create_cached_iscsi_volume', 'createCachedIscsiVolume'],
    ['list_web_acls', 'listWebAcls'],
    ['put_object', 'putObject'],
    ['arn', 'arn'],
  ])('camelize(%s) -> %s', (snake, camel) => {
    expect(camelize(snake)).toBe(camel);
  });

  it.each([
    ['ListObjectsV2', 'listObjectsV2'],
    ['DescribeDBInstances', 'describeDbInstances'],
    ['ETag', 'eTag'],
    ['SSECustomerKey', 'sseCustomerKey'],
    ['CreateCachediSCSIVolume', 'createCachedIscsiVolume'],
    ['ListWebACLs', 'listWebAcls'],
    ['IAMRoleARNs', 'iamRoleArns'],
    ['HTTPStatusCode', 'httpStatusCode'],
  ])('canonicalName(%s) -> %s', (name, canon) => {
    expect(canonicalName(name)).toBe(canon);
  });
});

describe('lookupKey', () => {
  it('makes every accepted spelling of a name equal', () => {
    const spellings = ['list_objects_v2', 'ListObjectsV2', 'listObjectsV2', 'LIST_OBJECTS_V2'];
    expect(new Set(spellings.map(lookupKey))).toEqual(new Set(['listobjectsv2']));
    expect(lookupKey('describeDBInstances')).toBe(lookupKey('describeDbInstances'));
  });

  it('keeps different names apart', () => {
    expect(lookupKey('listObjects')).not.toBe(lookupKey('listObjectsV2'));
  });
});

describe('NameIndex', () => {
  const index = new NameIndex(['ListObjectsV2', 'ListObjects', 'DescribeDBInstances', 'GetObjectAcl'], 'operation');

  it('lists canonical names in model order', () => {
    expect(index.canonical).toEqual(['listObjectsV2', 'listObjects', 'describeDbInstances', 'getObjectAcl']);
  });

  it('resolves every forgiving spelling to the model name', () => {
    for (const s of ['listObjectsV2', 'list_objects_v2', 'ListObjectsV2', 'LISTOBJECTSV2']) {
      expect(index.resolve(s)).toBe('ListObjectsV2');
    }
    expect(index.resolve('listObjects')).toBe('ListObjects');
    expect(index.resolve('describeDBInstances')).toBe('DescribeDBInstances');
    expect(index.resolve('describe_db_instances')).toBe('DescribeDBInstances');
    expect(index.resolve('get_object_acl')).toBe('GetObjectAcl');
  });

  it('returns undefined for unknown names', () => {
    expect(index.resolve('listObjectsV3')).toBeUndefined();
    expect(index.resolve('')).toBeUndefined();
  });

  it('throws when two model names map to the same canonical name', () => {
    expect(() => new NameIndex(['GetObjectACL', 'GetObjectAcl'], 'operation')).toThrow(/operation collision/);
    expect(() => new NameIndex(['GetObjectACL', 'GetObjectAcl'], 'operation')).toThrow(/getObjectAcl/);
  });

  it('accepts a name listed twice (same model name is no collision)', () => {
    expect(() => new NameIndex(['PutObject', 'PutObject'])).not.toThrow();
  });
});

describe('closeMatches', () => {
  it('suggests near spellings, best first', () => {
    expect(closeMatches('s4', ['s3', 'sqs', 'ec2', 'lambda'])[0]).toBe('s3');
    expect(closeMatches('dynamo', ['dynamodb', 'dynamodbstreams', 'ec2'])).toContain('dynamodb');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closeMatches('zzzzzzzzzz', ['s3', 'ec2', 'lambda'])).toEqual([]);
  });
});
