import { AbortError, ClientError, EndpointConnectionError, ParamValidationError } from '../../../src/errors';
import { Waiter, WaiterSpec } from '../../../src/waiters/waiter';
import { WaiterConfigError, WaiterError } from '../../../src/waiters/errors';
import { WaiterModel } from '../../../src/waiters/waiter-model';

type Reply = Record<string, unknown> | ClientError | Error;

const ok = (body: Record<string, unknown> = {}, status = 200) => ({ ...body, ResponseMetadata: { HTTPStatusCode: status, HTTPHeaders: {} } });
const clientError = (code: string, status = 400, message = 'msg') =>
  new ClientError({ Error: { Code: code, Message: message }, ResponseMetadata: { HTTPStatusCode: status, HTTPHeaders: {} } }, 'DescribeThings');

/** A fake operation answering from a script; the last reply repeats. */
function scripted(replies: Reply[]) {
  const calls: Array<Record<string, unknown>> = [];
  const call = async (params: Record<string, unknown>) => {
    calls.push(params);
    const r = replies[Math.min(calls.length - 1, replies.length - 1)];
    if (r instanceof Error) throw r;
    return r;
  };
  return { call, calls };
}

const INSTANCE_RUNNING: WaiterSpec = {
  operation: 'DescribeInstances',
  delay: 15,
  maxAttempts: 40,
  acceptors: [
    { matcher: 'pathAll', argument: 'Reservations[].Instances[].State.Name', expected: 'running', state: 'success' },
    { matcher: 'pathAny', argument: 'Reservations[].Instances[].State.Name', expected: 'terminated', state: 'failure' },
    { matcher: 'error', expected: 'InvalidInstanceID.NotFound', state: 'retry' },
  ],
};
const instances = (...states: string[]) => ok({ Reservations: [{ Instances: states.map((Name) => ({ State: { Name } })) }] });
const FAST = { Delay: 0 };

