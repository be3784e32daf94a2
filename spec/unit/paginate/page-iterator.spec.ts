import { AbortError, ParamValidationError } from '../../../src/errors';
import { PaginationError } from '../../../src/paginate/errors';
import { Paginator, PaginatorSpec } from '../../../src/paginate/paginator';
import type { Page } from '../../../src/paginate/page-iterator';

/** A fake List operation over k0..k9: Marker is the start index, MaxKeys the page size (3). */
function fakeService(items = Array.from({ length: 10 }, (_, i) => `k${i}`)) {
  const calls: Array<Record<string, unknown>> = [];
  const call = async (params: Record<string, unknown>) => {
    calls.push(params);
    const start = Number(params.Marker ?? '0');
    const limit = Number(params.MaxKeys ?? 3);
    const page = items.slice(start, start + limit);
    const end = start + page.length;
    const out: Record<string, unknown> = { Items: page, Count: page.length, Tags: [`t${start}`], ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } };
    if (end < items.length) out.NextMarker = String(end);
    return out;
  };
  return { call, calls };
}

const SPEC: PaginatorSpec = { input_token: 'Marker', output_token: 'NextMarker', limit_key: 'MaxKeys', result_key: ['Items', 'Count', 'Tags'] };

async function collect(it: AsyncIterable<Page>): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const p of it) pages.push(p);
  return pages;
}

function strip(full: Record<string, unknown>) {
  const { ResponseMetadata, ...rest } = full; // eslint-disable-line @typescript-eslint/no-unused-vars
  return rest;
}

