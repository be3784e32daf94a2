/**
 * RDS generateDbAuthToken and DSQL generateDbConnectAuthToken / generateDbConnectAdminAuthToken
 * give boto3's tokens. Every expected string is boto3 1.43.11's output for the same arguments,
 * credentials (AKID/SECRET, with session token 'TOKEN/+=' where noted) and clock
 * (2024-01-02T03:04:05Z, botocore.auth's datetime patched), signature included.
 */
import { Session, InvalidPresignArgumentError, NoCredentialsError } from '../../../src';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const NOW = Date.parse('2024-01-02T03:04:05Z');

describe('database auth tokens', () => {
  beforeAll(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
  afterAll(() => jest.restoreAllMocks());
  const plain = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET' });
  const withToken = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', awsSessionToken: 'TOKEN/+=' });

  it('RDS: host:port, Action=connect and DBUser, rds-db in the client region, 900 s', async () => {
    const rds = plain.client('rds', { regionName: 'us-east-1' });
    // boto3: rds.generate_db_auth_token('mydb.123456789012.us-east-1.rds.amazonaws.com', 3306, 'jane_doe')
    expect(await rds.generateDbAuthToken({ DBHostname: 'mydb.123456789012.us-east-1.rds.amazonaws.com', Port: 3306, DBUsername: 'jane_doe' })).toBe(
      'mydb.123456789012.us-east-1.rds.amazonaws.com:3306/?Action=connect&DBUser=jane_doe&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-east-1%2Frds-db%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=a7aa92e52c1b045441cbef6f98aed0dea7e9d016667188d23954277993f2c35e',
    );
  });

  it('RDS: an explicit Region, a string port and a user name that needs encoding', async () => {
    const rds = plain.client('rds', { regionName: 'us-east-1' });
    expect(await rds.generateDbAuthToken({ DBHostname: 'mydb.example.com', Port: '5432', DBUsername: 'user@x y/é', Region: 'eu-west-1' })).toBe(
      'mydb.example.com:5432/?Action=connect&DBUser=user%40x%20y%2F%C3%A9&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Feu-west-1%2Frds-db%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=b8e64d29a6db5f3797afc232c56920762c18a12bd25760268c18a856056fcbe1',
    );
  });

  it('RDS: a session token goes before the signature', async () => {
    expect(await withToken.client('rds', { regionName: 'us-west-2' }).generateDbAuthToken({ DBHostname: 'h', Port: 1, DBUsername: 'u' })).toBe(
      'h:1/?Action=connect&DBUser=u&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-west-2%2Frds-db%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2F%2B%3D&X-Amz-Signature=061e363a00e667e7fdbc3d0a3a6e6b49eacd3cd47c4a74e056a08f18ba555b36',
    );
  });

  it('DSQL: DbConnect with the defaults, DbConnectAdmin with Region and ExpiresIn', async () => {
    const dsql = withToken.client('dsql', { regionName: 'us-east-1' });
    expect(await dsql.generateDbConnectAuthToken({ Hostname: 'abc.dsql.us-east-1.on.aws' })).toBe(
      'abc.dsql.us-east-1.on.aws/?Action=DbConnect&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-east-1%2Fdsql%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2F%2B%3D&X-Amz-Signature=5cac08e03cda11900f3843390549a872e3e34b779adb61b606167fe1e55ca0b0',
    );
    expect(await dsql.generateDbConnectAdminAuthToken({ Hostname: 'abc.dsql.us-east-1.on.aws', Region: 'us-east-2', ExpiresIn: 3600 })).toBe(
      'abc.dsql.us-east-1.on.aws/?Action=DbConnectAdmin&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240102%2Fus-east-2%2Fdsql%2Faws4_request&X-Amz-Date=20240102T030405Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Security-Token=TOKEN%2F%2B%3D&X-Amz-Signature=567b100c28eceda77966ddb4892ddb4df7d1185443b88fc7254cb5d513fd71c3',
    );
  });

  it('only RDS and DSQL clients have them, and bad arguments sign nothing', async () => {
    expect(typeof plain.client('rds', { regionName: 'us-east-1' }).generateDbAuthToken).toBe('function');
    expect('generateDbAuthToken' in plain.client('neptune', { regionName: 'us-east-1' })).toBe(false);
    expect('generateDbConnectAuthToken' in plain.client('rds', { regionName: 'us-east-1' })).toBe(false);
    const rds = plain.client('rds', { regionName: 'us-east-1' });
    await expect(rds.generateDbAuthToken({ DBHostname: 'h', Port: 1 })).rejects.toThrow(InvalidPresignArgumentError);
    const anonymous = new Session({ env: { ...env, AWS_EC2_METADATA_DISABLED: 'true' } });
    await expect(anonymous.client('dsql', { regionName: 'us-east-1' }).generateDbConnectAuthToken({ Hostname: 'h' })).rejects.toThrow(NoCredentialsError);
  });
});
