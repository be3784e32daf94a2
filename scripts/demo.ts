/**
 * `npm run demo`: starts the embedded S3 (s3rver) and DynamoDB (dynalite) servers on free
 * loopback ports, runs the tours in examples/ against them (clients, paginators and waiters,
 * resources, S3 transfers, profiles), and stops them.
 * No AWS account and no network are needed.
 */
import { runPaginatorsAndWaitersTour } from '../examples/paginators-and-waiters';
import { runProfilesDemo } from '../examples/profiles';
import { runResourcesTour } from '../examples/resources-tour';
import { runTour } from '../examples/tour';
import { runTransfersTour } from '../examples/transfers-tour';
import { startLocalServers } from './local-servers';

async function main(): Promise<void> {
  const servers = await startLocalServers();
  console.log(`Embedded S3 at ${servers.s3Endpoint}, DynamoDB at ${servers.dynamodbEndpoint}\n`);
  try {
    const endpoints = { s3Endpoint: servers.s3Endpoint, dynamodbEndpoint: servers.dynamodbEndpoint };
    await runTour(endpoints);
    await runPaginatorsAndWaitersTour(endpoints);
    await runResourcesTour(endpoints);
    await runTransfersTour(endpoints);
    await runProfilesDemo(endpoints);
  } finally {
    await servers.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
