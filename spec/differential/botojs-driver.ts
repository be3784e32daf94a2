/**
 * The botojs side of the differential sweep, run as its own Node process (by sweep-runner.ts):
 * reads cases as JSON lines on stdin, calls botojs against the capture server, and writes one
 * JSON line per case with the outcome, in the same shape as boto3_driver.py.
 *
 * Made deterministic the same way as the boto3 driver, without touching src/:
 * - `Date.now` is frozen at SWEEP_NOW before any client exists (the signer takes its date from
 *   the client's ClockSkew, which reads Date.now);
 * - `crypto.randomUUID` (the idempotency-token default) yields the per-case counter sequence;
 * - every host name resolves to SWEEP_ADDR (`dns.lookup`, which node:net reads at call time).
 * SWEEP_PROTOCOL, when set, is Config's `protocol` for every model that lists it (the boto3
 * driver puts it first in botocore's preference).
 */
// `import x = require()`: the module objects themselves (an `import * as` namespace is frozen).
import crypto = require('crypto');
import dns = require('dns');
import * as readline from 'readline';
import { untag, Tagged } from './tagged';
import { resolvedProtocol } from './model-catalog';
import type { ProtocolName } from '../../src';

const ENDPOINT = process.env.SWEEP_ENDPOINT as string;
const FORCED = process.env.SWEEP_PROTOCOL as import('../../src').ProtocolName | undefined;
const ADDR = process.env.SWEEP_ADDR as string;
const NOW = Date.parse(process.env.SWEEP_NOW as string);

Date.now = () => NOW;

let tokenCounter = 0;
(crypto as { randomUUID: () => string }).randomUUID = () => `00000000-0000-4000-8000-${String(++tokenCounter).padStart(12, '0')}`;

type LookupCallback = (err: Error | null, address: string | dns.LookupAddress[], family?: number) => void;
(dns as { lookup: unknown }).lookup = (_host: string, options: unknown, callback?: LookupCallback) => {
  const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
  process.nextTick(() => (all ? cb(null, [{ address: ADDR, family: 4 }]) : cb(null, ADDR, 4)));
};

// Required after the patches: the session and clients must see the frozen clock.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const botojs = require('../../src') as typeof import('../../src');

const session = new botojs.Session({
  awsAccessKeyId: 'AKIDSWEEPEXAMPLE',
  awsSecretAccessKey: 'sweep/secret/key',
  regionName: 'us-east-1',
  env: { AWS_CONFIG_FILE: '/nonexistent/sweep-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/sweep-credentials' },
  authTokenProvider: async () => 'sweep-bearer-token',
});

const clients = new Map<string, Record<string, (params: unknown) => Promise<unknown>>>();

function clientFor(service: string): Record<string, (params: unknown) => Promise<unknown>> {
  let c = clients.get(service);
  if (!c) {
    const config = { retries: { mode: 'standard' as const, totalMaxAttempts: 1 }, connectTimeout: 5, readTimeout: 15 };
    let client = session.client(service, { endpointUrl: ENDPOINT, config });
    const metadata = client.meta.serviceModel.metadata;
    // botojs speaks a model's protocols in the model's order, botocore in its own preference:
    // the sweep compares like with like, so the client speaks the protocol boto3 will.
    const protocol = resolvedProtocol(metadata, FORCED) as ProtocolName;
    client.close();
    client = session.client(service, { endpointUrl: ENDPOINT, config: { ...config, protocol } });
    c = client as unknown as Record<string, (params: unknown) => Promise<unknown>>;
    clients.set(service, c);
  }
  return c;
}

function iso(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
}

/** Results as plain JSON, in the boto3 driver's conventions. */
async function normalize(v: unknown): Promise<unknown> {
  if (v === undefined) return undefined;
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (typeof v === 'bigint') return Number(v);
    return v;
  }
  if (v instanceof Date) return iso(v);
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString('base64') };
  if (v instanceof botojs.StreamingBody) return { $stream: (await v.read()).toString('base64') };
  if (Symbol.asyncIterator in v) return { $eventstream: await readEvents(v as AsyncIterable<unknown>) };
  if (Array.isArray(v)) return Promise.all(v.map(normalize));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const n = await normalize(x);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/**
 * An event stream read to its end: its events, and the error that ended it. An exception event
 * is compared by Code and Message (boto3 raises EventStreamError, botojs the modeled class).
 */
async function readEvents(stream: AsyncIterable<unknown>): Promise<unknown> {
  const events: unknown[] = [];
  try {
    for await (const event of stream) events.push(await normalize(event));
  } catch (e) {
    const err = e as Error & { response?: { Error?: { Code?: string; Message?: string } } };
    const error = err instanceof botojs.ClientError ? { Code: err.response?.Error?.Code, Message: err.response?.Error?.Message } : { class: err?.name, message: String(err?.message ?? e).slice(0, 200) };
    return { events, error };
  }
  return { events };
}

interface DriverCase {
  id: string;
  service: string;
  operation: string;
  params: Record<string, Tagged>;
}

async function run(c: DriverCase): Promise<unknown> {
  tokenCounter = 0;
  try {
    const client = clientFor(c.service);
    const result = await client[c.operation](untag(c.params));
    return { kind: 'ok', result: await normalize(result) };
  } catch (e) {
    const err = e as Error & { response?: unknown };
    if (err instanceof botojs.ClientError) return { kind: 'client-error', class: err.name, response: await normalize(err.response) };
    return { kind: 'exception', class: err?.name ?? typeof e, message: String(err?.message ?? e).slice(0, 500) };
  }
}

async function main(): Promise<void> {
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as DriverCase;
    const outcome = await run(c);
    process.stdout.write(JSON.stringify({ id: c.id, outcome }) + '\n');
  }
  for (const client of clients.values()) (client as unknown as { close?: () => void }).close?.();
}

void main();
