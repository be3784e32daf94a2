import { Session } from '../../../src';
import { OperationNotPageableError } from '../../../src/paginate/errors';
import { PageIterator } from '../../../src/paginate/page-iterator';
import { Paginator } from '../../../src/paginate/paginator';
import { Waiter } from '../../../src/waiters/waiter';


const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });

describe('client paginator and waiter members', () => {
  const s3 = session.client('s3');

  it('canPaginate accepts any spelling of operations that have a paginator', () => {
    for (const name of ['listObjectsV2', 'ListObjectsV2', 'list_objects_v2']) expect(s3.canPaginate(name)).toBe(true);
    expect(s3.canPaginate('getObject')).toBe(false);
    expect(s3.canPaginate('noSuchOperation')).toBe(false);
  });

  it('getPaginator returns a Paginator for the API operation, one per operation', () => {
    const p = s3.getPaginator('list_objects_v2') as Paginator;
    expect(p).toBeInstanceOf(Paginator);
    expect(p.operationName).toBe('ListObjectsV2');
    expect(s3.getPaginator('listObjectsV2')).toBe(p);
    expect(p.paginate({ Bucket: 'b' })).toBeInstanceOf(PageIterator);
    expect(() => s3.getPaginator('getObject')).toThrow(OperationNotPageableError);
    expect(() => s3.getPaginator('getObject')).toThrow(/Operation cannot be paginated: getObject/);
  });

  it('waiterNames lists canonical names; getWaiter accepts any spelling', () => {
    expect(s3.waiterNames).toEqual(['bucketExists', 'bucketNotExists', 'objectExists', 'objectNotExists']);
    const w = s3.getWaiter('objectExists') as Waiter;
    expect(w).toBeInstanceOf(Waiter);
    expect(w.name).toBe('ObjectExists');
    expect(w.operationName).toBe('HeadObject');
    expect(s3.getWaiter('object_exists')).toBe(w);
    expect(s3.getWaiter('ObjectExists')).toBe(w);
  });

  it('names close matches for an unknown waiter', () => {
    expect(() => s3.getWaiter('objectExist')).toThrow(TypeError);
    expect(() => s3.getWaiter('objectExist')).toThrow(/'s3' client has no waiter 'objectExist'. Did you mean: objectExists/);
  });

  it('works for services without waiters', () => {
    const sts = session.client('sts');
    expect(sts.waiterNames).toEqual([]);
    expect(() => sts.getWaiter('anything')).toThrow(/has no waiter/);
  });

  it('does not list its members among the operation names', () => {
    const keys = Object.keys(s3);
    expect(keys).not.toContain('getPaginator');
    expect(keys).not.toContain('waiterNames');
    expect('getWaiter' in s3).toBe(true);
  });

  it('EC2 and DynamoDB waiters are there by their canonical names', () => {
    const ec2 = session.client('ec2');
    expect(ec2.waiterNames).toEqual(expect.arrayContaining(['instanceRunning', 'instanceStopped', 'volumeAvailable']));
    expect(session.client('dynamodb').waiterNames).toEqual(expect.arrayContaining(['tableExists', 'tableNotExists']));
  });
});
