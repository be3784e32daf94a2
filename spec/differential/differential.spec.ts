/**
 * The whole-API differential against the installed boto3, as a jest spec (README.md beside it).
 *
 * Runs every operation of the core services plus a deterministic per-protocol sample of the
 * rest (the full sweep takes about three minutes on two cores, too long for CI next to the rest
 * of the suite; `npm run sweep` runs it all, or set SWEEP_FULL=1 here). Prints the pass rates
 * per protocol and fails when it finds a difference known-differences.json does not list (and,
 * in the full sweep, when an entry of that list matched nothing: stale).
 * A second, small run has both SDKs speak smithy-rpc-v2-cbor to CloudWatch (botocore's own
 * choice there is json, which the first run covers).
 * Skips, saying why, where python3 with boto3 (of the models' botocore version) is missing.
 */
import { loadKnown } from './known-list';
import { listServices } from './model-catalog';
import { formatGroups, formatSummary, groupDifferences, judge, JudgedCase, summarize, unusedKnown } from './report';
import type { KnownDifference } from './known-list';
import { casesFor, subsetCases } from './selection';
import { pythonStatus, runSweep } from './sweep-runner';

const status = pythonStatus();
const full = process.env.SWEEP_FULL === '1';
if (!status.ok) console.log(`differential sweep skipped: ${status.message}`);

(status.ok ? describe : describe.skip)(`differential sweep against boto3 (${full ? 'full' : 'core services + sample'})`, () => {
  let judged: JudgedCase[] = [];
  let known: KnownDifference[] = [];

  beforeAll(async () => {
    const cases = full ? casesFor(listServices().map((s) => s.name)) : subsetCases();
    const { pairs, times } = await runSweep(cases, { python: status.python });
    known = loadKnown();
    judged = judge(pairs, known);
    const skipped = cases.filter((c) => c.skip);
    console.log(`${formatSummary(summarize(judged, skipped), `Differential sweep (${cases.length} cases, ${status.message})`, times)}\n\nMost frequent differences:\n${formatGroups(groupDifferences(judged, 'all'), 15)}`);
  }, 15 * 60_000);

  it('finds no difference that known-differences.json does not list', () => {
    const unknown = groupDifferences(judged, 'unknown');
    if (unknown.length) {
      throw new Error(`${unknown.length} kind(s) of difference not in spec/differential/known-differences.json (fix botojs, or list them with a reason; npm run sweep -- --show=<case id> shows a case in full):\n${formatGroups(unknown, 100)}`);
    }
    expect(judged.length).toBeGreaterThan(0);
  });

  // Only the full sweep sees every case, so only it can tell an entry matches nothing any more.
  (full ? it : it.skip)('lists no stale entry (one that matched no difference)', () => {
    const stale = unusedKnown(judged, known);
    if (stale.length) throw new Error(`${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'} in known-differences.json (remove them):\n${stale.map((e) => `  ${JSON.stringify(e)}`).join('\n')}`);
  });
});

(status.ok ? describe : describe.skip)('differential sweep against boto3: CloudWatch over smithy-rpc-v2-cbor', () => {
  it('finds no difference that known-differences.json does not list', async () => {
    const protocol = 'smithy-rpc-v2-cbor';
    const cases = casesFor(['cloudwatch'], protocol);
    expect(cases.every((c) => c.protocol === protocol)).toBe(true);
    const { pairs, times } = await runSweep(cases, { python: status.python, protocol });
    const judged = judge(pairs, loadKnown());
    console.log(formatSummary(summarize(judged, []), `Differential sweep, CloudWatch over CBOR (${cases.length} cases)`, times));
    const unknown = groupDifferences(judged, 'unknown');
    if (unknown.length) throw new Error(`CBOR differences not in known-differences.json:\n${formatGroups(unknown, 100)}`);
    // The requests really were CBOR on both sides.
    for (const side of ['boto3', 'botojs'] as const) {
      const sent = pairs.find((p) => p.case.compareRequest && p[side].requests.length)?.[side].requests[0];
      expect([side, sent?.target, sent?.headers.find(([n]) => n.toLowerCase() === 'smithy-protocol')?.[1]]).toEqual([side, expect.stringMatching(/^\/service\/GraniteServiceVersion20100801\/operation\//), 'rpc-v2-cbor']);
    }
  }, 5 * 60_000);
});
