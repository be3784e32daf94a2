/**
 * Idempotency tokens are filled before params are validated, as botocore fills them on
 * before-parameter-build (handlers.generate_idempotent_uuid) and validates when serializing:
 * a required token the caller leaves out is a fresh UUID, not a "Missing required parameter".
 * The presign path goes through the same steps. Expected behaviour is boto3 1.43.11's.
 */
import { ParamValidationError, Session, Stubber } from '../../../src';
import { CannedServer } from '../../helpers/canned-server';

const env = { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' };
const session = new Session({ env, awsAccessKeyId: 'AKID', awsSecretAccessKey: 'SECRET', regionName: 'us-east-1' });
const server = new CannedServer();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
let endpoint: string;

beforeAll(async () => {
  endpoint = await server.start();
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
});

const client = (service: string) => session.client(service, { endpointUrl: endpoint, config: { retries: { totalMaxAttempts: 1 } } });
const sentBody = () => JSON.parse(server.requests[0].body.toString()) as Record<string, unknown>;
/** Sends the call; a ParamValidationError is returned, the canned answer's fate ignored. */
const run = (call: Promise<unknown>) => call.then(() => undefined, (e: unknown) => (e instanceof ParamValidationError ? e : undefined));

describe('a required idempotency token left out', () => {
  it('EFS CreateFileSystem: CreationToken is filled and sent (boto3: {"CreationToken": "<uuid4>"})', async () => {
    expect(await run(client('efs').createFileSystem({}))).toBeUndefined();
    const body = sentBody();
    expect(Object.keys(body)).toEqual(['CreationToken']);
    expect(body.CreationToken).toMatch(UUID);
  });

  it('Athena DeleteNamedQuery: even an id modeled as a token is filled', async () => {
    expect(await run(client('athena').deleteNamedQuery({}))).toBeUndefined();
    expect(sentBody().NamedQueryId).toMatch(UUID);
  });

  it('a token the caller gives is kept; null is refused by its type (botocore: None is not filled)', async () => {
    expect(await run(client('efs').createFileSystem({ CreationToken: 'mine' }))).toBeUndefined();
    expect(sentBody()).toEqual({ CreationToken: 'mine' });
    const err = await run(client('efs').createFileSystem({ CreationToken: null }));
    expect(err?.problems).toEqual(['Invalid type for parameter CreationToken, value: null, type: null, valid types: string']);
  });

  it('a Stubber sees the params as given, before the token (as botocore)', async () => {
    const efs = client('efs');
    const stub = new Stubber(efs).activate();
    const description = { OwnerId: 'o', CreationToken: 't', FileSystemId: 'f', CreationTime: new Date(0), LifeCycleState: 'available', NumberOfMountTargets: 0, SizeInBytes: { Value: 0 }, PerformanceMode: 'generalPurpose', Tags: [] };
    stub.addResponse('createFileSystem', description, {});
    await expect(efs.createFileSystem({})).resolves.toBeDefined();
    stub.assertNoPendingResponses();
  });
});

describe('presigning', () => {
  const W = '0123456789abcdef0123456789abcdef';

  it('fills the token into the URL (Well-Architected DeleteWorkload: ClientRequestToken in the query)', async () => {
    const wa = session.client('wellarchitected');
    const url = new URL(await wa.generatePresignedUrl('deleteWorkload', { Params: { WorkloadId: W } }));
    expect(url.pathname).toBe(`/workloads/${W}`);
    expect(url.searchParams.get('ClientRequestToken')).toMatch(UUID);
  });

  it("validates the params as a call's", async () => {
    const wa = session.client('wellarchitected');
    await expect(wa.generatePresignedUrl('deleteWorkload', { Params: { WorkloadId: 'w1' } })).rejects.toThrow(
      'Parameter validation failed:\nInvalid length for parameter WorkloadId, value: 2, valid min length: 32',
    );
  });
});
