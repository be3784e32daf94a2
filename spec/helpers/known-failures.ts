/**
 * The one known-failure mechanism of the conformance suites (spec/conformance/known-failures.json:
 * a section per suite, case id -> one-line reason). A listed case still runs and must still
 * fail: a case test runs as `it.failing`, and a suite that checks many cases in one test asks
 * `verdict`. Either way a known failure that starts passing fails the run, naming the entry to
 * remove; `checkEntries` fails on an entry that names no case, so the list cannot go stale.
 */
import * as fs from 'fs';
import * as path from 'path';

const FILE = path.resolve(__dirname, '../conformance/known-failures.json');

export type ConformanceSuite = 'protocols-input' | 'protocols-output' | 'endpoint-rules' | 'sigv4' | 'configured-endpoint-urls';

export interface KnownFailures {
  /** Why `id` is expected to fail, or undefined when it must pass. */
  reason(id: string): string | undefined;
  /** A jest test for one case: `it.failing` (titled with the reason) when the case is listed. */
  test(id: string, title: string, fn: jest.ProvidesCallback): void;
  /**
   * For a test that checks many cases: the problem to report for `id`, or undefined when its
   * outcome is the expected one (passing, or failing as listed).
   */
  verdict(id: string, ok: boolean, failure: () => string): string | undefined;
  /** A test that every entry names one of `ids` (the suite's cases). */
  checkEntries(ids: () => Iterable<string>): void;
}

export function knownFailures(suite: ConformanceSuite): KnownFailures {
  const all = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, unknown>;
  const listed = (all[suite] ?? {}) as Record<string, string>;
  const reason = (id: string) => (Object.prototype.hasOwnProperty.call(listed, id) ? listed[id] : undefined);
  return {
    reason,
    test(id, title, fn) {
      const why = reason(id);
      if (why === undefined) it(title, fn);
      else it.failing(`${title} (known failure: ${why})`, fn);
    },
    verdict(id, ok, failure) {
      const why = reason(id);
      if (why === undefined) return ok ? undefined : failure();
      return ok ? `${id} is listed in known-failures.json (${suite}) but passes: remove the entry` : undefined;
    },
    checkEntries(ids) {
      it(`known-failures.json (${suite}) names only existing cases`, () => {
        const present = new Set(ids());
        expect(Object.keys(listed).filter((id) => !present.has(id))).toEqual([]);
      });
    },
  };
}
