import { inspect } from 'util';
import { Credentials, frozenCredentials } from '../../../src/credentials/credentials';
import { RefreshableCredentials, RefreshableValue, RefreshedKeys } from '../../../src/credentials/refreshable';

/** A clock the test moves, and a refresher that issues numbered keys living `ttl` seconds. */
function harness(opts: { initialTtl?: number; ttl?: number; deferred?: boolean } = {}) {
  let now = new Date('2030-01-01T00:00:00Z').getTime();
  const clock = { advance: (s: number) => (now += s * 1000), now: () => new Date(now) };
  let n = 0;
  const state = { fail: false as boolean | Error, ttl: opts.ttl ?? 3600, delayMs: 0 };
  const refresh = async (): Promise<RefreshedKeys> => {
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (state.fail) throw state.fail instanceof Error ? state.fail : new Error('STS is down');
    n += 1;
    return { accessKey: `AK${n}`, secretKey: `SECRET${n}`, token: `TOKEN${n}`, expiryTime: new Date(now + state.ttl * 1000) };
  };
  const creds = new RefreshableCredentials({
    method: 'assume-role',
    refresh,
    now: clock.now,
    initial: opts.deferred ? undefined : { accessKey: 'AK0', secretKey: 'SECRET0', token: 'TOKEN0', expiryTime: new Date(now + (opts.initialTtl ?? 3600) * 1000) },
  });
  return { creds, clock, state };
}

