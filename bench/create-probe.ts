/**
 * Client creation probe, one fresh `node` process per sample: requires botojs, then times
 * `session.client(service)` (wall and the process's own CPU) for the first client of the service
 * and for a second one. Args: <service>. The parent runs it for S3, DynamoDB and EC2 (EC2's model
 * is the largest: 765 operations, 1.1 MB) and prints medians.
 */
import { performance } from 'node:perf_hooks';
import { runNodeJson, type Pinning } from './processes';
import { fmt, median, table } from './stats';
import { requireModule, sdkPathsFromEnv, CREDENTIALS, REGION } from './sdk-adapters';
import * as path from 'node:path';

export interface CreateSample {
  service: string;
  firstMs: number;
  firstCpuMs: number;
  secondMs: number;
}

export type CreateResults = Record<string, CreateSample[]>;

export const CREATE_SERVICES = ['s3', 'dynamodb', 'ec2'] as const;

function probe(service: string): CreateSample {
  const mod = requireModule(sdkPathsFromEnv(), 'botojs') as { Session: new (opts: unknown) => { client(name: string): unknown } };
  const session = new mod.Session({ awsAccessKeyId: CREDENTIALS.accessKeyId, awsSecretAccessKey: CREDENTIALS.secretAccessKey, regionName: REGION });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  session.client(service);
  const t1 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  session.client(service);
  const t2 = performance.now();
  return { service, firstMs: t1 - t0, firstCpuMs: (cpu.user + cpu.system) / 1000, secondMs: t2 - t1 };
}

export async function runCreateProbes(
  runs: number, pin: Pinning, jsDir: string, env: Record<string, string>, waitForQuiet: () => Promise<unknown>,
): Promise<CreateResults> {
  const results: CreateResults = {};
  for (let run = 0; run < runs; run += 1) {
    process.stderr.write(`bench: client creation run ${run + 1}/${runs}\n`);
    await waitForQuiet();
    for (const service of CREATE_SERVICES) {
      const sample = await runNodeJson<CreateSample>(pin, path.join(jsDir, 'create-probe.js'), [service], env);
      (results[service] ??= []).push(sample);
    }
  }
  return results;
}

export function createTable(results: CreateResults, runs: number): string {
  const rows = [[`botojs client creation (median of ${runs} fresh processes)`, 'first client ms', 'first client CPU ms', 'second client ms']];
  for (const [service, samples] of Object.entries(results)) {
    rows.push([service, fmt(median(samples.map((s) => s.firstMs))), fmt(median(samples.map((s) => s.firstCpuMs))), fmt(median(samples.map((s) => s.secondMs)))]);
  }
  return [table(rows), '(after require(botojs); `session.client(name)`; the second client is of the same service in the same process)'].join('\n');
}

if (require.main === module) {
  try {
    process.stdout.write(`${JSON.stringify(probe(process.argv[2] ?? 's3'))}\n`);
  } catch (err) {
    process.stderr.write(`create probe failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
