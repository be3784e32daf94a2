/**
 * `Config({ parameterValidation })` on the wire: by default a call is checked as botocore
 * checks it, so calls boto3 sends are sent (the model's enums lag behind the service, and some
 * of its patterns and maxima match nothing); 'strict' also checks max, enum and pattern and
 * refuses those same calls; the profile's `parameter_validation` is a boolean, as botocore's.
 * Each call below was sent by boto3 1.43.11 with the same params (its body is the one checked).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Config, ParamValidationError, Session } from '../../../src';
import { resolveConfig } from '../../../src/config/config-resolver';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const server = new CannedServer();
let endpoint: string;

beforeAll(async () => {
  endpoint = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

type Call = (client: Record<string, (p: Record<string, unknown>) => Promise<unknown>>) => Promise<unknown>;

/** Runs the call; a ParamValidationError is returned, any later error (the canned answer) ignored. */
async function run(service: string, call: Call, config: Config = new Config()): Promise<ParamValidationError | undefined> {
  const client = session.client(service, { endpointUrl: endpoint, config: config.merge({ retries: { totalMaxAttempts: 1 }, s3: { addressingStyle: 'path' } }) });
  try {
    await call(client as never);
  } catch (e) {
    if (e instanceof ParamValidationError) return e;
  }
  return undefined;
}

const everyday: Array<[string, string, Call, string, RegExp]> = [
  ['SQS ReceiveMessage with a message system attribute name', 'sqs',
    (c) => c.receiveMessage({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', AttributeNames: ['SentTimestamp'] }),
    '"AttributeNames": ["SentTimestamp"]', /AttributeNames\[0\], value: "SentTimestamp", valid values:/],
  ['Proton with a nextToken (the model says max 0)', 'proton',
    (c) => c.listComponentOutputs({ componentName: 'c', nextToken: 'abc' }),
    '"nextToken": "abc"', /Invalid length for parameter nextToken, value: 3, valid max length: 0/],
  ['Connect CreateUser Password (the pattern has literal slashes)', 'connect',
    (c) => c.createUser({ Username: 'u', PhoneConfig: { PhoneType: 'SOFT_PHONE' }, SecurityProfileIds: ['s'], RoutingProfileId: 'r', InstanceId: 'i', Password: 'Passw0rd!' }),
    '"Password": "Passw0rd!"', /Invalid value for parameter Password, value: <sensitive>, does not match pattern/],
  ['Data Exchange CatalogId (the pattern has literal slashes)', 'dataexchange',
    (c) => c.createJob({ Type: 'IMPORT_ASSETS_FROM_LAKE_FORMATION_TAG_POLICY', Details: { ImportAssetsFromLakeFormationTagPolicy: { CatalogId: '123456789012', RoleArn: 'arn:aws:iam::123456789012:role/x', DataSetId: 'd', RevisionId: 'r', Database: { Expression: [{ TagKey: 'k', TagValues: ['v'] }], Permissions: ['DESCRIBE'] } } } }),
    '"CatalogId": "123456789012"', /Invalid value for parameter Details\.ImportAssetsFromLakeFormationTagPolicy\.CatalogId, value: "123456789012", does not match pattern/],
  ['EC2 CreateCapacityReservation PlacementGroupArn (^ in the middle of the pattern)', 'ec2',
    (c) => c.createCapacityReservation({ InstanceType: 'm5.large', InstancePlatform: 'Linux/UNIX', InstanceCount: 1, PlacementGroupArn: 'arn:aws:ec2:us-east-1:123456789012:placement-group/pg' }),
    'PlacementGroupArn=arn%3Aaws%3Aec2%3Aus-east-1%3A123456789012%3Aplacement-group%2Fpg', /Invalid value for parameter PlacementGroupArn, value: .*, does not match pattern/],
  ['Lambda environment variable named A (the pattern wants two characters)', 'lambda',
    (c) => c.updateFunctionConfiguration({ FunctionName: 'f', Environment: { Variables: { A: '1' } } }),
    '{"Environment": {"Variables": {"A": "1"}}}', /Invalid value for parameter Environment\.Variables \(key: <sensitive>\), value: <sensitive>, does not match pattern/],
  ['S3 CreateBucket in a region the enum does not list yet', 's3',
    (c) => c.createBucket({ Bucket: 'my-bucket-x', CreateBucketConfiguration: { LocationConstraint: 'xx-new-1' } }),
    '<LocationConstraint>xx-new-1</LocationConstraint>', /Invalid value for parameter CreateBucketConfiguration\.LocationConstraint, value: "xx-new-1", valid values:/],
];

describe.each(everyday)('%s', (_title, service, call, sent, strictProblem) => {
  it('is sent by default, as boto3 sends it', async () => {
    expect(await run(service, call)).toBeUndefined();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].body.toString()).toContain(sent);
  });

  it("is refused by parameterValidation: 'strict', nothing sent", async () => {
    const err = await run(service, call, new Config({ parameterValidation: 'strict' }));
    expect(err).toBeInstanceOf(ParamValidationError);
    expect(err?.message).toMatch(strictProblem);
    expect(server.requests).toHaveLength(0);
  });
});

describe('a header jsonvalue member', () => {
  it('takes an object, sent as base64 JSON (Lex PostContent sessionAttributes; boto3: eyJrIjoidiJ9)', async () => {
    const call: Call = (c) => c.postContent({ botName: 'b', botAlias: 'a', userId: 'uu', contentType: 'text/plain; charset=utf-8', inputStream: Buffer.from('hi'), sessionAttributes: { k: 'v' } });
    expect(await run('lex-runtime', call)).toBeUndefined();
    expect(server.requests[0].headers['x-amz-lex-session-attributes']).toBe('eyJrIjoidiJ9');
  });
});

describe('what default validation still refuses (as botocore)', () => {
  it('an unknown member (with the closest name) and a wrong type', async () => {
    const err = await run('sqs', (c) => c.sendMessage({ QueueUrl: 'q', MessageBody: 5, DelaySecs: 1 }));
    expect(err?.problems).toEqual([
      expect.stringMatching(/^Unknown parameter in input: "DelaySecs", must be one of: QueueUrl, MessageBody, DelaySeconds, .*\(did you mean "DelaySeconds"\?\)$/),
      'Invalid type for parameter MessageBody, value: 5, type: number, valid types: string',
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('the parameterValidation setting', () => {
  it('anything but true, false or strict is refused when the Config is made', () => {
    expect(() => new Config({ parameterValidation: 'lax' as never })).toThrow(/Invalid parameterValidation "lax": use true, false or 'strict'/);
  });

  it("the profile's parameter_validation is a boolean, as botocore reads it (ensure_boolean)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-pv-'));
    fs.writeFileSync(path.join(dir, 'config'), '[default]\nparameter_validation = false\n');
    const off = new Session({ env: { AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
    await off.client('sqs', { endpointUrl: endpoint }).sendMessage({ QueueUrl: 'q', MessageBody: 'x', DelaySeconds: 'soon' }).catch(() => undefined);
    expect(server.requests).toHaveLength(1);

    expect(resolveConfig(new Config(), {}, { parameter_validation: 'True' }).parameterValidation).toBe(true);
    expect(resolveConfig(new Config(), {}, { parameter_validation: 'false' }).parameterValidation).toBe(false);
    // 'strict' comes from Config only; an explicit Config wins over the profile.
    expect(resolveConfig(new Config({ parameterValidation: 'strict' }), {}, { parameter_validation: 'true' }).parameterValidation).toBe('strict');
    expect(resolveConfig(new Config(), {}, {}).parameterValidation).toBe(true);
  });
});
