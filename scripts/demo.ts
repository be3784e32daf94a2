/**
 * `npm run demo`: starts the embedded S3 (s3rver) and DynamoDB (dynalite) servers on free
 * loopback ports, runs the tours in examples/ against them (clients, paginators and waiters,
 * resources, S3 transfers, profiles), and stops them.
 * No AWS account and no network are needed.
 *
 * The demo is never silent for long: it says what it starts before loading anything, each step
 * prints as it goes, and long steps draw progress bars (a few lines instead, off a terminal).
 */
import { heartbeat } from './heartbeat';
import type * as Servers from './local-servers';
import type * as Tours from './demo-tours';

async function main(): Promise<void> {
  // scripts/demo.js (the npm script's entry) noted when the process began.
  const started = Number(process.env.BOTOJS_DEMO_STARTED) || Date.now();
  console.log('botojs demo: an embedded S3 (s3rver) and DynamoDB (dynalite) on loopback, and the tours of examples/');
  // Loaded after the line above: ts-node compiles botojs on this first require, for seconds
  // during which the main thread runs nothing, so a worker thread says it is still going.
  const stopHeartbeat = heartbeat('  compiling botojs (TypeScript, once per run)...');
  const { startLocalServers } = require('./local-servers') as typeof Servers;
  const { TOURS } = require('./demo-tours') as typeof Tours;
  await stopHeartbeat();
  console.log(`  loaded in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the servers...`);
  const servers = await startLocalServers();
  console.log(`Embedded S3 at ${servers.s3Endpoint}, DynamoDB at ${servers.dynamodbEndpoint}`);
  try {
    const endpoints = { s3Endpoint: servers.s3Endpoint, dynamodbEndpoint: servers.dynamodbEndpoint };
    for (const [i, tour] of TOURS.entries()) {
      console.log(`\n#### ${i + 1}/${TOURS.length} ${tour.title}`);
      await tour.run(endpoints);
    }
  } finally {
    await servers.stop();
  }
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Try it yourself: npx botojs --endpoint-url <url>  (see README, "The REPL")`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
