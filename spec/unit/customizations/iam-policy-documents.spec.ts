/**
 * IAM policy documents come back URL-decoded and JSON-parsed (botocore's json_decode_policies),
 * wherever the output holds a `policyDocumentType` string. Expected values are boto3 1.43.11's
 * results for the same responses, recorded against a loopback server.
 */
import { Session } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });

const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
// Python's urllib.parse.quote(json.dumps(POLICY)), as IAM sends it.
const QUOTED = '%7B%22Version%22%3A%20%222012-10-17%22%2C%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22s3%3A%2A%22%2C%20%22Resource%22%3A%20%22%2A%22%7D%5D%7D';
const ROLE = '<Path>/</Path><RoleName>r</RoleName><RoleId>i</RoleId><Arn>a</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate>';

describe('IAM policy documents', () => {
  const server = new CannedServer();
  let url: string;
  beforeAll(async () => {
    url = await server.start();
  });
  afterAll(() => server.stop());
  const iam = () => session.client('iam', { endpointUrl: url });

  it('GetRole: the AssumeRolePolicyDocument is an object', async () => {
    server.reply(xml(`<GetRoleResponse><GetRoleResult><Role>${ROLE}<AssumeRolePolicyDocument>${QUOTED}</AssumeRolePolicyDocument></Role></GetRoleResult></GetRoleResponse>`));
    const r = (await iam().getRole({ RoleName: 'r' })) as { Role: Record<string, unknown> };
    expect(r.Role.AssumeRolePolicyDocument).toEqual(POLICY);
    expect(r.Role.RoleName).toBe('r');
  });

  it('ListRoles: documents inside list items too, with bytes that are not UTF-8 replaced as Python does', async () => {
    server.reply(
      xml(
        `<ListRolesResponse><ListRolesResult><Roles><member>${ROLE}<AssumeRolePolicyDocument>%7B%22a%22%3A%20%22%C3%A9%E2%82%22%7D</AssumeRolePolicyDocument></member></Roles>` +
          '<IsTruncated>false</IsTruncated></ListRolesResult></ListRolesResponse>',
      ),
    );
    const r = (await iam().listRoles()) as { Roles: Array<Record<string, unknown>> };
    // boto3: {'a': 'é\ufffd'}
    expect(r.Roles[0].AssumeRolePolicyDocument).toEqual({ a: '\u00e9\ufffd' });
  });

  it('GetRolePolicy: a document that is not JSON stays the string it was', async () => {
    server.reply(xml('<GetRolePolicyResponse><GetRolePolicyResult><RoleName>r</RoleName><PolicyName>p</PolicyName><PolicyDocument>not%20json%ZZ</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>'));
    const r = await iam().getRolePolicy({ RoleName: 'r', PolicyName: 'p' });
    expect(r.PolicyDocument).toBe('not%20json%ZZ');
  });

  it('other string members are left alone', async () => {
    server.reply(xml('<GetUserResponse><GetUserResult><User><Path>%7B%7D</Path><UserName>u</UserName><UserId>i</UserId><Arn>a</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate></User></GetUserResult></GetUserResponse>'));
    const r = (await iam().getUser()) as { User: Record<string, unknown> };
    expect(r.User.Path).toBe('%7B%7D');
  });
});
