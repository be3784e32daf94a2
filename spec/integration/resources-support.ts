/**
 * Helpers for the resource integration suites: record the requests a botojs client makes, and
 * run the same resource code in boto3 (python3) against the same local server, recording
 * its requests the same way (at `provide-client-params`, i.e. the params the resource layer
 * passed to the client, before any handler rewrites them).
 */
import { execFile, execFileSync } from 'child_process';
import { promisify } from 'util';
import type { Client } from '../../src';

export type Call = [operation: string, params: Record<string, unknown>];

/** Records every operation call (name and params) the client makes from now on. */
export function recordCalls(client: Client): Call[] {
  const calls: Call[] = [];
  client.meta.events.register('provide-client-params', (payload) => {
    const op = payload.operation as { name: string };
    calls.push([op.name, jsonSafe(payload.params) as Record<string, unknown>]);
    return undefined;
  });
  return calls;
}

/** Params as JSON would carry them (Buffers/streams reduced to a marker, Dates to ISO). */
export function jsonSafe(v: unknown): unknown {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return '<bytes>';
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') {
    if (typeof (v as { pipe?: unknown }).pipe === 'function') return '<stream>';
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonSafe(x)]));
  }
  return v;
}

let boto3Available: boolean | undefined;

/** Whether python3 with boto3 can run here (checked once). */
export function hasBoto3(): boolean {
  if (boto3Available === undefined) {
    try {
      execFileSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' });
      boto3Available = true;
    } catch {
      boto3Available = false;
      console.log('[botojs] python3/boto3 not available: boto3 request-parity checks are skipped');
    }
  }
  return boto3Available;
}

const PRELUDE = `
import json, os, sys, boto3
from botocore.config import Config
calls = []
def _rec(params, model, **kw):
    def safe(v):
        if isinstance(v, (bytes, bytearray)): return '<bytes>'
        if isinstance(v, dict): return {k: safe(x) for k, x in v.items()}
        if isinstance(v, list): return [safe(x) for x in v]
        if hasattr(v, 'read'): return '<stream>'
        if hasattr(v, 'isoformat'): return v.isoformat()
        return v
    calls.append([model.name, safe(params)])
session = boto3.Session(aws_access_key_id=os.environ['K'], aws_secret_access_key=os.environ['K'], region_name='us-east-1')
session.events.register('provide-client-params', _rec)
def resource(name):
    return session.resource(name, endpoint_url=os.environ['ENDPOINT'], config=Config(s3={'addressing_style': 'path'}))
`;

/**
 * Runs `script` (Python, with `resource(name)` and `calls` in scope) and returns the calls it
 * made after its last `calls.clear()`, or null when boto3 is unavailable.
 */
export async function runBoto3(script: string, endpoint: string, accessKey = 'S3RVER'): Promise<Call[] | null> {
  if (!hasBoto3()) return null;
  const code = `${PRELUDE}\n${script}\nsys.stdout.write(json.dumps(calls))\n`;
  // Asynchronous on purpose: when jest runs in band, the local servers share this event loop.
  const { stdout: out } = await promisify(execFile)('python3', ['-c', code], { encoding: 'utf8', env: { ...process.env, ENDPOINT: endpoint, K: accessKey, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as Call[];
}

/** Calls with one name replaced by another everywhere (to compare runs on different buckets). */
export function renamed(calls: Call[], from: string, to: string): Call[] {
  return JSON.parse(JSON.stringify(calls).split(from).join(to)) as Call[];
}

/** Drains an async iterable into an array. */
export async function toArray<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}