describe('Waiter', () => {
  it('retries until every member matches (pathAll), passing params without WaiterConfig', async () => {
    const { call, calls } = scripted([clientError('InvalidInstanceID.NotFound'), instances('pending', 'running'), instances('running', 'running')]);
    const res = await new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ InstanceIds: ['i-1'], WaiterConfig: FAST });
    expect(calls).toHaveLength(3);
    expect(calls[0]).toEqual({ InstanceIds: ['i-1'] });
    expect(res.Reservations).toBeDefined();
  });

  it('rejects with WaiterError on a failure state (pathAny)', async () => {
    const { call } = scripted([instances('pending', 'terminated')]);
    const err = (await new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: FAST }).catch((e: unknown) => e)) as WaiterError;
    expect(err).toBeInstanceOf(WaiterError);
    expect(err.name).toBe('WaiterError');
    expect(err.reason).toMatch(/terminal failure state.*Reservations\[\]\.Instances\[\]\.State\.Name.*terminated/);
    expect(err.lastResponse).toEqual(instances('pending', 'terminated'));
    expect(err.message).toMatch(/^Waiter InstanceRunning failed: /);
  });

  it('an empty list matches neither pathAll nor pathAny', async () => {
    const { call, calls } = scripted([ok({ Reservations: [] })]);
    const err = (await new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: { Delay: 0, MaxAttempts: 3 } }).catch((e: unknown) => e)) as WaiterError;
    expect(calls).toHaveLength(3);
    expect(err.reason).toBe('Max attempts exceeded');
  });

  it('gives up after MaxAttempts naming the last accepted state', async () => {
    const { call, calls } = scripted([clientError('InvalidInstanceID.NotFound')]);
    const err = (await new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: { Delay: 0, MaxAttempts: 4 } }).catch((e: unknown) => e)) as WaiterError;
    expect(calls).toHaveLength(4);
    expect(err).toBeInstanceOf(WaiterError);
    expect(err.reason).toMatch(/^Max attempts exceeded\. Previously accepted state: Matched expected service error code: "InvalidInstanceID.NotFound"/);
    expect((err.lastResponse as { Error: { Code: string } }).Error.Code).toBe('InvalidInstanceID.NotFound');
  });

  it('ends with the error itself when no acceptor matches an error response', async () => {
    const original = clientError('UnauthorizedOperation', 403, 'You are not authorized');
    const { call, calls } = scripted([original]);
    const err = await new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: FAST }).catch((e: unknown) => e);
    expect(calls).toHaveLength(1);
    expect(err).toBe(original);
    expect(err).not.toBeInstanceOf(WaiterError);
  });

  it('lets errors that are not service errors through unchanged', async () => {
    const boom = new EndpointConnectionError('Could not connect');
    const { call } = scripted([boom]);
    await expect(new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: FAST })).rejects.toBe(boom);
  });

  it('status matchers see both successes and error responses', async () => {
    const spec: WaiterSpec = {
      operation: 'HeadObject',
      delay: 5,
      maxAttempts: 20,
      acceptors: [
        { matcher: 'status', expected: 200, state: 'success' },
        { matcher: 'status', expected: 404, state: 'retry' },
      ],
    };
    const { call, calls } = scripted([clientError('404', 404, 'Not Found'), clientError('404', 404, 'Not Found'), ok({ ContentLength: 3 })]);
    await expect(new Waiter('ObjectExists', spec, call).wait({ Bucket: 'b', Key: 'k', WaiterConfig: FAST })).resolves.toMatchObject({ ContentLength: 3 });
    expect(calls).toHaveLength(3);

    const notExists: WaiterSpec = { ...spec, acceptors: [{ matcher: 'status', expected: 404, state: 'success' }] };
    const gone = scripted([ok(), clientError('404', 404)]);
    await expect(new Waiter('ObjectNotExists', notExists, gone.call).wait({ WaiterConfig: FAST })).resolves.toBeDefined();
    expect(gone.calls).toHaveLength(2);
  });

  it('error matchers: true (any error), false (no error), and a code', async () => {
    const anyError: WaiterSpec = { operation: 'Op', delay: 0, maxAttempts: 5, acceptors: [{ matcher: 'error', expected: true, state: 'success' }] };
    const a = scripted([ok(), clientError('Whatever')]);
    await new Waiter('W', anyError, a.call).wait();
    expect(a.calls).toHaveLength(2);

    const noError: WaiterSpec = { operation: 'Op', delay: 0, maxAttempts: 5, acceptors: [{ matcher: 'error', expected: false, state: 'success' }, { matcher: 'error', expected: 'Busy', state: 'retry' }] };
    const b = scripted([clientError('Busy'), clientError('Busy'), ok()]);
    await new Waiter('W', noError, b.call).wait();
    expect(b.calls).toHaveLength(3);
  });

  it('path matcher compares with JMESPath expressions and structured values', async () => {
    const spec: WaiterSpec = {
      operation: 'DescribeTable',
      delay: 0,
      maxAttempts: 5,
      acceptors: [
        { matcher: 'path', argument: 'length(Items[?ok]) > `1`', expected: true, state: 'success' },
        { matcher: 'path', argument: 'Table.Tags', expected: ['bad'], state: 'failure' },
      ],
    };
    const s = scripted([ok({ Items: [{ ok: true }] }), ok({ Items: [{ ok: true }, { ok: true }] })]);
    await new Waiter('W', spec, s.call).wait();
    expect(s.calls).toHaveLength(2);
    const f = scripted([ok({ Table: { Tags: ['bad'] } })]);
    await expect(new Waiter('W', spec, f.call).wait()).rejects.toThrow(/terminal failure/);
  });

  it('waits Delay seconds between attempts (model delay by default)', async () => {
    jest.useFakeTimers();
    try {
      const spec: WaiterSpec = { operation: 'Op', delay: 2, maxAttempts: 3, acceptors: [{ matcher: 'path', argument: 'Done', expected: true, state: 'success' }] };
      const s = scripted([ok({ Done: false }), ok({ Done: true })]);
      const p = new Waiter('W', spec, s.call).wait();
      await jest.advanceTimersByTimeAsync(1999);
      expect(s.calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      await expect(p).resolves.toMatchObject({ Done: true });
    } finally {
      jest.useRealTimers();
    }
  });

  it('WaiterConfig.signal cancels promptly during a sleep and during a request, with AbortError', async () => {
    const spec: WaiterSpec = { operation: 'Op', delay: 60, maxAttempts: 10, acceptors: [{ matcher: 'path', argument: 'Done', expected: true, state: 'success' }] };
    const s = scripted([ok({ Done: false })]);
    const controller = new AbortController();
    const started = Date.now();
    const p = new Waiter('W', spec, s.call).wait({ WaiterConfig: { signal: controller.signal } });
    setTimeout(() => controller.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000); // the delay is 60 s: only an abort ends it this soon

    const hanging = () => new Promise<Record<string, unknown>>(() => undefined);
    const c2 = new AbortController();
    const p2 = new Waiter('W', spec, hanging).wait({ WaiterConfig: { signal: c2.signal } });
    const reason = new Error('stop now');
    c2.abort(reason);
    // A botojs error, as for every cancelled call; the signal's reason is its cause.
    const err = (await p2.catch((e: unknown) => e)) as AbortError;
    expect(err).toBeInstanceOf(AbortError);
    expect(err.cause).toBe(reason);
    expect(err.message).toMatch(/stop now/);

    const c3 = new AbortController();
    c3.abort();
    const s3 = scripted([ok()]);
    await expect(new Waiter('W', spec, s3.call).wait({ WaiterConfig: { signal: c3.signal } })).rejects.toMatchObject({ name: 'AbortError' });
    expect(s3.calls).toHaveLength(0);
  });

  describe('cancellation: wait(params, { abortSignal })', () => {
    const spec: WaiterSpec = { operation: 'Op', delay: 60, maxAttempts: 10, acceptors: [{ matcher: 'path', argument: 'Done', expected: true, state: 'success' }] };

    it('each poll carries the signal; the delay between polls ends at once and no further poll is made', async () => {
      const s = scripted([ok({ Done: false })]);
      const seen: unknown[] = [];
      const call = (params: Record<string, unknown>, options?: unknown) => (seen.push(options), s.call(params));
      const controller = new AbortController();
      const started = Date.now();
      const p = new Waiter('W', spec, call).wait({ Id: 'x' }, { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      const err = await p.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AbortError);
      expect(Date.now() - started).toBeLessThan(5000); // the delay is 60 s
      expect(s.calls).toEqual([{ Id: 'x' }]);
      expect(seen).toEqual([{ abortSignal: controller.signal }]);
    });

    it('a poll in flight is abandoned at once; an aborted signal polls nothing', async () => {
      const controller = new AbortController();
      const p = new Waiter('W', spec, () => new Promise<Record<string, unknown>>(() => undefined)).wait({}, { abortSignal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await expect(p).rejects.toBeInstanceOf(AbortError);
      const s = scripted([ok({ Done: true })]);
      await expect(new Waiter('W', spec, s.call).wait({}, { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
      expect(s.calls).toHaveLength(0);
    });

    it('either the options signal or WaiterConfig.signal ends the wait', async () => {
      const s = scripted([ok({ Done: false })]);
      const options = new AbortController();
      const config = new AbortController();
      const p = new Waiter('W', spec, s.call).wait({ WaiterConfig: { signal: config.signal } }, { abortSignal: options.signal });
      setTimeout(() => config.abort(), 20);
      await expect(p).rejects.toBeInstanceOf(AbortError);
      const q = new Waiter('W', spec, s.call).wait({ WaiterConfig: { signal: new AbortController().signal } }, { abortSignal: options.signal });
      setTimeout(() => options.abort(), 20);
      await expect(q).rejects.toBeInstanceOf(AbortError);
    });

    it('bad options are refused before any poll; without options a poll gets params only', async () => {
      const s = scripted([ok({ Done: true })]);
      await expect(new Waiter('W', spec, s.call).wait({}, { signal: AbortSignal.abort() } as never)).rejects.toBeInstanceOf(ParamValidationError);
      expect(s.calls).toHaveLength(0);
      const arity: number[] = [];
      await new Waiter('W', spec, (...args: [Record<string, unknown>]) => (arity.push(args.length), s.call(args[0]))).wait();
      expect(arity).toEqual([1]);
    });
  });

  it('rejects a bad WaiterConfig and unknown matchers', async () => {
    const { call } = scripted([ok()]);
    await expect(new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: { MaxAttempts: 0 } })).rejects.toThrow(WaiterConfigError);
    await expect(new Waiter('InstanceRunning', INSTANCE_RUNNING, call).wait({ WaiterConfig: { Delay: -1 } })).rejects.toThrow(WaiterConfigError);
    const bad = { ...INSTANCE_RUNNING, acceptors: [{ matcher: 'nope', expected: 1, state: 'success' }] } as unknown as WaiterSpec;
    expect(() => new Waiter('W', bad, call)).toThrow(/Unknown acceptor: nope/);
  });
});

describe('WaiterModel', () => {
  const model = new WaiterModel({ version: 2, waiters: { ObjectExists: INSTANCE_RUNNING, DBInstanceAvailable: INSTANCE_RUNNING, BucketExists: INSTANCE_RUNNING } });

  it('lists canonical names, sorted', () => {
    expect(model.waiterNames).toEqual(['bucketExists', 'dbInstanceAvailable', 'objectExists']);
  });

  it('resolves any spelling', () => {
    for (const s of ['objectExists', 'ObjectExists', 'object_exists', 'OBJECTEXISTS']) expect(model.resolve(s)).toBe('ObjectExists');
    expect(model.resolve('db_instance_available')).toBe('DBInstanceAvailable');
    expect(model.resolve('nope')).toBeUndefined();
  });

  it('refuses other versions', () => {
    expect(() => new WaiterModel({ version: 1, waiters: {} })).toThrow(WaiterConfigError);
  });
});
