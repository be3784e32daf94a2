/**
 * `npm run sweep`: the whole-API differential against the installed boto3 (see
 * spec/differential/README.md). By default every operation of every shipped model; prints the
 * pass rates per protocol, the most frequent differences, the unlisted ones and, on a full
 * unsharded run, the stale known entries (those that matched nothing). Exits 1 when an unlisted
 * difference was found or (full run) a known entry is stale, 0 otherwise (also when python3/boto3 are missing: it says so and skips).
 *
 *   npm run sweep -- [--shard=i/n] [--services=s3,sqs] [--subset] [--out=report.json] [--top=40]
 *   npm run sweep -- --protocol=smithy-rpc-v2-cbor [--services=cloudwatch]   (both SDKs speak that
 *     protocol to the models that list it; without --services, every such model)
 *   npm run sweep -- --show=s3.PutObject.all,sqs.SendMessage.error   (both sides of these cases in full)
 */
import * as fs from 'fs';
import { SweepCase } from '../spec/differential/cases';
import { loadKnown } from '../spec/differential/known-list';
import { listsProtocol, listServices, loadModel } from '../spec/differential/model-catalog';
import { formatGroups, formatSummary, groupDifferences, judge, summarize, unusedKnown } from '../spec/differential/report';
import { casesFor, shardServices, subsetCases } from '../spec/differential/selection';
import { describePair } from '../spec/differential/describe-pair';
import { describeOutcome } from '../spec/differential/outcome';
import { pythonStatus, runSweep } from '../spec/differential/sweep-runner';

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return undefined;
  return hit.includes('=') ? hit.slice(hit.indexOf('=') + 1) : 'true';
}

async function main(): Promise<number> {
  const status = pythonStatus();
  if (!status.ok) {
    console.log(`sweep skipped: ${status.message}`);
    return 0;
  }
  let cases: SweepCase[];
  const show = arg('show');
  let label: string;
  const shard = arg('shard');
  let services = arg('services');
  const protocol = arg('protocol');
  if (protocol) {
    if (arg('subset') || shard || show) throw new Error('--protocol goes with --services (or alone), not with --subset, --shard or --show');
    services ??= listServices().filter((s) => listsProtocol(loadModel(s.file).metadata, protocol)).map((s) => s.name).join(',');
    if (!services) throw new Error(`--protocol=${protocol}: no shipped model lists it`);
  }
  if (arg('subset')) {
    cases = subsetCases();
    label = 'subset (core services + sample)';
  } else if (!services && show) {
    const names = [...new Set(show.split(',').map((id) => id.split('.')[0]))];
    cases = casesFor(names).filter((c) => show.split(',').includes(c.id));
    label = `cases ${show}`;
  } else if (services) {
    cases = casesFor(services.split(','), protocol);
    label = `services ${services}${protocol ? ` over ${protocol}` : ''}`;
  } else if (shard) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new Error(`--shard=i/n with 1 <= i <= n, not '${shard}'`);
    const names = shardServices(Number(m[1]) - 1, Number(m[2]));
    cases = casesFor(names);
    label = `shard ${shard} (${names.length} services)`;
  } else {
    cases = casesFor(listServices().map((s) => s.name));
    label = 'full sweep';
  }
  const known = loadKnown();
  const skipped = cases.filter((c) => c.skip);
  console.log(`${label}: ${cases.length} cases (${skipped.length} skipped), ${status.message}`);
  let last = 0;
  const { pairs, times } = await runSweep(cases, {
    python: status.python,
    protocol,
    onProgress: (side, n) => {
      if (side === 'botojs' && n - last >= 2000) {
        last = n;
        console.log(`  ${n} cases...`);
      }
    },
  });
  const judged = judge(pairs, known);
  console.log('\n' + formatSummary(summarize(judged, skipped), `Differential sweep, ${label}`, times));
  const top = Number(arg('top') ?? 40);
  console.log(`\nMost frequent differences (all, known or not):\n${formatGroups(groupDifferences(judged, 'all'), top)}`);
  const unknown = groupDifferences(judged, 'unknown');
  if (unknown.length) console.log(`\nNOT in known-differences.json:\n${formatGroups(unknown, 1000)}`);
  let stale: unknown[] = [];
  if (!shard && !services && !arg('subset') && !show) {
    stale = unusedKnown(judged, known);
    if (stale.length) console.log(`\nStale known entries, matching no difference (remove them: the run fails while they stay):\n${stale.map((e) => `  ${JSON.stringify(e)}`).join('\n')}`);
  }
  if (show) {
    const ids = new Set(show.split(','));
    for (const p of pairs.filter((x) => ids.has(x.case.id))) console.log(`\n${describePair(p)}`);
  }
  const out = arg('out');
  if (out) {
    const rows = judged.filter((j) => j.diffs.length).map((j) => ({ id: j.case.id, protocol: j.case.protocol, diffs: j.diffs.map((d, i) => ({ ...d, known: j.knownIndex[i] >= 0 })) }));
    // Cases neither SDK sent (both refused alike): they pass, but test no wire format.
    const refused = pairs.filter((p) => p.case.compareRequest && !p.boto3.requests.length && !p.botojs.requests.length).map((p) => ({ id: p.case.id, boto3: describeOutcome(p.boto3.outcome), botojs: describeOutcome(p.botojs.outcome) }));
    fs.writeFileSync(out, JSON.stringify({ label, times, skipped: skipped.map((c) => ({ id: c.id, reason: c.skip })), refused, cases: rows }, null, 1));
    console.log(`\nreport written to ${out}`);
  }
  return unknown.length || stale.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
