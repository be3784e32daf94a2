/** jest globalSetup: start s3rver and dynalite once for all integration suites. */
import { startLocalServers, startMoto } from '../../scripts/local-servers';

export default async function globalSetup(): Promise<void> {
  const servers = await startLocalServers();
  process.env.BOTOJS_TEST_S3_ENDPOINT = servers.s3Endpoint;
  process.env.BOTOJS_TEST_DYNAMODB_ENDPOINT = servers.dynamodbEndpoint;
  (globalThis as { __BOTOJS_SERVERS__?: unknown }).__BOTOJS_SERVERS__ = servers;
  // moto (EC2/SQS/SNS/IAM resource flows): optional; tests skip with a notice without it.
  const moto = await startMoto();
  if (moto) process.env.BOTOJS_TEST_MOTO_ENDPOINT = moto.endpoint;
  (globalThis as { __BOTOJS_MOTO__?: unknown }).__BOTOJS_MOTO__ = moto;
}
