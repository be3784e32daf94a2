/**
 * End to end: credentials found the way boto3 finds them in Lambda, ECS, EKS and EC2, then a
 * SigV4-signed S3 call to s3rver succeeds. s3rver checks the access key id (only S3RVER exists)
 * but not the SigV4 signature itself, so the tests also check the Authorization credential scope
 * and the session token header on every request sent.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ClientError, Session } from '../../src';
import { CannedServer } from '../helpers/canned-server';
import { localS3, uniqueName } from '../helpers/local';
import { FakeImds, isoIn } from '../unit/credentials/fake-aws';

function emptyHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-runtime-home-'));
}

/** The headers of every request a client sends (seen through the session's before-send event). */
function recordHeaders(session: Session): Array<Record<string, unknown>> {
  const seen: Array<Record<string, unknown>> = [];
  session.events.register('before-send', (payload) => {
    const req = payload.request as { headers: Record<string, unknown> };
    seen.push(Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v])));
    return undefined;
  });
  return seen;
}

/**
 * Every request was SigV4-signed with `accessKey` and carried a session token (events show it
 * masked), and the session's credentials hold `token`.
 */
async function expectSignedWith(session: Session, headers: Array<Record<string, unknown>>, accessKey: string, token: string): Promise<void> {
  expect(headers.length).toBeGreaterThan(0);
  for (const h of headers) {
    expect(String(h.authorization)).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKey}/\\d{8}/us-east-1/s3/aws4_request, SignedHeaders=[^ ]*x-amz-security-token`));
    expect(h['x-amz-security-token']).toBe('<redacted>');
  }
  expect((await session.getCredentials())?.token).toBe(token);
}

async function roundTrip(session: Session): Promise<void> {
  const s3 = localS3(session);
  const bucket = uniqueName('creds');
  try {
    await s3.createBucket({ Bucket: bucket });
    await s3.putObject({ Bucket: bucket, Key: 'k.txt', Body: 'signed with found credentials' });
    const got = await s3.getObject({ Bucket: bucket, Key: 'k.txt' });
    expect(await got.Body.text()).toBe('signed with found credentials');
    await s3.deleteObject({ Bucket: bucket, Key: 'k.txt' });
    await s3.deleteBucket({ Bucket: bucket });
  } finally {
    s3.close();
  }
}

describe('credentials end to end (s3rver)', () => {
  it('s3rver rejects an unknown access key, so a passing call used the found keys', async () => {
    const s = new Session({ env: { HOME: emptyHome(), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN', AWS_SECRET_ACCESS_KEY: 'x', AWS_EC2_METADATA_DISABLED: 'true' } });
    const err = await localS3(s).listBuckets().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientError);
    expect((err as ClientError).code).toBe('InvalidAccessKeyId');
  });

  it('Lambda-like environment: the runtime variables give env credentials with a session token', async () => {
    const lambdaEnv = {
      AWS_LAMBDA_FUNCTION_NAME: 'orders-handler',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders-handler',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      LAMBDA_TASK_ROOT: '/var/task',
      _HANDLER: 'index.handler',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN',
      HOME: emptyHome(),
    };
    const session = new Session({ env: lambdaEnv });
    const creds = await session.getCredentials();
    expect(creds).toMatchObject({ method: 'env', accessKey: 'S3RVER' });
    expect(session.regionName).toBe('us-east-1');
    const headers = recordHeaders(session);
    await roundTrip(session);
    await expectSignedWith(session, headers, 'S3RVER', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN');
  });

  describe('container environments', () => {
    const endpoint = new CannedServer();
    let url = '';
    beforeAll(async () => {
      endpoint.handler = () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ RoleArn: 'arn:aws:iam::123456789012:role/task', AccessKeyId: 'S3RVER', SecretAccessKey: 'S3RVER', Token: 'ecs-task-token', Expiration: isoIn(6 * 3600) }),
      });
      url = await endpoint.start();
    });
    afterAll(() => endpoint.stop());

    it('ECS-like environment: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, then a signed S3 call', async () => {
      const ecsEnv = {
        AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE',
        ECS_CONTAINER_METADATA_URI_V4: `${url}/v4/task-meta`,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/5d2d6a3e-7c0f-4b1e-9a4d-ecs-task',
        // Stands in for http://169.254.170.2 so the test stays on loopback.
        BOTOJS_CONTAINER_METADATA_ENDPOINT: url,
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        HOME: emptyHome(),
      };
      const session = new Session({ env: ecsEnv });
      expect(await session.getCredentials()).toMatchObject({ method: 'container-role', accessKey: 'S3RVER' });
      const headers = recordHeaders(session);
      await roundTrip(session);
      await expectSignedWith(session, headers, 'S3RVER', 'ecs-task-token');
      expect(endpoint.requests.some((r) => r.url === '/v2/credentials/5d2d6a3e-7c0f-4b1e-9a4d-ecs-task')).toBe(true);
    });

    it('EKS Pod Identity-like environment: full URI plus an authorization token file', async () => {
      const home = emptyHome();
      const tokenFile = path.join(home, 'eks-pod-identity-token');
      fs.writeFileSync(tokenFile, 'eks-pod-token');
      endpoint.requests.length = 0;
      const session = new Session({
        env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile, AWS_REGION: 'us-east-1', HOME: home },
      });
      await roundTrip(session);
      expect(endpoint.requests[0].headers.authorization).toBe('eks-pod-token');
    });
  });

  it('EC2-like environment: IMDSv2 instance profile, then a signed S3 call', async () => {
    const imds = new FakeImds();
    await imds.start();
    try {
      imds.behaviour = { keys: { AccessKeyId: 'S3RVER', SecretAccessKey: 'S3RVER', Token: 'instance-token', Expiration: isoIn(6 * 3600) } };
      const session = new Session({ env: { HOME: emptyHome(), AWS_REGION: 'us-east-1', AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url } });
      expect(await session.getCredentials()).toMatchObject({ method: 'iam-role', accessKey: 'S3RVER' });
      const headers = recordHeaders(session);
      await roundTrip(session);
      await expectSignedWith(session, headers, 'S3RVER', 'instance-token');
    } finally {
      await imds.stop();
    }
  });
});
