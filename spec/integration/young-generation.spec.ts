/**
 * A call's objects die young: at concurrency 16, with and without one AbortSignal shared by
 * every call, what V8 moves from the young generation to the old one per young collection stays
 * small. A fresh Node process (V8's --trace-gc-nvp prints each young collection's `promoted`
 * bytes) makes DynamoDB GetItem calls against dynalite, running a transpiled copy of src/ (not
 * through ts-node: its hooks alone keep objects alive long enough to be promoted).
 *
 * Before src/util/churn-set.ts, the requests in flight and an AbortSignal's subscribers were
 * kept in Sets: the chain of a Set's replaced hash tables kept each request's objects alive
 * through two young collections, and 0.6-1.7 MB were promoted per collection (a mark-compact
 * every few seconds under load). Now it is a few KB at most.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { dynamodbEndpoint, isolatedSession, uniqueName } from '../helpers/local';
import { transpiledPackage } from '../helpers/transpile-tree';

const execNode = promisify(execFile);

let work: string;
let pkg: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'botojs-young-spec-'));
  pkg = path.join(work, 'botojs');
  transpiledPackage(pkg);
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const PROGRAM = `
  const [pkg, endpoint, table] = process.argv.slice(1);
  const { Session } = require(pkg + '/dist');
  const session = new Session({ regionName: 'us-east-1', awsAccessKeyId: 'S3RVER', awsSecretAccessKey: 'S3RVER', env: { AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' } });
  const ddb = session.client('dynamodb', { endpointUrl: endpoint });
  const run = async (count, options) => {
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < count) {
        next++;
        const r = await ddb.getItem({ TableName: table, Key: { pk: { S: 'a' } } }, options);
        if (r.Item.pk.S !== 'a') throw new Error('bad item');
      }
    }));
  };
  (async () => {
    await run(2000);
    console.log('PHASE plain');
    await run(5000);
    const ac = new AbortController();
    console.log('PHASE signal-warm-up');
    await run(1000, { abortSignal: ac.signal });
    console.log('PHASE shared-signal');
    await run(5000, { abortSignal: ac.signal });
    console.log('PHASE end');
    ddb.close();
  })().catch((e) => { console.error(e); process.exit(1); });`;

/** Runs `program` (args after it); returns each PHASE's `promoted` bytes, one number per young collection. */
async function promotedByPhase(program: string, args: string[]): Promise<Record<string, number[]>> {
  const { stdout } = await execNode(process.execPath, ['--trace-gc-nvp', '-e', program, ...args], { maxBuffer: 64 << 20 });
  const phases: Record<string, number[]> = {};
  let phase: string | undefined;
  for (const line of stdout.split('\n')) {
    const marker = /^PHASE (\S+)/.exec(line);
    if (marker) {
      phase = marker[1];
      phases[phase] = [];
      continue;
    }
    // A young collection (gc=s); its promoted=<bytes>.
    const promoted = / gc=s .*\bpromoted=(\d+)/.exec(line);
    if (promoted && phase) phases[phase].push(Number(promoted[1]));
  }
  return phases;
}

/**
 * Fills the young generation a few times while `keep` holds what the program made so far, so
 * that it reaches the old generation (a long-lived collection in an application does).
 */
const AGE = `const age = () => { let junk; for (let i = 0; i < 3e6; i++) junk = { i }; return junk; };`;

const kb = (xs: number[]): string => xs.map((b) => (b / 1024).toFixed(0)).join(' ');

/** Runs `program` (whose churn follows its `PHASE churn` line) and checks its median promoted bytes. */
async function expectLittlePromoted(program: string, doing: string, limitKb: number): Promise<void> {
  const { churn = [] } = await promotedByPhase(program, [pkg]);
  console.log(`promoted per young collection (KB) ${doing}: ${kb(churn)}`);
  // Enough young collections for the median to mean something.
  expect(churn.length).toBeGreaterThanOrEqual(5);
  expect(median(churn)).toBeLessThan(limitKb * 1024);
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

describe('objects of finished calls', () => {
  it('are not promoted to the old generation at concurrency 16, with or without a shared AbortSignal', async () => {
    const table = uniqueName('young');
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: dynamodbEndpoint() });
    await ddb.createTable({
      TableName: table,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    await ddb.putItem({ TableName: table, Item: { pk: { S: 'a' }, n: { N: '1' } } });
    ddb.close();

    const phases = await promotedByPhase(PROGRAM, [pkg, dynamodbEndpoint(), table]);
    const plain = phases.plain ?? [];
    const shared = phases['shared-signal'] ?? [];
    console.log(`promoted per young collection (KB), plain calls: ${kb(plain)}; with a shared signal: ${kb(shared)}`);
    // Enough young collections in each phase for the median to mean something.
    expect(plain.length).toBeGreaterThanOrEqual(5);
    expect(shared.length).toBeGreaterThanOrEqual(5);
    expect(median(plain)).toBeLessThan(64 * 1024);
    expect(median(shared)).toBeLessThan(64 * 1024);
  }, 180000);

  it('a ChurnSet that reached the old generation keeps none of its former members alive', async () => {
    const program = `
      const { ChurnSet } = require(process.argv[1] + '/dist/util/churn-set');
      ${AGE}
      const set = new ChurnSet();
      const first = { churnSlot: -1 };
      set.add(first);
      age();
      set.delete(first);
      console.log('PHASE churn');
      const live = [];
      for (let i = 0; i < 400000; i++) {
        const member = { payload: new Array(20).fill(i), churnSlot: -1 };
        set.add(member);
        live.push(member);
        if (live.length > 16) set.delete(live.shift());
      }
      if (set.size !== 16) throw new Error('size ' + set.size);`;
    await expectLittlePromoted(program, 'while 400,000 members came and went', 64);
  }, 60000);

  it("an AbortSignal's subscribers keep none of the finished ones alive, once the signal is old", async () => {
    const program = `
      const { onAbort } = require(process.argv[1] + '/dist/util/abort');
      ${AGE}
      const signal = new AbortController().signal;
      // A call that stays subscribed for the whole run keeps the signal's subscriber list.
      onAbort(signal, () => undefined);
      age();
      console.log('PHASE churn');
      const live = [];
      for (let i = 0; i < 400000; i++) {
        const payload = new Array(20).fill(i);
        live.push(onAbort(signal, () => payload.length));
        if (live.length > 16) live.shift()();
      }`;
    await expectLittlePromoted(program, 'while 400,000 calls subscribed and left', 64);
  }, 60000);

  it('an endpoint cache that reached the old generation does not churn its Map on hits', async () => {
    const program = `
      const { EndpointCache } = require(process.argv[1] + '/dist/pipeline/endpoint-cache');
      ${AGE}
      const cache = new EndpointCache();
      const endpoints = [0, 1].map((n) => ({ url: 'https://b' + n + '.example', properties: {}, headers: {} }));
      for (const n of [0, 1]) cache.resolve(null, () => null, { Region: 'us-east-1', Bucket: 'b' + n }, () => endpoints[n]);
      age();
      console.log('PHASE churn');
      // A client alternating between two buckets: every call a hit on the other entry.
      for (let i = 0; i < 400000; i++) {
        const got = cache.resolve(null, () => null, { Region: 'us-east-1', Bucket: 'b' + (i & 1) }, () => { throw new Error('miss'); });
        if (got !== endpoints[i & 1]) throw new Error('wrong endpoint');
        new Array(30).fill(i);
      }`;
    // Re-inserting on each hit promoted 20-200 KB per collection here (its tables, no calls).
    await expectLittlePromoted(program, 'over 400,000 alternating hits', 16);
  }, 60000);
});
