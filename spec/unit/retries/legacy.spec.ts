import { crc32Portable as crc32 } from '../../../src/util/crc';
import {
  ChecksumError,
  ConnectionClosedError,
  ConnectTimeoutError,
  EndpointConnectionError,
  HTTPClientError,
  ReadTimeoutError,
  ResponseParserError,
  ResponseStreamingError,
} from '../../../src/errors';
import { buildLegacyConfig, createRetryStrategy, LegacyRetryStrategy } from '../../../src/retries';
import { errorResponse, loadRetryData, okResponse } from './retry-fixtures';

const retryData = loadRetryData();

function legacy(serviceName: string, totalMaxAttempts?: number, random: () => number = () => 0.5): LegacyRetryStrategy {
  return createRetryStrategy({ mode: 'legacy', serviceName, retryData, totalMaxAttempts, random }) as LegacyRetryStrategy;
}

const retries = (s: LegacyRetryStrategy, status: number, code?: string, attempt = 1): boolean =>
  s.decide({ attempt, operationName: 'Op', response: errorResponse(status, code) }) !== null;

describe('legacy retry mode (_retry.json)', () => {
  describe('config merging, as botocore.translate.build_retry_config', () => {
    it('a service without a section gets __default__ with $refs resolved', () => {
      const config = buildLegacyConfig(retryData, 'lambda') as { __default__: Record<string, unknown> };
      expect(Object.keys(config)).toEqual(['__default__']);
      expect(config.__default__.max_attempts).toBe(5);
      expect(config.__default__.delay).toEqual({ type: 'exponential', base: 'rand', growth_factor: 2 });
      const policies = config.__default__.policies as Record<string, unknown>;
      expect(Object.keys(policies)).toEqual([
        'general_socket_errors', 'general_server_error', 'bad_gateway', 'service_unavailable', 'gateway_timeout',
        'limit_exceeded', 'throttling_exception', 'throttled_exception', 'request_throttled_exception', 'throttling',
        'too_many_requests', 'throughput_exceeded',
      ]);
      expect(policies.throttling).toEqual({ applies_when: { response: { service_error_code: 'Throttling', http_status_code: 400 } } });
    });

    it('dynamodb: its own max_attempts and base delay, its policies appended', () => {
      const config = buildLegacyConfig(retryData, 'dynamodb') as { __default__: Record<string, unknown> };
      expect(config.__default__.max_attempts).toBe(10);
      expect(config.__default__.delay).toEqual({ type: 'exponential', base: 0.05, growth_factor: 2 });
      expect(Object.keys(config.__default__.policies as object).slice(-3)).toEqual(['write_conflict', 'still_processing', 'crc32']);
    });

    it('totalMaxAttempts replaces max_attempts (botocore: max_attempts retries + 1)', () => {
      expect(legacy('dynamodb', 4).maxAttempts).toBe(4);
      expect(legacy('s3', 2).maxAttempts).toBe(2);
      expect(legacy('s3').maxAttempts).toBe(5);
    });

    it('does not mutate the shared retry data', () => {
      const before = JSON.stringify(retryData);
      legacy('dynamodb', 3);
      legacy('ec2');
      expect(JSON.stringify(retryData)).toBe(before);
    });
  });

  describe('default policies', () => {
    const s = legacy('lambda');
    it.each([500, 502, 503, 504, 509, 429])('HTTP %i', (status) => {
      expect(retries(s, status, 'Anything')).toBe(true);
    });
    it.each(['Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'ProvisionedThroughputExceededException'])(
      '%s only with HTTP 400',
      (code) => {
        expect(retries(s, 400, code)).toBe(true);
        expect(retries(s, 403, code)).toBe(false);
      },
    );
    it('not: other 4xx codes, 501, success', () => {
      expect(retries(s, 400, 'TooManyRequestsException')).toBe(false);
      expect(retries(s, 400, 'ValidationException')).toBe(false);
      expect(retries(s, 501)).toBe(false);
      expect(s.decide({ attempt: 1, operationName: 'Op', response: okResponse() })).toBeNull();
    });

    it.each([
      ['EndpointConnectionError', new EndpointConnectionError('x')],
      ['ConnectTimeoutError', new ConnectTimeoutError('x')],
      ['ReadTimeoutError', new ReadTimeoutError('x')],
      ['ConnectionClosedError', new ConnectionClosedError('x')],
    ])('GENERAL_CONNECTION_ERROR: %s', (_n, error) => {
      expect(s.decide({ attempt: 1, operationName: 'Op', error })).not.toBeNull();
      expect(s.decide({ attempt: 5, operationName: 'Op', error })).toBeNull();
    });

    it('not other errors (they propagate)', () => {
      expect(s.decide({ attempt: 1, operationName: 'Op', error: new HTTPClientError('generic') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'Op', error: new ResponseStreamingError('x') })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'Op', error: new TypeError('bug') })).toBeNull();
    });
  });

  describe('service sections', () => {
    it('ec2: RequestLimitExceeded / EC2ThrottledException at 503', () => {
      const s = legacy('ec2');
      expect(retries(s, 503, 'RequestLimitExceeded')).toBe(true);
      expect(retries(s, 503, 'EC2ThrottledException')).toBe(true);
      expect(retries(s, 400, 'RequestLimitExceeded')).toBe(false);
    });

    it('s3: RequestTimeout and BadDigest at 400', () => {
      const s = legacy('s3');
      expect(retries(s, 400, 'RequestTimeout')).toBe(true);
      expect(retries(s, 400, 'BadDigest')).toBe(true);
      expect(retries(legacy('lambda'), 400, 'RequestTimeout')).toBe(false);
    });

    it('kinesis LimitExceededException@400, sqs RequestThrottled@403, route53 PriorRequestNotComplete@400, sts IDPCommunicationError@400', () => {
      expect(retries(legacy('kinesis'), 400, 'LimitExceededException')).toBe(true);
      expect(retries(legacy('sqs'), 403, 'RequestThrottled')).toBe(true);
      expect(retries(legacy('route53'), 400, 'PriorRequestNotComplete')).toBe(true);
      expect(retries(legacy('sts'), 400, 'IDPCommunicationError')).toBe(true);
      expect(retries(legacy('lambda'), 400, 'LimitExceededException')).toBe(false);
    });

    it('dynamodb: conflicts, TransactionInProgress, 10 attempts', () => {
      const s = legacy('dynamodb');
      expect(retries(s, 409, 'ReplicatedWriteConflictException')).toBe(true);
      expect(retries(s, 400, 'TransactionInProgressException')).toBe(true);
      expect(retries(s, 400, 'ProvisionedThroughputExceededException', 9)).toBe(true);
      expect(retries(s, 400, 'ProvisionedThroughputExceededException', 10)).toBe(false);
    });

    it('dynamodb: CRC32 mismatch retried, and raised as ChecksumError on the last attempt', () => {
      const body = Buffer.from('{"Count":1}');
      const good = { statusCode: 200, headers: { 'x-amz-crc32': String(crc32(body) >>> 0) }, body };
      const bad = { ...good, headers: { 'x-amz-crc32': '12345' } };
      const s = legacy('dynamodb', 3);
      expect(s.decide({ attempt: 1, operationName: 'GetItem', response: okResponse(), httpResponse: good })).toBeNull();
      expect(s.decide({ attempt: 1, operationName: 'GetItem', response: okResponse(), httpResponse: bad })).not.toBeNull();
      expect(() => s.decide({ attempt: 3, operationName: 'GetItem', response: okResponse(), httpResponse: bad })).toThrow(ChecksumError);
      // other services do not check
      expect(legacy('s3').decide({ attempt: 1, operationName: 'GetObject', response: okResponse(), httpResponse: bad })).toBeNull();
    });

    it('dynamodb: a body that did not parse is checked against its CRC32 (retried, then ChecksumError); intact, its parse error stands', () => {
      const body = Buffer.from('{"Count":');
      const parseError = new ResponseParserError('Unable to parse response');
      const good = { statusCode: 200, headers: { 'x-amz-crc32': String(crc32(body) >>> 0) }, body };
      const bad = { ...good, headers: { 'x-amz-crc32': '12345' } };
      const s = legacy('dynamodb', 3);
      expect(s.decide({ attempt: 1, operationName: 'GetItem', error: parseError, httpResponse: bad })).not.toBeNull();
      expect(() => s.decide({ attempt: 3, operationName: 'GetItem', error: parseError, httpResponse: bad })).toThrow(ChecksumError);
      expect(s.decide({ attempt: 1, operationName: 'GetItem', error: parseError, httpResponse: good })).toBeNull();
    });
  });

  describe('attempts and delay', () => {
    it('stops at max_attempts and marks MaxAttemptsReached (only when it would have retried)', () => {
      const s = legacy('lambda');
      expect(retries(s, 500, undefined, 4)).toBe(true);
      const last = errorResponse(500);
      expect(s.decide({ attempt: 5, operationName: 'Op', response: last })).toBeNull();
      expect(last.ResponseMetadata.MaxAttemptsReached).toBe(true);
      const notRetryable = errorResponse(400, 'ValidationException');
      expect(s.decide({ attempt: 5, operationName: 'Op', response: notRetryable })).toBeNull();
      expect(notRetryable.ResponseMetadata.MaxAttemptsReached).toBeUndefined();
    });

    it("delay = rand * 2 ** (attempt - 1), uncapped, for base 'rand'", () => {
      const s = legacy('lambda', 10, () => 0.25);
      const delays = [1, 2, 3, 9].map((attempt) => s.decide({ attempt, operationName: 'Op', response: errorResponse(503) }));
      expect(delays).toEqual([0.25, 0.5, 1, 64]);
    });

    it('delay = 0.05 * 2 ** (attempt - 1) for dynamodb', () => {
      const s = legacy('dynamodb');
      const delays = [1, 2, 3, 9].map((attempt) => s.decide({ attempt, operationName: 'Query', response: errorResponse(500) }));
      expect(delays).toEqual([0.05, 0.1, 0.2, 12.8]);
    });

    it('has no quota: retries keep coming', () => {
      const s = legacy('lambda');
      for (let i = 0; i < 1000; i++) expect(retries(s, 500)).toBe(true);
      s.onSuccess();
    });
  });

  it('an empty or missing _retry.json yields botocore defaults without policies', () => {
    const s = createRetryStrategy({ mode: 'legacy', serviceName: 'x', retryData: undefined, random: () => 1 }) as LegacyRetryStrategy;
    expect(s.maxAttempts).toBe(5);
    expect(retries(s, 500)).toBe(false);
  });
});
