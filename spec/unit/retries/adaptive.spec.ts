import { crc32Portable as crc32 } from '../../../src/util/crc';
import { ChecksumError } from '../../../src/errors';
import { AdaptiveRetryStrategy, ClientRateLimiter, createRetryStrategy, TokenBucket } from '../../../src/retries';
import type { RetryClock } from '../../../src/retries';
import { DYNAMODB_RETRY_CHECKS } from '../../../src/customizations/dynamodb';
import { errorResponse, okResponse } from './retry-fixtures';

/** A clock the test moves by hand; sleeping advances it. */
class FakeClock implements RetryClock {
  t = 0;
  slept: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(seconds: number): Promise<void> {
    this.slept.push(seconds);
    this.t += seconds;
  }
}

describe('adaptive retry mode', () => {
  it('is standard mode for retry decisions (3 attempts, quota, backoff)', () => {
    const s = createRetryStrategy({ mode: 'adaptive', serviceName: 'x', random: () => 0.5, clock: new FakeClock() });
    expect(s.mode).toBe('adaptive');
    expect(s.maxAttempts).toBe(3);
    expect(s.decide({ attempt: 2, operationName: 'Op', response: errorResponse(400, 'ThrottlingException') })).toBe(1);
    expect(s.decide({ attempt: 3, operationName: 'Op', response: errorResponse(400, 'ThrottlingException') })).toBeNull();
    expect((s as AdaptiveRetryStrategy).quota.availableCapacity).toBe(495);
  });

  it('raises a DynamoDB CRC32 mismatch it will not retry as ChecksumError, and still measures the response', () => {
    const body = Buffer.from('{"Count":1}');
    const bad = { statusCode: 200, headers: { 'x-amz-crc32': String((crc32(body) + 1) >>> 0) }, body };
    const clock = new FakeClock();
    const s = createRetryStrategy({ mode: 'adaptive', serviceName: 'dynamodb', checks: DYNAMODB_RETRY_CHECKS, random: () => 0, clock }) as AdaptiveRetryStrategy;
    expect(s.decide({ attempt: 1, operationName: 'Query', response: okResponse(), httpResponse: bad })).toBe(0);
    const measure = jest.spyOn(s.limiter, 'onReceivingResponse');
    expect(() => s.decide({ attempt: 3, operationName: 'Query', response: okResponse(), httpResponse: bad })).toThrow(ChecksumError);
    expect(measure).toHaveBeenCalledWith(false);
  });

  it('rate-limits only after the first throttling response', async () => {
    const clock = new FakeClock();
    const s = createRetryStrategy({ mode: 'adaptive', serviceName: 'x', clock }) as AdaptiveRetryStrategy;
    s.decide({ attempt: 1, operationName: 'Op', response: okResponse() });
    s.decide({ attempt: 1, operationName: 'Op', response: errorResponse(500) }); // transient, not throttling
    expect(s.limiter.isEnabled).toBe(false);
    await s.acquireSendToken();
    expect(clock.slept).toEqual([]);
    clock.t = 1;
    s.decide({ attempt: 1, operationName: 'Op', response: errorResponse(400, 'SlowDown') });
    expect(s.limiter.isEnabled).toBe(true);
  });

  it('follows botocore CUBIC rate adjustments step by step', () => {
    // Expected values printed by botocore 1.43's ClientRateLimiter with the same fake clock.
    const expected: Array<[number, boolean, number, boolean]> = [
      [0.1, false, 0.5, false],
      [0.3, false, 0.5, false],
      [0.6, false, 0.5, false],
      [0.9, false, 0.5, false],
      [1.1, false, 0.5324000000000002, false],
      [1.2, true, 2.912, true],
      [1.4, false, 3.357506467367261, true],
      [1.7, false, 3.8047449997518927, true],
      [2.2, true, 1.9084799999999997, true],
      [2.6, false, 2.4636711901517057, true],
      [3.1, false, 2.706260274812976, true],
      [4.0, false, 2.4116223999999997, true],
    ];
    const clock = new FakeClock();
    const limiter = new ClientRateLimiter(clock);
    for (const [t, throttled, rate, enabled] of expected) {
      clock.t = t;
      limiter.onReceivingResponse(throttled);
      expect(limiter.bucket.maxRate).toBeCloseTo(rate, 10);
      expect(limiter.isEnabled).toBe(enabled);
    }
  });

  it('once enabled, each send takes a token and waits for refills', async () => {
    const clock = new FakeClock();
    const limiter = new ClientRateLimiter(clock);
    clock.t = 0.6;
    limiter.onReceivingResponse(false);
    clock.t = 1.2;
    limiter.onReceivingResponse(true);
    // botocore, same sequence: rate 1.344, 0.9 tokens banked, so 0.0744 s until a whole token
    expect(limiter.bucket.maxRate).toBeCloseTo(1.344, 10);
    await limiter.onSendingRequest();
    expect(clock.slept).toHaveLength(1);
    expect(clock.slept[0]).toBeCloseTo(0.07440476190476197, 10);
    await limiter.onSendingRequest(); // the next one waits a full token
    expect(clock.slept[1]).toBeCloseTo(1 / 1.344, 10);
  });

  describe('TokenBucket', () => {
    it('refills at maxRate up to max(maxRate, 1) tokens and never below the 0.5/s floor', () => {
      const clock = new FakeClock();
      const b = new TokenBucket(2, clock);
      expect(b.tryAcquire()).toBe(false); // starts empty
      clock.t = 0.5;
      expect(b.tryAcquire()).toBe(true);
      clock.t = 10;
      expect(b.tryAcquire(2)).toBe(true); // capped at 2
      expect(b.tryAcquire()).toBe(false);
      b.maxRate = 0.1;
      expect(b.maxRate).toBe(0.5);
      expect(b.maxCapacityValue).toBe(1);
    });

    it('acquire waits (amount - available) / rate', async () => {
      const clock = new FakeClock();
      const b = new TokenBucket(4, clock);
      await b.acquire();
      expect(clock.slept).toEqual([0.25]);
    });
  });
});
