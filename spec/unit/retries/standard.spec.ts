import { crc32Portable as crc32 } from '../../../src/util/crc';
import {
  ChecksumError,
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  ReadTimeoutError,
  ResponseParserError,
  ResponseStreamingError,
} from '../../../src/errors';
import { ServiceModel } from '../../../src/models/service-model';
import { createRetryStrategy, RetryQuota, StandardRetryStrategy, THROTTLING_ERROR_CODES } from '../../../src/retries';
import type { RetryCallState } from '../../../src/retries';
import { errorResponse, okResponse, seq } from './retry-fixtures';
import { DYNAMODB_RETRY_CHECKS } from '../../../src/customizations/dynamodb';
import { STS_RETRY_CHECKS } from '../../../src/customizations/sts';

// The checks each service's customization gives its clients (no other service has any).
const SERVICE_CHECKS: Record<string, typeof STS_RETRY_CHECKS> = { sts: STS_RETRY_CHECKS, dynamodb: DYNAMODB_RETRY_CHECKS };

function standard(opts: { maxAttempts?: number; serviceName?: string; random?: () => number } = {}): StandardRetryStrategy {
  return createRetryStrategy({
    mode: 'standard',
    totalMaxAttempts: opts.maxAttempts,
    serviceName: opts.serviceName ?? 'myservice',
    checks: SERVICE_CHECKS[opts.serviceName ?? ''],
    random: opts.random ?? (() => 1),
  }) as StandardRetryStrategy;
}

const op = 'DoThing';