describe('RefreshableCredentials', () => {
  it('an advisory refresh that fails after the mandatory line has passed still keeps the keys (the window is the one it started in)', async () => {
    const { creds, clock, state } = harness();
    clock.advance(3600 - 11 * 60); // 11 min left: advisory
    state.fail = new Error('STS is down');
    const started = creds.getFrozenCredentials();
    // The refresh fails after this: by then 9 min are left, past the mandatory line.
    clock.advance(2 * 60);
    expect((await started).accessKey).toBe('AK0');
  });

  it('uses the current keys outside the refresh windows', async () => {
    const { creds, clock } = harness();
    clock.advance(3600 - 16 * 60);
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK0');
    expect(creds.refreshCount).toBe(0);
  });

  it('refreshes inside the advisory window (15 min) and the mandatory window (10 min)', async () => {
    const { creds, clock } = harness();
    clock.advance(3600 - 14 * 60);
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK1');
    clock.advance(3600 - 9 * 60);
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK2');
    expect(creds.refreshCount).toBe(2);
  });

  it('mandatory window: every concurrent caller waits for one single refresh', async () => {
    const { creds, clock, state } = harness();
    state.delayMs = 20;
    clock.advance(3600 - 5 * 60);
    const all = await Promise.all(Array.from({ length: 25 }, () => creds.getFrozenCredentials()));
    expect(all.every((c) => c.accessKey === 'AK1')).toBe(true);
    expect(creds.refreshCount).toBe(1);
  });

  it('advisory window: callers not doing the refresh keep signing with the current keys', async () => {
    const { creds, clock, state } = harness();
    state.delayMs = 20;
    clock.advance(3600 - 12 * 60);
    const [first, ...rest] = await Promise.all(Array.from({ length: 5 }, () => creds.getFrozenCredentials()));
    expect(first.accessKey).toBe('AK1');
    expect(rest.map((c) => c.accessKey)).toEqual(['AK0', 'AK0', 'AK0', 'AK0']);
    expect(creds.refreshCount).toBe(1);
  });

  it('a failed advisory refresh keeps the valid keys; a failed mandatory refresh raises', async () => {
    const failures: unknown[] = [];
    const { clock, state } = harness();
    const creds = new RefreshableCredentials({
      method: 'm',
      now: clock.now,
      initial: { accessKey: 'AK0', secretKey: 'S', expiryTime: new Date(clock.now().getTime() + 3600_000) },
      refresh: async () => {
        throw new Error('STS is down');
      },
      onAdvisoryFailure: (e) => failures.push(e),
    });
    void state;
    clock.advance(3600 - 12 * 60);
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK0');
    expect(failures).toHaveLength(1);
    clock.advance(3 * 60);
    await expect(creds.getFrozenCredentials()).rejects.toThrow('STS is down');
    // The next call tries again (a failure is not cached).
    await expect(creds.getFrozenCredentials()).rejects.toThrow('STS is down');
    expect(failures).toHaveLength(1);
  });

  it('advisory window: a failed refresh gives every caller the current keys and no error; a later call tries again', async () => {
    const { creds, clock, state } = harness();
    state.delayMs = 20;
    state.fail = true;
    clock.advance(3600 - 12 * 60);
    const during = await Promise.all(Array.from({ length: 4 }, () => creds.getFrozenCredentials()));
    expect(during.map((c) => c.accessKey)).toEqual(['AK0', 'AK0', 'AK0', 'AK0']);
    expect(creds.refreshCount).toBe(1);
    state.fail = false;
    clock.advance(60);
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK1');
    expect(creds.refreshCount).toBe(2);
  });

  it('callers reaching the mandatory window while an advisory refresh runs wait for it', async () => {
    const { creds, clock, state } = harness();
    state.delayMs = 20;
    clock.advance(3600 - 11 * 60);
    const refresher = creds.getFrozenCredentials();
    clock.advance(2 * 60); // 9 min left: mandatory
    const waiting = await Promise.all([creds.getFrozenCredentials(), creds.getFrozenCredentials()]);
    expect(waiting.map((c) => c.accessKey)).toEqual(['AK1', 'AK1']);
    expect((await refresher).accessKey).toBe('AK1');
    expect(creds.refreshCount).toBe(1);
  });

  it('deferred: nothing is fetched until first use, which is a mandatory refresh', async () => {
    const { creds, state } = harness({ deferred: true });
    expect(creds.refreshCount).toBe(0);
    expect(creds.expiryTime).toBeUndefined();
    state.fail = new Error('no STS');
    await expect(creds.getFrozenCredentials()).rejects.toThrow('no STS');
    state.fail = false;
    expect((await creds.getFrozenCredentials()).accessKey).toBe('AK1');
  });

  it('rejects refreshed keys that are already expired, or incomplete', async () => {
    const { creds, clock, state } = harness();
    clock.advance(3600 - 60);
    state.ttl = -5;
    await expect(creds.getFrozenCredentials()).rejects.toThrow(/still expired/);
    const broken = new RefreshableCredentials({ method: 'x', refresh: async () => ({ accessKey: 'A' }) as RefreshedKeys });
    await expect(broken.getFrozenCredentials()).rejects.toThrow(/missing the access key or the secret key/);
  });

  it('keys without an expiry never refresh', async () => {
    const creds = new RefreshableCredentials({ method: 'x', initial: { accessKey: 'A', secretKey: 'S' }, refresh: async () => ({ accessKey: 'B', secretKey: 'S' }) });
    expect(creds.refreshNeeded()).toBe(false);
    expect((await frozenCredentials(creds))!.accessKey).toBe('A');
  });

  it('never shows the secret or token (inspect, JSON, keys, spread)', async () => {
    const { creds } = harness();
    const frozen = await creds.getFrozenCredentials();
    const shown = [inspect(creds), inspect(frozen), JSON.stringify(creds), JSON.stringify(frozen), Object.keys(frozen).join(), JSON.stringify({ ...frozen }), inspect({ nested: { creds, frozen } }, { depth: 5 })].join(' ');
    expect(shown).toContain('AK0');
    expect(shown).toContain('assume-role');
    expect(shown).not.toMatch(/SECRET|TOKEN/);
    expect(frozen.secretKey).toBe('SECRET0');
    expect(frozen.token).toBe('TOKEN0');
    expect(frozen).toBeInstanceOf(Credentials);
  });
});

describe('RefreshableValue (the shared rules; tokens add an attempt interval)', () => {
  it('starts at most one refresh per attempt interval once a value is in hand', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    let calls = 0;
    const value = new RefreshableValue<{ v: number; expires: Date }>({
      initial: { v: 0, expires: new Date(now + 12 * 60_000) },
      refresh: async () => {
        calls += 1;
        throw new Error('down');
      },
      expiryOf: (x) => x.expires,
      now: () => new Date(now),
      attemptIntervalSeconds: 60,
      expiredError: () => new Error('expired'),
    });
    expect((await value.get()).v).toBe(0); // advisory failure: kept
    now += 59_000;
    expect((await value.get()).v).toBe(0);
    expect(calls).toBe(1);
    now += 1_000;
    expect((await value.get()).v).toBe(0);
    expect(calls).toBe(2);
  });
});
