/**
 * boto3's parameter aliases (botocore's ParameterAlias on before-parameter-build): EC2's
 * `Filters` where the model says `Filter`, Logs CreateExportTask's `fromTime` for `from`,
 * CloudSearch Domain Search's `returnFields` for `return`. Expected bodies and messages are
 * boto3 1.43.11's for the same calls.
 */
import { AliasConflictParameterError, ParamValidationError, Session, Stubber } from '../../../src';
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

const client = (service: string) => session.client(service, { endpointUrl: endpoint, config: { retries: { totalMaxAttempts: 1 } } });
/** The call's error, or undefined once it was sent (whatever the canned answer made of it). */
const sent = (call: Promise<unknown>) => call.then(() => undefined, (e: unknown) => (e instanceof ParamValidationError || e instanceof AliasConflictParameterError ? e : undefined));
const body = () => server.requests[0].body.toString();

describe('CloudWatch Logs CreateExportTask: fromTime for from', () => {
  it('fromTime is sent as from', async () => {
    expect(await sent(client('logs').createExportTask({ logGroupName: 'g', fromTime: 1, to: 2, destination: 'd' }))).toBeUndefined();
    // boto3: {"logGroupName": "g", "to": 2, "destination": "d", "from": 1}
    expect(JSON.parse(body())).toEqual({ logGroupName: 'g', to: 2, destination: 'd', from: 1 });
  });

  it('from still works', async () => {
    expect(await sent(client('logs').createExportTask({ logGroupName: 'g', from: 1, to: 2, destination: 'd' }))).toBeUndefined();
    expect(JSON.parse(body())).toEqual({ logGroupName: 'g', to: 2, destination: 'd', from: 1 });
  });

  it("both is botocore's AliasConflictParameterError, nothing sent", async () => {
    const err = await sent(client('logs').createExportTask({ logGroupName: 'g', from: 1, fromTime: 1, to: 2, destination: 'd' }));
    expect(err).toBeInstanceOf(AliasConflictParameterError);
    expect((err as Error).message).toBe("Parameter 'from' and its alias 'fromTime' were provided for operation CreateExportTask.  Only one of them may be used.");
    expect(err).toMatchObject({ original: 'from', alias: 'fromTime', operation: 'CreateExportTask' });
    expect(server.requests).toHaveLength(0);
  });

  it('an alias left undefined is not given', async () => {
    expect(await sent(client('logs').createExportTask({ logGroupName: 'g', from: 1, fromTime: undefined, to: 2, destination: 'd' }))).toBeUndefined();
    expect(JSON.parse(body())).toEqual({ logGroupName: 'g', to: 2, destination: 'd', from: 1 });
  });

  it('a Stubber checks the params as the caller spelled them, as botocore', async () => {
    const logs = client('logs');
    const stub = new Stubber(logs).activate();
    stub.addResponse('createExportTask', {}, { logGroupName: 'g', fromTime: 1, to: 2, destination: 'd' });
    await expect(logs.createExportTask({ logGroupName: 'g', fromTime: 1, to: 2, destination: 'd' })).resolves.toBeDefined();
  });
});

describe('EC2: Filters for Filter', () => {
  it('DescribeHosts takes Filters, sent as Filter', async () => {
    expect(await sent(client('ec2').describeHosts({ Filters: [{ Name: 'n', Values: ['v'] }] }))).toBeUndefined();
    expect(body()).toBe('Action=DescribeHosts&Version=2016-11-15&Filter.1.Name=n&Filter.1.Value.1=v');
  });

  it('both names is a conflict', async () => {
    const err = await sent(client('ec2').describeHosts({ Filters: [], Filter: [] }));
    expect((err as Error).message).toBe("Parameter 'Filter' and its alias 'Filters' were provided for operation DescribeHosts.  Only one of them may be used.");
  });

  it('only where the model has Filter: DescribeInstances does not take Filter', async () => {
    const err = await sent(client('ec2').describeInstances({ Filter: [{ Name: 'n', Values: ['v'] }] }));
    expect(err).toBeInstanceOf(ParamValidationError);
    expect((err as Error).message).toMatch(/Unknown parameter in input: "Filter", must be one of: InstanceIds, IncludeManagedResources, DryRun, Filters, NextToken, MaxResults/);
  });
});

describe('CloudSearch Domain Search: returnFields for return', () => {
  it('returnFields is sent as return', async () => {
    expect(await sent(client('cloudsearchdomain').search({ query: 'q', returnFields: 'a,b' }))).toBeUndefined();
    // boto3 sends the pairs as a POST body (change_get_to_post); botojs in the URL until it does too.
    const { method, url } = server.requests[0];
    const pairs = (method === 'POST' ? body() : url.split('?')[1]).split('&');
    expect(pairs).toEqual(expect.arrayContaining(['q=q', 'return=a%2Cb']));
  });
});
