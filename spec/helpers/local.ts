/**
 * Clients wired to the embedded servers started by spec/setup/global-setup.ts.
 */
import { Config, Session } from '../../src';

export function s3Endpoint(): string {
  const e = process.env.BOTOJS_TEST_S3_ENDPOINT;
  if (!e) throw new Error('BOTOJS_TEST_S3_ENDPOINT is not set: jest globalSetup did not run');
  return e;
}

export function dynamodbEndpoint(): string {
  const e = process.env.BOTOJS_TEST_DYNAMODB_ENDPOINT;
  if (!e) throw new Error('BOTOJS_TEST_DYNAMODB_ENDPOINT is not set: jest globalSetup did not run');
  return e;
}

/** A session isolated from the developer's ~/.aws and AWS_* variables. */
export function isolatedSession(extra: Record<string, string> = {}): Session {
  return new Session({
    awsAccessKeyId: 'S3RVER',
    awsSecretAccessKey: 'S3RVER',
    regionName: 'us-east-1',
    env: { AWS_CONFIG_FILE: '/nonexistent/config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', ...extra },
  });
}

export function localS3(session = isolatedSession()) {
  return session.client('s3', { endpointUrl: s3Endpoint(), config: new Config({ s3: { addressingStyle: 'path' } }) });
}

export function localDynamoDb(session = isolatedSession()) {
  return session.client('dynamodb', { endpointUrl: dynamodbEndpoint() });
}

let counter = 0;
/** A bucket name unique to this test run. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
