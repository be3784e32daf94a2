/**
 * Lets every example run on its own: `npm run example examples/tour.ts` (or
 * `npx ts-node --transpile-only examples/tour.ts`). Each example ends with
 * `runExample(module, itsTour)`, which does nothing when the file is imported (`npm run demo`,
 * the tests) and, when the file is the program, runs the tour against:
 *   - AWS_ENDPOINT_URL_S3 and AWS_ENDPOINT_URL_DYNAMODB, when both are set (LocalStack, MinIO
 *     + DynamoDB Local, ...), or else
 *   - the embedded s3rver and dynalite, started on free loopback ports and stopped afterwards.
 * No AWS account and no network are needed.
 */
import { startLocalServers } from '../scripts/local-servers';

export interface ExampleEndpoints {
  s3Endpoint: string;
  dynamodbEndpoint: string;
}

async function main(example: (endpoints: ExampleEndpoints) => Promise<void>): Promise<void> {
  const s3Endpoint = process.env.AWS_ENDPOINT_URL_S3;
  const dynamodbEndpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (s3Endpoint && dynamodbEndpoint) {
    console.log(`S3 at ${s3Endpoint}, DynamoDB at ${dynamodbEndpoint} (from AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB)`);
    await example({ s3Endpoint, dynamodbEndpoint });
    return;
  }
  const servers = await startLocalServers();
  console.log(`Embedded S3 at ${servers.s3Endpoint}, DynamoDB at ${servers.dynamodbEndpoint}`);
  try {
    await example({ s3Endpoint: servers.s3Endpoint, dynamodbEndpoint: servers.dynamodbEndpoint });
  } finally {
    await servers.stop();
  }
}

/** Runs `example` when `mod` is the program's entry module; otherwise does nothing. */
export function runExample(mod: NodeModule, example: (endpoints: ExampleEndpoints) => Promise<void>): void {
  if (require.main !== mod) return;
  main(example).catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