// Each row is what botocore 1.43's PageIterator produces for the same fake service (run in
// Python against an identical fake): pages' Items, resume token, build_full_result.
const BOTOCORE_RUNS: Array<{ config: Record<string, unknown>; pages: string[][]; resume: string | undefined; full: Record<string, unknown> }> = [
  { config: {}, pages: [['k0', 'k1', 'k2'], ['k3', 'k4', 'k5'], ['k6', 'k7', 'k8'], ['k9']], resume: undefined, full: { Items: ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'], Count: 10, Tags: ['t0', 't3', 't6', 't9'] } },
  { config: { MaxItems: 4 }, pages: [['k0', 'k1', 'k2'], ['k3']], resume: 'eyJNYXJrZXIiOiAiMyIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9', full: { Items: ['k0', 'k1', 'k2', 'k3'], Count: 6, Tags: ['t0', 't3'], NextToken: 'eyJNYXJrZXIiOiAiMyIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9' } },
  { config: { MaxItems: 4, StartingToken: 'eyJNYXJrZXIiOiAiMyIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9' }, pages: [['k4', 'k5'], ['k6', 'k7']], resume: 'eyJNYXJrZXIiOiAiNiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9', full: { Items: ['k4', 'k5', 'k6', 'k7'], Count: 6, Tags: ['t6'], NextToken: 'eyJNYXJrZXIiOiAiNiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9' } },
  { config: { MaxItems: 4, StartingToken: 'eyJNYXJrZXIiOiAiNiIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDJ9' }, pages: [['k8'], ['k9']], resume: undefined, full: { Items: ['k8', 'k9'], Count: 4, Tags: ['t9'] } },
  { config: { MaxItems: 6 }, pages: [['k0', 'k1', 'k2'], ['k3', 'k4', 'k5']], resume: 'eyJNYXJrZXIiOiAiNiJ9', full: { Items: ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'], Count: 6, Tags: ['t0', 't3'], NextToken: 'eyJNYXJrZXIiOiAiNiJ9' } },
  { config: { MaxItems: 6, StartingToken: 'eyJNYXJrZXIiOiAiNiJ9' }, pages: [['k6', 'k7', 'k8'], ['k9']], resume: undefined, full: { Items: ['k6', 'k7', 'k8', 'k9'], Count: 4, Tags: ['t9'] } },
  { config: { PageSize: 4, MaxItems: 5 }, pages: [['k0', 'k1', 'k2', 'k3'], ['k4']], resume: 'eyJNYXJrZXIiOiAiNCIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9', full: { Items: ['k0', 'k1', 'k2', 'k3', 'k4'], Count: 8, Tags: ['t0', 't4'], NextToken: 'eyJNYXJrZXIiOiAiNCIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9' } },
  { config: { PageSize: 4, MaxItems: 5, StartingToken: 'eyJNYXJrZXIiOiAiNCIsICJib3RvX3RydW5jYXRlX2Ftb3VudCI6IDF9' }, pages: [['k5', 'k6', 'k7'], ['k8', 'k9']], resume: undefined, full: { Items: ['k5', 'k6', 'k7', 'k8', 'k9'], Count: 6, Tags: ['t8'] } },
];

describe('PageIterator (botocore semantics)', () => {
  it.each(BOTOCORE_RUNS.map((r, i) => [i, r] as const))('run %i matches botocore', async (_i, run) => {
    const { call } = fakeService();
    const paginator = new Paginator('List', SPEC, call);
    const pages = paginator.paginate({ PaginationConfig: run.config });
    expect((await collect(pages)).map((p) => p.Items)).toEqual(run.pages);
    expect(pages.resumeToken).toBe(run.resume);
    expect(strip(await paginator.paginate({ PaginationConfig: run.config }).buildFullResult())).toEqual(run.full);
  });

  it('is lazy, sends PageSize as the limit key and restarts on each iteration', async () => {
    const { call, calls } = fakeService();
    const pages = new Paginator('List', SPEC, call).paginate({ Prefix: 'p', PaginationConfig: { PageSize: 5 } });
    expect(calls).toHaveLength(0);
    expect(await collect(pages)).toHaveLength(2);
    expect(calls).toEqual([{ Prefix: 'p', MaxKeys: 5 }, { Prefix: 'p', MaxKeys: 5, Marker: '5' }]);
    expect(await collect(pages)).toHaveLength(2);
    expect(calls).toHaveLength(4);
  });

  it('does not mutate the caller params', async () => {
    const { call } = fakeService();
    const params = { Prefix: 'p', PaginationConfig: { MaxItems: 2 } };
    await collect(new Paginator('List', SPEC, call).paginate(params));
    expect(params).toEqual({ Prefix: 'p', PaginationConfig: { MaxItems: 2 } });
  });

  it('search() flattens list results over every page and skips empty ones', async () => {
    const { call } = fakeService();
    const pages = new Paginator('List', SPEC, call).paginate();
    const keys: unknown[] = [];
    for await (const k of pages.search('Items[?@ != `k4`]')) keys.push(k);
    expect(keys).toEqual(['k0', 'k1', 'k2', 'k3', 'k5', 'k6', 'k7', 'k8', 'k9']);
    const counts: unknown[] = [];
    for await (const c of pages.search('Count')) counts.push(c);
    expect(counts).toEqual([3, 3, 3, 1]);
    const none: unknown[] = [];
    for await (const c of pages.search('Missing[].Key')) none.push(c);
    expect(none).toEqual([]);
    expect(() => pages.search('Items[')).toThrow();
  });

  it('raises PaginationError when the service repeats a token', async () => {
    let n = 0;
    const call = async () => ({ Items: [n++], NextMarker: 'same', ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } });
    const seen: unknown[] = [];
    const run = async () => {
      for await (const p of new Paginator('List', SPEC, call).paginate()) seen.push(p.Items);
    };
    await expect(run()).rejects.toThrow(PaginationError);
    await expect(
      (async () => {
        for await (const p of new Paginator('List', SPEC, call).paginate()) void p;
      })(),
    ).rejects.toThrow(/same next token was received twice/);
    // Two pages went out before the repeat was seen, as in botocore.
    expect(seen).toHaveLength(2);
  });

  it('treats empty output tokens as the end', async () => {
    const call = async () => ({ Items: [1], NextMarker: '', ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } });
    expect(await collect(new Paginator('List', SPEC, call).paginate())).toHaveLength(1);
  });

  it('stops when more_results is false even with a token', async () => {
    const calls: unknown[] = [];
    const call = async (p: Record<string, unknown>) => {
      calls.push(p);
      return { Items: [1], IsTruncated: calls.length < 2, NextMarker: 'm' + calls.length, ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } };
    };
    const spec: PaginatorSpec = { ...SPEC, more_results: 'IsTruncated' };
    expect(await collect(new Paginator('List', spec, call).paginate())).toHaveLength(2);
  });

  it('evaluates expression output tokens (NextMarker || Contents[-1].Key)', async () => {
    const keys = ['a', 'b', 'c', 'd', 'e'];
    const calls: Array<Record<string, unknown>> = [];
    const call = async (p: Record<string, unknown>) => {
      calls.push(p);
      const start = p.Marker ? keys.indexOf(String(p.Marker)) + 1 : 0;
      const page = keys.slice(start, start + 2);
      return { Contents: page.map((Key) => ({ Key })), IsTruncated: start + 2 < keys.length, ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } };
    };
    const spec: PaginatorSpec = { input_token: 'Marker', output_token: 'NextMarker || Contents[-1].Key', more_results: 'IsTruncated', limit_key: 'MaxKeys', result_key: 'Contents' };
    const full = await new Paginator('ListObjects', spec, call).paginate().buildFullResult();
    expect((full.Contents as Array<{ Key: string }>).map((c) => c.Key)).toEqual(keys);
    expect(calls.map((c) => c.Marker)).toEqual([undefined, 'b', 'd']);
  });

  it('handles several input/output tokens and resumes mid-page with all of them', async () => {
    // ListObjectVersions-like: (KeyMarker, VersionIdMarker), two result keys.
    const all = Array.from({ length: 7 }, (_, i) => ({ Key: `k${Math.floor(i / 2)}`, VersionId: `v${i}` }));
    const call = async (p: Record<string, unknown>) => {
      const start = p.KeyMarker ? all.findIndex((v) => v.Key === p.KeyMarker && v.VersionId === p.VersionIdMarker) + 1 : 0;
      const page = all.slice(start, start + 3);
      const last = page[page.length - 1];
      const more = start + 3 < all.length;
      return {
        Versions: page,
        DeleteMarkers: [{ Key: `dm${start}` }],
        IsTruncated: more,
        ...(more ? { NextKeyMarker: last.Key, NextVersionIdMarker: last.VersionId } : {}),
        Prefix: 'px',
        ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} },
      };
    };
    const spec: PaginatorSpec = {
      input_token: ['KeyMarker', 'VersionIdMarker'],
      output_token: ['NextKeyMarker', 'NextVersionIdMarker'],
      more_results: 'IsTruncated',
      limit_key: 'MaxKeys',
      result_key: ['Versions', 'DeleteMarkers'],
      non_aggregate_keys: ['Prefix'],
    };
    const paginator = new Paginator('ListObjectVersions', spec, call);
    const first = paginator.paginate({ PaginationConfig: { MaxItems: 4 } });
    const firstFull = await first.buildFullResult();
    expect((firstFull.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v0', 'v1', 'v2', 'v3']);
    expect(firstFull.Prefix).toBe('px');
    expect(firstFull.DeleteMarkers).toEqual([{ Key: 'dm0' }, { Key: 'dm3' }]);
    const rest = await paginator.paginate({ PaginationConfig: { StartingToken: firstFull.NextToken as string } }).buildFullResult();
    expect((rest.Versions as Array<{ VersionId: string }>).map((v) => v.VersionId)).toEqual(['v4', 'v5', 'v6']);
    // The resumed page's secondary keys were already handed out: emptied, as botocore does.
    expect(rest.DeleteMarkers).toEqual([{ Key: 'dm6' }]);
    expect(rest.NextToken).toBeUndefined();
  });

  it('accepts legacy a___b___N starting tokens and plain service tokens', async () => {
    const { call, calls } = fakeService();
    const paginator = new Paginator('List', SPEC, call);
    expect((await collect(paginator.paginate({ PaginationConfig: { StartingToken: '3___1' } }))).map((p) => p.Items)[0]).toEqual(['k4', 'k5']);
    calls.length = 0;
    await collect(paginator.paginate({ PaginationConfig: { StartingToken: '6' } }));
    expect(calls[0]).toEqual({ Marker: '6' });
  });

  it('rejects PageSize without a limit key and bad MaxItems', () => {
    const { call } = fakeService();
    const noLimit = new Paginator('List', { ...SPEC, limit_key: undefined }, call);
    expect(() => noLimit.paginate({ PaginationConfig: { PageSize: 3 } })).toThrow(PaginationError);
    expect(() => new Paginator('List', SPEC, call).paginate({ PaginationConfig: { MaxItems: 'x' as unknown as number } })).toThrow(PaginationError);
  });

  it('fails at construction on an expression that does not parse', () => {
    expect(() => new Paginator('List', { ...SPEC, output_token: 'Next[' }, fakeService().call)).toThrow();
  });

  it('sums numbers and keeps non-aggregate keys from the first page in buildFullResult', async () => {
    let i = 0;
    const call = async () => {
      i++;
      return { Items: [{ n: i }], Count: 1, ScannedCount: 5, Meta: { Table: `t${i}` }, ...(i < 3 ? { Next: `n${i}` } : {}), ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } };
    };
    const spec: PaginatorSpec = { input_token: 'Start', output_token: 'Next', result_key: ['Items', 'Count', 'ScannedCount'], non_aggregate_keys: ['Meta.Table'] };
    const full = await new Paginator('Scan', spec, call).paginate().buildFullResult();
    expect(full).toEqual({ Items: [{ n: 1 }, { n: 2 }, { n: 3 }], Count: 3, ScannedCount: 15, Meta: { Table: 't1' } });
  });

  it('buildFullResult merges a non-aggregate map with a __proto__ key as data, never into Object.prototype', async () => {
    // One page; the non-aggregate part (Stats) holds a result key (Stats.Items), so the two merge.
    const call = async () => ({ ...JSON.parse('{"Stats":{"Items":[1],"__proto__":{"polluted":true},"constructor":{"n":2}}}'), ResponseMetadata: { HTTPStatusCode: 200, HTTPHeaders: {} } });
    const spec: PaginatorSpec = { input_token: 'Start', output_token: 'Next', result_key: ['Stats.Items'], non_aggregate_keys: ['Stats'] };
    // jest's structuredClone builds objects of another realm, which the merge takes for values
    // and never walks; a clone of this realm behaves as plain Node does.
    jest.spyOn(globalThis, 'structuredClone').mockImplementation((v: unknown) => JSON.parse(JSON.stringify(v)));
    try {
      const full = await new Paginator('Scan', spec, call).paginate().buildFullResult();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const stats = full.Stats as object;
      expect(Object.keys(stats)).toEqual(['Items', '__proto__', 'constructor']);
      expect(Object.getOwnPropertyDescriptor(stats, '__proto__')?.value).toEqual({ polluted: true });
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
      jest.restoreAllMocks();
    }
  });

  describe('cancellation: paginate(params, { abortSignal })', () => {
    it('every page request carries the signal; once it fires the iteration rejects and no further page is requested', async () => {
      const { call, calls } = fakeService();
      const seen: unknown[] = [];
      const recording = (params: Record<string, unknown>, options?: unknown) => {
        seen.push(options);
        return call(params);
      };
      const controller = new AbortController();
      const pages = new Paginator('List', SPEC, recording).paginate({}, { abortSignal: controller.signal });
      const got: Page[] = [];
      const err = await (async () => {
        for await (const page of pages) {
          got.push(page);
          if (got.length === 2) controller.abort();
        }
      })().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AbortError);
      expect((err as Error).name).toBe('AbortError');
      expect(got).toHaveLength(2);
      expect(calls).toHaveLength(2);
      expect(seen).toEqual([{ abortSignal: controller.signal }, { abortSignal: controller.signal }]);
    });

    it('search() and buildFullResult() reject with AbortError; an aborted signal sends nothing', async () => {
      const { call, calls } = fakeService();
      const controller = new AbortController();
      const paginator = new Paginator('List', SPEC, call);
      const keys: unknown[] = [];
      const searching = (async () => {
        for await (const key of paginator.paginate({}, { abortSignal: controller.signal }).search('Items[]')) {
          keys.push(key);
          if (keys.length === 4) controller.abort();
        }
      })();
      await expect(searching).rejects.toBeInstanceOf(AbortError);
      expect(keys).toEqual(['k0', 'k1', 'k2', 'k3']);
      expect(calls).toHaveLength(2);

      calls.length = 0;
      await expect(paginator.paginate({}, { abortSignal: AbortSignal.abort() }).buildFullResult()).rejects.toBeInstanceOf(AbortError);
      expect(calls).toHaveLength(0);
    });

    it('a page in flight is abandoned at once, even when the operation ignores the signal', async () => {
      const hanging = () => new Promise<Record<string, unknown>>(() => undefined);
      const controller = new AbortController();
      const full = new Paginator('List', SPEC, hanging).paginate({}, { abortSignal: controller.signal }).buildFullResult();
      setTimeout(() => controller.abort(), 20);
      await expect(full).rejects.toBeInstanceOf(AbortError);
    });

    it('without options the operation gets params only; bad options are refused at once', async () => {
      const { call } = fakeService();
      const arity: number[] = [];
      await collect(new Paginator('List', SPEC, (...args: [Record<string, unknown>]) => (arity.push(args.length), call(args[0]))).paginate());
      expect(arity).toEqual([1, 1, 1, 1]);
      expect(() => new Paginator('List', SPEC, call).paginate({}, { abortSignl: AbortSignal.abort() } as never)).toThrow(ParamValidationError);
      expect(() => new Paginator('List', SPEC, call).paginate({}, { abortSignal: true } as never)).toThrow(/Invalid call option abortSignal/);
    });
  });
});
