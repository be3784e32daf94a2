/**
 * Aggregates bench samples (medians across runs) and renders the comparison tables with
 * botojs/v3 ratios. Pure: takes samples, returns text.
 */
import type { ColdStartSample } from './cold-start';
import { SDKS, type OpName, type SdkName } from './sdk-adapters';
import { fmt, median, ratio, table } from './stats';
import type { ThroughputSample } from './throughput';

export const OP_LABEL: Record<OpName, string> = {
  putObject: 'S3 PutObject 1 KiB',
  getObject: 'S3 GetObject 1 KiB',
  listObjectsV2: 'S3 ListObjectsV2 1,000 keys',
  getItem: 'DynamoDB GetItem',
  query: 'DynamoDB Query 100 items (native values)',
  sendMessage: 'SQS SendMessage (JSON)',
  publish: 'SNS Publish (query)',
  describeInstances: 'EC2 DescribeInstances 100 instances',
};

/** Samples for one SDK in one cell, or the error that stopped it. */
export interface Outcome<T> {
  samples: T[];
  error?: string;
}

export type ColdStartResults = Partial<Record<OpName, Partial<Record<SdkName, Outcome<ColdStartSample>>>>>;

/** `node -e 0`, spawn to exit, once per cold-start run: Node's own start-up and exit. */
export interface BareNodeTimes {
  ms: number[];
  /** With NODE_EXTRA_CA_CERTS unset; empty when it is not set. */
  msWithoutExtraCa: number[];
}
/** Keyed by `${op}@${concurrency}`; raw only where it has the operation. */
export type ThroughputResults = Record<string, Partial<Record<SdkName, Outcome<ThroughputSample>>>>;

function med<T>(outcome: Outcome<T> | undefined, pick: (sample: T) => number): number {
  return median((outcome?.samples ?? []).map(pick));
}

function failureNotes<T>(results: Record<string, Partial<Record<SdkName, Outcome<T>>> | undefined>): string[] {
  const notes: string[] = [];
  for (const [cell, bySdk] of Object.entries(results)) {
    for (const [sdk, outcome] of Object.entries(bySdk ?? {})) {
      if (outcome?.error) notes.push(`  ! ${sdk} ${cell}: ${outcome.error.split('\n').slice(0, 4).join(' | ')}`);
    }
  }
  return notes;
}

export function coldStartTable(results: ColdStartResults, runs: number, bare: BareNodeTimes): string {
  const rows: string[][] = [['Cold start (median of ' + runs + ' fresh processes)', 'botojs', 'v3', 'botojs/v3']];
  const withoutExtraCa = bare.msWithoutExtraCa.length > 0;
  const metrics: [string, (s: ColdStartSample) => number][] = [
    ['require ms', (s) => s.requireMs],
    ['create client ms', (s) => s.createMs],
    ['first call ms', (s) => s.firstCallMs],
    ['total ms (require+create+call)', (s) => s.totalMs],
    ['whole process ms (spawn to exit)', (s) => s.processMs ?? NaN],
    ...(withoutExtraCa ? [['whole process ms, NODE_EXTRA_CA_CERTS unset', (s) => s.processMsWithoutExtraCa ?? NaN] as [string, (s: ColdStartSample) => number]] : []),
    ['peak RSS MiB', (s) => s.maxRssMiB],
    ['modules loaded', (s) => s.modules],
  ];
  for (const [op, bySdk] of Object.entries(results) as [OpName, Partial<Record<SdkName, Outcome<ColdStartSample>>>][]) {
    for (const [label, pick] of metrics) {
      const b = med(bySdk.botojs, pick);
      const v = med(bySdk.v3, pick);
      rows.push([`${OP_LABEL[op]}: ${label}`, fmt(b), fmt(v), ratio(b, v)]);
    }
  }
  const notes = [
    '(lower is better; a ratio below 1.00x means botojs is faster/smaller)',
    `(whole process: the probe script, spawn to exit, as the bench's parent sees it; \`node -e 0\` alone takes ${fmt(median(bare.ms))} ms here` +
      (withoutExtraCa
        ? `, ${fmt(median(bare.msWithoutExtraCa))} ms with NODE_EXTRA_CA_CERTS unset: it is set, and Node reads those certificates as every process starts)`
        : ')'),
  ];
  return [table(rows), ...notes, ...failureNotes(results)].join('\n');
}

export function throughputTable(results: ThroughputResults, rounds: number): string {
  const rows: string[][] = [[
    `Throughput (median of ${rounds} run(s))`, 'botojs ops/s', '(min-max)', 'v3 ops/s', 'raw ops/s', 'botojs/v3', 'botojs/raw',
    'botojs p50/p99 ms', 'v3 p50/p99 ms', 'CPU us/op botojs', 'v3', 'raw', 'CPU botojs/v3', 'max bg load',
  ]];
  for (const [cell, bySdk] of Object.entries(results)) {
    const [op, concurrency] = cell.split('@') as [OpName, string];
    const ops = (sdk: SdkName): number => med(bySdk[sdk], (s) => s.opsPerSec);
    const range = (sdk: SdkName): string => {
      const all = (bySdk[sdk]?.samples ?? []).map((s) => s.opsPerSec);
      return all.length > 1 ? `${fmt(Math.min(...all))}-${fmt(Math.max(...all))}` : '';
    };
    const lat = (sdk: SdkName): string =>
      `${fmt(med(bySdk[sdk], (s) => s.p50Ms))}/${fmt(med(bySdk[sdk], (s) => s.p99Ms))}`;
    const cpu = (sdk: SdkName): number => med(bySdk[sdk], (s) => s.cpuUsPerOp);
    rows.push([
      `${OP_LABEL[op]}, c=${concurrency}`,
      fmt(ops('botojs')), range('botojs'), fmt(ops('v3')), fmt(ops('raw')), ratio(ops('botojs'), ops('v3')), ratio(ops('botojs'), ops('raw')),
      lat('botojs'), lat('v3'), fmt(cpu('botojs')), fmt(cpu('v3')), fmt(cpu('raw')), ratio(cpu('botojs'), cpu('v3')),
      `${fmt(Math.max(0, ...SDKS.flatMap((sdk) => (bySdk[sdk]?.samples ?? []).map((s) => s.backgroundPct ?? 0))))}%`,
    ]);
  }
  return [
    table(rows),
    '(ops/s: higher is better, botojs/v3 above 1.00x means botojs is faster; raw: node:http with SigV4, payload hash and CRC32 only,',
    ' no validation/events/shape parsing (XML: one regex): the floor; CPU us/op: the client process\'s own user+system CPU per call,',
    ' lower is better and steadier than ops/s on a shared machine; max bg load: the busiest other-process CPU use',
    ' seen just before a run of that row, % of all cores)',
    ...failureNotes(results),
  ].join('\n');
}
