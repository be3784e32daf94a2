/**
 * Abort scopes (src/pipeline/abort-scope.ts): a signal that cancels every call started inside
 * `runWithAbortSignal`, however deep in its async continuations, joined with a call's own
 * signal; `outsideAbortScope` for cleanup that must still be sent.
 */
import { AsyncLocalStorage } from 'async_hooks';
import { AbortError } from '../../../src';
import { outsideAbortScope, resolveCallOptions, runWithAbortSignal, scopedAbortSignal } from '../../../src/pipeline/abort-scope';
import { anySignal } from '../../../src/util/any-signal';
import { CannedServer } from '../../helpers/canned-server';
import { isolatedSession } from '../../helpers/local';
import { waitFor } from '../../helpers/wait-for';

const LIST_TABLES = { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: '{"TableNames":["t"]}' };
const tick = () => new Promise((r) => setTimeout(r, 20));

describe('abort scopes', () => {
  let server: CannedServer;
  let url: string;
  beforeEach(async () => {
    server = new CannedServer();
    url = await server.start();
  });
  afterEach(() => server.stop());

  it('a call started in a scope, after an await, is aborted when the scope signal fires', async () => {
    server.handler = () => ({ hang: true });
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    const scope = new AbortController();
    const pending = runWithAbortSignal(scope.signal, async () => {
      await tick();
      return ddb.listTables();
    }).catch((e: unknown) => e);
    await waitFor(() => server.requests.length > 0);
    const started = Date.now();
    scope.abort();
    expect(await pending).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(2000);
    // Outside the scope the same client is unaffected.
    server.handler = () => LIST_TABLES;
    await expect(ddb.listTables()).resolves.toMatchObject({ TableNames: ['t'] });
    ddb.close();
  });

  it("the scope's signal and the call's own both abort it", async () => {
    server.handler = () => ({ hang: true });
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    const scope = new AbortController();
    const own = new AbortController();
    const a = runWithAbortSignal(scope.signal, () => ddb.listTables({}, { abortSignal: own.signal })).catch((e: unknown) => e);
    const b = runWithAbortSignal(new AbortController().signal, () => ddb.listTables({}, { abortSignal: own.signal })).catch((e: unknown) => e);
    await waitFor(() => server.requests.length >= 2);
    scope.abort(); // ends a only
    expect(await a).toBeInstanceOf(AbortError);
    own.abort(); // ends b, whose scope never fired
    expect(await b).toBeInstanceOf(AbortError);
    ddb.close();
  });

  it('outsideAbortScope outside any scope just runs the function (the AsyncLocalStorage is not entered)', () => {
    const run = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    try {
      expect(outsideAbortScope(() => 42)).toBe(42);
      expect(run).not.toHaveBeenCalled();
      runWithAbortSignal(new AbortController().signal, () => outsideAbortScope(() => scopedAbortSignal()));
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      run.mockRestore();
    }
  });

  it('outsideAbortScope sends even when the scope was already aborted; inside it nothing is sent', async () => {
    server.handler = () => LIST_TABLES;
    const ddb = isolatedSession().client('dynamodb', { endpointUrl: url });
    const result = await runWithAbortSignal(AbortSignal.abort(), async () => {
      const inside = await ddb.listTables().catch((e: unknown) => e);
      const outside = await outsideAbortScope(() => ddb.listTables());
      return { inside, outside, scoped: scopedAbortSignal()?.aborted };
    });
    expect(result.inside).toBeInstanceOf(AbortError);
    expect(result.outside).toMatchObject({ TableNames: ['t'] });
    expect(result.scoped).toBe(true);
    expect(server.requests).toHaveLength(1);
    ddb.close();
  });

  it('resolveCallOptions checks the options and adds nothing outside a scope', () => {
    const own = new AbortController().signal;
    expect(resolveCallOptions(undefined)).toEqual({});
    expect(resolveCallOptions({ abortSignal: own }).abortSignal).toBe(own);
    expect(() => resolveCallOptions({ abortSignl: own })).toThrow(/Unknown call option 'abortSignl'/);
    const scope = new AbortController();
    const joined = runWithAbortSignal(scope.signal, () => resolveCallOptions({ abortSignal: own }).abortSignal);
    expect(joined).not.toBe(own);
    expect(joined?.aborted).toBe(false);
    scope.abort(new Error('stop'));
    expect(joined?.aborted).toBe(true);
    expect(joined?.reason).toEqual(new Error('stop'));
  });
});

describe('anySignal', () => {
  it('returns the only signal as it is, a fired one at once, and otherwise fires with the first', () => {
    const a = new AbortController();
    const b = new AbortController();
    expect(anySignal([])).toBeUndefined();
    expect(anySignal([undefined, a.signal, a.signal])).toBe(a.signal);
    const fired = AbortSignal.abort('early');
    expect(anySignal([a.signal, fired])).toBe(fired);
    const both = anySignal([a.signal, b.signal]) as AbortSignal;
    expect(both.aborted).toBe(false);
    b.abort('b first');
    expect(both.aborted).toBe(true);
    expect(both.reason).toBe('b first');
  });
});
