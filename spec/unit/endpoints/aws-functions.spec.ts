/** aws.partition, aws.parseArn and aws.isVirtualHostableS3Bucket. */
import { PartitionTable, isVirtualHostableS3Bucket, parseArn } from '../../../src/endpoints/aws-functions';

const partitions = {
  partitions: [
    { id: 'aws', regionRegex: '^(us|eu)\\-\\w+\\-\\d+$', regions: { 'aws-global': {} }, outputs: { dnsSuffix: 'amazonaws.com' } },
    { id: 'aws-cn', regionRegex: '^cn\\-\\w+\\-\\d+$', regions: {}, outputs: { dnsSuffix: 'amazonaws.com.cn' } },
    { id: 'aws-iso', regionRegex: '^nomatch$', regions: { 'us-iso-east-1': {} }, outputs: { dnsSuffix: 'c2s.ic.gov' } },
  ],
};

describe('aws.partition', () => {
  const table = new PartitionTable(partitions);

  it('matches by explicit region or regex, and names the partition', () => {
    expect(table.lookup('cn-north-1')).toEqual({ dnsSuffix: 'amazonaws.com.cn', name: 'aws-cn' });
    expect(table.lookup('aws-global').name).toBe('aws');
    expect(table.lookup('us-iso-east-1').name).toBe('aws-iso');
  });

  it('falls back to the first partition for unknown regions (botocore)', () => {
    expect(table.lookup('mars-east-1').name).toBe('aws');
    expect(table.lookup(undefined).name).toBe('aws');
  });
});

describe('aws.parseArn', () => {
  it('splits the resource on both : and /', () => {
    expect(parseArn('arn:aws:s3:us-east-1:123:accesspoint/my:ap')).toEqual({
      partition: 'aws', service: 's3', region: 'us-east-1', accountId: '123', resourceId: ['accesspoint', 'my', 'ap'],
    });
  });

  it.each(['arn:aws:s3:us-east-1:123', 'arn::s3:r:a:res', 'arn:aws::r:a:res', 'arn:aws:s3:r:a:', 'not-an-arn', undefined])(
    'rejects %s',
    (v) => {
      expect(parseArn(v)).toBeUndefined();
    },
  );
});

describe('aws.isVirtualHostableS3Bucket', () => {
  it.each([
    ['my-bucket', false, true],
    ['My-Bucket', false, false],
    ['ab', false, false],
    ['192.168.0.1', true, false],
    ['a.b.c', false, false],
    ['abc.def', true, true],
  ])('%s (subdomains %s) -> %s', (bucket, sub, ok) => {
    expect(isVirtualHostableS3Bucket(bucket, sub)).toBe(ok);
  });
});