describe('standard retry mode', () => {
  describe('what is retried', () => {
    it.each(['RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete'])('transient code %s', (code) => {
      expect(standard().decide({ attempt: 1, operationName: op, response: errorResponse(400, code) })).not.toBeNull();
    });

    it.each([500, 502, 503, 504])('HTTP %i whatever the body', (status) => {
      expect(standard().decide({ attempt: 1, operationName: op, response: errorResponse(status, 'Whatever') })).not.toBeNull();
      expect(standard().decide({ attempt: 1, operationName: op, response: errorResponse(status) })).not.toBeNull();
    });

    it.each([...THROTTLING_ERROR_CODES])('throttling code %s', (code) => {
      expect(standard().decide({ attempt: 1, operationName: op, response: errorResponse(400, code) })).not.toBeNull();
    });

    it('has exactly botocore 1.43 throttling codes', () => {
      expect([...THROTTLING_ERROR_CODES].sort()).toEqual(
        [
          'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
          'ProvisionedThroughputExceededException', 'TransactionInProgressException', 'RequestLimitExceeded',
          'BandwidthLimitExceeded', 'LimitExceededException', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete',
          'EC2ThrottledException',
        ].sort(),
      );
    });

    it.each([
      ['EndpointConnectionError', new EndpointConnectionError('x')],
      ['ConnectTimeoutError', new ConnectTimeoutError('x')],
      ['ReadTimeoutError', new ReadTimeoutError('x')],
      ['ConnectionClosedError', new ConnectionClosedError('x')],
    ])('transport error %s', (_name, error) => {
      expect(standard().decide({ attempt: 1, operationName: op, error })).not.toBeNull();
    });

    it('not: other errors, client errors, 501, 429 without a throttling code, successes', () => {
      const s = standard();
      expect(s.decide({ attempt: 1, operationName: op, error: new TypeError('bug') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, error: new ResponseStreamingError('x') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(400, 'ValidationException') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(404, 'NoSuchKey') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(501, 'NotImplemented') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(429) })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: okResponse() })).toBeNull();
    });

    it('modeled retryable errors, looked up in the operation error shapes by code or name', () => {
      const service = new ServiceModel({
        metadata: { apiVersion: '1', endpointPrefix: 'svc', protocol: 'json', serviceId: 'Svc' },
        operations: { Op: { name: 'Op', http: { method: 'POST', requestUri: '/' }, errors: [{ shape: 'Busy' }, { shape: 'Coded' }, { shape: 'Plain' }] } },
        shapes: {
          Busy: { type: 'structure', exception: true, retryable: { throttling: false } },
          Coded: { type: 'structure', exception: true, error: { code: 'SlowItDown' }, retryable: { throttling: true } },
          Plain: { type: 'structure', exception: true },
        },
      });
      const operation = service.operation('Op');
      const s = standard();
      expect(s.decide({ attempt: 1, operationName: 'Op', operation, response: errorResponse(400, 'Busy') })).not.toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'Op', operation, response: errorResponse(400, 'SlowItDown') })).not.toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'Op', operation, response: errorResponse(400, 'Coded') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'Op', operation, response: errorResponse(400, 'Plain') })).toBeNull();
    });

    it('modeled retryable given directly by the caller', () => {
      const s = standard();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(400, 'X'), errorShapeRetryable: {} })).not.toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(400, 'X'), errorShapeRetryable: null })).toBeNull();
    });

    it('STS IDPCommunicationError only for sts', () => {
      const r = () => errorResponse(400, 'IDPCommunicationError');
      expect(standard({ serviceName: 'sts' }).decide({ attempt: 1, operationName: 'AssumeRoleWithWebIdentity', response: r() })).not.toBeNull();
      expect(standard({ serviceName: 'iam' }).decide({ attempt: 1, operationName: 'X', response: r() })).toBeNull();
    });

    it('DynamoDB CRC32 mismatch on a 200 (needs the raw response)', () => {
      const body = Buffer.from('{"Items":[]}');
      const good = { statusCode: 200, headers: { 'x-amz-crc32': String(crc32(body) >>> 0) }, body };
      const bad = { ...good, headers: { 'x-amz-crc32': '1' } };
      const ddb = standard({ serviceName: 'dynamodb' });
      expect(ddb.decide({ attempt: 1, operationName: 'Query', response: okResponse(), httpResponse: bad })).not.toBeNull();
      expect(ddb.decide({ attempt: 1, operationName: 'Query', response: okResponse(), httpResponse: good })).toBeNull();
      expect(standard().decide({ attempt: 1, operationName: 'Query', response: okResponse(), httpResponse: bad })).toBeNull();
    });

    it('a DynamoDB CRC32 mismatch that is not retried is raised as ChecksumError, never returned as the result', () => {
      const body = Buffer.from('{"Item":{"k":{"S":"v"}}}');
      const bad = { statusCode: 200, headers: { 'x-amz-crc32': '1' }, body };
      const expected = `Checksum crc32 failed, expected checksum 1 did not match calculated checksum ${crc32(body) >>> 0}.`;
      // attempts used up
      expect(() => standard({ serviceName: 'dynamodb' }).decide({ attempt: 3, operationName: 'GetItem', response: okResponse(), httpResponse: bad })).toThrow(
        new ChecksumError(expected),
      );
      // retry quota used up
      const broke = new StandardRetryStrategy({ checks: DYNAMODB_RETRY_CHECKS, quota: new RetryQuota(4), random: () => 1 });
      expect(() => broke.decide({ attempt: 1, operationName: 'GetItem', response: okResponse(), httpResponse: bad })).toThrow(ChecksumError);
      // an error response with a damaged body too
      expect(() => standard({ serviceName: 'dynamodb' }).decide({ attempt: 3, operationName: 'GetItem', response: errorResponse(400, 'ValidationException'), httpResponse: bad })).toThrow(ChecksumError);
    });

    it('a DynamoDB body that did not parse is retried when its CRC32 does not match, and not otherwise', () => {
      const body = Buffer.from('{"Item":');
      const parseError = new ResponseParserError('Unable to parse response');
      const good = { statusCode: 200, headers: { 'x-amz-crc32': String(crc32(body) >>> 0) }, body };
      const bad = { ...good, headers: { 'x-amz-crc32': '1' } };
      const ddb = standard({ serviceName: 'dynamodb' });
      expect(ddb.decide({ attempt: 1, operationName: 'GetItem', error: parseError, httpResponse: bad })).not.toBeNull();
      expect(ddb.decide({ attempt: 1, operationName: 'GetItem', error: parseError, httpResponse: good })).toBeNull();
      expect(() => ddb.decide({ attempt: 3, operationName: 'GetItem', error: parseError, httpResponse: bad })).toThrow(ChecksumError);
    });
  });

  describe('attempts', () => {
    it('defaults to 3 attempts in total and marks MaxAttemptsReached', () => {
      const s = standard();
      expect(s.maxAttempts).toBe(3);
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(503) })).not.toBeNull();
      expect(s.decide({ attempt: 2, operationName: op, response: errorResponse(503) })).not.toBeNull();
      const last = errorResponse(503);
      expect(s.decide({ attempt: 3, operationName: op, response: last })).toBeNull();
      expect(last.ResponseMetadata.MaxAttemptsReached).toBe(true);
    });

    it('totalMaxAttempts counts the first attempt; 1 means no retries (even a success is marked, as botocore)', () => {
      const s = standard({ maxAttempts: 1 });
      const ok = okResponse();
      expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(500) })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, response: ok })).toBeNull();
      expect(ok.ResponseMetadata.MaxAttemptsReached).toBe(true);
      expect(standard({ maxAttempts: 5 }).decide({ attempt: 4, operationName: op, response: errorResponse(500) })).not.toBeNull();
    });

    it('rejects a bad totalMaxAttempts', () => {
      expect(() => standard({ maxAttempts: 0 })).toThrow(RangeError);
    });
  });

  describe('backoff', () => {
    it('is random() * min(2 ** (attempt - 1), 20) seconds', () => {
      const s = standard({ maxAttempts: 10, random: () => 0.5 });
      const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => s.decide({ attempt, operationName: op, response: errorResponse(500) }));
      expect(delays).toEqual([0.5, 1, 2, 4, 8, 10, 10]);
    });

    it('uses the seeded random source for each retry', () => {
      const s = standard({ maxAttempts: 10, random: seq(0.1, 0.9) });
      expect(s.decide({ attempt: 3, operationName: op, response: errorResponse(500) })).toBeCloseTo(0.4);
      expect(s.decide({ attempt: 3, operationName: op, response: errorResponse(500) })).toBeCloseTo(3.6);
    });
  });

  describe('retry quota', () => {
    it('starts at 500; a retry costs 5, a timeout retry 10', () => {
      const s = standard({ maxAttempts: 10 });
      expect(s.quota.availableCapacity).toBe(500);
      s.decide({ attempt: 1, operationName: op, response: errorResponse(500) });
      expect(s.quota.availableCapacity).toBe(495);
      s.decide({ attempt: 1, operationName: op, error: new ReadTimeoutError('t') });
      s.decide({ attempt: 1, operationName: op, error: new ConnectTimeoutError('t') });
      expect(s.quota.availableCapacity).toBe(475);
      s.decide({ attempt: 1, operationName: op, error: new EndpointConnectionError('c') });
      expect(s.quota.availableCapacity).toBe(470);
    });

    it('does not charge non-retryable responses nor the last attempt', () => {
      const s = standard();
      s.decide({ attempt: 1, operationName: op, response: errorResponse(400, 'ValidationException') });
      s.decide({ attempt: 3, operationName: op, response: errorResponse(500) });
      expect(s.quota.availableCapacity).toBe(500);
    });

    it('stops retrying when empty and marks RetryQuotaReached', () => {
      const s = standard({ maxAttempts: 10 });
      for (let i = 0; i < 100; i++) expect(s.decide({ attempt: 1, operationName: op, response: errorResponse(500) })).not.toBeNull();
      expect(s.quota.availableCapacity).toBe(0);
      const r = errorResponse(500);
      expect(s.decide({ attempt: 1, operationName: op, response: r })).toBeNull();
      expect(r.ResponseMetadata.RetryQuotaReached).toBe(true);
    });

    it('a timeout retry needs 10 even when 5 would fit', () => {
      const quota = new RetryQuota(7);
      const s = new StandardRetryStrategy({ quota, random: () => 1 });
      expect(s.decide({ attempt: 1, operationName: op, error: new ReadTimeoutError('t') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: op, error: new EndpointConnectionError('c') })).not.toBeNull();
      expect(quota.availableCapacity).toBe(2);
    });

    it('refunds 1 for a call that never retried, else what its last retry took, capped at 500', () => {
      const s = standard({ maxAttempts: 10 });
      s.onSuccess();
      expect(s.quota.availableCapacity).toBe(500);
      const call: RetryCallState = {};
      s.decide({ attempt: 1, operationName: op, error: new EndpointConnectionError('c'), callState: call });
      s.decide({ attempt: 2, operationName: op, error: new ReadTimeoutError('t'), callState: call });
      expect(s.quota.availableCapacity).toBe(485);
      s.onSuccess(call);
      expect(s.quota.availableCapacity).toBe(495);
      s.onSuccess({});
      expect(s.quota.availableCapacity).toBe(496);
      for (let i = 0; i < 10; i++) s.onSuccess();
      expect(s.quota.availableCapacity).toBe(500);
    });

    it('one quota per strategy (client)', () => {
      const a = standard({ maxAttempts: 10 });
      const b = standard({ maxAttempts: 10 });
      a.decide({ attempt: 1, operationName: op, response: errorResponse(500) });
      expect(a.quota.availableCapacity).toBe(495);
      expect(b.quota.availableCapacity).toBe(500);
    });
  });

  it('acquireSendToken lets every attempt go at once (nothing to wait for)', () => {
    expect(standard().acquireSendToken()).toBeUndefined();
  });
});
